"""Event coding (STUB: being written)."""
from newswire.model import Analysis


def code_events(analysis: Analysis) -> None:
    return None
