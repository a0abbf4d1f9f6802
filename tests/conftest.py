"""Shared test fixtures. Tests that read ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_7709bc4aa7c3aaf0.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
