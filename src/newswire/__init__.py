"""newswire: turn news into event data — who did what to whom, when and where, with the sentence that says so.

The library face lives in :mod:`newswire.api`; the command line (:mod:`newswire.cli`) is a thin layer over it.
Importing the package imports nothing else: its names are loaded from the api on first use, so that any
stage can be imported alone (``newswire.extract`` does not pull in spaCy or DuckDB).
"""

from typing import TYPE_CHECKING, Any

from newswire.config import VERSION as __version__

__all__ = ["__version__", "analyze", "analyze_articles", "analyze_text", "ingest", "open_db", "read_articles"]

if TYPE_CHECKING:
    from newswire.api import analyze, analyze_articles, analyze_text, ingest, open_db, read_articles  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newswire import api

        return getattr(api, name)
    raise AttributeError(f"module 'newswire' has no attribute {name!r}")
