"""Where bytes come from: files, folders, stdin and URLs, in every input format, as Documents.

:func:`iter_documents` is the one entry point. It yields, in input order, one
:class:`~newswire.model.Document` per article, or a :class:`~newswire.model.Rejected` for each input
(or record, or feed item) that cannot be used — never an exception, so one bad file never stops a
batch. The format is detected per input (by content first, then by name) unless forced.

Size limits: a single page (text, HTML, a feed) over ``settings.max_bytes`` is refused — a file by its
size before it is read, a download or a decompressed ``.gz`` as soon as it passes the limit. Containers
(WARC, JSON Lines, CSV) are streamed, and the limit applies to each record in them.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from newswire.config import DEFAULT, Settings
from newswire.model import Document, InputError, Rejected
from newswire.sources.detect import (
    CONTAINERS,
    FORMATS,
    GZIP_MAGIC,
    binary_kind,
    detect,
    media_format,
    suffix_format,
)
from newswire.sources.feeds import iter_feed
from newswire.sources.files import gunzip, gunzip_head, read_capped, sniffable, walk
from newswire.sources.http import Fetcher, Response, is_url
from newswire.sources.tabular import iter_csv, iter_jsonl
from newswire.sources.warc import iter_warc

__all__ = ["count_documents", "iter_documents", "Fetcher", "Response", "detect", "FORMATS"]

Item = Document | Rejected


def iter_documents(
    inputs: Iterable[str], *, format: str = "auto", settings: Settings = DEFAULT
) -> Iterator[Item]:
    """Documents from files, folders (recursive, sorted, hidden files skipped), "-" (stdin) and URLs.

    ``format`` is "auto" or one of text, html, rss, warc, jsonl, csv, forcing that format on every input.
    """
    if format != "auto" and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: use auto or one of {', '.join(FORMATS)}")
    if isinstance(inputs, str | Path):  # one input given bare, not as a list of one
        inputs = [inputs]
    run = _Run(settings, format)
    try:
        for name in inputs:
            yield from run.guarded(str(name), run.one_input)
    finally:
        run.close()


class _Run:
    """The state of one call: settings, the forced format, and a fetcher made when first needed."""

    def __init__(self, settings: Settings, fmt: str):
        self.settings = settings
        self.fmt = fmt
        self._fetcher: Fetcher | None = None

    def fetch(self, url: str) -> Response:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher.fetch(url)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def guarded(self, name: str, reader) -> Iterator[Item]:
        """Whatever ``reader(name)`` yields; what it raises becomes one Rejected, and the batch goes on."""
        try:
            yield from reader(name)
        except InputError as exc:
            yield Rejected(name, str(exc))
        except Exception as exc:
            yield Rejected(name, _reason(exc))

    def one_input(self, name: str) -> Iterator[Item]:
        if name == "-":
            yield from self.stream("<stdin>", sys.stdin.buffer)
            return
        if is_url(name):
            response = self.fetch(name)
            meta = {"charset": response.charset} if response.charset else {}
            yield from self.stream(name, BytesIO(response.data), url=response.url, meta=meta,
                                   hint=media_format(response.content_type))
            return
        if "://" in name:
            yield Rejected(name, "unsupported URL scheme: only http:// and https:// can be fetched")
            return
        path = Path(name)
        if path.is_dir():
            count = 0
            for file in walk(path):
                count += 1
                yield from self.guarded(str(file), self.one_file)
            if not count:
                yield Rejected(name, "the folder holds no files (hidden files are skipped)")
            return
        yield from self.one_file(name)

    def one_file(self, name: str) -> Iterator[Item]:
        path = Path(name)
        if not path.exists():
            yield Rejected(name, "no such file or folder")
            return
        if not path.is_file():
            yield Rejected(name, "not a regular file")
            return
        size = path.stat().st_size
        if size == 0:
            yield Rejected(name, "empty file")
            return
        planned = self.fmt if self.fmt != "auto" else suffix_format(name)
        if size > self.settings.max_bytes and planned and planned not in CONTAINERS:
            yield Rejected(name, self._too_big(size))
            return
        with path.open("rb") as raw:
            yield from self.stream(name, raw, size=size)

    def stream(self, name: str, raw: BinaryIO, *, size: int | None = None, url: str | None = None,
               meta: dict[str, str] | None = None, hint: str | None = None) -> Iterator[Item]:
        """Documents from one byte stream: un-gzip, refuse binaries, detect the format, dispatch."""
        settings = self.settings
        head, stream = sniffable(raw)
        if not head.strip():
            what = "empty file" if size is not None else "empty input"
            yield Rejected(name, what if not head else f"{what} (only whitespace)")
            return
        gzipped = head.startswith(GZIP_MAGIC)
        if gzipped:
            head, stream = gunzip_head(head), gunzip(stream)
            if not head.strip():
                yield Rejected(name, "empty file (nothing inside the gzip)")
                return
        what = binary_kind(head)
        if what:
            yield Rejected(name, f"binary file ({what}), not text, HTML, a feed or a corpus")
            return
        suffix_name = urlsplit(name).path if is_url(name) else name
        fmt = self.fmt if self.fmt != "auto" else detect(suffix_name, head, hint)
        if fmt == "warc":
            # un-gzipped here, not by warcio: GzipFile notices a file cut short, warcio does not
            yield from iter_warc(name, stream, settings)
            return
        if fmt == "jsonl":
            yield from iter_jsonl(name, stream, settings)
            return
        if fmt == "csv":
            yield from iter_csv(name, stream, settings)
            return
        if size is not None and size > settings.max_bytes and not gzipped:
            yield Rejected(name, self._too_big(size))
            return
        data = read_capped(stream, settings.max_bytes)
        if data is None:
            what = "uncompressed, it is" if gzipped else "it is"
            yield Rejected(name, f"{what} over the {settings.max_bytes:,}-byte limit")
            return
        meta = dict(meta or {})
        if url:
            meta.setdefault("url", url)
        if fmt == "rss":
            yield from iter_feed(name, data, fetch=self.fetch, base_url=url)
            return
        yield Document(name=name, kind="html" if fmt == "html" else "text", data=data, url=url, meta=meta)

    def _too_big(self, size: int) -> str:
        return f"file is {size:,} bytes, over the {self.settings.max_bytes:,}-byte limit"


def _reason(exc: Exception) -> str:
    """One line for an error met while reading, without a traceback."""
    if isinstance(exc, EOFError):
        return "truncated gzip file: it ends before the end of the compressed data"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"damaged gzip file: {exc}"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"could not read: {type(exc).__name__}: {exc}"


def count_documents(inputs: Iterable[str], *, format: str = "auto") -> int | None:
    """How many documents the inputs hold, when that is cheap to know; None when it is not.

    A file is one document; a JSON Lines file one per non-blank line, a CSV file one per record (both
    read through once, without parsing their articles). A URL, standard input, a feed or a WARC file
    makes the total unknown. A file that cannot be read counts as one (it becomes one rejection).
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    total = 0
    for name in map(str, inputs):
        if name == "-" or "://" in name:
            return None
        path = Path(name)
        for file in (walk(path) if path.is_dir() else [path]):
            count = _count_file(file, format)
            if count is None:
                return None
            total += count
    return total


def _count_file(path: Path, forced: str) -> int | None:
    import csv
    import io

    try:
        with path.open("rb") as raw:
            head, stream = sniffable(raw)
            if head.startswith(GZIP_MAGIC):
                head, stream = gunzip_head(head), gunzip(stream)
            fmt = forced if forced != "auto" else detect(str(path), head)
            if fmt in ("warc", "rss"):  # names, not words: formats whose records are counted only by parsing
                return None
            if fmt == "jsonl":
                return sum(1 for line in stream if line.strip())
            if fmt == "csv":
                csv.field_size_limit(2**31 - 1)
                text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
                return max(0, sum(1 for _ in csv.reader(text)) - 1)
    except (OSError, EOFError, zlib.error, csv.Error):
        pass
    return 1
