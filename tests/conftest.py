"""Shared test fixtures. Tests that read ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_7709bc4aa7c3aaf0.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"  # the browser tests' screenshots, remade on each run
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="Debian's Chromium is not installed (.ci/run installs it)")


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the calling test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is absent (evaluation data lives beside the repo)")
    return path


@pytest.fixture(scope="session")
def dictionary():
    """The bundled actor dictionary with the test people of ``fixtures/actors/people.yaml``."""
    from newswire.actors import load_dictionary

    return load_dictionary((str(FIXTURES / "actors" / "people.yaml"),))


@pytest.fixture
def seed_path() -> Path:
    return need_shared("seed", "000_7709bc4aa7c3aaf0.txt")


@contextmanager
def served(app: Any) -> Iterator[str]:
    """An ASGI app served by uvicorn on a free port of 127.0.0.1, in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def chromium(p: Any) -> Any:
    """Debian's Chromium, headless, with nothing that reaches out to the network."""
    return p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])
