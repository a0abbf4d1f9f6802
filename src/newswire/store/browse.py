"""Lookups for browsing the database (the dashboard and the HTTP API): single records, pages,
timelines. Every query is parameterised; limits and offsets are integers checked by the caller.
"""

from __future__ import annotations

import json
from typing import Any

from newswire.store.queries import (
    EVENT_COLUMNS,
    OCCURRED,
    PERIODS,
    Resolved,
    actor_sql,
    contains,
    date_where,
    fill_periods,
    plain_row,
    status_where,
    statuses,
)


def _rows(store, sql: str, params: list[Any] | tuple = ()) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [plain_row(dict(zip(names, row, strict=True))) for row in cur.fetchall()]


def event(store, event_id: int) -> dict[str, Any] | None:
    """One event row with its mentions (the article copies that report it), first mention first."""
    rows = _rows(store, f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ? AND is_root", [event_id])
    if not rows:
        rows = _rows(store, f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ? LIMIT 1", [event_id])
    if not rows:
        return None
    out = rows[0]
    out["mentions"] = _rows(store, """
        SELECT m.article_key, m.source, m.url, m.start_char, m.end_char, m.sentence, m.trigger, m.status,
               a.title, a.published
        FROM mentions m LEFT JOIN articles a ON a.key = m.article_key
        WHERE m.event_id = ? ORDER BY m.added, m.article_key""", [event_id])
    return out


def article_record(store, key: str) -> dict[str, Any] | None:
    """The stored analysis record of the article copy ``key`` (or of an article id)."""
    row = store.con.execute("SELECT record, key, url, story_id FROM articles WHERE key = ? OR id = ? "
                            "ORDER BY added LIMIT 1", [key, key]).fetchone()
    if not row:
        return None
    record = json.loads(row[0])
    record["key"], record["story_id"] = row[1], row[3]
    record["url"] = record.get("url") or row[2]
    return record


def _article_filter(text: str | None, since: str | None, until: str | None, alias: str = "a",
                    ) -> tuple[str, list[Any]]:
    """Articles whose title, subtitle or body holds ``text`` (literally), published ``since`` … ``until``."""
    where, params = date_where(since, until, f"{alias}.pub_date")
    if text:
        where.append(f"({alias}.title ILIKE ? ESCAPE '\\' OR json_extract_string({alias}.record, '$.subtitle') "
                     f"ILIKE ? ESCAPE '\\' OR json_extract_string({alias}.record, '$.body') ILIKE ? ESCAPE '\\')")
        params += [contains(text)] * 3
    return " AND ".join(where) or "TRUE", params


def articles(store, *, text: str | None = None, since: str | None = None, until: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles, newest first, every one (with events or without): ``text`` searches titles and bodies,
    ``since`` and ``until`` bound the publication day. Each with the number of events and quotes it holds."""
    where, params = _article_filter(text, since, until)
    return _rows(store, f"""
        SELECT a.key, a.id, a.title, a.source, a.url, a.published, a.story_id, round(a.tone, 2) AS tone,
               a.word_count,
               (SELECT count(DISTINCT m.event_id) FROM mentions m WHERE m.article_key = a.key) AS events,
               (SELECT count(*) FROM quotes q WHERE q.article_key = a.key) AS quotes
        FROM articles a WHERE {where} ORDER BY a.pub_date DESC NULLS LAST, a.key LIMIT ? OFFSET ?""",
                 [*params, int(limit), int(offset)])


def count_articles(store, *, text: str | None = None, since: str | None = None, until: str | None = None) -> int:
    """How many articles :func:`articles` finds with the same filters, over all its pages."""
    where, params = _article_filter(text, since, until)
    return int(store.con.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0])


def stories(store, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    return _rows(store, """
        SELECT s.id, s.title, count(a.key) AS articles, count(DISTINCT a.source) AS sources,
               min(a.pub_date) AS first_date
        FROM stories s LEFT JOIN articles a ON a.story_id = s.id
        GROUP BY s.id, s.title ORDER BY articles DESC, first_date DESC NULLS LAST, s.id LIMIT ? OFFSET ?""",
                 [int(limit), int(offset)])


def _quote_filter(speaker: str | None, text: str | None, since: str | None, until: str | None,
                  ) -> tuple[str, list[Any]]:
    where, params = date_where(since, until, "a.pub_date")
    if speaker:
        where.append("(q.speaker ILIKE ? ESCAPE '\\' OR q.speaker_code = ?)")
        params += [contains(speaker), speaker.upper()]
    if text:
        where.append("q.text ILIKE ? ESCAPE '\\'")
        params.append(contains(text))
    return " AND ".join(where) or "TRUE", params


def quotes(store, *, speaker: str | None = None, text: str | None = None, since: str | None = None,
           until: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes, newest article first: ``speaker`` matches the speaker's name (or code), ``text`` the words
    quoted, ``since`` and ``until`` bound the article's publication day."""
    where, params = _quote_filter(speaker, text, since, until)
    return _rows(store, f"""
        SELECT q.article_key, q.text, q.speaker, q.speaker_code, q.kind, q.start_char, q.end_char,
               a.title, a.published
        FROM quotes q JOIN articles a ON a.key = q.article_key
        WHERE {where} ORDER BY a.pub_date DESC NULLS LAST, q.article_key, q.idx
        LIMIT ? OFFSET ?""", [*params, int(limit), int(offset)])


def count_quotes(store, *, speaker: str | None = None, text: str | None = None, since: str | None = None,
                 until: str | None = None) -> int:
    """How many quotes :func:`quotes` finds with the same filters, over all its pages."""
    where, params = _quote_filter(speaker, text, since, until)
    return int(store.con.execute(
        f"SELECT count(*) FROM quotes q JOIN articles a ON a.key = q.article_key WHERE {where}", params).fetchone()[0])


def timeline(store, *, by: str = "month", actor: str | Resolved | None = None, status: str | None = None,
             since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Events per period and QuadClass, optionally for one actor on either side (occurred events
    unless ``status`` says otherwise), every period from the first to the last (or over ``since`` …
    ``until``) with the empty ones filled in with zeros."""
    if by not in PERIODS:
        raise ValueError(by)
    status_sql, params = status_where(statuses(status, OCCURRED))
    span, span_params = date_where(since, until)
    where = " AND ".join(["date IS NOT NULL", status_sql, *span])
    params += span_params
    if actor:
        s, ps = actor_sql("source", actor)
        t, pt = actor_sql("target", actor)
        where += f" AND ({s} OR {t})"
        params += ps + pt
    series = _rows(store, f"""
        SELECT date_trunc('{by}', date)::DATE AS period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               round(sum(goldstein), 3) AS net_cooperation
        FROM events WHERE {where} GROUP BY period ORDER BY period""", params)
    return fill_periods(series, by, {"events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "net_cooperation": 0.0},
                        since=since, until=until)


def dyad_events(store, a: str | Resolved, b: str | Resolved, *, since: str | None = None,
                until: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The events between A and B (either direction, dated ``since`` … ``until`` when given), oldest
    first, for the dyad page's list (every status: the list shows each event's)."""
    sa, pa = actor_sql("source", a)
    tb, pb = actor_sql("target", b)
    sb, pb2 = actor_sql("source", b)
    ta, pa2 = actor_sql("target", a)
    span, span_params = date_where(since, until)
    where = " AND ".join([f"(({sa} AND {tb}) OR ({sb} AND {ta}))", *span])
    return _rows(store, f"""
        SELECT {', '.join(EVENT_COLUMNS)} FROM events
        WHERE {where} ORDER BY date NULLS LAST, id LIMIT ?""",
                 [*pa, *pb, *pb2, *pa2, *span_params, int(limit)])


def partners(store, code: str | Resolved, *, limit: int = 20, status: str | None = None, since: str | None = None,
             until: str | None = None) -> list[dict[str, Any]]:
    """Who an actor deals with most, with the net cooperation between them (occurred events unless
    ``status`` says otherwise; dated ``since`` … ``until`` when given)."""
    s, ps = actor_sql("source", code)
    t, pt = actor_sql("target", code)
    st, pst = status_where(statuses(status, OCCURRED))
    span, span_params = date_where(since, until)
    st = " AND ".join([st, *span])
    pst = pst + span_params
    return _rows(store, f"""
        WITH sides AS (
            SELECT target_code AS partner, target_name AS name, goldstein FROM events
            WHERE {s} AND target_code IS NOT NULL AND {st}
            UNION ALL
            SELECT source_code, source_name, goldstein FROM events WHERE {t} AND {st})
        SELECT partner, mode(name) AS name, count(*) AS events, round(sum(goldstein), 3) AS net_cooperation
        FROM sides GROUP BY partner ORDER BY events DESC, partner LIMIT ?""", [*ps, *pst, *pt, *pst, int(limit)])
