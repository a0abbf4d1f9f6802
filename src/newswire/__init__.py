"""newswire: turn news into event data — who did what to whom, when and where, with the sentence that says so.

The library face lives in :mod:`newswire.api`; the command line (:mod:`newswire.cli`) is a thin layer over it.
"""

__version__ = "0.1.0"

from newswire.api import analyze, analyze_articles, analyze_text, ingest, open_db, read_articles  # noqa: E402

__all__ = ["__version__", "analyze", "analyze_articles", "analyze_text", "ingest", "open_db", "read_articles"]
