"""Actor dictionaries and resolution (STUB: being written)."""
from __future__ import annotations

from newswire.model import Analysis


def load_dictionary(extra=()):
    return None


def resolve_actors(analysis: Analysis, dictionary) -> None:
    return None
