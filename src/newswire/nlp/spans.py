"""Finding spans by position in one article without scanning the whole article each time.

The stages look things up once per name, event or quote: the entities of a sentence, the mention over
a character, the quotations a clause overlaps. spaCy's own lookups are linear in the article
(``Span.ents``, and so ``sent.ents``, walks every entity of the Doc; ``Doc.ents`` builds them all anew on
each call; ``Doc.text`` joins every token), and so is a scan of a list of mentions: called once per hit
they made a long article's cost grow with the square of its length (a 500 KB article took 464 s). These
indexes are built once and answer by bisection.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


def _bounds(item) -> tuple[int, int]:
    return item.start, item.end


class Intervals(Generic[T]):
    """Items with [start, end) bounds (token or character offsets), found by position.

    Answers come in the order the items were given, as a scan of the list would give them.
    """

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]] = _bounds) -> None:
        rows = sorted(((*bounds(x), i, x) for i, x in enumerate(items)), key=lambda r: r[0])
        self._rows = rows
        self._starts = [r[0] for r in rows]
        self._longest = max((r[1] - r[0] for r in rows), default=0)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items that share a position with [start, end)."""
        lo = bisect_right(self._starts, start - self._longest)  # an item starting earlier ends by ``start``
        hi = bisect_left(self._starts, end)
        return self._in_order(r for r in self._rows[lo:hi] if r[1] > start)

    def covering(self, pos: int) -> list[T]:
        """Items that hold the position ``pos``."""
        return self.overlapping(pos, pos + 1)

    def starting_in(self, start: int, end: int) -> list[T]:
        """Items whose start is in [start, end)."""
        return self._in_order(self._rows[bisect_left(self._starts, start):bisect_left(self._starts, end)])

    @staticmethod
    def _in_order(rows: Iterable[tuple]) -> list[T]:
        return [r[3] for r in sorted(rows, key=lambda r: r[2])]


class Entities:
    """A Doc's named entities by token: those inside a token range (``Span.ents``), the one over a token.

    Keeps only token offsets and labels (and a weak reference to the Doc), so that caching it per Doc
    keeps no Doc alive; the Spans it answers with equal the Doc's own.
    """

    def __init__(self, doc) -> None:
        self._doc = weakref.ref(doc)
        self._ents = [(e.start, e.end, e.label) for e in doc.ents]
        self._starts = [s for s, _, _ in self._ents]

    def within(self, start: int, end: int) -> list:
        """The entities entirely inside tokens [start, end), in order: ``doc[start:end].ents``."""
        out = []
        for k in range(bisect_left(self._starts, start), len(self._ents)):
            if self._ents[k][1] > end:
                break
            out.append(self._span(k))
        return out

    def at(self, i: int):
        """The entity holding token ``i``, or None."""
        k = bisect_right(self._starts, i) - 1
        return self._span(k) if k >= 0 and i < self._ents[k][1] else None

    def _span(self, k: int):
        from spacy.tokens import Span

        start, end, label = self._ents[k]
        return Span(self._doc(), start, end, label=label)


_ENTITIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def dependents(tok) -> list:
    """A token's children, none in a Doc without a parse: spaCy leaves some unparsed tokens' tree edges unset (an
    apostrophe after "companies"), and walking them reads outside the Doc and kills the process."""
    return list(tok.children) if tok.dep_ else []


def coordinated(tok) -> list:
    """A token's conjuncts, none in a Doc without a parse (see :func:`dependents`)."""
    return list(tok.conjuncts) if tok.dep_ else []


def entities(doc) -> Entities:
    """The entity index of ``doc``, built on first use (no stage changes a Doc's entities once made)."""
    found = _ENTITIES.get(doc)
    if found is None:
        found = _ENTITIES[doc] = Entities(doc)
    return found


def sentence_ents(token) -> list:
    """The entities of the sentence holding ``token`` (``token.sent.ents``, by bisection)."""
    sent = token.sent
    return entities(token.doc).within(sent.start, sent.end)
