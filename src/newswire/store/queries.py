"""Questions asked of the event database: filtered events, dyad series, actors, totals.

An actor is named the way users think of it: by code prefix ("RUS" finds RUSGOV, "IGOEU" finds
IGOEUREEC), by country ("RUS", "Russia", "United States"), by organisation ("EU", "NATO") or by a
person's or body's name ("Trump", "Donald Trump"); :func:`resolve_actor` says what a name stands for
(an unknown one is an InputError) and ``actor_sql`` turns that into one SQL condition on either side
of an event.

Status: an event's status is occurred, planned, possible or negated. Counting views (dyads, top dyads,
timelines, partners, net cooperation) count occurred events unless told otherwise, since "could not
agree" is no agreement; the event list shows every status unless filtered (see :func:`statuses`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newswire.model import InputError
from newswire.store.actorcodes import describe
from newswire.store.db import Store

STATUSES = ("occurred", "planned", "possible", "negated")
OCCURRED = ("occurred",)


def statuses(value: str | list[str] | tuple[str, ...] | None, default: tuple[str, ...] | None = None,
             ) -> tuple[str, ...] | None:
    """The statuses a filter names: "occurred,planned" (or a list); "all" (or "any") for every status,
    returned as None (no filter); None or empty gives ``default``. An unknown status is an InputError."""
    if value is None:
        return default
    parts = value.split(",") if isinstance(value, str) else [p for v in value for p in str(v).split(",")]
    names = [p.strip().lower() for p in parts if p.strip()]
    if not names:
        return default
    if any(n in ("all", "any") for n in names):
        return None
    bad = [n for n in names if n not in STATUSES]
    if bad:
        raise InputError(f"--status takes {', '.join(STATUSES)} or all, comma-separated (got {bad[0]!r})")
    return tuple(dict.fromkeys(names))


def status_where(chosen: tuple[str, ...] | None, column: str = "status") -> tuple[str, list[Any]]:
    if chosen is None:
        return "TRUE", []
    return f"{column} IN ({', '.join('?' * len(chosen))})", list(chosen)


@dataclass
class Resolved:
    """What an actor named by a user stands for: code prefixes, countries, organisations, names."""

    query: str
    prefixes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    igos: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    means: list[str] = field(default_factory=list)  # what it resolved to, in words

    def __str__(self) -> str:
        return f"{self.query} = {'; '.join(self.means)}"


@functools.lru_cache(maxsize=1)
def _igo_names() -> dict[str, tuple[str, str]]:
    """Organisation names and acronyms (lower case) → (code, canonical name), from the actor dictionary's data."""
    from newswire.store.actorcodes import igo_entries

    out: dict[str, tuple[str, str]] = {}
    for code, names in igo_entries():
        for n in names:
            out.setdefault(n.lower(), (code, names[0]))
    return out


def _country_of(name: str) -> str | None:
    """The ISO alpha-3 code of a country named (or coded) ``name``, or None."""
    import pycountry

    from newswire.data.gazetteer import norm_place, place_index

    v = name.strip()
    if re.fullmatch(r"[A-Za-z]{3}", v):
        found = pycountry.countries.get(alpha_3=v.upper())
        if found:
            return str(found.alpha_3)
    loc = place_index().countries.get(norm_place(v))
    return loc.country if loc else None


def resolve_actor(store: Store, value: str) -> Resolved:
    """Resolve an actor as a user writes it; an InputError when nothing is known by that code or name.

    In order: a code prefix, country code or organisation acronym seen in the events ("USAGOV", "RUS",
    "EU"); a country by code or name ("FRA", "United States", "Britain": every actor of that country);
    an organisation by name ("European Union", "NATO"); a name seen on either side of an event, whole
    or by its words ("Trump" finds "Donald Trump").
    """
    v = " ".join((value or "").split())
    if not v:
        raise InputError("an actor is a code, a country, an organisation or a name (got nothing)")
    if len(v) > 200:
        raise InputError("an actor name is at most 200 characters")
    out = Resolved(v)
    con = store.con
    upper = v.upper()
    if re.fullmatch(r"[A-Z]{2,}", upper) and con.execute(
            "SELECT 1 FROM events WHERE starts_with(source_code, ?) OR starts_with(target_code, ?) "
            "OR source_country = ? OR target_country = ? OR source_igo = ? OR target_igo = ? LIMIT 1",
            [upper] * 6).fetchone():
        out.prefixes.append(upper)
        out.countries.append(upper)
        out.igos.append(upper)
        codes = [r[0] for r in con.execute(
            "SELECT code FROM (SELECT source_code AS code FROM events WHERE starts_with(source_code, ?) "
            "OR source_country = ? OR source_igo = ? UNION SELECT target_code FROM events "
            "WHERE starts_with(target_code, ?) OR target_country = ? OR target_igo = ?) "
            "WHERE code IS NOT NULL ORDER BY code LIMIT 6", [upper] * 6).fetchall()]
        shown = ", ".join(codes[:5]) + (", …" if len(codes) > 5 else "")
        out.means.append(f"the actors coded {upper}… or of {upper} ({shown})")
        return out
    iso3 = _country_of(v)
    if iso3:
        out.countries.append(iso3)
        out.prefixes.append(iso3)
        out.means.append(f"{describe(iso3)} ({iso3}): every actor of the country")
    igo = _igo_names().get(v.lower())
    if igo and not iso3:
        out.prefixes.append(igo[0])
        out.means.append(f"{igo[1]} ({igo[0]})")
    if not out.means:
        pattern = r"(?i)(^|[^\w])" + re.escape(v) + r"($|[^\w])"
        rows = con.execute("""
            SELECT name, code, count(*) AS n FROM (
                SELECT source_name AS name, source_code AS code FROM events WHERE regexp_matches(source_name, ?)
                UNION ALL
                SELECT target_name, target_code FROM events WHERE regexp_matches(target_name, ?))
            GROUP BY name, code ORDER BY n DESC, name""", [pattern, pattern]).fetchall()
        for name, code, _ in rows:
            if name not in out.names:
                out.names.append(name)
            out.means.append(f"{name} ({code})")
    if not out.means:
        raise InputError(f"unknown actor {value!r}: no code, country, organisation or name in the events "
                         "matches it (`newswire actors` lists them)")
    return out

PERIODS = ("day", "week", "month", "year")

EVENT_COLUMNS = ("id", "date", "source_code", "source_name", "cameo", "plover", "mode", "target_code",
                 "target_name", "quad_class", "goldstein", "status", "num_mentions", "num_sources",
                 "num_articles", "avg_tone", "location_name", "sentence", "trigger", "url", "story_id")


def actor_sql(side: str, value: str | Resolved) -> tuple[str, list[Any]]:
    if isinstance(value, Resolved):
        parts, params = [], []
        for prefix in value.prefixes:
            parts.append(f"starts_with({side}_code, ?)")
            params.append(prefix)
        for col, values in ((f"{side}_country", value.countries), (f"{side}_igo", value.igos),
                            (f"{side}_name", value.names)):
            if values:
                parts.append(f"{col} IN ({', '.join('?' * len(values))})")
                params += values
        return f"({' OR '.join(parts) or 'FALSE'})", params
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


def date_where(since: str | None, until: str | None, column: str = "date") -> tuple[list[str], list[Any]]:
    """The conditions (and parameters) of a time range on ``column``: ``since`` and ``until`` are days,
    YYYY-MM-DD, both included; either may be absent. A malformed day is an InputError."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append(f"{column} >= ?")
        params.append(_day(since, "--since"))
    if until:
        where.append(f"{column} <= ?")
        params.append(_day(until, "--until"))
    return where, params


def _resolve(store: Store, value: str | Resolved | None) -> Resolved | None:
    if value is None or isinstance(value, Resolved):
        return value
    return resolve_actor(store, value) if value.strip() else None


def event_filter(store: Store, *, source: str | Resolved | None = None, target: str | Resolved | None = None,
                 actor: str | Resolved | None = None, cameo: str | None = None, plover: str | None = None,
                 quad_class: int | None = None, status: str | list[str] | tuple[str, ...] | None = None,
                 since: str | None = None, until: str | None = None, text: str | None = None,
                 default_status: tuple[str, ...] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (on ``events``) and its parameters for the event filters; shared by the event
    list and the exports. Actors given as text are resolved (:func:`resolve_actor`)."""
    where, params = ["TRUE"], []
    for side, value in (("source", source), ("target", target)):
        resolved = _resolve(store, value)
        if resolved:
            sql, p = actor_sql(side, resolved)
            where.append(sql)
            params += p
    resolved = _resolve(store, actor)
    if resolved:
        s1, p1 = actor_sql("source", resolved)
        s2, p2 = actor_sql("target", resolved)
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
    chosen = statuses(status, default_status)
    if chosen is not None:
        sql, p = status_where(chosen)
        where.append(sql)
        params += p
    span, p = date_where(since, until)
    where += span
    params += p
    if text:
        where.append("(sentence ILIKE ? ESCAPE '\\' OR trigger ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 "
                     "FROM mentions m WHERE m.event_id = events.id AND m.sentence ILIKE ? ESCAPE '\\'))")
        params += [contains(text)] * 3
    return " AND ".join(where), params


def events(store: Store, *, source: str | Resolved | None = None, target: str | Resolved | None = None,
           actor: str | Resolved | None = None, cameo: str | None = None, plover: str | None = None,
           quad_class: int | None = None, status: str | list[str] | tuple[str, ...] | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None,
           limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching every filter given, newest first. ``cameo`` is a code prefix ("16" = root 16);
    ``status`` one or more statuses ("occurred,planned"), every status when None."""
    where, params = event_filter(store, source=source, target=target, actor=actor, cameo=cameo, plover=plover,
                                 quad_class=quad_class, status=status, since=since, until=until, text=text)
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where} "
           "ORDER BY date DESC NULLS LAST, id")
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cur = store.con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [plain_row(dict(zip(names, row, strict=True))) for row in cur.fetchall()]


def count_events(store: Store, **filters: Any) -> int:
    """How many events :func:`events` finds with the same filters, over all its pages."""
    where, params = event_filter(store, **filters)
    return int(store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0])


def plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}


MAX_PERIODS = 20_000  # the longest series filled with empty periods (55 years by day)


def period_start(day: date, by: str) -> date:
    """The first day of the period ``day`` falls in, as DuckDB's ``date_trunc`` gives it (weeks start on Monday)."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_period(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def fill_periods(series: list[dict[str, Any]], by: str, empty: dict[str, Any], *, since: str | None = None,
                 until: str | None = None) -> list[dict[str, Any]]:
    """A series with every period from its first to its last (or from ``since`` to ``until`` when given),
    the periods without events filled in with ``empty`` (counts of 0): a chart then shows a quiet month as
    a quiet month, not as a line drawn across it. More than :data:`MAX_PERIODS` periods is an InputError."""
    if by not in PERIODS:
        raise InputError(f"--by must be one of {', '.join(PERIODS)} (got {by!r})")
    have = {row["period"]: row for row in series}
    firsts = [period_start(_day(since, "--since"), by)] if since else []
    lasts = [period_start(_day(until, "--until"), by)] if until else []
    if series:
        firsts.append(date.fromisoformat(series[0]["period"]))
        lasts.append(date.fromisoformat(series[-1]["period"]))
    if not firsts or not lasts:
        return []
    first, last = min(firsts), max(lasts)
    out: list[dict[str, Any]] = []
    day = first
    while day <= last:
        if len(out) >= MAX_PERIODS:
            raise InputError(f"the series would have more than {MAX_PERIODS:,} periods: choose a longer period "
                             "than a " + by + " or a shorter time range")
        key = day.isoformat()
        out.append(have.get(key) or {"period": key, **empty})
        day = next_period(day, by)
    return out


def dyad(store: Store, a: str | Resolved, b: str | Resolved, *, by: str = "month", directed: bool = False,
         status: str | list[str] | tuple[str, ...] | None = None, since: str | None = None,
         until: str | None = None) -> dict[str, Any]:
    """Events between A and B per period: counts per QuadClass, mean Goldstein, net cooperation.

    Net cooperation is the sum of the Goldstein scores in the period (cooperation pulls it up,
    conflict down), the usual summary of a dyad in event data; ``low`` and ``high`` are the
    periods with events where it is lowest and highest. Every period from the first to the last (or
    over ``since`` … ``until``) is listed, those without events with zero counts (:func:`fill_periods`).
    Both directions count unless ``directed``. Only occurred events count unless ``status`` says
    otherwise ("occurred,planned", "all"). A and B are resolved (:func:`resolve_actor`): an unknown one
    is an InputError; ``resolved`` says what each meant.
    """
    if by not in PERIODS:
        raise InputError(f"--by must be one of {', '.join(PERIODS)} (got {by!r})")
    chosen = statuses(status, OCCURRED)
    ra, rb = _resolve(store, a), _resolve(store, b)
    if ra is None or rb is None:
        raise InputError("a dyad needs two actors")
    sa, pa = actor_sql("source", ra)
    tb, pb = actor_sql("target", rb)
    cond, params = f"({sa} AND {tb})", pa + pb
    if not directed:
        sb, pb2 = actor_sql("source", rb)
        ta, pa2 = actor_sql("target", ra)
        cond, params = f"({cond} OR ({sb} AND {ta}))", params + pb2 + pa2
    status_sql, status_params = status_where(chosen)
    span, span_params = date_where(since, until)
    cond = " AND ".join([cond, status_sql, *span])
    params += status_params + span_params
    cur = store.con.execute(f"""
        SELECT date_trunc('{by}', date)::DATE AS period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               round(avg(goldstein), 3) AS goldstein_mean, round(sum(goldstein), 3) AS net_cooperation,
               sum(num_mentions) AS mentions
        FROM events WHERE date IS NOT NULL AND {cond}
        GROUP BY period ORDER BY period""", params)
    names = [d[0] for d in cur.description]
    active = [plain_row(dict(zip(names, row, strict=True))) for row in cur.fetchall()]
    low = min(active, key=lambda p: p["net_cooperation"], default=None)
    high = max(active, key=lambda p: p["net_cooperation"], default=None)
    series = fill_periods(active, by, {"events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "goldstein_mean": None,
                                       "net_cooperation": 0.0, "mentions": 0}, since=since, until=until)
    return {"a": ra.query, "b": rb.query, "by": by, "directed": directed,
            "status": list(chosen) if chosen else list(STATUSES), "resolved": [str(ra), str(rb)],
            "since": since or None, "until": until or None,
            "series": series, "low": low, "high": high, "events": sum(p["events"] for p in active)}


def actors(store: Store, *, limit: int | None = None, offset: int = 0, since: str | None = None,
           until: str | None = None) -> list[dict[str, Any]]:
    """Every actor code seen in events (dated ``since`` … ``until`` when given), most active first: what
    the code is ("United States: government", :func:`~newswire.store.actorcodes.describe`), the people and
    bodies seen under it (most frequent first), and how often it acts and is acted on."""
    span, params = date_where(since, until)
    dated = "".join(f" AND {c}" for c in span)
    sql = f"""
        WITH sides AS (
            SELECT source_code AS code, source_name AS name, source_country AS country, 1 AS src, 0 AS tgt,
                   num_mentions FROM events WHERE source_code IS NOT NULL{dated}
            UNION ALL
            SELECT target_code, target_name, target_country, 0, 1, num_mentions FROM events
            WHERE target_code IS NOT NULL{dated}),
        named AS (SELECT code, name, count(*) AS n FROM sides WHERE name IS NOT NULL GROUP BY code, name)
        SELECT s.code, mode(s.country) AS country, count(*) AS events,
               sum(s.src) AS as_source, sum(s.tgt) AS as_target, sum(s.num_mentions) AS mentions,
               (SELECT list(name ORDER BY n DESC, name) FROM named WHERE named.code = s.code) AS names
        FROM sides s GROUP BY s.code ORDER BY events DESC, s.code"""
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cur = store.con.execute(sql, params * 2)
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        r = dict(zip(names, row, strict=True))
        what = describe(r["code"], r["country"])
        seen = [n for n in r.pop("names") or [] if n.lower() != what.split(":")[0].lower()]
        out.append({"code": r["code"], "name": what, "people": "; ".join(seen[:5]) or None,
                    **{k: r[k] for k in ("country", "events", "as_source", "as_target", "mentions")}})
    return out


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


def top_dyads(store: Store, *, limit: int = 5, status: str | list[str] | tuple[str, ...] | None = None,
              since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """The most reported actor pairs (either direction), by code, with their event counts (occurred
    events unless ``status`` says otherwise; dated ``since`` … ``until`` when given)."""
    status_sql, params = status_where(statuses(status, OCCURRED))
    span, span_params = date_where(since, until)
    where = " AND ".join([status_sql, *span])
    cur = store.con.execute(f"""
        SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b, count(*) AS events,
               round(sum(goldstein), 3) AS net_cooperation
        FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code
              AND {where}
        GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""", [*params, *span_params, int(limit)])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def places(store: Store, *, limit: int = 2000, **filters: Any) -> dict[str, Any]:
    """Where the events :func:`events` finds with ``filters`` happened: each located place (the coder's
    location, with its coordinates) once, with its number of events, their QuadClasses and net
    cooperation, most events first, at most ``limit`` places; ``events`` counts every event the filters
    find and ``located`` those with coordinates."""
    where, params = event_filter(store, **filters)
    total, located = store.con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL) FROM events WHERE {where}",
        params).fetchone()
    cur = store.con.execute(f"""
        SELECT location_name AS name, location_country AS country, round(lat, 4) AS lat, round(lon, 4) AS lon,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               round(sum(goldstein), 3) AS net_cooperation, min(date) AS first_date, max(date) AS last_date
        FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY events DESC, name, lat, lon LIMIT ?""", [*params, int(limit)])
    names = [d[0] for d in cur.description]
    rows = [plain_row(dict(zip(names, row, strict=True))) for row in cur.fetchall()]
    return {"events": int(total), "located": int(located), "places": rows}
