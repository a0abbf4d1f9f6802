"""WARC and .warc.gz files, as Common Crawl News publishes them: one HTML page per response record.

The file is streamed record by record (warcio), so a crawl file larger than the per-document limit is
fine; each page must fit in it. Only successful HTML responses (and HTML ``resource`` records, as
wget writes them) become documents; requests, metadata, redirects and images are passed over in
silence. A file cut short yields every complete record before the damage and then one Rejected.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newswire.config import Settings
from newswire.model import Document, Rejected
from newswire.sources.http import parse_content_type

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class _Tracked(io.RawIOBase):
    """The WARC bytes as warcio reads them, counted, with a gzip cut short turned into a flagged end.

    warcio treats any EOFError as the end of the file, so neither a .warc.gz cut short nor a record
    header cut in half would be noticed; counting what it read and flagging truncation lets
    :func:`iter_warc` tell a complete file from a damaged one.
    """

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self.position = 0
        self.truncated = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        if self.truncated:
            return 0
        try:
            # read1: one step of decompression at a time, so the bytes before the damage are not lost
            read = getattr(self._stream, "read1", self._stream.read)
            chunk = read(len(buffer))
        except EOFError:
            self.truncated = True
            return 0
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def iter_warc(name: str, stream: BinaryIO, settings: Settings) -> Iterator[Document | Rejected]:
    """Documents for the HTML pages in an (uncompressed) WARC stream, in file order."""
    tracked = _Tracked(stream)
    records = ArchiveIterator(tracked)
    found = 0
    index = 0
    try:
        for record in records:
            index += 1
            item = _record_document(f"{name}#{index}", record, settings)
            if isinstance(item, Rejected) and item.reason.startswith("truncated"):
                yield Rejected(name, f"truncated WARC: record {index} is cut short")
                return
            if item is not None:
                found += isinstance(item, Document)
                yield item
            records.read_to_end()
    except ArchiveLoadFailed as exc:
        where = f"after record {index}" if index else "at its start"
        yield Rejected(name, f"damaged WARC {where}: {_first_line(exc)}")
        return
    except Exception as exc:  # zlib errors, or warcio failing on a header cut in half
        if tracked.truncated:
            yield Rejected(name, f"truncated WARC: the file ends inside record {index + 1}")
        elif isinstance(exc, AttributeError | TypeError | IndexError):
            yield Rejected(name, f"damaged WARC: record {index + 1} has an unreadable header")
        else:
            yield Rejected(name, f"damaged WARC in record {index + 1}: {_first_line(exc)}")
        return
    leftover = tracked.position - (records.offset or 0)
    if tracked.truncated or leftover > 4:  # more than the blank lines that end the last record
        yield Rejected(name, f"truncated WARC: the file ends inside record {index + 1}")
    elif index == 0:
        yield Rejected(name, "no WARC records in the file")
    elif not found:
        yield Rejected(name, f"no HTML response records among its {index} WARC records")


def _record_document(name: str, record, settings: Settings) -> Document | Rejected | None:
    """The page in one record, Rejected when it is damaged or too large, None when it is not a page."""
    if record.rec_type not in ("response", "resource"):
        return None
    http = record.http_headers
    if record.rec_type == "response":
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        media, charset = parse_content_type(http.get_header("Content-Type"))
    else:
        media, charset = parse_content_type(record.rec_headers.get_header("Content-Type"))
    if media and media not in _HTML_TYPES:
        return None
    declared = record.length or 0
    if declared > settings.max_bytes:
        return Rejected(name, f"record is {declared:,} bytes, over the {settings.max_bytes:,}-byte limit")
    data = _read_all(record.content_stream())
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Rejected(name, "truncated record")
    if not data.strip():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    meta = {"url": url} if url else {}
    if charset:
        meta["charset"] = charset
    fetched = record.rec_headers.get_header("WARC-Date")
    if fetched:
        meta["fetched"] = fetched  # the crawl time, not the publication date
    return Document(name=name, kind="html", data=data, url=url, meta=meta)


def _read_all(stream) -> bytes:
    chunks = []
    while chunk := stream.read(_CHUNK):
        chunks.append(chunk)
    return b"".join(chunks)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
