"""Near-duplicate articles (the same wire story on several sites) with MinHash-LSH.

Each body becomes a set of word 5-shingles; datasketch's MinHash estimates the Jaccard
similarity of two such sets and its LSH index finds candidates above ``THRESHOLD`` without
comparing every pair. Signatures are stored in the database, so the index is rebuilt on open and
a story found in one run is joined by copies ingested in a later one.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # stored signatures name their scheme here: datasketch 2 will not guess it
THRESHOLD = 0.6  # Jaccard of 5-shingles; wire copies with a leaked line or two of chrome stay above it
SHINGLE = 5
MIN_SHINGLES = 8  # too little text to call two articles the same story
MAX_DAYS_APART = 7  # copies of one story are published within days, templated reports years apart

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes | None:
    """The body's MinHash as bytes, or None when the body is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint32).tobytes()


def _minhash(sig: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint32))


class StoryIndex:
    """Which story an article belongs to: the story of its nearest earlier copy, else its own."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._info: dict[str, tuple[str, date | None, MinHash]] = {}  # key -> (story, day, minhash)

    def __len__(self) -> int:
        return len(self._info)

    def add(self, key: str, sig: bytes | None, story: str, day: date | None) -> None:
        if sig is None or key in self._info:
            return
        m = _minhash(sig)
        self._lsh.insert(key, m)
        self._info[key] = (story, day, m)

    def find(self, sig: bytes | None, day: date | None) -> str | None:
        """The story of the most similar stored copy published close enough in time, if any."""
        if sig is None:
            return None
        m = _minhash(sig)
        best: tuple[float, str] | None = None
        for key in self._lsh.query(m):
            story, other_day, other = self._info[key]
            if day and other_day and abs((day - other_day).days) > MAX_DAYS_APART:
                continue
            sim = other.jaccard(m)  # LSH gives candidates; keep the most similar
            if sim >= THRESHOLD and (best is None or sim > best[0]):
                best = (sim, story)
        return best[1] if best else None
