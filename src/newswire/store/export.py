"""Exports: GDELT 2.0 tables (Events, Mentions, GKG 2.1), Parquet partitioned by date, JSON Lines.

GDELT files are tab-separated with GDELT's own column names (``data/gdelt_columns.yaml``) and a
header row; newswire fills what it knows (actors, codes, Goldstein, tone, action geography,
persons, organisations, locations, quotations, dates) and leaves GDELT-only fields (themes, GCAM,
images, counts) empty. Country codes are ISO 3166 alpha-3 as everywhere in newswire, not GDELT's FIPS.

A folder that already holds an export of the same format is refused unless ``replace`` deletes that
export first: GDELT files are named by timestamp, so a second export would sit beside the first and
every ``*.export.CSV`` glob would count each event twice (and Parquet partitions would mix).
"""

from __future__ import annotations

import csv
import functools
import json
import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newswire.data import read_yaml
from newswire.model import InputError
from newswire.store.db import Store

FORMATS = ("gdelt", "parquet", "jsonl")
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


def export(store: Store, directory: str | Path, format: str, *, replace: bool = False) -> list[Path]:
    """Write the database in ``format`` into ``directory`` (created); returns the files written.

    An earlier export of ``format`` in ``directory`` is an InputError, or deleted first if ``replace``;
    other files there are left alone.
    """
    if format not in FORMATS:
        raise InputError(f"export format must be one of {', '.join(FORMATS)} (got {format!r})")
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
    return {"gdelt": export_gdelt, "parquet": export_parquet, "jsonl": export_jsonl}[format](store, out)


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
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _stamp(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d%H%M%S")
    return value.strftime("%Y%m%d") + "000000"


def _rows(store: Store, sql: str) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(sql)
    names = [d[0] for d in cur.description]
    while chunk := cur.fetchmany(5000):
        for row in chunk:
            yield dict(zip(names, row, strict=True))


def _event_row(e: dict[str, Any]) -> list[Any]:
    d: date | None = e["date"]
    row: list[Any] = [e["id"]]
    if d:
        row += [d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year, round(d.year + (d.month * 30 + d.day) / 365, 4)]
    else:
        row += [None] * 4
    for side in ("source", "target"):
        name = e[f"{side}_name"]
        row += [e[f"{side}_code"], name.upper() if name else None, e[f"{side}_country"], e[f"{side}_igo"],
                None, None, None, e[f"{side}_sector"], None, None]
    row += [e["is_root"], e["cameo"], e["cameo_base"], e["cameo_root"], e["quad_class"], e["goldstein"],
            e["num_mentions"], e["num_sources"], e["num_articles"], e["avg_tone"]]
    row += [None] * 16  # Actor1Geo_* and Actor2Geo_*: newswire places events, not actors
    if e["location_name"]:
        geo_type = 1 if e["lat"] is None else 4
        row += [geo_type, e["location_name"], e["location_country"], None, None, e["lat"], e["lon"], None]
    else:
        row += [None] * 8
    row += [_stamp(e["added"]), e["url"] or e["first_origin"]]
    return row


def _mention_row(m: dict[str, Any]) -> list[Any]:
    confidence = m["confidence"]
    return [m["event_id"], _stamp(m["event_added"]), _stamp(m["added"]), 1 if m["url"] else 2, m["source"],
            m["url"] or m["origin"], m["sentence_id"], None, None, m["action_char"], 1,
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
        country = (e.get("actor") or {}).get("country") or ""
        v2_loc.append(f"4#{e['text']}#{country}#####{e['start']}")
        if e["text"] not in seen:
            seen.add(e["text"])
            v1_loc.append(f"4#{e['text']}#{country}####")
    dates = []
    for d in r.get("dates", []):
        parts = (d["value"].split("-") + ["0", "0"])[:3]
        y, mo, dd = (int(p) for p in parts)
        resolution = 4 if dd else (2 if mo else 1)
        dates.append(f"{resolution}#{mo}#{dd}#{y}#{d['start']}")
    quotes = "#".join(f"{q['start']}|{q['end'] - q['start']}||{q['text']}" for q in r.get("quotes", []))
    tone = f"{a['tone']},{a['positive']},{a['negative']},{a['positive'] + a['negative']},,,{a['word_count']}"
    all_names = ";".join(f"{e['text']},{e['start']}" for e in ents if e["label"] in ("PERSON", "ORG", "GPE",
                                                                                         "LOC", "NORP", "FAC"))
    person_v1, person_v2 = _offsets(persons)
    org_v1, org_v2 = _offsets(orgs)
    title = (r.get("title") or "").replace("<", "&lt;")
    return [f"{stamp}-{n}", _stamp(a["pub_date"]), 1 if a["url"] else 2, a["source"], a["url"] or a["origin"],
            None, None, None, None, ";".join(v1_loc), ";".join(v2_loc), person_v1, person_v2, org_v1, org_v2,
            tone, ";".join(dates), None, None, None, None, None, quotes, all_names, None, None,
            f"<PAGE_TITLE>{title}</PAGE_TITLE>"]


def _write_tsv(path: Path, header: list[str], rows: Iterator[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, quotechar=None,
                       lineterminator="\n")
        w.writerow(header)
        for row in rows:
            if len(row) != len(header):  # a programming error; never write a misaligned file
                raise AssertionError(f"{path.name}: row has {len(row)} columns, expected {len(header)}")
            w.writerow([_clean(v).replace("\t", " ") for v in row])


def export_gdelt(store: Store, out: Path) -> list[Path]:
    cols = gdelt_columns()
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    paths = [out / f"{stamp}.export.CSV", out / f"{stamp}.mentions.CSV", out / f"{stamp}.gkg.csv"]
    _write_tsv(paths[0], cols["events"], (_event_row(e) for e in _rows(store, """
        SELECT e.*, a.origin AS first_origin FROM events e LEFT JOIN articles a ON a.key = e.first_article
        ORDER BY e.id""")))
    _write_tsv(paths[1], cols["mentions"], (_mention_row(m) for m in _rows(store, """
        SELECT m.*, e.added AS event_added, a.origin FROM mentions m JOIN events e ON e.id = m.event_id
        LEFT JOIN articles a ON a.key = m.article_key ORDER BY m.event_id, m.added, m.article_key""")))
    _write_tsv(paths[2], cols["gkg"], (_gkg_row(i, stamp, a) for i, a in enumerate(_rows(store, """
        SELECT key, url, source, origin, pub_date, tone, positive, negative, word_count, record
        FROM articles ORDER BY added, key"""), start=1)))
    return paths


# -- Parquet and JSON Lines ----------------------------------------------------------------------
_TABLES = {
    "events": "SELECT *, year(date) AS year, month(date) AS month FROM events",
    "mentions": "SELECT m.*, year(e.date) AS year, month(e.date) AS month FROM mentions m "
                "JOIN events e ON e.id = m.event_id",
    "articles": "SELECT * EXCLUDE (signature), year(pub_date) AS year, month(pub_date) AS month FROM articles",
}


def export_parquet(store: Store, out: Path) -> list[Path]:
    """One folder per table, hive-partitioned by year and month of the event (or publication) date."""
    for table, sql in _TABLES.items():
        target = out / table
        store.con.execute(f"COPY ({sql}) TO '{_sql_path(target)}' "
                          "(FORMAT PARQUET, PARTITION_BY (year, month))")
    return sorted(out.glob("*/**/*.parquet"))


def export_jsonl(store: Store, out: Path) -> list[Path]:
    """articles.jsonl holds the full analysis records (plus story and tone); events and mentions their rows."""
    paths = []
    for table in ("events", "mentions"):
        path = out / f"{table}.jsonl"
        store.con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{_sql_path(path)}' (FORMAT JSON)")
        paths.append(path)
    path = out / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for a in _rows(store, "SELECT record, story_id, tone, source FROM articles ORDER BY added, key"):
            rec = json.loads(a["record"])
            rec.update(story_id=a["story_id"], tone=a["tone"], source_name=a["source"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return [path, *paths]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
