"""Quotes (STUB: being written)."""
from newswire.model import Analysis


def find_quotes(analysis: Analysis) -> None:
    return None
