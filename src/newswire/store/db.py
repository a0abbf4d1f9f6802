"""The event database: opening it (with migrations) and writing analysed articles in batches.

One process writes at a time; each batch is one transaction, so a run killed at any moment leaves the
database as it was after the last finished batch, and a rerun skips what is already there.
Events are GDELT-style: the same event reported by several articles is one row whose mentions
are counted (NumMentions, NumSources, NumArticles, AvgTone). Two event reports are the same
event when they share the story, the source and target codes, the CAMEO root, and a date within
a day.

Sharing the file: DuckDB lets one process open a database file for writing, and while it does, no other
process can open it at all (not even to read). So a *shared* store (``Store(path, shared=True)``, what
``ingest`` and ``watch`` use) opens the file only for the moment it reads or writes a batch and closes it
again, and readers (``serve``, ``stats``...) open it read-only for one request; whoever finds the file
taken waits and tries again (:func:`connect`). A writer that finds the file changed by another writer
since it last held it drops its caches.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from newswire.config import DEFAULT_DB
from newswire.model import Rejected
from newswire.store.dedup import StoryIndex
from newswire.store.records import Prepared
from newswire.store.schema import migrate


class StoreError(OSError):
    """The database cannot be opened or used (locked, not a DuckDB file, too new)."""


WRITE_WAIT = 120.0  # seconds a writer waits for readers and other writers to let go of the file
READ_WAIT = 15.0  # seconds a reader waits for a writer to let go of it


def _locked(exc: BaseException) -> bool:
    return "lock" in str(exc).lower()


def connect(path: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open the database file, waiting up to ``wait`` seconds while another process holds it."""
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not _locked(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


@dataclass
class WriteResult:
    added: int = 0  # articles stored
    skipped: int = 0  # already stored
    events: int = 0  # new event rows
    mentions: int = 0  # new event mentions
    rejects: int = 0

    def __iadd__(self, other: WriteResult) -> WriteResult:
        for f in ("added", "skipped", "events", "mentions", "rejects"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        return self


def parse_day(value: str | None) -> date | None:
    """A record's date ("YYYY-MM-DD...", "YYYY-MM", "YYYY") as a day; a month stands for its first day."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4:
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[tuple[str, str]],
            rows: Sequence[Sequence[Any]], conflict: str = "") -> None:
    """Insert many rows column-wise (one list per column, unnested): ~50x faster than executemany."""
    if not rows:
        return
    names = ", ".join(c for c, _ in columns)
    selects = ", ".join(f"unnest(?::{t}[])" for _, t in columns)
    values = [list(col) for col in zip(*rows, strict=True)]
    con.execute(f"INSERT INTO {table} ({names}) SELECT {selects} {conflict}", values)


_ARTICLE_COLS = [("key", "VARCHAR"), ("id", "VARCHAR"), ("url", "VARCHAR"), ("source", "VARCHAR"),
                 ("title", "VARCHAR"), ("published", "VARCHAR"), ("pub_date", "DATE"),
                 ("language", "VARCHAR"), ("origin", "VARCHAR"), ("story_id", "VARCHAR"),
                 ("tone", "DOUBLE"), ("positive", "DOUBLE"), ("negative", "DOUBLE"),
                 ("word_count", "INTEGER"), ("signature", "BLOB"), ("record", "VARCHAR"),
                 ("added", "TIMESTAMP")]
_ENTITY_COLS = [("article_key", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"), ("label", "VARCHAR"),
                ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("actor_code", "VARCHAR"),
                ("actor_name", "VARCHAR"), ("actor_country", "VARCHAR")]
_QUOTE_COLS = [("article_key", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"), ("speaker", "VARCHAR"),
               ("speaker_code", "VARCHAR"), ("kind", "VARCHAR"), ("start_char", "INTEGER"),
               ("end_char", "INTEGER")]
_ACTOR_FIELDS = [("code", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"), ("igo", "VARCHAR"),
                 ("sector", "VARCHAR")]
_EVENT_COLS = ([("id", "BIGINT"), ("story_id", "VARCHAR"), ("date", "DATE"), ("date_text", "VARCHAR")]
               + [(f"source_{n}", t) for n, t in _ACTOR_FIELDS] + [(f"target_{n}", t) for n, t in _ACTOR_FIELDS]
               + [("cameo", "VARCHAR"), ("cameo_base", "VARCHAR"), ("cameo_root", "VARCHAR"),
                  ("plover", "VARCHAR"), ("mode", "VARCHAR"), ("quad_class", "TINYINT"),
                  ("goldstein", "DOUBLE"), ("status", "VARCHAR"), ("location_name", "VARCHAR"),
                  ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
                  ("sentence", "VARCHAR"), ("trigger", "VARCHAR"), ("confidence", "DOUBLE"),
                  ("is_root", "BOOLEAN"), ("first_article", "VARCHAR"), ("url", "VARCHAR"),
                  ("added", "TIMESTAMP")])
_MENTION_COLS = [("event_id", "BIGINT"), ("article_key", "VARCHAR"), ("source", "VARCHAR"), ("url", "VARCHAR"),
                 ("sentence_id", "INTEGER"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
                 ("action_char", "INTEGER"), ("sentence", "VARCHAR"), ("trigger", "VARCHAR"),
                 ("status", "VARCHAR"), ("confidence", "DOUBLE"), ("in_lead", "BOOLEAN"),
                 ("doc_len", "INTEGER"), ("doc_tone", "DOUBLE"), ("added", "TIMESTAMP")]


def _actor(d: dict | None) -> list[Any]:
    d = d or {}
    return [d.get(n) for n, _ in _ACTOR_FIELDS]


@dataclass
class _EventSlot:
    id: int
    day: date | None


class Store:
    """An open newswire database. Use as a context manager; ``write`` stores a batch atomically.

    ``shared`` (file databases only): the file is held only while a batch is read or written
    (:meth:`session`), so other processes can read and write it in between.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, shared: bool = False,
                 wait: float | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.shared = shared and self.path != ":memory:"
        self.wait = wait if wait is not None else (READ_WAIT if read_only else WRITE_WAIT)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        self._mark: tuple | None = None  # what the file held when this writer let go of it
        self._reset_caches()
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `newswire ingest` first)")
        _ = self.con  # opened (and migrated) now, so a bad file is reported at once
        if self.shared:
            self.release()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            try:
                self._con = connect(self.path, read_only=self.read_only, wait=self.wait)
                if not self.read_only:
                    migrate(self._con)
            except (duckdb.Error, RuntimeError) as exc:
                if self._con is not None:
                    self._con.close()
                    self._con = None
                raise StoreError(f"{self.path}: cannot open the database: {_short(exc)}") from exc
            if self._mark is not None and not self.read_only and self._fingerprint() != self._mark:
                self._reset_caches()  # another writer came in between: what we cached may be stale
        return self._con

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file for the block; a shared store lets go of it when the outermost block ends."""
        self._depth += 1
        try:
            yield self.con
        finally:
            self._depth -= 1
            if self._depth == 0 and self.shared:
                self.release()

    def release(self) -> None:
        """Close the file until it is next needed (other processes can open it meanwhile)."""
        if self._con is not None:
            if not self.read_only:
                self._mark = self._fingerprint()
            self._con.close()
            self._con = None

    def _fingerprint(self) -> tuple:
        assert self._con is not None
        return self._con.execute("SELECT (SELECT count(*) FROM articles), (SELECT max(id) FROM events), "
                                 "(SELECT count(*) FROM rejects)").fetchone()

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _reset_caches(self) -> None:
        self._stories: StoryIndex | None = None
        self._copies: dict[str, str] | None = None  # content id -> story of every stored article
        self._events: dict[tuple, list[_EventSlot]] = {}
        self._loaded_stories: set[str] = set()
        self._next_event: int | None = None

    # -- reading helpers used by ingest ----------------------------------------------------
    def known_keys(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        if not keys:
            return set()
        with self.session() as con:
            rows = con.execute("SELECT key FROM articles WHERE key IN (SELECT unnest(?::VARCHAR[]))",
                               [keys]).fetchall()
        return {r[0] for r in rows}

    def record(self, article_id: str) -> dict[str, Any] | None:
        """The stored analysis record of an article, by its id (or its stored copy's key)."""
        row = self.con.execute("SELECT record FROM articles WHERE id = ? OR key = ? ORDER BY added LIMIT 1",
                               [article_id, article_id]).fetchone()
        return json.loads(row[0]) if row else None

    # -- the watcher's memory -------------------------------------------------------------------
    def watch_state(self, source: str) -> dict[str, Any] | None:
        """What a watched source said when last read (validators, failures, when to ask again)."""
        with self.session() as con:
            cur = con.execute("SELECT * FROM watch_sources WHERE source = ?", [source])
            row = cur.fetchone()
            return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

    def save_watch_state(self, source: str, *, etag: str | None, last_modified: str | None, status: str,
                         failures: int, retry_after: Any = None) -> None:
        with self.session() as con:
            con.execute("INSERT OR REPLACE INTO watch_sources VALUES (?, ?, ?, now(), ?, ?, ?)",
                        [source, etag, last_modified, status, failures, retry_after])

    def watched_items(self, items: Iterable[str]) -> dict[str, tuple[int, str | None]]:
        """Items met before: item → (fetch attempts, outcome; None while it is still to be dealt with)."""
        items = list(items)
        if not items:
            return {}
        with self.session() as con:
            rows = con.execute("SELECT item, attempts, outcome FROM watch_items "
                               "WHERE item IN (SELECT unnest(?::VARCHAR[]))", [items]).fetchall()
        return {item: (attempts, outcome) for item, attempts, outcome in rows}

    @staticmethod
    def note_items(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str, int, str | None]]) -> None:
        """Record (item, source, attempts, outcome) rows; meant for ``write``'s ``also``, so that an item is
        marked dealt with in the transaction that stores its article."""
        _insert(con, "watch_items", [("item", "VARCHAR"), ("source", "VARCHAR"), ("attempts", "INTEGER"),
                                     ("outcome", "VARCHAR")], rows,
                conflict="ON CONFLICT (item) DO UPDATE SET attempts = excluded.attempts, outcome = excluded.outcome")
        con.execute("UPDATE watch_items SET first_seen = now() WHERE first_seen IS NULL")

    # -- writing -----------------------------------------------------------------------------
    def log_rejects(self, rejects: Sequence[Rejected]) -> int:
        rows = list({(r.name, r.reason): None for r in rejects})
        _insert(self.con, "rejects", [("name", "VARCHAR"), ("reason", "VARCHAR")],
                rows, conflict="ON CONFLICT DO NOTHING")
        if rows:
            self.con.execute("UPDATE rejects SET first_seen = now() WHERE first_seen IS NULL")
        return len(rows)

    def write(self, batch: Sequence[Prepared], rejects: Sequence[Rejected] = (),
              also: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> WriteResult:
        """Store a batch of prepared articles (and rejected inputs) in one transaction; ``also`` writes
        more in the same transaction (the watcher's memory of the items the batch came from)."""
        with self.session() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                result = self._write(batch)
                result.rejects = self.log_rejects(rejects)
                if also is not None:
                    also(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                self._reset_caches()  # the caches may hold what was rolled back
                raise
        return result

    def _story_index(self) -> StoryIndex:
        if self._stories is None:
            index = StoryIndex()
            for key, sig, story, day in self.con.execute(
                    "SELECT key, signature, story_id, pub_date FROM articles WHERE signature IS NOT NULL "
                    "ORDER BY added, key").fetchall():
                index.add(key, sig, story, day)
            self._stories = index
        return self._stories

    def _candidates(self, story: str, new_story: bool) -> None:
        """Load a story's stored events into the matching cache once (new stories have none)."""
        if story in self._loaded_stories:
            return
        self._loaded_stories.add(story)
        if new_story:
            return
        for eid, day, src, tgt, root in self.con.execute(
                "SELECT id, date, source_code, target_code, cameo_root FROM events WHERE story_id = ?",
                [story]).fetchall():
            self._events.setdefault((story, root, src, tgt), []).append(_EventSlot(eid, day))

    def _event_id(self) -> int:
        if self._next_event is None:
            row = self.con.execute("SELECT max(id) FROM events").fetchone()
            self._next_event = (row[0] or 0) + 1
        eid = self._next_event
        self._next_event += 1
        return eid

    def _write(self, batch: Sequence[Prepared]) -> WriteResult:
        result = WriteResult()
        known = self.known_keys(p.key for p in batch)
        index = self._story_index()
        now = self.con.execute("SELECT now()::TIMESTAMP").fetchone()[0]
        articles, entities, quotes, events, mentions, stories, sources = [], [], [], [], [], [], {}
        copies = self._copies_index()
        touched: set[int] = set()
        for p in batch:
            if p.key in known:
                result.skipped += 1
                continue
            known.add(p.key)
            r = p.record
            day = parse_day(r.get("published"))
            story = copies.get(p.id) or index.find(p.signature, day)
            new_story = story is None
            if story is None:
                story = p.key
                stories.append((story, r.get("title"), now))
            copies.setdefault(p.id, story)
            index.add(p.key, p.signature, story, day)
            if p.source:
                sources[p.source] = (p.source, now)
            articles.append((p.key, p.id, r.get("url"), p.source, r.get("title"), r.get("published"), day,
                             r.get("language"), p.origin, story, p.tone.tone, p.tone.positive,
                             p.tone.negative, p.tone.word_count, p.signature,
                             json.dumps(r, ensure_ascii=False), now))
            for i, e in enumerate(r.get("entities", [])):
                actor = e.get("actor") or {}
                entities.append((p.key, i, e["text"], e["label"], e["start"], e["end"], actor.get("code"),
                                 actor.get("name"), actor.get("country")))
            for i, q in enumerate(r.get("quotes", [])):
                speaker = q.get("speaker_actor") or {}
                quotes.append((p.key, i, q["text"], q.get("speaker"), speaker.get("code"), q["kind"],
                               q["start"], q["end"]))
            self._candidates(story, new_story)
            body = r.get("body") or ""
            lead_end = body.find("\n\n") if "\n\n" in body else len(body)
            for ev, sentence_id in zip(r.get("events", []), p.sentence_ids, strict=False):
                ev_day = parse_day(ev.get("date")) or day
                src = (ev.get("source") or {}).get("code")
                tgt = (ev.get("target") or {}).get("code")
                cameo = str(ev.get("cameo") or "")
                slots = self._events.setdefault((story, cameo[:2], src, tgt), [])
                slot = next((s for s in slots if _same_day(s.day, ev_day)), None)
                in_lead = ev.get("start", 0) < lead_end
                if slot is None:
                    slot = _EventSlot(self._event_id(), ev_day)
                    slots.append(slot)
                    loc = ev.get("location") or {}
                    events.append([slot.id, story, ev_day, ev.get("date") or r.get("published")]
                                  + _actor(ev.get("source")) + _actor(ev.get("target"))
                                  + [cameo, cameo[:3], cameo[:2], ev.get("plover"), ev.get("mode"),
                                     ev.get("quad_class"), ev.get("goldstein"), ev.get("status"),
                                     loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"),
                                     ev.get("sentence"), ev.get("trigger"), ev.get("confidence"), in_lead,
                                     p.key, r.get("url"), now])
                    result.events += 1
                trigger_at = (ev.get("sentence") or "").find(ev.get("trigger") or "\x00")
                mentions.append((slot.id, p.key, p.source, r.get("url"), sentence_id, ev.get("start"),
                                 ev.get("end"), ev.get("start", 0) + trigger_at if trigger_at >= 0 else None,
                                 ev.get("sentence"), ev.get("trigger"), ev.get("status"),
                                 ev.get("confidence"), in_lead, len(body), p.tone.tone, now))
                touched.add(slot.id)
            result.added += 1
        con = self.con
        _insert(con, "sources", [("name", "VARCHAR"), ("first_seen", "TIMESTAMP")], list(sources.values()),
                conflict="ON CONFLICT DO NOTHING")
        _insert(con, "stories", [("id", "VARCHAR"), ("title", "VARCHAR"), ("created", "TIMESTAMP")], stories)
        _insert(con, "articles", _ARTICLE_COLS, articles)
        _insert(con, "entities", _ENTITY_COLS, entities)
        _insert(con, "quotes", _QUOTE_COLS, quotes)
        _insert(con, "events", _EVENT_COLS, events)
        _insert(con, "mentions", _MENTION_COLS, mentions)
        result.mentions = len(mentions)
        if touched:
            ids = sorted(touched)
            con.execute("""
                UPDATE events SET num_mentions = a.n, num_articles = a.na, num_sources = a.ns, avg_tone = b.t
                FROM (SELECT event_id, count(*) AS n, count(DISTINCT article_key) AS na,
                             count(DISTINCT coalesce(source, url, article_key)) AS ns
                      FROM mentions WHERE event_id IN (SELECT unnest(?::BIGINT[])) GROUP BY event_id) a,
                     (SELECT event_id, avg(doc_tone) AS t   -- GDELT: the mean tone of the documents
                      FROM (SELECT DISTINCT event_id, article_key, doc_tone FROM mentions
                            WHERE event_id IN (SELECT unnest(?::BIGINT[]))) GROUP BY event_id) b
                WHERE events.id = a.event_id AND b.event_id = a.event_id""", [ids, ids])
        return result

    def _copies_index(self) -> dict[str, str]:
        """Content id → story for every stored article: an exact copy (the same text at another URL)
        joins its original's story. Loaded once, then kept up to date by the writer (one query per
        article made ingest slow down as the table grew)."""
        if self._copies is None:
            self._copies = {}
            for article_id, story in self.con.execute(
                    "SELECT id, story_id FROM articles ORDER BY added, key").fetchall():
                self._copies.setdefault(article_id, story)
        return self._copies


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if _locked(exc):
        return f"{text} (another process is writing it; it did not let go in time)"
    return text


def _same_day(a: date | None, b: date | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= 1


def open_store(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
