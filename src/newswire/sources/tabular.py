"""Corpora with one article per record: JSON Lines and CSV.

Columns (JSON keys) are ``url``, ``title``, ``date`` or ``published``, and ``text`` (an article body:
kind "body") or ``html`` (a page: kind "html"); ``source`` and ``language`` (or ``lang``: what the
corpus says the text is in, which decides for short text) are read when present. The file is streamed,
so a corpus may be larger than the per-document size limit; each record must fit in it. A bad
record is rejected by its line number ("corpus.csv:12: empty text") and the good ones still come out.
Text is handed on as bytes: bytes that are not UTF-8 are passed through unchanged (surrogateescape)
for the extractor's encoding detection to judge.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from newswire.config import Settings
from newswire.model import Document, Rejected

# names, not words: the columns of an article table
TEXT_KEYS = ("text", "body", "content")
HTML_KEYS = ("html",)
DATE_KEYS = ("published", "date")


def record_document(name: str, record: Mapping[str, Any], settings: Settings) -> Document | Rejected:
    """One corpus record as a Document, or Rejected saying what is wrong with it."""
    fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    html_key = next((k for k in HTML_KEYS if k in fields), None)
    text_key = next((k for k in TEXT_KEYS if k in fields), None)
    # a corpus's clean text beats its raw page; the page is used when the text is missing or blank
    key = text_key if text_key and _nonblank(fields[text_key]) else html_key or text_key
    if key is None:
        present = ", ".join(sorted(fields)) or "none"
        return Rejected(name, f"no 'text' or 'html' field (fields: {present})")
    value = fields[key]
    if value is not None and not isinstance(value, str):
        return Rejected(name, f"'{key}' is a {type(value).__name__}, not a string")
    if not _nonblank(value):
        return Rejected(name, f"empty {key}")
    data = value.encode("utf-8", "surrogateescape")
    if len(data) > settings.max_bytes:
        return Rejected(name, f"'{key}' is {len(data):,} bytes, over the {settings.max_bytes:,}-byte limit")
    meta: dict[str, str] = {}
    for meta_key, keys in (("title", ("title",)), ("published", DATE_KEYS), ("url", ("url", "link")),
                           ("source", ("source", "publisher")), ("language", ("language", "lang"))):
        found = next((fields[k] for k in keys if _nonblank(fields.get(k))), None)
        if found is not None:
            meta[meta_key] = str(found).strip()
    kind = "html" if key in HTML_KEYS else "body"
    return Document(name=name, kind=kind, data=data, url=meta.get("url"), meta=meta)


def _nonblank(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def iter_jsonl(name: str, stream: BinaryIO, settings: Settings) -> Iterator[Document | Rejected]:
    """Records of a JSON Lines file; blank lines are skipped, bad lines rejected by number.

    A plain JSON document (an array of records, or one pretty-printed record) is read whole instead.
    """
    seen = 0
    for number, line in enumerate(stream, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        seen += 1
        where = f"{name}:{number}"
        if seen == 1 and _opens_json_document(line):
            yield from _json_document(name, line + stream.read(settings.max_bytes + 1 - len(line)), settings)
            return
        if len(line) > settings.max_bytes:
            yield Rejected(where, f"line is {len(line):,} bytes, over the {settings.max_bytes:,}-byte limit")
            continue
        try:
            record = json.loads(line.decode("utf-8", "surrogateescape"))
        except ValueError as exc:
            yield Rejected(where, f"invalid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield Rejected(where, f"a JSON {type(record).__name__}, not an object")
            continue
        yield record_document(where, record, settings)
    if not seen:
        yield Rejected(name, "no records (empty JSON Lines file)")


def _opens_json_document(first: bytes) -> bool:
    """An opening "[" or a lone "{" is a JSON document spread over lines, not JSON Lines."""
    stripped = first.strip()
    return stripped.startswith(b"[") or stripped == b"{"


def _json_document(name: str, data: bytes, settings: Settings) -> Iterator[Document | Rejected]:
    if len(data) > settings.max_bytes:
        yield Rejected(name, f"JSON document over the {settings.max_bytes:,}-byte limit (use JSON Lines)")
        return
    try:
        value = json.loads(data.decode("utf-8", "surrogateescape"))
    except ValueError as exc:
        yield Rejected(name, f"invalid JSON: {exc}")
        return
    records = value if isinstance(value, list) else [value]
    if not records:
        yield Rejected(name, "an empty JSON array")
    for number, record in enumerate(records, start=1):
        where = f"{name}#{number}" if isinstance(value, list) else name
        if isinstance(record, dict):
            yield record_document(where, record, settings)
        else:
            yield Rejected(where, f"a JSON {type(record).__name__}, not an object")


def iter_csv(name: str, stream: BinaryIO, settings: Settings) -> Iterator[Document | Rejected]:
    """Rows of a CSV (or tab-separated) file with a header row; bad rows rejected by line number."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _csv_rows(name, text, settings)
    finally:
        text.detach()  # the caller owns (and closes) the byte stream


def _csv_rows(name: str, text: io.TextIOWrapper, settings: Settings) -> Iterator[Document | Rejected]:
    first = text.readline()
    if not first.strip():
        yield Rejected(name, "no header row (empty CSV file)")
        return
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter))]
    if not set(header) & set(TEXT_KEYS + HTML_KEYS):
        yield Rejected(name, f"no 'text' or 'html' column in the header (columns: {', '.join(header)})")
        return
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_bytes + 1))
    reader = csv.reader(text, delimiter=delimiter)
    rows = 0
    while True:
        start = reader.line_num + 2  # the line this row starts on (the header was line 1)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Rejected(f"{name}:{start}", f"malformed CSV: {exc}")
            return
        if not row or not any(cell.strip() for cell in row):
            continue
        rows += 1
        where = f"{name}:{start}"
        if len(row) != len(header):
            yield Rejected(where, f"{len(row)} fields where the header has {len(header)}")
            continue
        yield record_document(where, dict(zip(header, row, strict=True)), settings)
    if not rows:
        yield Rejected(name, "no rows after the header")
