"""Files, folders and stdin: which files an input names, and streams that can be sniffed then read.

Inputs are read as streams, never whole, until their format is known: a crawl file or a corpus may be
far larger than one article, while a single page over the size limit is refused before it is read.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

HEAD_BYTES = 64 * 1024

# Files a folder of news commonly carries beside the articles: documentation and code, never news.
NOT_ARTICLES = frozenset({".md", ".rst", ".py", ".pyc", ".toml", ".yaml", ".yml", ".cfg", ".ini", ".lock"})


def walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, recursively, sorted by path.

    Hidden files and folders are skipped, and so are documentation and code files (README.md, ...):
    named one by one they are still read.
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files
                     if not f.startswith(".") and Path(f).suffix.lower() not in NOT_ARTICLES)
    found.sort(key=lambda p: p.relative_to(folder).parts)
    yield from found


class _Prefixed(io.RawIOBase):
    """Bytes already read (the head) followed by the rest of the stream, as one readable stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def read_head(stream: BinaryIO, size: int = HEAD_BYTES) -> bytes:
    """Up to ``size`` bytes from the start of a stream (fewer only at its end)."""
    parts = []
    wanted = size
    while wanted > 0:
        chunk = stream.read(wanted)
        if not chunk:
            break
        parts.append(chunk)
        wanted -= len(chunk)
    return b"".join(parts)


def sniffable(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The stream's head, and a stream that still starts at the beginning."""
    head = read_head(stream)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=HEAD_BYTES)


def gunzip_head(head: bytes) -> bytes:
    """As much of the start of a gzip stream as ``head`` holds, uncompressed; damage raises zlib.error.

    Unlike reading through GzipFile, a file cut short is no error here: its good start is still worth
    sniffing (a truncated crawl file keeps its good records).
    """
    return zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)


def gunzip(stream: BinaryIO) -> BinaryIO:
    """A decompressing stream; truncation (EOFError) and damage surface while it is read."""
    return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]


def read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """The whole stream, or None when it holds more than ``limit`` bytes (reading stops there)."""
    data = read_head(stream, limit + 1)
    return None if len(data) > limit else data
