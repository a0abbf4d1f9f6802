"""Which pattern a trigger matches, and whether the trigger is an act at all.

Every token whose lemma has patterns is a candidate trigger (a dictionary keyed by an inflected form,
"MET", names that form on purpose); the most specific pattern whose conditions the parse satisfies gives
the code: its particle ("stepped down"), words of its object, its preposition and that phrase's words,
words before it in the sentence, a PETRARCH-1 word sequence (:mod:`newswire.coding.petrarch_match`), a
compound subject. Some triggers are no act whatever they match: a view agreed with, a clause describing a
class of people, what a law would allow.

:class:`Found` is a matched trigger with its parties, the record the coder's steps pass along before it
becomes events.
"""

from __future__ import annotations

from dataclasses import dataclass

from newswire.coding import petrarch_match
from newswire.coding.frames import REL_PRONOUNS
from newswire.coding.patterns import Pattern
from newswire.data import words
from newswire.model import Actor

_PARTICLES = words("particles")  # function words (data/lexicon.yaml): "down" in "stepped down"


@dataclass
class Found:
    """A coded trigger before it becomes events: the pieces each (source, target) pair shares."""

    pattern: Pattern
    code: str
    trigger: object  # spaCy Token
    sources: list[tuple[Actor, float]]
    targets: list[tuple[Actor, float]]
    status: str
    confidence: float
    promised: str | None = None  # the promise's PLOVER type, when its doer announces the act for the future


def has_words(tokens, alternatives) -> bool:
    """Whether the tokens hold every word of one alternative, as written or as a lemma."""
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    return any(all(w in words for w in alt) for alt in alternatives)


def object_tokens(tok) -> list:
    """The object phrase of a trigger: its direct objects, "to"-clauses and, for nouns, "of" phrases."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "oprd", "dative", "nsubjpass") or (
                tok.pos_ == "NOUN" and (c.dep_ == "prep" and c.lower_ == "of" or c.dep_ in ("compound", "amod"))):
            out.extend(c.subtree)
        elif c.dep_ == "prep" and tok.pos_ != "NOUN":
            # "threatened him with sanctions", "clashed over the efforts" keep prepositional objects
            out.extend(c.subtree)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        out.append(tok.head)  # "diplomats expelled by Russia"
    return out


def attached_lower(tok) -> dict[str, list]:
    """Prepositional phrases hung on a noun of the trigger's object or of its own phrases, after the trigger:
    where the small model often puts the trigger's own ("charged the suspect in the shooting with murder")."""
    out: dict[str, list] = {}
    nouns = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i]
    nouns += [g for c in tok.children if c.dep_ == "prep" and c.i > tok.i for g in c.children if g.dep_ == "pobj"]
    for n in nouns:
        for c in n.children:
            if c.dep_ == "prep" and c.i > n.i:
                out.setdefault(c.lower_, []).append(c)
    return out


def concurring(verb, cues) -> bool:
    """Agreeing with a view is no agreement: "officials agreed that the real obstacle is ...", "Hataman
    agreed, saying ...", "do not all agree on how inquiries work", "agreed with Pierce's call". An agreement
    agrees to do something, on or with something or someone ("agreed to a ceasefire", "agreed with Russia")."""
    if verb.lemma_.lower() not in cues.concurring_verbs:
        return False
    views = [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ in ("pobj", "pcomp")]
    if views and all(o.lemma_.lower() in cues.opinion_nouns or o.pos_ in ("VERB", "AUX") for o in views):
        # "agreed with Pierce's call", "agreed with the assessment", "agree on how inquiries work": a view
        return True
    return not (views or any(c.dep_ in ("xcomp", "dobj") for c in verb.children))


def describes_people(verb, cues) -> bool:
    """Whether a verb (or the one it is coordinated with) is a participle or relative clause on a noun for
    any people at all."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ in ("acl", "relcl") and clause.head.lemma_.lower() in cues.generic_people


def enabled_by_law(trig, cues) -> bool:
    """Whether a trigger only says what a law, bill or deal would allow ("a law that would have allowed the
    government to extradite people"): a description of the text, not anyone's act."""
    tok = trig
    for _ in range(2):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in cues.enabling_verbs:
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in REL_PRONOUNS and head.dep_ == "relcl":
                subj = head.head
            return subj is not None and subj.lemma_.lower() in cues.law_nouns
        if tok.dep_ != "conj":
            return False
        tok = head
    return False


class Matcher:
    """Pattern choice for :class:`newswire.coding.coder.Coder`, as a mixin.

    Reads ``self.patterns``; calls :meth:`~newswire.coding.frames.FrameReader._subjects` for a pattern that
    needs a compound subject (PETRARCH's "%").
    """

    def _match(self, tok, pos: str) -> Pattern | None:
        """The most specific pattern of this trigger that the parse satisfies, or None."""
        lemma = tok.lemma_.lower()
        cands = self.patterns.candidates(pos, lemma)
        if tok.lower_ != lemma:
            # a dictionary keyed by the inflected form ("MET", "RISEN") names that form on purpose
            own = self.patterns.candidates(pos, tok.lower_)
            if own and pos == "verb":
                found = self._best(tok, own)
                if found is not None:
                    return found
            elif own:
                cands = cands + own
        return self._best(tok, cands)

    def _best(self, tok, cands: list[Pattern]) -> Pattern | None:
        if not cands:
            return None
        # "stepped down": the small model sometimes calls the particle an adverb right after the verb
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt" or (
            c.dep_ == "advmod" and c.i == tok.i + 1 and c.lower_ in _PARTICLES)}
        preps: dict[str, list] = {}  # "went on strike on Monday": every phrase of a preposition counts
        for c in tok.children:
            if c.dep_ in ("prep", "agent"):
                preps.setdefault(c.lower_, []).append(c)
        loose = None  # phrases the parser hung on a noun of the object: "charged the suspect in the shooting with murder"
        obj = None
        best: Pattern | None = None
        for p in cands:
            if p.particle and p.particle not in particles:
                continue
            if p.sequence is not None and petrarch_match.match(tok, p.sequence) is None:
                continue  # a PETRARCH-1 pattern: its words in order around the verb
            if p.object:
                if obj is None:
                    obj = object_tokens(tok)
                if not has_words(obj, p.object):
                    continue
            if p.prep:
                if loose is None:
                    loose = attached_lower(tok)
                phrases = preps.get(p.prep) or loose.get(p.prep)
                if not phrases:
                    continue
                if p.prep_object and not any(has_words(list(c.subtree), p.prep_object) for c in phrases):
                    continue
            if p.subject and not has_words(tok.doc[tok.sent.start:tok.i], p.subject):
                continue
            if p.reciprocal and len(self._subjects(tok)) < 2:
                continue  # PETRARCH's "% *": only a compound subject
            if best is None or p.specificity > best.specificity:
                best = p
        return best
