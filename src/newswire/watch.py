"""Watch: read feeds, news sitemaps and URL lists on a schedule and store what is new, round after round.

Each round reads every source once, with a conditional request (``If-None-Match`` / ``If-Modified-Since``
from the validators the source sent last time), takes the items not dealt with before, fetches their pages
(one :class:`~newswire.sources.Fetcher` for the whole run: robots.txt and its Crawl-delay, a delay between
two requests to one host, retries with back-off), analyses them and stores them in batches.

Nothing is lost or stored twice when the watcher is killed at any moment (``kill -9`` included):

* an item is marked dealt with in the same transaction that stores its article, so an item whose batch
  was not written is still to do after a restart, and one that was is not done again;
* a source's validators are saved only once every new item it listed is dealt with, so a source cut off
  halfway is read again in full rather than answered "304 Not Modified".

A source that fails (unreachable, 5xx after the retries, unreadable) is left alone for a while that
doubles with each failure in a row; an item page that fails is tried again next round, three times at most.
The database is a shared :class:`~newswire.store.Store`: held only while a batch is written, so
``serve`` reads it and ``ingest`` writes it meanwhile.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from newswire.config import Settings
from newswire.ingest import analyze_batch
from newswire.model import Article, Document, InputError, Rejected
from newswire.pipeline import Pipeline, extract_document
from newswire.sources import Fetcher
from newswire.sources.detect import detect, media_format
from newswire.sources.feeds import feed_items
from newswire.sources.http import Response, is_url
from newswire.sources.sitemaps import is_sitemap, is_url_list, read_sitemap, url_list
from newswire.store import Store, WriteResult, article_key

MAX_ATTEMPTS = 3  # an item page that fails this many rounds in a row is given up
MAX_BACKOFF = 24 * 3600.0  # seconds; a failing source is asked at least once a day
MAX_CHILD_SITEMAPS = 50  # sitemaps read from one sitemap index per round
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds from "15m", "30s", "1h", "2d" or a bare number of seconds; InputError otherwise."""
    match = _EVERY.match(text or "")
    if not match or float(match.group(1)) <= 0:
        raise InputError(f"--every takes a duration such as 30s, 15m, 1h (got {text!r})")
    return float(match.group(1)) * _UNIT[(match.group(2) or "").lower()]


@dataclass
class Round:
    """What one round did."""

    number: int
    sources: int = 0
    unchanged: int = 0  # answered 304 Not Modified
    failed: int = 0  # sources that could not be read
    waiting: int = 0  # sources left alone this round (backing off after failures)
    new: int = 0  # items not met before
    written: WriteResult = field(default_factory=WriteResult)
    rejected: int = 0  # new items that gave no article
    retry: int = 0  # item pages that failed this time and will be tried again
    seconds: float = 0.0

    def line(self) -> str:
        w = self.written
        parts = [f"{self.sources} sources"]
        extra = [f"{n} {what}" for n, what in ((self.unchanged, "not modified"), (self.failed, "failed"),
                                              (self.waiting, "backing off")) if n]
        if extra:
            parts[0] += f" ({', '.join(extra)})"
        parts.append(f"{self.new} new items: {w.added} articles added, {w.events} events, {self.rejected} rejected"
                     + (f", {self.retry} to retry" if self.retry else ""))
        return f"round {self.number} at {datetime.now():%H:%M:%S}: {'; '.join(parts)}; {self.seconds:.1f} s"


@dataclass
class _Item:
    """A new item: where it came from, and how to get its document."""

    key: str
    source: str
    attempts: int
    get: Callable[[], Document | Rejected]


class Watcher:
    """Watch ``sources`` into the database at ``db``; :meth:`run` loops, :meth:`round` does one round."""

    def __init__(self, sources: Sequence[str], db: str | Path | Store, *, every: float = 900.0,
                 pipeline: Pipeline | None = None, settings: Settings | None = None, batch_size: int = 8,
                 on_reject: Callable[[Rejected], None] | None = None) -> None:
        if not sources:
            raise InputError("watch needs at least one feed, sitemap or URL list")
        self.sources = list(dict.fromkeys(sources))
        self.every = every
        self.pipeline = pipeline or Pipeline(prefilter=True)
        self.settings = settings or self.pipeline.settings
        self.store = db if isinstance(db, Store) else Store(db, shared=True)
        self.fetcher = Fetcher(self.settings)
        self.batch_size = batch_size
        self.on_reject = on_reject or (lambda r: None)
        self.rounds = 0

    def close(self) -> None:
        self.fetcher.close()
        self.store.close()

    def run(self, rounds: int | None = None, on_round: Callable[[Round], None] | None = None) -> None:
        """Round after round, one every ``every`` seconds (counted from each round's start)."""
        while rounds is None or self.rounds < rounds:
            started = time.monotonic()
            done = self.round()
            if on_round:
                on_round(done)
            if rounds is not None and self.rounds >= rounds:
                return
            time.sleep(max(0.0, started + self.every - time.monotonic()))

    # -- one round -------------------------------------------------------------------------------
    def round(self) -> Round:
        self.rounds += 1
        result = Round(self.rounds, sources=len(self.sources))
        started = time.perf_counter()
        for source in self.sources:
            self._source(source, result)
        result.seconds = time.perf_counter() - started
        return result

    def _source(self, source: str, result: Round, depth: int = 0) -> None:
        state = self.store.watch_state(source) or {}
        failures = int(state.get("failures") or 0)
        if state.get("retry_after") and state["retry_after"] > datetime.now():
            result.waiting += 1
            return
        try:
            data, response = self._read(source, state)
        except InputError as exc:
            failures += 1
            wait = min(self.every * 2 ** (failures - 1), MAX_BACKOFF)
            self.store.save_watch_state(source, etag=state.get("etag"), last_modified=state.get("last_modified"),
                                        status=f"failed: {exc}", failures=failures,
                                        retry_after=datetime.now() + timedelta(seconds=wait))
            self.on_reject(Rejected(source, f"{exc} (next try in {wait:.0f} s)"))
            result.failed += 1
            return
        if data is None:  # 304: nothing new since last time
            result.unchanged += 1
            self.store.save_watch_state(source, etag=state.get("etag"), last_modified=state.get("last_modified"),
                                        status="not modified", failures=0)
            return
        try:
            items, children = self._items(source, data, response)
        except InputError as exc:
            self.store.save_watch_state(source, etag=None, last_modified=None, status=f"failed: {exc}",
                                        failures=failures + 1)
            self.on_reject(Rejected(source, str(exc)))
            result.failed += 1
            return
        if depth == 0:
            for child in children[:MAX_CHILD_SITEMAPS]:
                self._source(child, result, depth + 1)
        self._items_in_batches(items, result)
        headers = response.headers if response is not None else {}
        self.store.save_watch_state(source, etag=headers.get("ETag"),
                                    last_modified=headers.get("Last-Modified"), status="ok", failures=0)

    def _read(self, source: str, state: dict) -> tuple[bytes | None, Response | None]:
        """The source's bytes (None when unchanged since last time) and the HTTP response, if it is a URL."""
        if not is_url(source):
            path = Path(source)
            if not path.is_file():
                raise InputError("no such file")
            return path.read_bytes()[: self.settings.max_bytes], None
        conditional = {}
        if state.get("etag"):
            conditional["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            conditional["If-Modified-Since"] = state["last_modified"]
        response = self.fetcher.fetch(source, headers=conditional or None)
        if response.status == 304:
            return None, response
        return response.data, response

    def _items(self, source: str, data: bytes, response: Response | None) -> tuple[list[_Item], list[str]]:
        """The source's new items, and (for a sitemap index) the sitemaps it lists."""
        url = response.url if response is not None else None
        name = url or source
        if is_sitemap(data):
            pages, children = read_sitemap(data)
            listed = [(p.url, self._page(p.url, p.meta)) for p in pages]
        elif is_url_list(data):
            listed, children = [(p.url, self._page(p.url, p.meta)) for p in url_list(data)], []
        elif detect(name, data[:4096], media_format(response.content_type) if response else None) == "rss":
            feed = feed_items(name, data, base_url=url)
            if isinstance(feed, Rejected):
                raise InputError(feed.reason)
            listed, children = [(i.key, (lambda i=i: i.document(self.fetcher.fetch))) for i in feed], []
        else:
            raise InputError("neither a feed, nor a sitemap, nor a list of URLs")
        known = self.store.watched_items(k for k, _ in listed)
        items = []
        for key, get in dict(listed).items():
            attempts, outcome = known.get(key, (0, None))
            if outcome is None:
                items.append(_Item(key, source, attempts, get))
        return items, children

    def _page(self, url: str, meta: dict[str, str]) -> Callable[[], Document | Rejected]:
        def get() -> Document | Rejected:
            try:
                response = self.fetcher.fetch(url)
            except InputError as exc:
                return Rejected(url, str(exc))
            page_meta = {**meta, "url": response.url}
            if response.charset:
                page_meta["charset"] = response.charset
            kind = "text" if response.content_type == "text/plain" else "html"
            return Document(name=url, kind=kind, data=response.data, url=response.url, meta=page_meta)

        return get

    def _items_in_batches(self, items: list[_Item], result: Round) -> None:
        result.new += sum(1 for i in items if i.attempts == 0)
        for start in range(0, len(items), self.batch_size):
            self._batch(items[start:start + self.batch_size], result)

    def _batch(self, items: Iterable[_Item], result: Round) -> None:
        articles: list[Article] = []
        notes: list[tuple[str, str, int, str | None]] = []
        rejects: list[Rejected] = []
        for item in items:
            doc = item.get()
            if isinstance(doc, Rejected):
                if item.attempts + 1 < MAX_ATTEMPTS:  # tried again next round
                    notes.append((item.key, item.source, item.attempts + 1, None))
                    result.retry += 1
                    continue
                notes.append((item.key, item.source, item.attempts + 1, f"rejected: {doc.reason}"))
                rejects.append(doc)
                continue
            found: list[Rejected] = []
            article = extract_document(doc, self.settings, found.append)
            if article is None:
                notes.append((item.key, item.source, item.attempts + 1, f"rejected: {found[0].reason}"))
                rejects += found
                continue
            notes.append((item.key, item.source, item.attempts + 1, "stored"))
            articles.append(replace(article, origin=item.key) if not article.origin else article)
        keys = [article_key(a.id, a.url) for a in articles]
        known = self.store.known_keys(keys)
        fresh = [a for a, k in zip(articles, keys, strict=True) if k not in known]
        prepared, failed = analyze_batch(fresh, self.pipeline)
        rejects += failed
        for r in rejects:
            self.on_reject(r)
        result.rejected += len(rejects)
        written = self.store.write(prepared, rejects, also=lambda con: Store.note_items(con, notes))
        written.skipped += len(articles) - len(fresh)
        result.written += written
