"""RSS and Atom feeds (feedparser): one document per item.

An item that carries the full article (Atom ``<content>``, RSS ``<content:encoded>``) is used as it is;
most feeds carry only a summary and a link, and then the linked page is fetched, because a summary
is not the article. Items that cannot be fetched are rejected one by one; the rest of the feed goes on.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from newswire.model import Document, InputError, Rejected
from newswire.sources.http import Response, is_url, resolve

# An item's content counts as the full article from this many characters of text on; shorter
# "content" is a teaser and the linked page is fetched instead.
FULL_CONTENT_CHARS = 600
_TAG = re.compile(r"<[^>]+>")

Fetch = Callable[[str], Response]


@dataclass
class FeedItem:
    """One item of a feed: a key that stays the same from one reading of the feed to the next (its link,
    else its id, else its title), and how to make its document."""

    key: str
    name: str
    entry: Any
    source: str | None
    base: str | None

    def document(self, fetch: Fetch) -> Document | Rejected:
        return entry_document(self.name, self.entry, self.source, fetch, self.base)


def feed_items(name: str, data: bytes, base_url: str | None = None) -> list[FeedItem] | Rejected:
    """The feed's items in feed order, or one Rejected saying why there are none."""
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "malformed XML").splitlines()[0][:200]
            return Rejected(name, f"not a readable RSS/Atom feed: {reason}")
        return Rejected(name, "the feed has no items")
    channel = parsed.get("feed") or {}
    source = channel.get("title")
    base = base_url or channel.get("link")  # a saved feed's relative links hang off its site's address
    items = []
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link")
        key = (resolve(link, base) if link else None) or entry.get("id") or f"{name}#{_text(entry.get('title', ''))}"
        items.append(FeedItem(key, f"{name}#{number}", entry, source, base))
    return items


def iter_feed(name: str, data: bytes, *, fetch: Fetch, base_url: str | None = None) -> Iterator[Document | Rejected]:
    """Documents for a feed's items, in feed order."""
    items = feed_items(name, data, base_url)
    if isinstance(items, Rejected):
        yield items
        return
    for item in items:
        yield item.document(fetch)


def entry_document(name: str, entry, source: str | None, fetch: Fetch, base_url: str | None) -> Document | Rejected:
    link = entry.get("link")
    link = resolve(link, base_url) if link else None
    meta = {"title": _text(entry.get("title", "")), "url": link or "", "source": source or "",
            "published": _published(entry) or ""}
    meta = {k: v for k, v in meta.items() if v}
    content = _full_content(entry)
    if content is not None:
        value, is_html = content
        if not is_html:
            return Document(name=link or name, kind="body", data=value.encode("utf-8"), url=link, meta=meta)
        return Document(name=link or name, kind="html", data=_page(meta.get("title", ""), value), url=link, meta=meta)
    if link and is_url(link):
        try:
            response = fetch(link)
        except InputError as exc:
            return Rejected(link, str(exc))
        meta["url"] = response.url
        if response.charset:
            meta["charset"] = response.charset
        kind = "text" if response.content_type == "text/plain" else "html"
        return Document(name=link, kind=kind, data=response.data, url=response.url, meta=meta)
    summary = entry.get("summary") or ""
    if _text(summary):
        return Document(name=link or name, kind="html", data=_page(meta.get("title", ""), summary), url=link,
                        meta=meta)
    return Rejected(link or name, "feed item has no content, no summary and no link to fetch")


def _full_content(entry) -> tuple[str, bool] | None:
    """The item's longest content block and whether it is HTML, when it is long enough to be the article."""
    best = None
    for block in entry.get("content") or []:
        value = block.get("value") or ""
        if best is None or len(value) > len(best.get("value") or ""):
            best = block
    if best is None:
        return None
    value = best.get("value") or ""
    if len(_text(value)) < FULL_CONTENT_CHARS:
        return None
    return value, "html" in (best.get("type") or "text/html")


def _page(title: str, fragment: str) -> bytes:
    """A feed's HTML fragment wrapped as a page, so the HTML extractor sees a title and an article."""
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
            f"<body><article><h1>{html.escape(title)}</h1>\n{fragment}\n</article></body></html>").encode()


def _text(value: str) -> str:
    return html.unescape(_TAG.sub(" ", value or "")).strip()


def _published(entry) -> str | None:
    """The item's date as ISO 8601, keeping the feed's own time zone where it gives one."""
    # names, not words: feedparser's date fields
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        try:
            return parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw).isoformat()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None
