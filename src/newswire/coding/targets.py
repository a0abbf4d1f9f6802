"""To whom: the target of a coded trigger, read off the parse.

A verb's target is its direct object (or the "from/of/with" phrase inside it), a preposition its pattern
names, or its passive subject ("X was attacked by Y"). Failing those: an object that is itself a deed points
to whoever did it ("condemned Russia's attack"), a material act reaches whoever its object belongs to, a
demand targets whoever is asked to act ("demanded that the US cancel the sale"). Each rule says on its own
lines which sentence it reads.

The actors of each phrase come from :class:`newswire.coding.frames.FrameReader`.
"""

from __future__ import annotations

from collections.abc import Collection

from newswire.coding.frames import PASSIVE_SUBJ, SUBJ
from newswire.coding.matching import has_words
from newswire.coding.patterns import Pattern
from newswire.coding.tables import coder_groups
from newswire.data import words
from newswire.model import Actor

# PLOVER types and CAMEO codes the coder treats alike (data/coder_groups.yaml says why each); the coder's
# orchestration reads the first four too
_GROUPS = coder_groups()
REJECTING = _GROUPS["plover"]["rejecting"]
COMMENTING = _GROUPS["plover"]["commenting"]
RECIPROCAL_CODES = _GROUPS["cameo"]["reciprocal"]
PLACE_TARGETED = _GROUPS["plover"]["place_targeted"]
ASKING = _GROUPS["plover"]["asking"]
MATERIAL = _GROUPS["plover"]["material"]

# prepositions that point an act at someone ("a strike against Ukraine", "fire on protesters")
DIRECTED = words("directed_prepositions")

# function words the target rules read (data/lexicon.yaml)
_NESTED_TARGET_PREPS = words("nested_target_prepositions")
_BELONGING_PREPS = words("judged_owner_prepositions")
_INQUIRY_PREPS = words("inquiry_prepositions")


class TargetReader:
    """The target rules of :class:`newswire.coding.coder.Coder`, as a mixin.

    Reads ``self._mentions``, ``self.table`` (a code's PLOVER type), ``self.patterns`` (which nouns are
    events), ``self.cues``, ``self.inferences`` and ``self.deep_targets``; calls the actor lookups of
    :class:`~newswire.coding.frames.FrameReader` (``self._actors``, ``self._doers``, ``self._earlier_doers``,
    ``self._noun_sources``) and :meth:`~newswire.coding.matching.Matcher._match` (the pattern of a clause
    under the trigger).
    """

    def _targets(self, trig, pattern: Pattern, passive: bool, light=None) -> list[tuple[Actor, float]]:
        """Target actors: passive subject, direct object (or the "from/of/with" phrase inside it), named preps."""
        found: list[tuple[Actor, float]] = []
        nested = frozenset(p for p in pattern.target_preps if p in _NESTED_TARGET_PREPS)
        if pattern.code is not None and self.table.info(pattern.code).plover in PLACE_TARGETED:
            # "a camp for Congolese refugees was attacked", "set fire to the offices of X": they were hit
            nested |= {"for", "of"}
        heads = [trig] + ([light] if light is not None else [])
        for h in heads:
            for c in h.children:
                if passive and c.dep_ in PASSIVE_SUBJ:
                    found.extend(self._actors(c, nested))
                elif c.dep_ in ("dobj", "dative") and not passive and h is trig and pattern.object_target:
                    event_obj = bool(self.patterns.candidates("noun", c.lemma_.lower()))
                    commenting = pattern.code is not None and pattern.code not in RECIPROCAL_CODES \
                        and self.table.info(pattern.code).plover in COMMENTING  # signing a treaty comments on nothing
                    # "backed dialogue with the Kremlin" supports the dialogue, not the Kremlin
                    if c.lemma_.lower() in self.cues.deed_nouns:
                        objs = self._doers(c)
                    else:
                        objs = self._actors(c, () if event_obj and commenting else nested)
                    if not objs and event_obj:
                        # "condemned Russia's attack": the target is whoever did the object event (not the
                        # trigger's own subject, when the trigger is the event noun's light verb: "launched a strike")
                        doers, light_verb = self._noun_sources(c)
                        objs = doers if light_verb is None or light_verb.i != trig.i else []
                    if not objs and commenting:
                        # "criticized the move by Turkey", "welcomed Japan's decision": who made what is judged
                        objs = self._doers(c) or self._earlier_doers(c)
                    if not objs:
                        # "launched a missile strike against Ukraine": the object's own "against/on/at" phrase
                        objs = [a for p in c.children if p.dep_ == "prep" and p.lower_ in DIRECTED
                                and p.lower_ in pattern.target_preps
                                for o in p.children if o.dep_ == "pobj" for a in self._actors(o)]
                    if not objs:
                        # "launched missiles targeting US troops", "denounced the memoranda signed by Turkey and
                        # Libya": a participle on the object names who is hit, or who made the thing
                        objs = self._participle_parties(c, pattern)
                    if not objs and pattern.object and has_words(list(c.subtree), pattern.object):
                        # "restored diplomatic ties with Gondor": the pattern's own object word carries the target
                        objs = [a for p in c.children if p.dep_ == "prep" and p.lower_ in pattern.target_preps
                                for o in p.children if o.dep_ == "pobj" for a in self._actors(o)]
                    found.extend(objs)
                elif c.dep_ == "dobj" and not passive and h is trig and c.lemma_.lower() not in self.cues.topic_nouns:
                    # "discussed the crisis with Germany": the topic is not the target, its "with" phrase is;
                    # not in "discuss their ties with Moscow", where Moscow is part of the topic
                    found.extend(a for p in c.children if p.dep_ == "prep" and p.lower_ in pattern.target_preps
                                 for o in p.children if o.dep_ == "pobj" for a in self._actors(o))
                elif c.dep_ == "prep" and c.lower_ in pattern.target_preps:
                    if h is light and c.lower_ == "of":
                        continue
                    for pobj in c.children:
                        if pobj.dep_ == "pobj" and not (pobj.lemma_.lower() in self.cues.instigation_nouns
                                                        and c.lower_ in self.cues.instigation_prepositions):
                            found.extend(self._actors(pobj, nested if h is trig else ()))
                elif c.dep_ == "dative" and h is light:
                    found.extend(self._actors(c))
        if trig.dep_ == "acl" and trig.tag_ == "VBN":
            found.extend(self._actors(trig.head))  # "diplomats expelled by Russia"
        if not found and trig.pos_ == "VERB":
            # "refused to meet Ukraine", "threatened to cut ties with Kyiv": the target sits in the clause
            for c in trig.children:
                if c.dep_ == "xcomp" and c.pos_ == "VERB":
                    inner = self._match(c, "verb")
                    found.extend(self._targets(c, inner or pattern, False))
        if not found and self.deep_targets and trig.pos_ == "VERB":
            for c in trig.children:
                if c.dep_ in ("dobj", "prep") and not found:
                    first = next((t for t in c.subtree if t.i in self._mentions), None)
                    if first is not None:
                        found.extend(self._actors(first))
        if not found and trig.pos_ == "VERB" and pattern.object_target and pattern.code is not None \
                and self.table.info(pattern.code).plover in MATERIAL | COMMENTING:
            # a material act reaches whoever its object belongs to: "suspended part of a military aid program for
            # Bosnia", "ended mediation efforts between rival militias"; only along the noun phrase, never
            # into a clause inside it ("arrested a man who attacked the US embassy" targets no embassy)
            # praise or blame follows only phrases of belonging ("welcomed the shift in U.S. policy"), not a
            # party's ("backed dialogue with Russia" backs the dialogue)
            preps = None if self.table.info(pattern.code).plover in MATERIAL else _BELONGING_PREPS
            for c in trig.children:
                if c.dep_ == "dobj" and not found and (preps is None or not (
                        c.lemma_.lower() in self.cues.deed_nouns or self.patterns.candidates("noun", c.lemma_.lower()))):
                    # a deed's or an event's "of" phrase is what was done to, not whose it is
                    found.extend(self._phrase_actor(c, preps=preps))
        if not found and pattern.code and self.inferences and self.table.info(pattern.code).plover in ASKING:
            # "demanded that the US cancel the sale", "its demand that Israel ease ...": who is asked is the
            # subject of the demanded clause; "demanded an admission by Moscow": whoever is to do it
            clauses = [c for c in trig.children
                       if c.dep_ == "ccomp" or (c.dep_ == "acl" and trig.pos_ == "NOUN" and c.pos_ == "VERB")]
            if trig.pos_ == "NOUN" and trig.dep_ == "dobj":
                # "reiterated its demand today that Israel ease ...": the parser may hang the clause on the verb
                clauses += [c for c in trig.head.children if c.dep_ == "ccomp" and c.i > trig.i
                            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
            for c in clauses:
                found.extend(a for s in c.children if s.dep_ in SUBJ for a in self._actors(s))
            for c in trig.children:
                if c.dep_ == "dobj" and trig.pos_ == "VERB":
                    found.extend(a for p in c.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
                                 for o in p.children if o.dep_ == "pobj" for a in self._actors(o))
            if not found:
                # "called for an investigation into the shooting": whoever did the deed named is asked to answer
                asked = [o for c in trig.children if c.dep_ in ("dobj", "prep") for o in ([c] if c.dep_ == "dobj"
                         else [g for g in c.children if g.dep_ == "pobj"])]
                deeds = [d for noun in asked for p in noun.children if p.dep_ == "prep" and p.lower_ in _INQUIRY_PREPS
                         for d in p.children if d.dep_ == "pobj"]
                for deed in deeds:
                    found.extend(self._doers(deed) or self._earlier_doers(deed))
                    if found:
                        break
        return found

    def _participle_parties(self, obj, pattern: Pattern) -> list[tuple[Actor, float]]:
        """The party a participle on a verb's object names: whom "missiles targeting X" are aimed at, and for
        words about a thing (criticism, praise, rejection), who made it ("the memoranda signed by X and Y")."""
        plover = self.table.info(pattern.code).plover if pattern.code else None
        out: list[tuple[Actor, float]] = []
        for acl in obj.children:
            if acl.dep_ != "acl":
                continue
            if acl.lemma_.lower() in ("target", "aim") and acl.tag_ == "VBG":
                out += [(a, c * 0.9) for o in acl.children if o.dep_ == "dobj" for a, c in self._actors(o)]
                out += [(a, c * 0.9) for p in acl.children if p.dep_ == "prep" and p.lower_ == "at"
                        for o in p.children if o.dep_ == "pobj" for a, c in self._actors(o)]
            elif acl.tag_ == "VBN" and (plover in COMMENTING or plover in REJECTING):
                out += [(a, c * 0.9) for p in acl.children if p.dep_ == "agent"
                        for o in p.children if o.dep_ == "pobj" for a, c in self._actors(o)]
        if not out and (plover in COMMENTING or plover in REJECTING):
            # "denounced the memoranda of understanding between Turkey and Libya": the parties to the thing
            # judged, along the noun phrase only (not into a clause inside it)
            out += [(a, c * 0.85) for p in obj.subtree if p.dep_ == "prep" and p.lower_ == "between"
                    and not any(t.pos_ in ("VERB", "AUX") for t in p.ancestors if obj.is_ancestor(t))
                    for o in p.children if o.dep_ == "pobj" for a, c in self._actors(o)]
        return out

    def _phrase_actor(self, tok, depth: int = 0, preps: Collection[str] | None = None) -> list[tuple[Actor, float]]:
        """The first actor inside a noun phrase, through its prepositions (``preps`` only, when given) and
        modifiers only (three levels)."""
        if depth > 3:
            return []
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in self._mentions:
                return [(self._mentions[c.i].actor, 0.8)]
        for c in tok.children:
            if c.dep_ == "prep" and (preps is None or c.lower_ in preps):
                for o in c.children:
                    if o.dep_ == "pobj":
                        found = [(a, conf * 0.8) for a, conf in self._actors(o)] or self._phrase_actor(
                            o, depth + 1, preps)
                        if found:
                            return found
        return []

    def _foreign_in(self, clause, sources: list[tuple[Actor, float]]) -> list[tuple[Actor, float]]:
        """The first actor in a clause that belongs to another country or organisation than every source."""
        keys = {(a.country, a.igo) for a, _ in sources}
        for t in clause.subtree:
            m = self._mentions.get(t.i)
            if m is not None and (m.actor.country, m.actor.igo) not in keys:
                return [(m.actor, 0.8)]
        return []
