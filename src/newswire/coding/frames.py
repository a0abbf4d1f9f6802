"""Who does what: the actors a phrase names and the doer of a trigger, read off spaCy's dependency parse.

Actors come only from ``analysis.mentions`` (names, descriptions, resolved pronouns), indexed by token: a
phrase's actors are its mention, else an actor modifier ("EU leaders", "Russia's envoy"), one for each
conjunct ("Poland, Germany and Sweden"), and, for a head that is no actor, the "of/from" phrase inside it
("diplomats from Poland").

The doer of a verb is its subject or passive agent; a verb with no subject of its own inherits it from the
verb it is coordinated with or depends on ("agreed to meet", "urged Y to leave" → Y), and relative and
participial clauses take their noun ("the troops that attacked"). The doer of a noun is its possessor
("Russia's expulsion of"), a "by" phrase, an actor modifier ("EU sanctions") or the subject of a light verb
("hold talks with", "impose sanctions on").

Whom an act is aimed at is :mod:`newswire.coding.targets`; parties a sentence leaves unsaid are
:mod:`newswire.coding.implied`.
"""

from __future__ import annotations

from collections.abc import Collection

from newswire.coding.patterns import Pattern
from newswire.coding.tables import coder_groups
from newswire.data import words
from newswire.model import Actor, Analysis, Mention

SUBJ = ("nsubj", "csubj", "expl")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
SUBJ_NESTED = words("subject_prepositions")  # "King Hassan of Morocco", "doctors from two American aid groups"
REL_PRONOUNS = words("relative_pronouns")

# function words the actor lookups read (data/lexicon.yaml)
_NOUN_OWNER_PREPS = words("noun_owner_prepositions")
_MEMBER_PREPS = words("member_prepositions")
_PERSONAL_PRONOUNS = words("personal_pronouns")
DEED_SOURCE_PREPS = words("deed_source_prepositions")
_ANAPHORIC_DETERMINERS = words("anaphoric_determiners")
EARLIER_DEED_REACH = 6  # sentences: how far back "the move" may point
LEDE_SENTENCES = 2  # the first sentences, where news states its main deed
_SETTING_PREPS = words("setting_prepositions")
ARMED_SECTORS = coder_groups()["sectors"]["armed"]


def under_prep(tok, head) -> bool:
    """Whether tok hangs below a preposition inside the phrase headed by ``head``."""
    t = tok
    while t.i != head.i and t.head.i != t.i:
        t = t.head
        if t.dep_ == "prep":
            return True
    return False


def conjuncts(tok) -> list:
    """A token and every token coordinated with it ("Poland, Germany and Sweden")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def finite(verb) -> bool:
    """A verb with its own tense: "requested" in "has requested", "expelled"; not "to be"."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def purpose(verb, cues) -> bool:
    """A "to"-clause of purpose under a verb that commissions others ("paid them to kill", "sent troops to")."""
    head = verb.head
    return (verb.dep_ in ("advcl", "xcomp") and head.i != verb.i and head.lemma_.lower() in cues.commission_verbs
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


class FrameReader:
    """The actor lookups of :class:`newswire.coding.coder.Coder`, as a mixin: they call one another down and up
    the parse (a phrase's actors, a verb's subjects, a noun's doers), so they share ``self``.

    Reads ``self._mentions`` (token index → Mention, built by :meth:`_index_mentions`), ``self._same_span``
    (set by :meth:`_index_mentions`), ``self._modifiers`` (token index → a people's adjective), ``self._acts``
    and ``self._sent_no`` (who acted in which sentence so far, kept by ``Coder.code``), ``self.cues``,
    ``self.patterns`` (which nouns are events), ``self.table`` and ``self.inferences``.
    """

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
            if m is None or not (m.person or m.kind == "new") or under_prep(t, head):
                continue
            out.setdefault(m.actor, 0.9)
        return list(out.items()) if len(out) > 1 else []

    def _actors(self, tok, nested_preps: Collection[str] = ()) -> list[tuple[Actor, float]]:
        """Actors of a phrase headed by tok and its conjuncts; looks into "of/from" phrases when the head is not one.

        "diplomats from Poland, Germany and Sweden" gives three actors; "three EU diplomats" gives the EU.
        """
        found: list[tuple[Actor, float]] = []
        for t in conjuncts(tok):
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
                             for c in conjuncts(o)[1:] if c.i in self._mentions)
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
        if head.i == verb.i:
            return []
        if verb.dep_ in ("acomp", "oprd") and head.pos_ in ("VERB", "AUX"):
            return self._subjects(head, depth + 1)  # "is ready to": the adjective's subject is the verb's
        if purpose(verb, self.cues):
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
            if finite(verb) and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
                return []  # "arranged for the Guard to be ready and has requested ...": a misparse, not one subject
            passive_subj = [c for c in head.children if c.dep_ in PASSIVE_SUBJ]
            if passive_subj:
                # "X has been indicted by the court and will resign": X resigns, not the court
                return [(a, c * 0.95) for a, c in self._actors(passive_subj[0], SUBJ_NESTED)]
            return [(a, c * 0.95) for a, c in self._subjects(head, depth + 1)]
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            found = self._actors(head)  # "troops attacking the town"
            if not found and head.head.i != head.i and (
                    head.lemma_.lower() in self.cues.message_nouns or head.lemma_.lower() in self.cues.projectiles):
                # "issued a declaration demanding that ...": the declaration speaks for whoever issued it;
                # "launched missiles targeting US troops": whoever launched them aims them
                found = self._subjects(head.head, depth + 1)
            return found
        return []

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
            if t.head.i == t.i:
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
            if head.i == t.i:
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

    def _doers(self, deed) -> list[tuple[Actor, float]]:
        """Who did a deed named by a noun: its "by" phrase, else its possessor ("Russia's aggression")."""
        # the parser often hangs "by" on the deed's "of" object: "violation of its sovereignty by Iran"
        by = [a for p in deed.subtree if p.dep_ in ("prep", "agent") and p.lower_ == "by"
              for o in p.children if o.dep_ == "pobj" for a in self._actors(o)]
        if by:
            return by
        return [a for c in deed.children if c.dep_ == "poss" and (a := self._actor(c)) is not None]

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
                DEED_SOURCE_PREPS for c in noun.children):
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

    def _setting(self, noun):
        """The verb a meeting noun sets the scene for: "In a phone call, Trump encouraged ...", "During talks
        with Japan, the U.S. criticised ..." (only meetings: "in the attack" says nothing of who attacked)."""
        if noun.lemma_.lower() not in self.cues.meeting_nouns or noun.dep_ != "pobj":
            return None
        prep = noun.head
        if prep.lower_ not in _SETTING_PREPS or prep.head.pos_ != "VERB":
            return None
        return prep.head

    def _is_person(self, tok) -> bool:
        m = self._mentions.get(tok.i)
        if m is not None:
            # a resolved group is no person, whatever the tagger says ("Houthis have attacked journalists")
            return bool(m.person) or m.kind == "pronoun" and tok.lower_ in _PERSONAL_PRONOUNS
        return tok.ent_type_ == "PERSON"

    def _between_people(self, trig, light, source_only: bool = False) -> bool:
        """Whether an event is one person's act on another with no violence in sight: then "attacked" is
        words, not force ("Biden attacked Trump for the tweet", "Trump's attack on Biden's record").

        ``source_only``: only the doer counts ("Trump held a rally" is a campaign event, "protesters
        held a rally against Trump" a protest)."""
        sent = trig.sent
        if any((t.lemma_.lower() in self.cues.violence_words or t.lower_ in self.cues.violence_words)
               and not (t.pos_ == "VERB" and (t.lemma_.lower() in self.cues.characterising_verbs or any(
                   c.dep_ == "dobj" and self._is_person(c) for c in t.children))) for t in sent):
            return False  # "blasted her behaviour" is words, not a blast; "fire Lockhart" dismisses him
        doers, done_to = [], []
        for h in (trig, light) if light is not None else (trig,):
            for c in h.children:
                if c.dep_ in SUBJ + ("poss", "compound") and (h is light or c.dep_ not in SUBJ or light is None):
                    doers.append(c)
                elif source_only:
                    continue
                elif c.dep_ in ("dobj", "nsubjpass") and h is trig:
                    done_to.append(c)
                elif c.dep_ in ("prep", "agent"):
                    (doers if c.dep_ == "agent" else done_to).extend(p for p in c.children if p.dep_ == "pobj")

        def person_in(parties) -> bool:
            return any(self._is_person(t) or any(c.dep_ == "poss" and self._is_person(c) for c in t.children)
                       for p in parties for t in conjuncts(p))

        if any(t.lemma_.lower() in self.cues.verbal_objects for p in done_to for t in conjuncts(p)):
            return True  # "attacked Trump's policies"
        if any((m := self._mentions.get(t.i)) is not None and m.actor.sector in ARMED_SECTORS
               for p in doers for t in conjuncts(p)):
            return False  # "Houthis have attacked journalists": an armed group's attack is force
        # both sides people ("Biden attacked Trump"), not "Soleimani approved the attacks on the U.S. Embassy"
        return person_in(doers) and (source_only or person_in(done_to))
