"""Questions asked of the event database: filtered events, dyad series, actors, totals.

An actor is named the way users think of it: by code prefix ("RUS" finds RUSGOV, "IGOEU" finds
IGOEUREEC), by country ("RUS"), by organisation ("EU") or by name ("Russia"); ``_actor_sql``
turns that into one SQL condition on either side of an event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from newswire.model import InputError
from newswire.store.db import Store

PERIODS = ("day", "week", "month", "year")

EVENT_COLUMNS = ("id", "date", "source_code", "source_name", "cameo", "plover", "mode", "target_code",
                 "target_name", "quad_class", "goldstein", "status", "num_mentions", "num_sources",
                 "num_articles", "avg_tone", "location_name", "sentence", "trigger", "url", "story_id")


def _actor_sql(side: str, value: str) -> tuple[str, list[Any]]:
    v = value.strip()
    # starts_with and plain equality keep a million-row scan well under 200 ms; a name is matched
    # as stored or upper-cased (GDELT style) rather than through lower() on every row
    sql = (f"(starts_with({side}_code, ?) OR {side}_country = ? OR {side}_igo = ? "
           f"OR {side}_name IN (?, ?))")
    return sql, [v.upper(), v.upper(), v.upper(), v, v.upper()]


def contains(text: str) -> str:
    """A LIKE pattern (used with ``ESCAPE '\\'``) matching ``text`` anywhere, literally.

    Without escaping, ``%`` and ``_`` in search text are wildcards: "%%" would match every row.
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what} must be a date, YYYY-MM-DD (got {value!r})") from None


def events(store: Store, *, source: str | None = None, target: str | None = None, actor: str | None = None,
           cameo: str | None = None, plover: str | None = None, quad_class: int | None = None,
           status: str | None = None, since: str | None = None, until: str | None = None,
           text: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching every filter given, newest first. ``cameo`` is a code prefix ("16" = root 16)."""
    where, params = ["TRUE"], []
    for side, value in (("source", source), ("target", target)):
        if value:
            sql, p = _actor_sql(side, value)
            where.append(sql)
            params += p
    if actor:
        s1, p1 = _actor_sql("source", actor)
        s2, p2 = _actor_sql("target", actor)
        where.append(f"({s1} OR {s2})")
        params += p1 + p2
    if cameo:
        where.append("starts_with(cameo, ?)")
        params.append(cameo.strip())
    if plover:
        where.append("upper(plover) = ?")
        params.append(plover.strip().upper())
    if quad_class is not None:
        where.append("quad_class = ?")
        params.append(int(quad_class))
    if status:
        where.append("status = ?")
        params.append(status)
    if since:
        where.append("date >= ?")
        params.append(_day(since, "--since"))
    if until:
        where.append("date <= ?")
        params.append(_day(until, "--until"))
    if text:
        where.append("(sentence ILIKE ? ESCAPE '\\' OR trigger ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 "
                     "FROM mentions m WHERE m.event_id = events.id AND m.sentence ILIKE ? ESCAPE '\\'))")
        params += [contains(text)] * 3
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {' AND '.join(where)} "
           "ORDER BY date DESC NULLS LAST, id")
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cur = store.con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [_plain(dict(zip(names, row, strict=True))) for row in cur.fetchall()]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}


def dyad(store: Store, a: str, b: str, *, by: str = "month", directed: bool = False) -> dict[str, Any]:
    """Events between A and B per period: counts per QuadClass, mean Goldstein, net cooperation.

    Net cooperation is the sum of the Goldstein scores in the period (cooperation pulls it up,
    conflict down), the usual summary of a dyad in event data; ``low`` and ``high`` are the
    periods where it is lowest and highest. Both directions count unless ``directed``.
    """
    if by not in PERIODS:
        raise InputError(f"--by must be one of {', '.join(PERIODS)} (got {by!r})")
    sa, pa = _actor_sql("source", a)
    tb, pb = _actor_sql("target", b)
    cond, params = f"({sa} AND {tb})", pa + pb
    if not directed:
        sb, pb2 = _actor_sql("source", b)
        ta, pa2 = _actor_sql("target", a)
        cond, params = f"({cond} OR ({sb} AND {ta}))", params + pb2 + pa2
    cur = store.con.execute(f"""
        SELECT date_trunc('{by}', date)::DATE AS period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               round(avg(goldstein), 3) AS goldstein_mean, round(sum(goldstein), 3) AS net_cooperation,
               sum(num_mentions) AS mentions
        FROM events WHERE date IS NOT NULL AND {cond}
        GROUP BY period ORDER BY period""", params)
    names = [d[0] for d in cur.description]
    series = [_plain(dict(zip(names, row, strict=True))) for row in cur.fetchall()]
    low = min(series, key=lambda p: p["net_cooperation"], default=None)
    high = max(series, key=lambda p: p["net_cooperation"], default=None)
    return {"a": a, "b": b, "by": by, "directed": directed, "series": series, "low": low, "high": high,
            "events": sum(p["events"] for p in series)}


def actors(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Every actor code seen in events, with its most frequent name and how often it acts and is acted on."""
    sql = """
        WITH sides AS (
            SELECT source_code AS code, source_name AS name, source_country AS country, 1 AS src, 0 AS tgt,
                   num_mentions FROM events WHERE source_code IS NOT NULL
            UNION ALL
            SELECT target_code, target_name, target_country, 0, 1, num_mentions FROM events
            WHERE target_code IS NOT NULL)
        SELECT code, mode(name) AS name, mode(country) AS country, count(*) AS events,
               sum(src) AS as_source, sum(tgt) AS as_target, sum(num_mentions) AS mentions
        FROM sides GROUP BY code ORDER BY events DESC, code"""
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cur = store.con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def stats(store: Store) -> dict[str, Any]:
    """Totals: what the database holds and the span of its events."""
    con = store.con
    out: dict[str, Any] = {}
    for table in ("articles", "stories", "sources", "events", "mentions", "entities", "quotes", "rejects"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    out["first_date"] = first.isoformat() if first else None
    out["last_date"] = last.isoformat() if last else None
    out["schema_version"] = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    out["quad_classes"] = dict(con.execute(
        "SELECT quad_class, count(*) FROM events GROUP BY quad_class ORDER BY quad_class").fetchall())
    return out


def top_dyads(store: Store, *, limit: int = 5) -> list[dict[str, Any]]:
    """The most reported actor pairs (either direction), by code, with their event counts."""
    cur = store.con.execute("""
        SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b, count(*) AS events,
               round(sum(goldstein), 3) AS net_cooperation
        FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code
        GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""", [int(limit)])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
