"""PETRARCH-1's rules beyond the match itself: who a matched pattern's parties are, and what it leaves uncoded.

:mod:`newswire.coding.petrarch_match` matches a PETRARCH-1 pattern (its words in order around the verb) and
binds its noun phrases; here those become actors: the "$" (source) and "+" (target) phrases, a pattern's
named slots (the subject, the object, or a preposition's object), else PETRARCH's linear rule, the first actor
before the verb acting on the first after it. And PETRARCH-1 codes a verb phrase once (:func:`petrarch_scope`).
"""

from __future__ import annotations

from newswire.coding import petrarch_match
from newswire.coding.frames import PASSIVE_SUBJ, SUBJ
from newswire.coding.matching import Found, object_tokens
from newswire.coding.patterns import Pattern
from newswire.model import Actor


def petrarch_scope(found: list[Found]) -> list[Found]:
    """PETRARCH-1 codes a verb phrase once: a verb inside the phrase after a verb coded by a PETRARCH-1
    pattern ("allowed that X is a pleasant place to visit") is no event of its own."""
    inside: set[int] = set()
    for f in found:
        if f.pattern.sequence is not None:
            inside.update(t.i for t in petrarch_match.lower_tokens(f.trigger))
    return [f for f in found if f.trigger.i not in inside] if inside else found


class PetrarchRules:
    """The parties of a PETRARCH-1 match for :class:`newswire.coding.coder.Coder`, as a mixin.

    Reads ``self._mentions``; calls :class:`~newswire.coding.frames.FrameReader`'s ``self._actors`` and
    ``self._subjects``.
    """

    def _slot(self, trig, slot: str | None) -> list[tuple[Actor, float]]:
        """The actors at a PETRARCH slot: the subject, the first actor of the object phrase, or the object of
        the first such preposition under the trigger ("freed from Barad-dur")."""
        if slot is None:
            return []
        if slot == "subject":
            return self._subjects(trig) or [a for c in trig.children if c.dep_ in PASSIVE_SUBJ
                                              for a in self._actors(c)]
        if slot == "object":
            first = next((t for t in object_tokens(trig) if t.i > trig.i and t.i in self._mentions), None)
            return self._actors(first) if first is not None else []
        for t in trig.subtree:
            if t.dep_ in ("prep", "agent") and t.lower_ == slot and t.i > trig.i:
                found = [a for p in t.children if p.dep_ == "pobj" for a in self._actors(p)]
                if found:
                    return found
        return []

    def _span_actors(self, doc, start: int, end: int) -> list[tuple[Actor, float]]:
        """The actors of a noun phrase (token span): its head's, else its first mention's."""
        heads = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
        for t in heads + [t for t in doc[start:end] if t.i in self._mentions]:
            found = self._actors(t)
            if found:
                return found
        return []

    def _sequence_actors(self, trig, pattern: Pattern, sources, targets):
        """A PETRARCH-1 pattern's parties: its "$" and "+" noun phrases; else the parse's; else PETRARCH's
        linear rule: the first actor phrase of the sentence before the verb is the source, the first after
        it (else the nearest before it) with another actor the target."""
        bound = petrarch_match.match(trig, pattern.sequence) or {}
        if "$" in bound:
            sources = self._span_actors(trig.doc, *bound["$"]) or sources
        if "+" in bound:
            targets = self._span_actors(trig.doc, *bound["+"]) or targets
        if sources and targets:
            return sources, targets
        before, after = petrarch_match.linear_actor_spans(trig)
        if not sources and not any(c.dep_ in SUBJ + ("agent",) for c in trig.children):
            # only where the verb has no subject of its own: "crowds burned" is no actor's act; a passive
            # without "by" reads as PETRARCH reads it, the actor before the verb acting on the one after
            sources = next((found for span in before if (found := self._span_actors(trig.doc, *span))), [])
            codes = {a.code for a, _ in sources}
            targets = [x for x in targets if x[0].code not in codes]
        if not targets and sources and not (pattern.reciprocal and len(sources) > 1):
            codes = {a.code for a, _ in sources}
            for span in after + before[::-1]:
                # the phrase's head first, then each name in it ("its dispute with Eriador": Eriador)
                for tok in [None] + [t for t in trig.doc[span[0]:span[1]] if t.i in self._mentions]:
                    found = self._span_actors(trig.doc, *span) if tok is None else self._actors(tok)
                    found = [x for x in found if x[0].code not in codes]
                    if found:
                        return sources, found
        return sources, targets
