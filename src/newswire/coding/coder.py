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

This module keeps the flow: :meth:`Coder.code` walks the sentences, :meth:`Coder._find` turns one trigger
into a ``Found`` (pattern, parties, status), the coder's own inferences add reported criticism, demands and
characterisations, and :meth:`Coder._events` makes the events. Each step's reading is its own module:

* :mod:`newswire.coding.matching`: which pattern a trigger matches, and whether it is an act at all;
* :mod:`newswire.coding.frames`: who does it (the actors a phrase names, the doer of a verb or a noun);
* :mod:`newswire.coding.targets`: to whom;
* :mod:`newswire.coding.implied`: parties a sentence leaves unsaid (the state behind an arrest, the
  government protested);
* :mod:`newswire.coding.status`: whether (occurred, planned, possible, negated), when and where;
* :mod:`newswire.coding.petrarch_rules`: PETRARCH-1's parties and scope, beside
  :mod:`newswire.coding.petrarch_match`.
"""

from __future__ import annotations

from dataclasses import replace

from newswire.coding.frames import (
    ARMED_SECTORS,
    DEED_SOURCE_PREPS,
    PASSIVE_SUBJ,
    SUBJ,
    SUBJ_NESTED,
    FrameReader,
)
from newswire.coding.implied import (
    STATE_SECTORS,
    country_name,
    implicit_target,
    own_population,
    place_target,
    protested,
    state_doer,
)
from newswire.coding.matching import Found, Matcher, concurring, describes_people, enabled_by_law
from newswire.coding.patterns import Pattern, PatternSet
from newswire.coding.petrarch_rules import PetrarchRules, petrarch_scope
from newswire.coding.status import (
    LOCATION_PREPS,
    STATUS_RANK,
    alleged,
    announced,
    asked_for,
    clause_status,
    event_date,
    event_location,
    unasserted,
)
from newswire.coding.tables import CodeTable, coder_groups
from newswire.coding.targets import COMMENTING, PLACE_TARGETED, RECIPROCAL_CODES, REJECTING, TargetReader
from newswire.model import Actor, Analysis, Event, Mention
from newswire.nlp.tone import polarity

# PLOVER types and CAMEO codes the coder treats alike (data/coder_groups.yaml says why each); the ones the
# target rules read too live in newswire.coding.targets
_GROUPS = coder_groups()
COOPERATIVE = _GROUPS["plover"]["cooperative"]
RECIPROCAL = _GROUPS["plover"]["reciprocal"]
STATE_ACTS = tuple(_GROUPS["cameo"]["state_acts"])
COMMITTING = _GROUPS["plover"]["committing"]
STAND_ALONE = _GROUPS["plover"]["stand_alone"]
PRIVATE_LIFE = _GROUPS["plover"]["private_life"]
VISITS = tuple(_GROUPS["cameo"]["visits"])
VENUES = _GROUPS["sectors"]["venues"]
LAW = _GROUPS["sectors"]["law"]
# the PLOVER type of an act its own doer announces for the future
PROMISED = {t: "AGREE" for t in _GROUPS["plover"]["promised_as_agreement"]} | {
    t: "CONCEDE" for t in _GROUPS["plover"]["promised_as_concession"]}


# not a data pattern: a shape of reported speech ("X said Y must ..."), coded as a plain demand
OBLIGATION = Pattern(trigger="must", pos="verb", code="100", confidence=0.7, origin="coder: reported obligation")
# not data patterns either: what someone or their deed is called says whether it is criticism or praise
CRITICISM = Pattern(trigger="call", pos="verb", code="111", confidence=0.75, origin="coder: negative characterisation")
PRAISE = Pattern(trigger="call", pos="verb", code="051", confidence=0.75, origin="coder: positive characterisation")


def _in_question(trig) -> bool:
    """Whether the trigger stands in a question ("Did the federation ever support you?"), which asserts no event:
    the first mark that ends a sentence after it is a question mark."""
    return next((t.text for t in trig.doc[trig.i:trig.sent.end] if t.text in ("?", ".", "!")), "") == "?"


class Coder(FrameReader, TargetReader, Matcher, PetrarchRules):
    """Codes events in an Analysis with one PatternSet and one CodeTable.

    The mixins read the per-article state ``code`` sets: ``_mentions``, ``_same_span``, ``_modifiers``,
    ``_people``, ``_home``, ``_acts`` and ``_sent_no``."""

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
        self._homed: set[Actor] = set()

    def code(self, analysis: Analysis) -> list[Event]:
        """The events of an article, sentence by sentence in text order (an article without a parse has none)."""
        doc = analysis.doc
        if doc is None:
            return []
        self._mentions = self._index_mentions(analysis)
        # named people: "Boris Johnson asked the Queen" is an event though both are GBRGOV
        self._people = {m.actor for m in analysis.mentions if m.person}
        self._home = analysis.country  # the article's own country, when it has one
        self._homed = analysis.homed
        self._modifiers = {t.i: m for m in analysis.modifiers
                           for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
        events: list[Event] = []
        self._acts: list[tuple[int, str, Actor]] = []  # (sentence number, PLOVER type, who did it), in text order
        for self._sent_no, sent in enumerate(doc.sents):
            found = petrarch_scope([f for f in (self._find(t) for t in sent) if f is not None
                                    and not enabled_by_law(f.trigger, self.cues)])
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
            protesting = {e.source for e in best.values() if e.plover == "PROTEST"}
            for key in [k for k, e in best.items() if e.plover == "REQUEST" and e.source in protesting]:
                # "Protesters, carrying placards asking the government to revoke Article 50, marched": the
                # protest's topic is no request of its own (PLOVER manual, PROTEST)
                del best[key]
            events.extend(sorted(best.values(), key=lambda e: (e.start, e.trigger, e.source.code)))
            # who did what in this sentence; both sides of a joint act ("signed an agreement with Turkey"), never
            # the one attacked
            self._acts.extend(dict.fromkeys(
                (self._sent_no, e.plover, party) for e in best.values()
                for party in (e.source, e.target) if party is not None and (party is e.source or (
                    e.plover in RECIPROCAL and e.plover in COOPERATIVE or e.cameo in RECIPROCAL_CODES))))
        return events

    def _find(self, tok) -> Found | None:
        """One token as a trigger: its pattern, its doers, its status (a planned act its doer announces becoming
        a threat), its targets, then the pattern's own slots and PETRARCH-1 phrases; None when it codes nothing."""
        pos = "verb" if tok.pos_ in ("VERB",) else "noun" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None or tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
            return None  # the last word of a name ("Capitol Hill Organized Protest", "Operation Desert Storm")
        pattern = self._match(tok, pos)
        if pattern is None or pattern.code is None or pos == "verb" and concurring(tok, self.cues):
            return None
        light = setting = None
        if pos == "verb" and describes_people(tok, self.cues):
            return None  # "people living in or visiting Hong Kong", "anyone who attacks": a class of people, no act
        if pos == "verb":
            # a verb governed by another coded verb is part of that event ("threatened to attack")
            h = tok.head
            # ... and so is a "to"-infinitive joined to it ("was sentenced to 73 months and to pay restitution")
            infinitive = tok.dep_ == "conj" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and not any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children)
            if (tok.dep_ == "xcomp" or infinitive) and h.i != tok.i and h.pos_ == "VERB" and self._match(h, "verb"):
                hp = self._match(h, "verb")
                if hp is not None and hp.code is not None:
                    return None
            if any(c.dep_ in SUBJ and c.lemma_.lower() in self.cues.statistic_nouns for c in tok.children):
                return None  # "57 percent of the public opposes ...": a poll, not an act
            passive = any(c.dep_ in PASSIVE_SUBJ for c in tok.children) or (
                tok.dep_ == "acl" and tok.tag_ == "VBN")
            sources = self._subjects(tok)
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                sources = [a for c in tok.children if c.dep_ == "agent"
                           for p in c.children if p.dep_ == "pobj" for a in self._actors(p)]
        else:
            passive = False
            # a noun that is the object of a coded verb belongs to that verb ("rejected talks")
            if tok.dep_ in ("dobj", "xcomp") and tok.head.pos_ == "VERB" and tok.head.i != tok.i:
                hp = self._match(tok.head, "verb")
                if hp is not None and hp.code is not None and self.table.info(hp.code).plover not in COMMENTING:
                    return None
            sources, light = self._noun_sources(tok, pattern)
            setting = self._setting(tok) if not sources and light is None else None
            if setting is not None:
                # "in a phone call in late July, Trump encouraged Zelensky", "during talks with Japan, the US
                # criticised ...": the one acting in the meeting is a party to it
                sources = [(a, c * 0.9) for a, c in self._subjects(setting)]
            if light is not None and light.dep_ == "xcomp" and light.head.i != light.i:
                hp = self._match(light.head, "verb") if light.head.pos_ == "VERB" else None
                if hp is not None and hp.code is not None:
                    return None  # "threatened to impose sanctions": the threat is the event
        if pos == "verb" and self.table.info(pattern.code).plover in ("CONCEDE", "RETREAT") and any(
                c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in self.cues.career_verbs
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children):
            return None  # "Clinton resigned to become Secretary of State": a career move, not a concession
        clause = light if light is not None and tok.dep_ != "nsubj" else tok
        if self.inferences and asked_for(clause, self.cues):
            return None  # "urged Turkey to halt its drilling": the urging is the event (its verb's), not a halt
        if self.inferences and alleged(clause, self.cues):
            return None  # "claimed Houthis have attacked journalists": an allegation, which "allege" codes
        if _in_question(tok) or unasserted(clause, self.cues):
            return None  # "Did X ...?", "questions surround whether ...", "it is common to ...", "militia which support"
        status = clause_status(clause, self.cues)
        if light is not None:
            status = max(status, clause_status(tok, self.cues), key=STATUS_RANK.__getitem__)
        code = pattern.code
        confidence = pattern.confidence * (0.9 if pos == "noun" else 1.0)
        if pattern.threat and status in ("planned", "possible"):
            code, status = pattern.threat, "occurred"
            if not sources:
                sources = [(a, c * 0.8) for a, c in self._speaker(tok)]
        elif code is not None and status in ("planned", "possible") and self.inferences and sources \
                and (threat := self.table.threat(code)) \
                and announced(tok, sources, status, self._speaker(tok, reported=True), self.cues):
            # "farmers said they would blockade Paris": announcing force or coercion is a threat made now
            code, status, confidence = threat, "occurred", confidence * 0.9
        promised = self._promised(tok, code, sources, status, light)
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
            sources = state_doer(tok, targets, self._mentions, self._home, self.cues)
        return Found(pattern, code, tok, sources, targets, status, confidence, promised)

    def _promised(self, tok, code: str | None, sources, status: str, light) -> str | None:
        """The PLOVER type of the promise when the doer announces a cooperative act or a retreat for the future
        ("Saudi Arabia said it would assist Yemen", "pledged aid", "announced a complete withdrawal"), else None."""
        kind = self.table.info(code).plover if code is not None else None
        if kind not in PROMISED or not self.inferences or not sources:
            return None
        promise = PROMISED[kind]
        if light is not None and (light.lemma_.lower() in self.cues.promise_verbs
                                  or promise == "CONCEDE" and light.lemma_.lower() in self.cues.announcing_verbs):
            return promise
        if status in ("planned", "possible") and announced(tok, sources, status, self._speaker(tok, reported=True),
                                                           self.cues):
            return promise
        return None

    def _events(self, analysis: Analysis, sent, f: Found) -> list[Event]:
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
                   and (a.code not in codes or apart and a in self._people or a in citizens)
                   and not (f.code.startswith(VISITS) and a.sector in VENUES)]  # "visited the hospital"
        implicit = False
        if not targets and info.plover == "THREATEN" and self.inferences:
            targets, implicit = implicit_target(sent, f, self._mentions) or own_population(f), True
        mutual = any(c.dep_ == "dobj" and c.lemma_.lower() in self.cues.topic_nouns for c in f.trigger.children)
        if not targets and len(f.sources) > 1 and not self._named_instrument(f.trigger) and (
                f.pattern.reciprocal or mutual or (info.plover in RECIPROCAL or f.code in RECIPROCAL_CODES)
                and f.pattern.trigger in self.cues.reciprocal_words):
            # "Czechia and Albania upgraded their diplomatic ties" (mutual): each acts towards the other
            # "Israel and Hamas agreed to a ceasefire": each side is the other's target
            return [e for i, (src, sc) in enumerate(f.sources)
                    for e in self._events(analysis, sent, Found(
                        f.pattern, f.code, f.trigger, [(src, sc)],
                        [t for j, t in enumerate(f.sources) if j != i], f.status, f.confidence * 0.9, f.promised))]
        if not targets and info.plover in PLACE_TARGETED:
            targets = place_target(sent, f, self._mentions)
        if not targets and info.plover == "ASSAULT" and self._home and self.inferences and all(
                a.country != self._home and (a.sector in ARMED_SECTORS or a.code.startswith("IMG")) for a, _ in f.sources):
            # "the Islamic State claimed responsibility for all three attacks" in a story about Tunisia: an armed
            # group's force from abroad whose target no phrase names hits the story's country
            targets = [(Actor(country_name(self._home), self._home, self._home), 0.7)]
        if not targets and info.plover == "PROTEST":
            targets = protested(sent, f, self._mentions, self._people)
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
        if not targets and info.plover not in STAND_ALONE and (info.plover == "THREATEN" or self._names_others(
                sent, f.sources)):
            # an act on someone the sentence names but the parse does not give: no event rather than a wrong one
            # ("agreed to move its embassy in Israel", "threatened Senator Rand Paul"); with no one else named,
            # the sentence says no more than the one-sided act ("the United Nations rejected a call for ..."); a
            # threat is always against someone ("warned of an impending civil war" threatens no one)
            return []
        if info.plover in PRIVATE_LIFE and targets and all(a.sector == "CVL" for a, _ in f.sources) and all(
                a.sector and a.sector not in STATE_SECTORS for a, _ in targets):
            return []  # "Walker first met Hawkins", "Pierce urged voters to vote their conscience"
        start, end, text = self._evidence(analysis.article.body, sent, f.trigger)
        out = []
        seen = set()
        for src, sc in f.sources:
            for tgt, tc in (targets or [(None, 1.0)]):
                tgt = self._within_reach(src, tgt)
                if tgt is not None and tgt.code == src.code and not (
                        apart and {src, tgt} <= self._people or tgt in citizens):
                    continue  # an actor does not act on itself; two people of one government do act on each other
                if (src, tgt) in seen:
                    continue
                seen.add((src, tgt))
                parties = {src} | ({tgt} if tgt else set())
                conf = f.confidence * sc * tc * (0.75 if implicit else 1.0)
                date = event_date(analysis, sent, f.trigger, f.status)
                location = event_location(sent, f.trigger, parties, self._mentions)
                pairs = [(src, tgt, f.code, info)]
                if tgt is not None and f.pattern.reverse and f.code == f.pattern.code:
                    pairs.append((tgt, src, f.pattern.reverse, self.table.info(f.pattern.reverse)))
                if f.promised and (promise := self.table.promise(f.code)):
                    # the promise made now, in CAMEO's words (0313: intent to cooperate on judicial matters) and the
                    # PLOVER manual's type (AGREE; CONCEDE for a retreat)
                    pairs[0] = (src, tgt, promise, replace(self.table.info(promise), plover=f.promised))
                for s_, t_, code, inf in pairs:
                    out.append(Event(
                        source=s_, target=t_, cameo=code, plover=inf.plover, mode=inf.mode,
                        quad_class=inf.quad_class, goldstein=inf.goldstein, status=f.status, date=date,
                        location=location, sentence=text, start=start, end=end, trigger=f.trigger.text,
                        confidence=round(min(conf, 1.0), 3),
                    ))
        return out

    def _named_instrument(self, trig) -> bool:
        """Whether what is signed or agreed is an instrument known by its own name ("signed the African Continental
        Free Trade Area (AfCFTA) agreement"): one that many join, so those who sign it together do not sign it with
        each other. A name made of the parties' own ("the US-China trade deal") is theirs."""
        thing = trig if trig.pos_ in ("NOUN", "PROPN") else next((c for c in trig.children if c.dep_ == "dobj"), None)
        if thing is None:
            return False
        named = [t for t in [thing, *thing.children]
                 if t.pos_ == "PROPN" and (t.i == thing.i or t.dep_ in ("compound", "nmod"))]
        return bool(named) and any(t.i not in self._mentions for t in named)

    def _within_reach(self, src: Actor, tgt: Actor | None) -> Actor | None:
        """The target as the law that acts on it places it: a state's police or court acts on people within its
        reach, so a private person the story's country was only assumed for is that state's ("the NCA's
        investigation of Matthew Falder" in an American story is British; "South Korea's National Police Agency"
        arrested a Korean)."""
        if tgt is None or tgt not in self._homed or src.sector not in LAW or src.igo or not src.country \
                or src.country == tgt.country:
            return tgt
        return Actor(tgt.name, src.country + "CVL", src.country, None, "CVL")

    def _names_others(self, sent, sources: list[tuple[Actor, float]]) -> bool:
        """Whether a sentence names anyone besides the sources: another actor, or a person no dictionary holds."""
        keys = {(a.country, a.igo, a.code) for a, _ in sources}
        names = {a.name for a, _ in sources}
        for t in sent:
            m = self._mentions.get(t.i)
            if m is not None and m.person and m.actor.name not in names:
                return True  # another person, even of the same country ("Mugabe agreed ... Tsvangirai became ...")
            if m is not None and (m.actor.country, m.actor.igo, m.actor.code) in keys or self._aside(t):
                continue
            if m is not None or t.ent_type_ in ("PERSON", "ORG"):
                return True
            if t.dep_ == "poss" and t.pos_ in ("NOUN", "PROPN"):
                return True  # "her opponents' plans", "the network's franchise": someone's, though unnamed
        return False

    def _aside(self, tok) -> bool:
        """A name that cannot be an act's party: a place where it happens ("a research centre in Tokyo") or the
        one who reports it ("a UN official said")."""
        head = tok
        while head.dep_ in ("compound", "amod", "poss", "det") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS and tok.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        return head.dep_ == "nsubj" and head.head.lemma_.lower() in self.cues.report_verbs

    def _statements(self, found: list[Found]) -> list[Found]:
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
            out.append(Found(f.pattern, "111", f.trigger, [(a, c * 0.7) for a, c in speakers],
                              list(f.sources), "occurred", 0.6))
        return out

    def _obligations(self, sent) -> list[Found]:
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
                # "Johnson stated that Britain must leave": what one's own country must do is a stand, no demand
                targets = [t for t in targets if t[0].sector or t[0].country not in {a.country for a, _ in sources}]
                if sources and targets:
                    out.append(Found(OBLIGATION, OBLIGATION.code, clause, sources, targets, "occurred",
                                      OBLIGATION.confidence))
        return out

    def _characterisations(self, sent) -> list[Found]:
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
            targets = self._actors(obj, DEED_SOURCE_PREPS) or self._doers(obj) or self._noun_sources(obj)[0] \
                or self._earlier_doers(obj)
            sources = self._subjects(verb)
            if targets and sources:
                pattern = CRITICISM if code == "111" else PRAISE
                out.append(Found(pattern, code, verb, sources, targets, clause_status(verb, self.cues),
                                 pattern.confidence))
        return out

    def _tone_code(self, tokens) -> str | None:
        """111 for words of blame, 051 for clear praise, None for anything else."""
        if any(t.lemma_.lower() in self.cues.critical_words or t.lower_ in self.cues.critical_words for t in tokens):
            return "111"
        score = polarity(" ".join(t.text for t in tokens))
        return "111" if score <= -0.05 else "051" if score >= 0.5 else None

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
