"""Defaults in one place: the version, the database file, and the settings shared by the stages (limits and
the network's manners)."""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "0.1.0"
DEFAULT_DB = "newswire.duckdb"  # the database file when none is named


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20 * 1024 * 1024  # inputs larger than this are rejected, not read
    # article texts longer than this are rejected: no news article is this long (it is a book, a dump, a
    # record run into the rest of its file) and it would take minutes; shorter long ones are parsed in pieces
    max_chars: int = 2_000_000
    timeout: float = 20.0  # seconds per HTTP request
    retries: int = 3  # HTTP attempts after the first, with exponential back-off
    backoff: float = 0.5  # first back-off delay in seconds; doubles each retry
    respect_robots: bool = True
    # seconds between two requests to one host (a robots.txt Crawl-delay asks for more, and gets it)
    host_delay: float = 1.0
    user_agent: str = f"newswire/{VERSION} (event-data research crawler; +https://pypi.org/project/newswire/)"


DEFAULT = Settings()
