"""Benchmark corpora as JSON Lines: Reuters-21578 (SGML) and Wikinews (CSV), read from ../shared.

Not part of the package: a user's clone has no ../shared. The Reuters reader turns each <REUTERS>
item that has a <BODY> into a record ``{url, title, date, text}`` newswire reads as a corpus record.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578"
WIKINEWS = SHARED / "corpora" / "wikinews"

_ITEM = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')


def _field(item: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", item, re.S)
    return html.unescape(m.group(1)) if m else None


def _iso(date: str | None) -> str | None:
    """"26-FEB-1987 15:01:01.79" -> "1987-02-26T15:01:01"."""
    if not date:
        return None
    try:
        return datetime.strptime(date.strip().split(".")[0], "%d-%b-%Y %H:%M:%S").isoformat()
    except ValueError:
        return None


def _paragraphs(body: str) -> str:
    """Reuters wraps lines at ~65 columns and indents each paragraph: rebuild the paragraphs."""
    body = body.replace("\x03", "").strip()
    body = re.sub(r"\s*Reuter\s*$", "", body)
    paras = re.split(r"\n\s{2,}|\n\t", body)
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


def reuters_records() -> Iterator[dict]:
    """Every Reuters-21578 item with a body, in file order."""
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        text = path.read_text(encoding="latin-1")
        for m in _ITEM.finditer(text):
            attrs, item = m.groups()
            body = _field(item, "BODY")
            if not body or not body.strip():
                continue
            newid = _NEWID.search(attrs)
            yield {"url": f"reuters21578:{newid.group(1) if newid else '?'}",
                   "title": " ".join((_field(item, "TITLE") or "").split()).title(),
                   "date": _iso(_field(item, "DATE")), "text": _paragraphs(body)}


def wikinews_records() -> Iterator[dict]:
    for path in sorted(WIKINEWS.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield {"url": row["url"], "title": row["title"], "date": row["date"], "text": row["text"]}


def write_jsonl(records: Iterator[dict], path: Path, limit: int | None = None) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            if limit is not None and n >= limit:
                break
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n
