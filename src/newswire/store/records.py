"""What the database stores for one analysed article, made where the analysis was made.

``prepare`` turns an :class:`~newswire.model.Analysis` into a small picklable :class:`Prepared`
(the contract's record plus tone, MinHash signature and sentence numbers) so that worker
processes do that work in parallel and send back no spaCy objects.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from newswire.model import Analysis, Article, Tone
from newswire.store.dedup import signature

NO_TONE = Tone(0.0, 0.0, 0.0, 0)  # an article the tone component did not score


@dataclass
class Prepared:
    key: str  # the stored copy's key: content id + URL
    record: dict[str, Any]  # Analysis.to_dict()
    origin: str
    source: str | None  # publisher, else the URL's host
    tone: Tone
    signature: bytes | None
    sentence_ids: list[int | None]  # per event: its sentence's number in the body (1-based)

    @property
    def id(self) -> str:
        return self.record["id"]


def article_key(article_id: str, url: str | None) -> str:
    """One stored copy per (content, URL): the same wire text on two sites counts as two articles,
    the same input read twice as one."""
    return hashlib.sha256(f"{article_id}\x00{url or ''}".encode()).hexdigest()[:20]


def source_name(article: Article) -> str | None:
    if article.source:
        return article.source.strip() or None
    if article.url:
        host = urlparse(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def prepare(analysis: Analysis) -> Prepared:
    a = analysis.article
    record = analysis.to_dict()
    sentence_ids: list[int | None] = [None] * len(analysis.events)
    if analysis.doc is not None:
        try:
            starts = [s.start_char for s in analysis.doc.sents]
            sentence_ids = [bisect_right(starts, e.start) or None for e in analysis.events]
        except ValueError:  # a pipeline without sentence boundaries
            pass
    return Prepared(
        key=article_key(a.id, a.url),
        record=record,
        origin=a.origin,
        source=source_name(a),
        tone=analysis.tone or NO_TONE,
        signature=signature(a.body),
        sentence_ids=sentence_ids,
    )
