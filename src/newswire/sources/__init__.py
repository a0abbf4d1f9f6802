"""Where bytes come from (STUB: being written)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newswire.config import DEFAULT, Settings
from newswire.model import Document, Rejected


def iter_documents(inputs: Iterable[str], *, format: str = "auto", settings: Settings = DEFAULT) -> Iterator[Document | Rejected]:
    for name in inputs:
        p = Path(name)
        kind = "html" if p.suffix in (".html", ".htm") else "text"
        yield Document(name=name, kind=kind, data=p.read_bytes())
