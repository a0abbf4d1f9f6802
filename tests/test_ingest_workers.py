"""A killed parallel ingest leaves no process behind: its spaCy workers (~340 MB each) and the
multiprocessing resource tracker go with it, whether it got SIGTERM or SIGKILL.

The processes are real: ``newswire ingest --jobs 2`` in a subprocess, watched through /proc.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newswire.store import Store

pytestmark = [pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)"),
              pytest.mark.slow]  # worker processes started and killed

COUNTRIES = ["Iran", "Iraq", "Syria", "Egypt", "Jordan", "Turkey", "Greece", "France", "Spain", "Italy"]
ARTICLES = 8


def _articles(folder: Path) -> Path:
    """Small, distinct wire stories, one a file."""
    folder.mkdir()
    for i in range(ARTICLES):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i // 10 + 1 + i) % 10]
        (folder / f"story{i:02d}.txt").write_text(
            f"{a} expels {b} envoy\n\n{a} expelled {i + 2} {b} diplomats on Monday, the foreign ministry "
            f"said. Officials in {b} condemned the decision on Tuesday.\n", encoding="utf-8")
    return folder


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat's fields after the command name, or None when the process is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None if fields[0] in ("Z", "X") else fields


def _children(parent: int) -> dict[int, str]:
    """Live children of ``parent``: pid → command line."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == parent:
            try:
                out[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
    return out


def _loading_spacy(pid: int) -> bool:
    """Whether the worker has mapped spaCy's compiled modules: it is in its initializer (or past it)."""
    try:
        return "/spacy/" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _start_with_workers(folder: Path, db: Path, log: Path) -> tuple[subprocess.Popen, dict[int, str]]:
    """Start ``ingest --jobs 2``; return once its two workers are loading spaCy, with its children then.

    Its stderr goes to a file, not a pipe: orphaned workers would hold a pipe open for good.
    """
    cmd = [sys.executable, "-m", "newswire.cli", "ingest", str(folder), "--db", str(db), "--jobs", "2",
           "--batch-size", "2"]
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        children = _children(proc.pid)
        workers = [p for p, c in children.items() if "spawn_main" in c]
        if len(workers) == 2 and all(_loading_spacy(p) for p in workers):
            return proc, children
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"ingest never had two workers (exit {proc.wait()}): {log.read_text()[-2000:]}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_killed_parallel_ingest_leaves_no_process_behind(tmp_path, sig):
    folder, db, log = _articles(tmp_path / "stories"), tmp_path / "news.duckdb", tmp_path / "stderr.txt"
    proc, children = _start_with_workers(folder, db, log)
    assert any("resource_tracker" in c for c in children.values()), children
    try:
        proc.send_signal(sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while (alive := {p: c for p, c in children.items() if _stat(p)}) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive, f"left behind after {sig.name}: {alive}"
    finally:  # never leave a failed run's orphans on the machine
        for pid in children:
            if _stat(pid):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode in (-sig, 128 + sig), log.read_text()
    if sig == signal.SIGTERM:
        assert "Traceback" not in log.read_text()
        rerun = subprocess.run([sys.executable, "-m", "newswire.cli", "ingest", str(folder), "--db", str(db)],
                               capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr
        with Store(db, read_only=True) as store:
            stored = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert stored == ARTICLES, rerun.stdout + rerun.stderr
