"""Dates (STUB: being written)."""
from newswire.model import Analysis


def resolve_dates(analysis: Analysis) -> None:
    return None
