"""Coreference (STUB: being written)."""
from newswire.model import Analysis


def resolve_coreference(analysis: Analysis, dictionary) -> None:
    return None
