"""The pattern coder: who did what to whom, read off the dependency parse spaCy already made.

For each sentence, every token whose lemma has patterns is a candidate trigger. The most specific
matching pattern gives the CAMEO code; the parse gives the actors:

* verbs: the subject is the source and the object (or a prepositional phrase the pattern names) the
  target; passives swap them ("X was attacked by Y"); a verb with no subject of its own inherits it
  from the verb it is coordinated with or depends on ("agreed to meet", "urged Y to leave" → Y);
  relative and participial clauses take their noun ("the troops that attacked", "protesters
  arrested by police");
* nouns: the possessor ("Russia's expulsion of"), a "by" phrase, an actor modifier ("EU sanctions"),
  or the subject of a light verb ("hold talks with", "impose sanctions on").

Coordinated actors each get their own event. Actors come only from ``analysis.mentions`` (names,
descriptions, resolved pronouns): no resolved source, no event; no pattern, no event.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from typing import get_args

from newswire.coding import petrarch_match
from newswire.coding.patterns import Pattern, PatternSet
from newswire.coding.tables import CodeTable, coder_groups
from newswire.data import words
from newswire.model import Actor, Analysis, Event, Location, Mention, Status
from newswire.nlp.places import resolve_place
from newswire.nlp.spans import entities
from newswire.nlp.tone import polarity

SUBJ = ("nsubj", "csubj", "expl")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
SUBJ_NESTED = words("subject_prepositions")  # "King Hassan of Morocco", "doctors from two American aid groups"
REL_PRONOUNS = words("relative_pronouns")
STATUS_RANK = {s: i for i, s in enumerate(get_args(Status))}  # occurred < planned < possible < negated
# PLOVER types, CAMEO codes and sectors the coder treats alike (data/coder_groups.yaml says why each)
_GROUPS = coder_groups()
REJECTING = _GROUPS["plover"]["rejecting"]
COOPERATIVE = _GROUPS["plover"]["cooperative"]
COMMENTING = _GROUPS["plover"]["commenting"]
RECIPROCAL = _GROUPS["plover"]["reciprocal"]
RECIPROCAL_CODES = _GROUPS["cameo"]["reciprocal"]
POPULATION_MEASURES = tuple(_GROUPS["cameo"]["population_measures"])
STATE_ACTS = tuple(_GROUPS["cameo"]["state_acts"])
ASKING = _GROUPS["plover"]["asking"]
PLACE_TARGETED = _GROUPS["plover"]["place_targeted"]
MATERIAL = _GROUPS["plover"]["material"]
COMMITTING = _GROUPS["plover"]["committing"]


# not a data pattern: a shape of reported speech ("X said Y must ..."), coded as a plain demand
OBLIGATION = Pattern(trigger="must", pos="verb", code="100", confidence=0.7, origin="coder: reported obligation")
# not data patterns either: what someone or their deed is called says whether it is criticism or praise
CRITICISM = Pattern(trigger="call", pos="verb", code="111", confidence=0.75, origin="coder: negative characterisation")
PRAISE = Pattern(trigger="call", pos="verb", code="051", confidence=0.75, origin="coder: positive characterisation")


# prepositions that point an act at someone ("a strike against Ukraine", "fire on protesters")
DIRECTED = words("directed_prepositions")

# function words the coder reads (data/lexicon.yaml)
_NOUN_OWNER_PREPS = words("noun_owner_prepositions")
_PARTICLES = words("particles")
_CONDITIONAL_MARKS = words("conditional_marks")
_PLANNED_ADJECTIVES = words("planned_adjectives")
_POSSIBLE_ADJECTIVES = words("possible_adjectives")
_MEMBER_PREPS = words("member_prepositions")
_NESTED_TARGET_PREPS = words("nested_target_prepositions")
_PERSONAL_PRONOUNS = words("personal_pronouns")
_LOCATION_PREPS = words("location_prepositions")
_DEED_SOURCE_PREPS = words("deed_source_prepositions")
_ANAPHORIC_DETERMINERS = words("anaphoric_determiners")
_BELONGING_PREPS = words("judged_owner_prepositions")
_INQUIRY_PREPS = words("inquiry_prepositions")
EARLIER_DEED_REACH = 6  # sentences: how far back "the move" may point
LEDE_SENTENCES = 2  # the first sentences, where news states its main deed
_SETTING_PREPS = words("setting_prepositions")
STATE_SECTORS = _GROUPS["sectors"]["state"]  # a protest by one of these is no protest against its own government


@functools.lru_cache(maxsize=256)
def _country_name(iso3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or getattr(country, "name", iso3) if country else iso3


@dataclass
class _Found:
    """A coded trigger before it becomes events: the pieces each (source, target) pair shares."""

    pattern: Pattern
    code: str
    trigger: object  # spaCy Token
    sources: list[tuple[Actor, float]]
    targets: list[tuple[Actor, float]]
    status: str
    confidence: float


class Coder:
    """Codes events in an Analysis with one PatternSet and one CodeTable."""

    def __init__(self, patterns: PatternSet, table: CodeTable, inferences: bool = True,
                 deep_targets: bool = False) -> None:
        """``inferences=False`` codes only what the patterns say: no "said X rejected" criticism, no
        "said Y must" demand, no implicit threat target (for foreign dictionaries scored as they are).
        ``deep_targets``: PETRARCH's reading, where the target is the first actor anywhere in the object
        phrase ("welcomed a resumption of ties with Osgiliath"); newswire's own coding keeps it off, since
        "condemned the attack on Ukraine" does not target Ukraine."""
        self.patterns = patterns
        self.table = table
        self.inferences = inferences
        self.deep_targets = deep_targets
        self.cues = patterns.cues
        self._mentions: dict[int, Mention] = {}
        self._modifiers: dict[int, Mention] = {}  # token index → a people's adjective ("Palestinian riots")
        self._people: set[Actor] = set()
        self._home: str | None = None

    # ---- actors -------------------------------------------------------------------------------

    def _index_mentions(self, analysis: Analysis) -> dict[int, Mention]:
        """Token index → the mention covering it (the first, when mentions overlap).

        Also fills ``self._same_span``: every mention of exactly the first one's span, so a name standing
        for several actors ("The Shire" → three hobbits in PETRARCH's dictionaries) yields each."""
        doc = analysis.doc
        index: dict[int, Mention] = {}
        self._same_span: dict[int, list[Mention]] = {}
        for m in analysis.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                first = index.setdefault(i, m)
                if first is not m and (first.start, first.end) == (m.start, m.end) and first.actor != m.actor:
                    self._same_span.setdefault(i, [first]).append(m)
        return index

    def _actor(self, tok) -> tuple[Actor, float] | None:
        """The actor a token names: its mention, else an actor modifier ("EU leaders", "Russia's envoy")."""
        m = self._mentions.get(tok.i)
        if m is not None:
            # a name no dictionary knows is less sure to be a party than a resolved one
            return m.actor, (0.8 if m.kind == "new" else 0.9 if m.antecedent is not None or m.kind != "name" else 1.0)
        if tok.lemma_.lower() in self.cues.relational_nouns:
            # "its partners", "Russia's neighbours" are not Russia; "its European Community partners",
            # "NATO allies" are the organisation's members
            for child in tok.children:
                if child.dep_ == "compound" and child.i in self._mentions and self._mentions[child.i].actor.igo:
                    return self._mentions[child.i].actor, 0.8
            return None
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self._mentions:
                m = self._mentions[child.i]
                return m.actor, 0.9
        for child in tok.children:
            # "Iran's religious leader Ayatollah Khomeini": the apposed name says who the head noun is
            if child.dep_ == "appos" and child.i in self._mentions:
                return self._mentions[child.i].actor, 0.9
        for child in tok.children:
            # "seized a British tanker", "Palestinian territory": whose the thing is
            if child.dep_ in ("amod", "compound") and child.i in self._modifiers:
                return self._modifiers[child.i].actor, 0.8
        return None

    def _misparsed_conjuncts(self, head) -> list[tuple[Actor, float]]:
        """Actors joined by "and" that the small model did not parse as conjuncts: in "US President Donald Trump
        and Turkish President Recep Tayyip Erdogan spoke", Trump hangs inside Erdogan's title. Each named actor
        of the phrase outside its prepositional phrases is then a party of its own."""
        phrase = list(head.subtree)
        if not any(t.dep_ == "cc" and t.lower_ == "and" for t in phrase):
            return []
        out: dict[Actor, float] = {}
        for t in phrase:
            m = self._mentions.get(t.i)
            if m is None or not (m.person or m.kind == "new") or self._under_prep(t, head):
                continue
            out.setdefault(m.actor, 0.9)
        return list(out.items()) if len(out) > 1 else []

    @staticmethod
    def _under_prep(tok, head) -> bool:
        """Whether tok hangs below a preposition inside the phrase headed by ``head``."""
        t = tok
        while t.i != head.i and t.head.i != t.i:
            t = t.head
            if t.dep_ == "prep":
                return True
        return False

    def _conjuncts(self, tok) -> list:
        """A token and every token coordinated with it ("Poland, Germany and Sweden")."""
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj")
        return sorted(out, key=lambda t: t.i)

    def _actors(self, tok, nested_preps: Collection[str] = ()) -> list[tuple[Actor, float]]:
        """Actors of a phrase headed by tok and its conjuncts; looks into "of/from" phrases when the head is not one.

        "diplomats from Poland, Germany and Sweden" gives three actors; "three EU diplomats" gives the EU.
        """
        found: list[tuple[Actor, float]] = []
        for t in self._conjuncts(tok):
            if t.pos_ == "ADP" and t.dep_ == "dative":
                # "granted a loan of $2 billion to Pakistan": the parser calls "to" itself the recipient
                found.extend(a for p in t.children if p.dep_ == "pobj" for a in self._actors(p))
                continue
            a = self._actor(t)
            if a is not None:
                found.append(a)
                found.extend((m.actor, a[1]) for m in self._same_span.get(t.i, [])[1:])
                # "the foreign ministers of Egypt, Greece and Cyprus": the ministers of each country named
                found.extend((self._mentions[c.i].actor, a[1]) for p in t.children
                             if p.dep_ == "prep" and p.lower_ in SUBJ_NESTED
                             for o in p.children if o.dep_ == "pobj"
                             for c in self._conjuncts(o)[1:] if c.i in self._mentions)
                continue
            if t.lemma_.lower() in self.cues.relational_nouns:
                # "critics of Putin" are not Putin; "counterparts from Europe and Japan" are Japan's
                found.extend(a for p in t.children if p.dep_ == "prep" and p.lower_ == "from"
                             for o in p.children if o.dep_ == "pobj" for a in self._actors(o))
                continue
            if t.lemma_.lower() in self.cues.topic_nouns and t.dep_ == "pobj":
                # "a suspension of air links with Serbia": the ties' other side is the party
                found.extend(a for p in t.children if p.dep_ == "prep" and p.lower_ in ("with", "between")
                             for o in p.children if o.dep_ == "pobj" for a in self._actors(o))
                continue
            event_noun = bool(self.patterns.candidates("noun", t.lemma_.lower()))
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ in nested_preps and (
                        event_noun or prep.lower_ in _NOUN_OWNER_PREPS):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self._actors(pobj))
        return found

    def _subjects(self, verb, depth: int = 0) -> list[tuple[Actor, float]]:
        """Source actors of a verb: its subject or passive agent, else inherited from the verb it hangs on."""
        if depth > 4:
            return []
        for c in verb.children:
            if c.dep_ == "agent":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        return self._actors(pobj)
        subj = [c for c in verb.children if c.dep_ in SUBJ]
        if subj:
            s = subj[0]
            if s.lower_ in REL_PRONOUNS and verb.dep_ == "relcl":
                return self._actors(verb.head, SUBJ_NESTED)
            found = self._actors(s, SUBJ_NESTED)
            found += [a for a in self._misparsed_conjuncts(s) if a[0] not in {x for x, _ in found}]
            if not found and s.tag_ == "VBG":
                # "The Red Cross operating in Iraq said": the parser heads the phrase with the participle
                found = [a for c in s.children if c.dep_ in SUBJ for a in self._actors(c, SUBJ_NESTED)]
            if not found and s.pos_ == "NOUN" and self.patterns.candidates("noun", s.lemma_.lower()):
                # "US Predator attacks have killed ...", "Israeli air strikes killed ...": whoever made the attacks
                found = [(a, c * 0.9) for a, c in self._noun_sources(s)[0]]
            return found
        if any(c.dep_ in PASSIVE_SUBJ for c in verb.children):
            return []  # passive without an agent: the doer is unknown
        head = verb.head
        if head is verb:
            return []
        if verb.dep_ in ("acomp", "oprd") and head.pos_ in ("VERB", "AUX"):
            return self._subjects(head, depth + 1)  # "is ready to": the adjective's subject is the verb's
        if self._purpose(verb):
            # "paid bounties to the Taliban to kill soldiers": the one paid does it, never the payer
            return [(a, c * 0.9) for a, c in self._commissioned(head)]
        if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in verb.children)):
            if head.lemma_.lower() in self.cues.control_verbs:
                objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
                if objs:
                    return [(a, c * 0.9) for a, c in self._actors(objs[0])]
            passive_subj = [c for c in head.children if c.dep_ in PASSIVE_SUBJ]
            if verb.dep_ == "xcomp" and passive_subj:
                # "Baker is expected to meet Miyazawa", "X was urged by Y to leave": the passive's subject does it
                return [(a, c * 0.95) for a, c in self._actors(passive_subj[0], SUBJ_NESTED)]
            return [(a, c * 0.95) for a, c in self._subjects(head, depth + 1)]
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            if self._finite(verb) and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
                return []  # "arranged for the Guard to be ready and has requested ...": a misparse, not one subject
            passive_subj = [c for c in head.children if c.dep_ in PASSIVE_SUBJ]
            if passive_subj:
                # "X has been indicted by the court and will resign": X resigns, not the court
                return [(a, c * 0.95) for a, c in self._actors(passive_subj[0], SUBJ_NESTED)]
            return [(a, c * 0.95) for a, c in self._subjects(head, depth + 1)]
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            found = self._actors(head)  # "troops attacking the town"
            if not found and head.head is not head and (
                    head.lemma_.lower() in self.cues.message_nouns or head.lemma_.lower() in self.cues.projectiles):
                # "issued a declaration demanding that ...": the declaration speaks for whoever issued it;
                # "launched missiles targeting US troops": whoever launched them aims them
                found = self._subjects(head.head, depth + 1)
            return found
        return []

    @staticmethod
    def _finite(verb) -> bool:
        """A verb with its own tense: "requested" in "has requested", "expelled"; not "to be"."""
        return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)

    def _purpose(self, verb) -> bool:
        """A "to"-clause of purpose under a verb that commissions others ("paid them to kill", "sent troops to")."""
        head = verb.head
        return (verb.dep_ in ("advcl", "xcomp") and head is not verb and head.lemma_.lower() in self.cues.commission_verbs
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))

    def _commissioned(self, verb) -> list[tuple[Actor, float]]:
        """Who a commissioning verb sets to work: its recipient ("to the Taliban", "paid the Taliban"; never the
        payer, even when the recipient is no known actor), else its object ("sent troops"), else its subject."""
        # "paid bounties to Hamas": the parser may hang the recipient on the thing paid
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        recipients = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "to"
                      for p in c.children if p.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dative"]
        if recipients:
            return [a for p in recipients for a in self._actors(p)]
        found = [a for c in verb.children if c.dep_ == "dobj" for a in self._actors(c)]
        # "sent material to help defend Saudi Arabia": a thing sent does nothing, the sender does
        return found or [(a, c * 0.9) for a, c in self._subjects(verb)]

    def _speaker(self, tok, reported: bool = False) -> list[tuple[Actor, float]]:
        """The actor of the nearest verb of saying above tok ("he wrote, insisting that ... these could ...").

        ``reported``: only when tok is inside what is said, not in a relative or adverbial clause hung on
        it ("Trump said he banned travel, which Biden opposed": Trump does not report Biden's opposing)."""
        t = tok
        for _ in range(12):
            if t.head is t:
                break
            if reported and t.dep_ in ("relcl", "acl", "advcl", "pcomp"):
                return []
            t = t.head
            if t.pos_ == "VERB" and t.lemma_.lower() in self.cues.report_verbs:
                subj = self._subjects(t)
                if subj:
                    return subj
        # a parenthetical "he wrote" hangs below the clause it reports
        for c in tok.sent.root.children:
            if c.dep_ == "parataxis" and c.lemma_.lower() in self.cues.report_verbs:
                return self._subjects(c)
        if tok.sent.root.lemma_.lower() in self.cues.report_verbs:
            return self._subjects(tok.sent.root)
        return []

    # ---- patterns -----------------------------------------------------------------------------

    @staticmethod
    def _has_words(tokens, alternatives) -> bool:
        words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
        return any(all(w in words for w in alt) for alt in alternatives)

    def _object_tokens(self, tok) -> list:
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
                    obj = self._object_tokens(tok)
                if not self._has_words(obj, p.object):
                    continue
            if p.prep:
                if loose is None:
                    loose = self._attached_lower(tok)
                phrases = preps.get(p.prep) or loose.get(p.prep)
                if not phrases:
                    continue
                if p.prep_object and not any(self._has_words(list(c.subtree), p.prep_object) for c in phrases):
                    continue
            if p.subject and not self._has_words(tok.doc[tok.sent.start:tok.i], p.subject):
                continue
            if p.reciprocal and len(self._subjects(tok)) < 2:
                continue  # PETRARCH's "% *": only a compound subject
            if best is None or p.specificity > best.specificity:
                best = p
        return best

    @staticmethod
    def _attached_lower(tok) -> dict[str, list]:
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

    # ---- status -------------------------------------------------------------------------------

    def _clause_status(self, tok) -> str:
        """occurred / planned / possible / negated from the trigger and the verbs it depends on.

        Climbs through "to"-clauses and noun heads ("plans to visit", "did not want to seize the
        chance to meet") but not through verbs of saying: reported speech keeps its own status.
        """
        status = "occurred"

        def worse(s: str) -> None:
            nonlocal status
            if STATUS_RANK[s] > STATUS_RANK[status]:
                status = s

        t = tok
        for _ in range(8):
            for c in t.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                    worse("negated")
                elif c.dep_ == "aux" and c.tag_ == "MD":
                    w = c.lower_
                    if w in self.cues.planned_modals or w == "would" and self._backshifted(t):
                        worse("planned")  # "Iraq said it would allow ...": the reported "will"
                    elif w in self.cues.possible_modals:
                        worse("possible")
                elif c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
                    worse("possible")
                elif c.dep_ == "aux" and c.lower_ == "going" and t.tag_ == "VB":
                    worse("planned")
            if t is not tok:
                lemma = t.lemma_.lower()
                if t.pos_ in ("VERB", "AUX") and lemma in self.cues.planned_verbs:
                    worse("planned")
                elif t.pos_ in ("VERB", "AUX") and lemma in self.cues.possible_verbs:
                    worse("possible")
                elif t.pos_ == "NOUN" and lemma in self.cues.possible_nouns:
                    worse("possible")
                elif t.pos_ == "ADJ" and lemma in self.cues.planned_adjectives:
                    worse("planned")
            if self._purpose(t):
                worse("planned")  # "paid them to kill": the killing is the aim
            if t.pos_ == "AUX" and t.lemma_ == "be" and tok.dep_ == "xcomp":
                worse("planned")  # "is to visit"
            for c in t.children:  # "the planned visit", "a possible attack"
                if c.dep_ == "amod" and t.pos_ == "NOUN":
                    lw = c.lemma_.lower()
                    if lw in _PLANNED_ADJECTIVES or lw in self.cues.planned_verbs:
                        worse("planned")
                    elif lw in _POSSIBLE_ADJECTIVES:
                        worse("possible")
            head = t.head
            if head is t:
                break
            hl = head.lemma_.lower()
            if t.dep_ in ("dobj", "nsubjpass", "attr") and hl not in self.cues.light_verbs:
                break  # "will debrief his trip": the trip is not what is planned
            if t.dep_ == "pobj" and not (hl in ("of", "including") or head.dep_ == "prep"
                                         and head.head.lemma_.lower() in self.cues.possible_nouns):
                break
            if t.dep_ == "prep" and hl not in self.cues.possible_nouns and hl != "include":
                break
            if t.dep_ in ("ccomp", "xcomp") and hl in self.cues.request_verbs:
                worse("possible")  # "demanded that he resign", "want him to resign": asked for, not done
                break
            if t.dep_ in ("xcomp", "acl", "pobj", "dobj", "prep", "conj", "nsubjpass", "attr") or (
                    t.dep_ == "acomp" and t.pos_ == "ADJ") or (
                    t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
                if head.pos_ == "VERB" and head.lemma_.lower() in self.cues.report_verbs:
                    break
                if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
                    break  # a coordinated clause has its own modality
                t = head
                continue
            break
        return status

    def _backshifted(self, clause) -> bool:
        """Whether a clause is what a past verb of saying reports, where "would" is the speaker's "will"."""
        head = clause.head
        return clause.dep_ == "ccomp" and head is not clause and head.tag_ == "VBD" \
            and head.lemma_.lower() in self.cues.report_verbs and not any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)

    # ---- main ---------------------------------------------------------------------------------

    def _noun_sources(self, noun, pattern: Pattern | None = None) -> tuple[list[tuple[Actor, float]], object | None]:
        """Source actors of a noun trigger, and the light verb it hangs on (or None)."""
        for c in noun.children:
            if c.dep_ == "poss" and (found := self._actors(c)):
                return found, None  # an unresolved "their" falls through to the light verb's subject
            if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                return [a for p in c.children if p.dep_ == "pobj" for a in self._actors(p)], None
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                # "EU sanctions", "US Predator attacks" (the actor one modifier down)
                named = next((t for t in c.subtree if t.i in self._mentions), None)
                if named is not None:
                    return [(self._mentions[named.i].actor, 0.85 if named is c else 0.8)], None
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and c.i in self._modifiers:
                return [(self._modifiers[c.i].actor, 0.8)], None  # "Palestinian riots", "Israeli strikes"
        # climb: "the possibility of new sanctions", "including sanctions", "impose sanctions on"
        t = noun
        for _ in range(5):
            head = t.head
            if head is t:
                return [], None
            if t.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
                hl = head.lemma_.lower()
                if hl not in self.cues.light_verbs and head.lower_.endswith("ed"):
                    # the small model's lemmas slip ("staged" → "stag"): try the regular past's stems
                    hl = next((w for w in (head.lower_[:-1], head.lower_[:-2]) if w in self.cues.light_verbs), hl)
                if hl in self.cues.light_verbs and (pattern is None or not pattern.light or hl in pattern.light):
                    return [(a, c * 0.95) for a, c in self._subjects(head)], head
                return [], None
            if t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _MEMBER_PREPS:
                t = head.head
                if t.pos_ in ("NOUN", "VERB") and (t.lemma_.lower() in self.cues.possible_nouns
                                                   or head.lower_ in ("including",)):
                    continue
                return [], None
            if t.dep_ == "pobj" and head.lemma_.lower() == "include":
                t = head
                continue
            return [], None
        return [], None

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
                    if not objs and pattern.object and self._has_words(list(c.subtree), pattern.object):
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
                        if pobj.dep_ == "pobj":
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

    def _find(self, tok) -> _Found | None:
        pos = "verb" if tok.pos_ in ("VERB",) else "noun" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None or tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
            return None  # the last word of a name ("Capitol Hill Organized Protest", "Operation Desert Storm")
        pattern = self._match(tok, pos)
        if pattern is None or pattern.code is None or pos == "verb" and self._concurring(tok):
            return None
        light = setting = None
        if pos == "verb" and self._describes_people(tok):
            return None  # "people living in or visiting Hong Kong", "anyone who attacks": a class of people, no act
        if pos == "verb":
            # a verb governed by another coded verb is part of that event ("threatened to attack")
            h = tok.head
            if tok.dep_ in ("xcomp",) and h is not tok and h.pos_ == "VERB" and self._match(h, "verb"):
                hp = self._match(h, "verb")
                if hp is not None and hp.code is not None:
                    return None
            passive = any(c.dep_ in PASSIVE_SUBJ for c in tok.children) or (
                tok.dep_ == "acl" and tok.tag_ == "VBN")
            sources = self._subjects(tok)
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                sources = [a for c in tok.children if c.dep_ == "agent"
                           for p in c.children if p.dep_ == "pobj" for a in self._actors(p)]
        else:
            passive = False
            # a noun that is the object of a coded verb belongs to that verb ("rejected talks")
            if tok.dep_ in ("dobj", "xcomp") and tok.head.pos_ == "VERB" and tok.head is not tok:
                hp = self._match(tok.head, "verb")
                if hp is not None and hp.code is not None and self.table.info(hp.code).plover not in COMMENTING:
                    return None
            sources, light = self._noun_sources(tok, pattern)
            setting = self._setting(tok) if not sources and light is None else None
            if setting is not None:
                # "in a phone call in late July, Trump encouraged Zelensky", "during talks with Japan, the US
                # criticised ...": the one acting in the meeting is a party to it
                sources = [(a, c * 0.9) for a, c in self._subjects(setting)]
            if light is not None and light.dep_ == "xcomp" and light.head is not light:
                hp = self._match(light.head, "verb") if light.head.pos_ == "VERB" else None
                if hp is not None and hp.code is not None:
                    return None  # "threatened to impose sanctions": the threat is the event
        status = self._clause_status(light if light is not None and tok.dep_ != "nsubj" else tok)
        if light is not None:
            status = max(status, self._clause_status(tok), key=STATUS_RANK.__getitem__)
        code = pattern.code
        confidence = pattern.confidence * (0.9 if pos == "noun" else 1.0)
        if pattern.threat and status in ("planned", "possible"):
            code, status = pattern.threat, "occurred"
            if not sources:
                sources = [(a, c * 0.8) for a, c in self._speaker(tok)]
        elif code is not None and status in ("planned", "possible") and self.inferences and sources \
                and (threat := self.table.threat(code)) and self._announced(tok, sources, status):
            # "farmers said they would blockade Paris": announcing force or coercion is a threat made now
            code, status, confidence = threat, "occurred", confidence * 0.9
        targets = self._targets(tok, pattern, passive, light)
        if not targets and pos == "verb" and code is not None and self.table.info(code).plover == "ACCUSE":
            # "Ukraine alleged that Russian troops shelled the town": the accused is who did what is alleged
            targets = [(a, c * 0.8) for clause in tok.children if clause.dep_ == "ccomp"
                       for subj in clause.children if subj.dep_ in SUBJ for a, c in self._actors(subj, SUBJ_NESTED)]
        if pos == "noun" and not targets and setting is not None:
            targets = [(a, c * 0.9) for o in setting.children if o.dep_ in ("dobj", "dative") for a, c in self._actors(o)]
        if pattern.source_slot or pattern.target_slot:
            sources = self._slot(tok, pattern.source_slot) or sources
            targets = self._slot(tok, pattern.target_slot) or targets
        if pattern.sequence is not None:
            sources, targets = self._sequence_actors(tok, pattern, sources, targets)
        if pattern.person is not False and self._between_people(tok, light, pattern.person is None):
            if pattern.person is None:
                return None
            code = pattern.person
        if not sources and passive and targets and self.inferences and code is not None and code.startswith(STATE_ACTS) \
                and not any(c.dep_ == "agent" for c in tok.children):  # "arrested by gunmen" names its doer
            sources = self._state_doer(tok, targets)
        return _Found(pattern, code, tok, sources, targets, status, confidence)

    def _state_doer(self, trig, targets: list[tuple[Actor, float]]) -> list[tuple[Actor, float]]:
        """Who made an arrest, a charge or a ban that names no doer ("dozens were arrested in Cairo"): the
        state where it happened (the place in the clause, else the article's own country), by its police,
        its courts or its government as the verb says."""
        place = self._location(trig.sent, trig, {a for a, _ in targets})
        country = place.country if place is not None and place.country else self._home
        if not country:
            return []
        lemma = trig.lemma_.lower()
        sector = "COP" if lemma in self.cues.police_acts else "JUD" if lemma in self.cues.court_acts else "GOV"
        return [(Actor(_country_name(country), f"{country}{sector}", country=country, sector=sector), 0.7)]

    def _span_actors(self, doc, start: int, end: int) -> list[tuple[Actor, float]]:
        """The actors of a noun phrase (token span): its head's, else its first mention's."""
        heads = [t for t in doc[start:end] if not start <= t.head.i < end or t.head is t]
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

    def _announced(self, trig, sources: list[tuple[Actor, float]], status: str) -> bool:
        """Whether the doer itself announces a planned or possible act: its own statement ("Nigeria said it
        would withdraw"), or a plain plan with no one else reporting it ("NATO will tighten the blockade").
        Others' speculation ("analysts said Israel may strike") is no threat."""
        speakers = self._speaker(trig, reported=True)
        if not speakers:
            # its own "will" or "vowed/plans to"; not a purpose someone else sets ("paid Hamas to attack")
            verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
            return status == "planned" and (
                any(c.dep_ == "aux" and c.lower_ in self.cues.planned_modals for c in verb.children)
                or verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.cues.planned_verbs)
        keys = {(a.country, a.igo) for a, _ in sources} | {a.code for a, _ in sources}
        return any((a.country, a.igo) in keys or a.code in keys for a, _ in speakers)

    def _slot(self, trig, slot: str | None) -> list[tuple[Actor, float]]:
        """The actors at a PETRARCH slot: the subject, the first actor of the object phrase, or the object of
        the first such preposition under the trigger ("freed from Barad-dur")."""
        if slot is None:
            return []
        if slot == "subject":
            return self._subjects(trig) or [a for c in trig.children if c.dep_ in PASSIVE_SUBJ
                                              for a in self._actors(c)]
        if slot == "object":
            first = next((t for t in self._object_tokens(trig) if t.i > trig.i and t.i in self._mentions), None)
            return self._actors(first) if first is not None else []
        for t in trig.subtree:
            if t.dep_ in ("prep", "agent") and t.lower_ == slot and t.i > trig.i:
                found = [a for p in t.children if p.dep_ == "pobj" for a in self._actors(p)]
                if found:
                    return found
        return []

    def _is_person(self, tok) -> bool:
        m = self._mentions.get(tok.i)
        if m is not None and (m.person or (m.kind == "pronoun" and tok.lower_ in _PERSONAL_PRONOUNS)):
            return True
        return tok.ent_type_ == "PERSON"

    def _between_people(self, trig, light, source_only: bool = False) -> bool:
        """Whether an event is one person's act on another with no violence in sight: then "attacked" is
        words, not force ("Biden attacked Trump for the tweet", "Trump's attack on Biden's record").

        ``source_only``: only the doer counts ("Trump held a rally" is a campaign event, "protesters
        held a rally against Trump" a protest)."""
        sent = trig.sent
        if any((t.lemma_.lower() in self.cues.violence_words or t.lower_ in self.cues.violence_words)
               and not (t.pos_ == "VERB" and t.lemma_.lower() in self.cues.characterising_verbs) for t in sent):
            return False  # "blasted her behaviour" is words, not a blast
        parties = []
        for h in (trig, light) if light is not None else (trig,):
            for c in h.children:
                if c.dep_ in SUBJ + ("poss", "compound") and (h is light or c.dep_ not in SUBJ or light is None):
                    parties.append(c)
                elif source_only:
                    continue
                elif c.dep_ in ("dobj", "nsubjpass") and h is trig:
                    parties.append(c)
                elif c.dep_ in ("prep", "agent"):
                    parties.extend(p for p in c.children if p.dep_ == "pobj")
        people = False
        for p in parties:
            for t in self._conjuncts(p):
                if t.lemma_.lower() in self.cues.verbal_objects:
                    return True  # "attacked Trump's policies"
                if self._is_person(t) or any(c.dep_ == "poss" and self._is_person(c) for c in t.children):
                    people = True
        return people

    def _location(self, sent, trig, actors: set[Actor]) -> Location | None:
        """A place the event happened: a GPE/LOC/FAC after "in"/"at" in the sentence that is no party to it,
        with its country and coordinates (:func:`newswire.nlp.places.resolve_place`)."""
        for ent in entities(sent.doc).within(sent.start, sent.end):  # not sent.ents: a scan of the whole Doc
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            prep = ent.root.head
            if ent.root.dep_ != "pobj" or prep.lower_ not in _LOCATION_PREPS:
                continue
            m = self._mentions.get(ent.root.i)
            if m is not None and (m.start, m.end) != (ent.start_char, ent.end_char):
                m = None  # "protesters in Tbilisi": the party is the protesters, Tbilisi is still the place
            if m is not None and (m.actor in actors or any(
                    m.actor.country and m.actor.country == a.country and a.sector is None for a in actors)):
                continue
            # only places in the trigger's own clause
            anc = {t.i for t in prep.ancestors}
            if trig.i not in anc and prep.head.i != trig.i and trig.head.i not in anc | {prep.head.i}:
                continue
            place = resolve_place(ent.text)  # country and coordinates from the gazetteer, when unambiguous
            country = (m.actor.country if m is not None else None) or (place.country if place else None)
            return Location(ent.text, country, place.lat if place else None, place.lon if place else None)
        return None

    def _date(self, analysis: Analysis, sent, trig, status: str) -> str | None:
        """The sentence's own date (the one nearest the trigger), else the article's date for news of now."""
        dates = [d for d in analysis.dates if sent.start_char <= d.start < sent.end_char]
        if dates:
            best = min(dates, key=lambda d: abs(d.start - trig.idx))
            return best.value if len(best.value) >= 7 else None
        if status != "occurred":
            return None
        # present perfect / present ("has expelled", "expels") report what happened by publication;
        # a bare past tense may be days old, so it stays undated rather than wrongly dated
        verb = trig if trig.pos_ == "VERB" else trig.head
        if verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                                               for c in verb.children):
            return analysis.article.published_date
        return None

    def code(self, analysis: Analysis) -> list[Event]:
        doc = analysis.doc
        if doc is None:
            return []
        self._mentions = self._index_mentions(analysis)
        # named people: "Boris Johnson asked the Queen" is an event though both are GBRGOV
        self._people = {m.actor for m in analysis.mentions if m.person}
        self._home = analysis.country  # the article's own country, when it has one
        self._modifiers = {t.i: m for m in analysis.modifiers
                           for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
        events: list[Event] = []
        self._acts: list[tuple[int, str, Actor]] = []  # (sentence number, PLOVER type, who did it), in text order
        for self._sent_no, sent in enumerate(doc.sents):
            found = self._petrarch_scope([f for f in (self._find(t) for t in sent)
                                          if f is not None and not self._enabled_by_law(f.trigger)])
            if self.inferences:
                found += self._statements(found)
                found += self._obligations(sent)
                found += self._characterisations(sent)
            best: dict[tuple, Event] = {}
            for f in found:
                for ev in self._events(analysis, sent, f):
                    key = (ev.source, ev.plover, ev.target)
                    old = best.get(key)
                    if old is None or (ev.confidence, len(ev.cameo)) > (old.confidence, len(old.cameo)):
                        best[key] = ev
            events.extend(sorted(best.values(), key=lambda e: (e.start, e.trigger, e.source.code)))
            # who did what in this sentence; both sides of a joint act ("signed an agreement with Turkey"), never
            # the one attacked
            self._acts.extend(dict.fromkeys(
                (self._sent_no, e.plover, party) for e in best.values()
                for party in (e.source, e.target) if party is not None and (party is e.source or (
                    e.plover in RECIPROCAL and e.plover in COOPERATIVE or e.cameo in RECIPROCAL_CODES))))
        return events

    def _earlier_doers(self, noun) -> list[tuple[Actor, float]]:
        """Who did the deed a bare "the move" or "this decision" names again: whoever acted in the last sentence
        with an event, at most ``EARLIER_DEED_REACH`` sentences back, else in the lede (news names its main deed
        first, and comment on "the move" follows). An event noun ("investigating the shooting") names the last
        event of its own type in the article. Not for a deed that says whose it is."""
        lemma = noun.lemma_.lower()
        kind = next((self.table.info(p.code).plover for p in self.patterns.candidates("noun", lemma)
                     if p.code is not None), None)
        if not self.inferences or (lemma not in self.cues.earlier_deeds and kind is None) or not any(
                c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETERMINERS for c in noun.children) or any(
                c.dep_ in ("poss", "relcl", "acl", "compound", "amod") or c.dep_ == "prep" and c.lower_ in
                _DEED_SOURCE_PREPS for c in noun.children):
            return []
        before = [a for a in self._acts if a[0] < self._sent_no]
        if kind is not None:
            last = next((a for a in reversed(before) if a[1] == kind), None)
            return [] if last is None else [(x, 0.8) for no, p, x in before if no == last[0] and p == kind]
        if before and self._sent_no - before[-1][0] <= EARLIER_DEED_REACH:
            return [(x, 0.8) for no, _, x in before if no == before[-1][0]]
        if before and before[0][0] < LEDE_SENTENCES:
            return [(x, 0.8) for no, _, x in before if no == before[0][0]]
        return []

    def _enabled_by_law(self, trig) -> bool:
        """Whether a trigger only says what a law, bill or deal would allow ("a law that would have allowed the
        government to extradite people"): a description of the text, not anyone's act."""
        tok = trig
        for _ in range(2):
            head = tok.head
            if head.i == tok.i:
                return False
            if tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in self.cues.enabling_verbs:
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ in REL_PRONOUNS and head.dep_ == "relcl":
                    subj = head.head
                return subj is not None and subj.lemma_.lower() in self.cues.law_nouns
            if tok.dep_ != "conj":
                return False
            tok = head
        return False

    @staticmethod
    def _petrarch_scope(found: list[_Found]) -> list[_Found]:
        """PETRARCH-1 codes a verb phrase once: a verb inside the phrase after a verb coded by a PETRARCH-1
        pattern ("allowed that X is a pleasant place to visit") is no event of its own."""
        inside: set[int] = set()
        for f in found:
            if f.pattern.sequence is not None:
                inside.update(t.i for t in petrarch_match.lower_tokens(f.trigger))
        return [f for f in found if f.trigger.i not in inside] if inside else found

    def _obligations(self, sent) -> list[_Found]:
        """A reported obligation on another actor is a demand: "Russia said Sudan must return the helicopter"."""
        out = []
        for verb in sent:
            saying = verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in self.cues.report_verbs
            # "issued a stern reminder to Iraq that it must cooperate": the document's issuer says it
            message = verb.pos_ == "NOUN" and verb.lemma_.lower() in self.cues.message_nouns \
                and verb.dep_ == "dobj" and verb.head.pos_ == "VERB"
            if not (saying or message):
                continue
            clauses = [c for c in verb.children if c.dep_ in (("ccomp",) if saying else ("ccomp", "acl"))]
            if message:  # the parser may hang the "that" clause and the addressee on the issuing verb
                clauses += [c for c in verb.head.children if c.dep_ == "ccomp"]
            for clause in clauses:
                if not any(c.dep_ == "aux" and c.lower_ in self.cues.demand_modals for c in clause.children):
                    continue
                targets = [a for c in clause.children if c.dep_ in SUBJ for a in self._actors(c, SUBJ_NESTED)
                           if a[0].sector != "CVL"]  # "people must know that ..." is no demand on anyone
                if not targets and message:
                    # "it must cooperate": the "it" is whom the reminder was addressed to
                    targets = [a for h in (verb, verb.head) for p in h.children
                               if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                               for o in p.children if o.dep_ == "pobj" for a in self._actors(o)]
                if not targets:
                    continue
                sources = self._subjects(verb.head if message else verb)
                if sources:
                    out.append(_Found(OBLIGATION, OBLIGATION.code, clause, sources, targets, "occurred",
                                      OBLIGATION.confidence))
        return out

    def _characterisations(self, sent) -> list[_Found]:
        """Naming someone or their deed: "Pelosi called Trump's conduct a 'breach of his responsibilities'"
        (USA criticises USAGOV), "described the EU as an unreliable partner", "called May's deal 'lousy'".

        The complement (the object predicate, an "as" phrase, or an adjective after the object) decides: blame
        (VADER below zero, or a word of ``critical_words``) is 111, clear praise 051, anything else no event.
        The target is the object's actor, or whoever owns or did the thing named ("Trump's conduct").
        """
        out = []
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.cues.characterising_verbs:
                continue
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if len(objs) != 1:
                continue
            obj = objs[0]
            complement = [t for c in verb.children if c.dep_ in ("oprd", "acomp") or c.dep_ == "prep" and c.lower_ == "as"
                          for t in c.subtree]
            complement += [t for c in obj.children if c.dep_ == "amod" and c.i > obj.i for t in c.subtree]
            if not complement:
                continue
            code = self._tone_code(complement)
            if code is None:
                continue
            targets = self._actors(obj, _DEED_SOURCE_PREPS) or self._doers(obj) or self._noun_sources(obj)[0] \
                or self._earlier_doers(obj)
            sources = self._subjects(verb)
            if targets and sources:
                pattern = CRITICISM if code == "111" else PRAISE
                out.append(_Found(pattern, code, verb, sources, targets, self._clause_status(verb), pattern.confidence))
        return out

    def _tone_code(self, tokens) -> str | None:
        """111 for words of blame, 051 for clear praise, None for anything else."""
        if any(t.lemma_.lower() in self.cues.critical_words or t.lower_ in self.cues.critical_words for t in tokens):
            return "111"
        score = polarity(" ".join(t.text for t in tokens))
        return "111" if score <= -0.05 else "051" if score >= 0.5 else None

    def _statements(self, found: list[_Found]) -> list[_Found]:
        """Saying that someone rejected (or would not cooperate) is criticising them: speaker → inner source."""
        out = []
        for f in found:
            info = self.table.info(f.code)
            if not (info.plover in REJECTING or (info.plover in COOPERATIVE and f.status == "negated")):
                continue
            if not f.sources or (info.plover in COOPERATIVE and not f.targets):
                continue  # "said he didn't support those things" criticises no one
            speakers = self._speaker(f.trigger, reported=True)
            if not speakers:
                continue
            out.append(_Found(f.pattern, "111", f.trigger, [(a, c * 0.7) for a, c in speakers],
                              list(f.sources), "occurred", 0.6))
        return out

    def _events(self, analysis: Analysis, sent, f: _Found) -> list[Event]:
        info = self.table.info(f.code)
        own = self._mentions.get(f.trigger.i)
        if own is not None:
            # a name holding the trigger word is no party to it: "the Popular Mobilization Forces", "Unite the Right rally"
            f.sources = [(a, c) for a, c in f.sources if a != own.actor]
            f.targets = [(a, c) for a, c in f.targets if a != own.actor]
        if info.plover is None or not f.sources:
            return []
        # an actor does not act on itself: "their forces completed their withdrawal from the Bosnian town"
        # (the Bosnian Serbs) is a withdrawal with no other party
        codes = {s.code for s, _ in f.sources}
        # two people of one government are two parties when they disagree or ask ("Johnson asked the Queen"),
        # not when they meet or agree: that is the government's own business
        apart = info.plover not in COOPERATIVE
        # private people of one country are as many parties as people: "a gunman shot shoppers" (USACVL → USACVL)
        citizens = {a for a, _ in f.sources + f.targets if a.sector == "CVL"} if apart else set()
        targets = [(a, c) for a, c in f.targets if a not in {s for s, _ in f.sources}
                   and (a.code not in codes or apart and a in self._people or a in citizens)]
        implicit = False
        if not targets and info.plover == "THREATEN" and self.inferences:
            targets, implicit = self._implicit_target(sent, f), True
        mutual = any(c.dep_ == "dobj" and c.lemma_.lower() in self.cues.topic_nouns for c in f.trigger.children)
        if not targets and len(f.sources) > 1 and (f.pattern.reciprocal or mutual or (
                info.plover in RECIPROCAL or f.code in RECIPROCAL_CODES) and f.pattern.trigger in self.cues.reciprocal_words):
            # "Czechia and Albania upgraded their diplomatic ties" (mutual): each acts towards the other
            # "Israel and Hamas agreed to a ceasefire": each side is the other's target
            return [e for i, (src, sc) in enumerate(f.sources)
                    for e in self._events(analysis, sent, _Found(
                        f.pattern, f.code, f.trigger, [(src, sc)],
                        [t for j, t in enumerate(f.sources) if j != i], f.status, f.confidence * 0.9))]
        if not targets and info.plover in PLACE_TARGETED:
            targets = self._place_target(sent, f)
        if not targets and info.plover == "PROTEST":
            targets = self._protested(sent, f)
        if not targets and f.pattern.target == "required" and info.plover != "THREATEN":
            return []
        clause = [c for c in f.trigger.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not targets and clause and info.plover in COMMITTING:
            # "Serbia agreed to move its embassy to Jerusalem, Israel": whom the promised act concerns
            targets = self._foreign_in(clause[0], f.sources)
        if not targets and f.pattern.target == "clause" and clause:
            # "refused to deploy peacekeepers in Iraq" rejects Iraq; "refused to visit a cemetery" no one
            targets = self._foreign_in(clause[0], f.sources)
            if not targets:
                return []
        start, end, text = self._evidence(analysis.article.body, sent, f.trigger)
        out = []
        seen = set()
        for src, sc in f.sources:
            for tgt, tc in (targets or [(None, 1.0)]):
                if tgt is not None and tgt.code == src.code and not (
                        apart and {src, tgt} <= self._people or tgt in citizens):
                    continue  # an actor does not act on itself; two people of one government do act on each other
                if (src, tgt) in seen:
                    continue
                seen.add((src, tgt))
                parties = {src} | ({tgt} if tgt else set())
                conf = f.confidence * sc * tc * (0.75 if implicit else 1.0)
                date = self._date(analysis, sent, f.trigger, f.status)
                location = self._location(sent, f.trigger, parties)
                pairs = [(src, tgt, f.code, info)]
                if tgt is not None and f.pattern.reverse and f.code == f.pattern.code:
                    pairs.append((tgt, src, f.pattern.reverse, self.table.info(f.pattern.reverse)))
                for s_, t_, code, inf in pairs:
                    out.append(Event(
                        source=s_, target=t_, cameo=code, plover=inf.plover, mode=inf.mode,
                        quad_class=inf.quad_class, goldstein=inf.goldstein, status=f.status, date=date,
                        location=location, sentence=text, start=start, end=end, trigger=f.trigger.text,
                        confidence=round(min(conf, 1.0), 3),
                    ))
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

    def _place_target(self, sent, f: _Found) -> list[tuple[Actor, float]]:
        """Force used at a place abroad hits that place's country: "Israeli tanks fired shells at targets in
        Jericho" is Israel against the Palestinians. Only when the place's country is no source's own:
        "police fired in Cairo" says nothing of whom they fired at."""
        trig = f.trigger
        if trig.pos_ == "NOUN" and trig.dep_ == "dobj":
            trig = trig.head  # "reimposed blockades in the West Bank": the light verb's clause
        if trig.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("PROPN", "PRON")
                                      for c in trig.children):
            return []  # "Osama was killed by US forces in Pakistan": someone named was hit, not the place
        loc = self._location(sent, f.trigger, {a for a, _ in f.sources})
        if loc is None or loc.country is None:
            return []
        own = any(a.country == loc.country for a, _ in f.sources)
        if own and not f.code.startswith(POPULATION_MEASURES):
            return []
        if own:  # a curfew in its own cities falls on their people
            return [(Actor(loc.name, loc.country + "CVL", loc.country, None, "CVL"), 0.8)]
        return [(Actor(loc.name, loc.country, loc.country), 0.8)]

    def _setting(self, noun):
        """The verb a meeting noun sets the scene for: "In a phone call, Trump encouraged ...", "During talks
        with Japan, the U.S. criticised ..." (only meetings: "in the attack" says nothing of who attacked)."""
        if noun.lemma_.lower() not in self.cues.meeting_nouns or noun.dep_ != "pobj":
            return None
        prep = noun.head
        if prep.lower_ not in _SETTING_PREPS or prep.head.pos_ != "VERB":
            return None
        return prep.head

    def _describes_people(self, verb) -> bool:
        """Whether a verb (or the one it is coordinated with) is a participle or relative clause on a noun for
        any people at all."""
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        return clause.dep_ in ("acl", "relcl") and clause.head.lemma_.lower() in self.cues.generic_people

    def _concurring(self, verb) -> bool:
        """Agreeing with a view is no agreement: "officials agreed that the real obstacle is ...", "Hataman
        agreed, saying ...", "do not all agree on how inquiries work", "agreed with Pierce's call". An agreement
        agrees to do something, on or with something or someone ("agreed to a ceasefire", "agreed with Russia")."""
        if verb.lemma_.lower() not in self.cues.concurring_verbs:
            return False
        views = [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ in ("pobj", "pcomp")]
        if views and all(o.lemma_.lower() in self.cues.opinion_nouns or o.pos_ in ("VERB", "AUX") for o in views):
            # "agreed with Pierce's call", "agreed with the assessment", "agree on how inquiries work": a view
            return True
        return not (views or any(c.dep_ in ("xcomp", "dobj") for c in verb.children))

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

    def _protested(self, sent, f: _Found) -> list[tuple[Actor, float]]:
        """A protest that names no one is addressed to the protesters' own government: "a million people marched in
        London", "Hong Kong protesters surrounded the police complex" (GBRCVL → GBRGOV, HKGOPP → HKGGOV); so is a
        rally in its support ("rallied in support of the President").
        Not for a state body protesting (a government's protest is diplomatic and names its target), nor for a
        protest held abroad, whose target the place does not tell."""
        for src, conf in f.sources:
            if not src.country or src.igo or src.sector in STATE_SECTORS:
                continue
            loc = self._location(sent, f.trigger, {src})
            if loc is not None and loc.country and loc.country != src.country:
                continue
            return [(Actor(_country_name(src.country), src.country + "GOV", src.country, None, "GOV"), conf * 0.8)]
        return []

    def _doers(self, deed) -> list[tuple[Actor, float]]:
        """Who did a deed named by a noun: its "by" phrase, else its possessor ("Russia's aggression")."""
        # the parser often hangs "by" on the deed's "of" object: "violation of its sovereignty by Iran"
        by = [a for p in deed.subtree if p.dep_ in ("prep", "agent") and p.lower_ == "by"
              for o in p.children if o.dep_ == "pobj" for a in self._actors(o)]
        if by:
            return by
        return [a for c in deed.children if c.dep_ == "poss" and (a := self._actor(c)) is not None]

    def _foreign_in(self, clause, sources: list[tuple[Actor, float]]) -> list[tuple[Actor, float]]:
        """The first actor in a clause that belongs to another country or organisation than every source."""
        keys = {(a.country, a.igo) for a, _ in sources}
        for t in clause.subtree:
            m = self._mentions.get(t.i)
            if m is not None and (m.actor.country, m.actor.igo) not in keys:
                return [(m.actor, 0.8)]
        return []

    @staticmethod
    def _evidence(body: str, sent, trig) -> tuple[int, int, str]:
        """The sentence's span in the body, cut to the trigger's paragraph and trimmed of blanks.

        spaCy sometimes runs a sentence across a paragraph break (after a headline or a closing
        quote); the evidence must stay inside one paragraph.
        """
        start, end = sent.start_char, sent.end_char
        brk = body.rfind("\n\n", start, trig.idx)
        if brk != -1:
            start = brk + 2
        brk = body.find("\n\n", trig.idx, end)
        if brk != -1:
            end = brk
        text = body[start:end]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        return start + lead, start + lead + len(text), text

    def _implicit_target(self, sent, f: _Found) -> list[tuple[Actor, float]]:
        """For a threat with no stated target: the one other state or organisation the sentence names."""
        sources = {a for a, _ in f.sources}
        src_keys = {(a.country, a.igo) for a in sources}
        others = {}
        for i in range(sent.start, sent.end):
            m = self._mentions.get(i)
            if m is None or m.actor in sources or (m.actor.country, m.actor.igo) in src_keys:
                continue
            others[(m.actor.country, m.actor.igo)] = m.actor
        if len(others) == 1:
            return [(next(iter(others.values())), 0.8)]
        return []
