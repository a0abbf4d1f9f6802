"""Which format an input is in: by its name first where that is decisive, then by sniffing its first bytes.

Strong content signals ("WARC/1.", a feed's root element) win over the name, because pages are often
saved with the wrong extension; the name decides between the weak cases (a ``.txt`` page dump that
happens to mention ``<html>``, a ``.csv`` whose header we would not recognise). Binary files are
recognised here so that a PDF dropped into a folder of articles is rejected with a clear reason; text
saved as UTF-16 without a byte-order mark is not one of them, though it is full of NUL bytes.
"""

from __future__ import annotations

import codecs
import csv
import json
import re

from charset_normalizer import from_bytes

# names, not words: the input formats
FORMATS = ("text", "html", "rss", "warc", "jsonl", "csv")
# names, not words: the input formats
CONTAINERS = ("warc", "jsonl", "csv")  # many articles per input: streamed, limited per record
GZIP_MAGIC = b"\x1f\x8b"

_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "rss", ".atom": "rss",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}

# File signatures of common binary formats that end up in folders of articles.
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF16 = {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}  # charset-normalizer's names → ours
# regex needs structure: root tags of a feed
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
# regex needs structure: tags that open an HTML page
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.I)
# names, not words: the columns of an article table
_KNOWN_COLUMNS = {"url", "title", "date", "published", "text", "html", "body", "content"}


_MEDIA_TYPES = {
    "application/rss+xml": "rss", "application/atom+xml": "rss", "application/rdf+xml": "rss",
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/warc": "warc", "application/json": "jsonl", "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl", "text/csv": "csv", "text/tab-separated-values": "csv",
}


def media_format(media_type: str) -> str | None:
    """The format an HTTP Content-Type names ("text/html" → "html"); None for generic XML and the unknown."""
    return _MEDIA_TYPES.get(media_type.lower())


def suffix_format(name: str) -> str | None:
    """The format a file name promises (``.gz`` looked through), or None when the name says nothing."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for suffix, fmt in _BY_SUFFIX.items():
        if lower.endswith(suffix):
            return fmt
    return None


def binary_kind(head: bytes) -> str | None:
    """What kind of binary file this is ("PDF document", "binary data"), or None when it looks like text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    sample = head[:8192]
    if any(sample.startswith(bom) for bom in _TEXT_BOMS) or bomless_utf16(sample):
        return None
    if b"\x00" in sample:
        return "binary data"
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return "binary data" if control > len(sample) * 0.05 else None


def bomless_utf16(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when text was saved as UTF-16 without a byte-order mark, else None.

    Windows tools write such files; their NUL bytes make them look binary. charset-normalizer judges
    whether the first few KB read as text in either byte order (random or binary bytes do not).
    """
    sample = head[:8192]
    if b"\x00" not in sample:
        return None
    even = len(sample) // 2 * 2
    for end in (even, even - 2):  # the sample may cut a surrogate pair in two
        match = from_bytes(sample[:end]).best()
        if match is not None and match.encoding in _UTF16:
            return _UTF16[match.encoding]
    return None


def _strip_start(head: bytes) -> bytes:
    for bom in _TEXT_BOMS[:1]:
        if head.startswith(bom):
            head = head[len(bom):]
    return head.lstrip()


def _looks_jsonl(head: bytes) -> bool:
    first = _strip_start(head).split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _looks_csv(head: bytes) -> bool:
    first = _strip_start(head).split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    if "," not in first and "\t" not in first:
        return False
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    columns = {c.strip().lower() for c in next(csv.reader([first], delimiter=delimiter), [])}
    # names, not words: the columns of an article table
    return bool(columns & {"text", "html", "body", "content"}) and bool(columns & {"url", "title"})


def sniff(head: bytes) -> str | None:
    """The format the first bytes show beyond doubt, or None."""
    start = _strip_start(head)
    if start.startswith(b"WARC/") or start.startswith(b"filedesc://"):
        return "warc"
    window = start[:4096]
    if window.startswith(b"<") and _FEED_ROOT.search(window) and not _HTML_ROOT.search(window):
        return "rss"
    return None


def detect(name: str, head: bytes, hint: str | None = None) -> str:
    """The format of an input called ``name`` starting with ``head`` (already un-gzipped).

    ``hint`` is what a server's Content-Type said; it ranks below the content, above the name.
    """
    strong = sniff(head)
    if strong:
        return strong
    if hint in FORMATS:
        return hint
    by_name = suffix_format(name)
    if by_name:
        return by_name
    start = _strip_start(head)
    if _HTML_START.search(start[:4096]) and start.startswith(b"<"):
        return "html"
    if _looks_jsonl(head):
        return "jsonl"
    if _looks_csv(head):
        return "csv"
    return "text"
