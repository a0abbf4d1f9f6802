"""Whether, when and where: an event's status (occurred, planned, possible, negated), its date and its place.

The status comes from the trigger and the verbs it depends on (negation, modals, conditional marks, verbs,
nouns and adjectives of planning or possibility), climbing through "to"-clauses and noun heads but not
through verbs of saying: reported speech keeps its own status. A planned act its own doer announces is a
threat made now (:func:`announced`). The date is the sentence's own, else the article's for news of now;
the place, a named place after "in"/"at" in the trigger's clause that is no party to the event.

Plain functions of the parse and the coder's cues (``PatternSet.cues``).
"""

from __future__ import annotations

from typing import get_args

from newswire.coding.frames import purpose
from newswire.data import words
from newswire.model import Actor, Analysis, Location, Mention, Status
from newswire.nlp.places import resolve_place
from newswire.nlp.spans import entities

STATUS_RANK = {s: i for i, s in enumerate(get_args(Status))}  # occurred < planned < possible < negated

# function words the status and the place read (data/lexicon.yaml)
_CONDITIONAL_MARKS = words("conditional_marks")
_PLANNED_ADJECTIVES = words("planned_adjectives")
_POSSIBLE_ADJECTIVES = words("possible_adjectives")
LOCATION_PREPS = words("location_prepositions")


def clause_status(tok, cues) -> str:
    """occurred / planned / possible / negated from the trigger and the verbs it depends on.

    Climbs through "to"-clauses and noun heads ("plans to visit", "did not want to seize the
    chance to meet") but not through verbs of saying: reported speech keeps its own status.
    """
    return _reading(tok, cues)[0]


def asked_for(tok, cues) -> bool:
    """Whether the trigger's clause is what someone asks for, orders or wants ("demanded that he resign", "want
    him to resign", "encouraged Zelensky to investigate"): the asking is the event, the act asked for is none."""
    return _reading(tok, cues)[1]


def alleged(tok, cues) -> bool:
    """Whether the trigger's clause is what someone alleges or claims ("Tamim claimed Houthis have attacked
    journalists", "allegations his candidacy is meant to assist Trump"): an allegation, not a deed that happened.
    Climbs through coordinated and "to" clauses."""
    t = tok
    for _ in range(4):
        head = t.head
        if head.i == t.i:
            return False
        if t.dep_ == "ccomp" and head.lemma_.lower() in cues.allegation_verbs:
            return True
        if t.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and t.i > head.i \
                and head.lemma_.lower() in cues.allegation_nouns:
            return True
        if t.dep_ not in ("conj", "xcomp", "advcl"):
            return False
        t = head
    return False


def unasserted(tok, cues) -> bool:
    """Whether the trigger's clause asserts no act at all: an open question ("questions surround whether the AIP
    nominated the ticket to assist Trump"), what is done in general ("it is commonplace for new governments to
    suspend parliament", "a simple majority is needed to impeach an official") or a standing description ("YPG
    militia which support the PKK", "the rebels are backed by Iran"). Climbs through coordinated and "to" clauses."""
    if _describes(tok):
        return True
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        head = t.head
        if head.i == t.i:
            return False
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        if infinitive and t.dep_ in ("advcl", "xcomp", "ccomp", "csubj"):
            if head.lemma_ == "be" and any(c.dep_ == "acomp" for c in head.children) and any(
                    c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children):
                return True  # "it is commonplace (for X) to ..."
            if head.lemma_.lower() in cues.necessity_verbs and any(c.dep_ == "auxpass" for c in head.children):
                return True  # "is needed to impeach"
        if t.dep_ not in ("conj", "xcomp", "advcl"):
            return False
        t = head
    return False


def _describes(verb) -> bool:
    """A verb in the simple present that describes what someone is rather than reports what they did: in a
    relative clause ("militia which support the PKK") or a present passive ("the rebels are backed by Iran")."""
    if verb.pos_ != "VERB":
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "relcl" and verb.tag_ in ("VBP", "VBZ") and not aux:
        return True
    return len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBP", "VBZ") and verb.tag_ == "VBN"


def _reading(tok, cues) -> tuple[str, bool]:
    """The clause's status, and whether a verb of asking governs it (see :func:`clause_status`)."""
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
                if w in cues.planned_modals or w == "would" and backshifted(t, cues):
                    worse("planned")  # "Iraq said it would allow ...": the reported "will"
                elif w in cues.possible_modals:
                    worse("possible")
            elif c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
                worse("possible")
            elif c.dep_ == "aux" and c.lower_ == "going" and t.tag_ == "VB":
                worse("planned")
        if t.i != tok.i:
            lemma = t.lemma_.lower()
            if t.pos_ in ("VERB", "AUX") and lemma in cues.planned_verbs:
                worse("planned")
            elif t.pos_ in ("VERB", "AUX") and lemma in cues.possible_verbs:
                worse("possible")
            elif t.pos_ == "NOUN" and lemma in cues.possible_nouns:
                worse("possible")
            elif t.pos_ == "ADJ" and lemma in cues.planned_adjectives:
                worse("planned")
        if purpose(t, cues):
            worse("planned")  # "paid them to kill": the killing is the aim
        if t.pos_ == "AUX" and t.lemma_ == "be" and tok.dep_ == "xcomp" and tok.head.i == t.i:
            worse("planned")  # "is to visit", not "was proud to endorse"
        for c in t.children:  # "the planned visit", "a possible attack"
            if c.dep_ == "amod" and t.pos_ == "NOUN":
                lw = c.lemma_.lower()
                if lw in _PLANNED_ADJECTIVES or lw in cues.planned_verbs:
                    worse("planned")
                elif lw in _POSSIBLE_ADJECTIVES:
                    worse("possible")
        head = t.head
        if head.i == t.i:
            break
        hl = head.lemma_.lower()
        if t.dep_ in ("dobj", "nsubjpass", "attr") and hl not in cues.light_verbs:
            break  # "will debrief his trip": the trip is not what is planned
        if t.dep_ == "pobj" and not (hl in ("of", "including") or head.dep_ == "prep"
                                     and head.head.lemma_.lower() in cues.possible_nouns):
            break
        if t.dep_ == "prep" and hl not in cues.possible_nouns and hl != "include":
            break
        if t.dep_ in ("ccomp", "xcomp") and hl in cues.request_verbs:
            worse("possible")  # "demanded that he resign", "want him to resign": asked for, not done
            # of someone else, by someone who asks: not "is expected to see", "a strike called to protest"
            asker = not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children) and head.tag_ != "VBN" \
                or any(c.dep_ == "aux" for c in head.children)
            asked = any(c.dep_ in ("dobj", "dative", "iobj") for c in head.children) \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            # what is asked follows the asking, as a "to"-clause or a bare subjunctive ("demanded that he resign");
            # "told reporters that Russia attacked", "X lifted the blockade, officials told AFP" report a deed
            wish = t.i > head.i and (any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                                     or t.tag_ == "VB" and hl not in cues.report_verbs)
            return status, asker and asked and wish and hl not in cues.permission_verbs
        if t.dep_ in ("xcomp", "acl", "pobj", "dobj", "prep", "conj", "nsubjpass", "attr") or (
                t.dep_ == "acomp" and t.pos_ == "ADJ") or (
                t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
            if head.pos_ == "VERB" and head.lemma_.lower() in cues.report_verbs:
                break
            if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
                break  # a coordinated clause has its own modality
            t = head
            continue
        break
    return status, False


def backshifted(clause, cues) -> bool:
    """Whether a clause is what a past verb of saying reports, where "would" is the speaker's "will"."""
    head = clause.head
    return clause.dep_ == "ccomp" and head.i != clause.i and head.tag_ == "VBD" \
        and head.lemma_.lower() in cues.report_verbs and not any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)


def announced(trig, sources: list[tuple[Actor, float]], status: str,
              speakers: list[tuple[Actor, float]], cues) -> bool:
    """Whether the doer itself announces a planned or possible act: its own statement ("Nigeria said it
    would withdraw"), or a plain plan with no one else reporting it ("NATO will tighten the blockade").
    Others' speculation ("analysts said Israel may strike") is no threat. ``speakers``: who reports the act
    (``FrameReader._speaker(trig, reported=True)``), none when it is no one's reported speech."""
    if not speakers:
        # its own "will" or "vowed/plans to"; not a purpose someone else sets ("paid Hamas to attack")
        verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
        return status == "planned" and (
            any(c.dep_ == "aux" and c.lower_ in cues.planned_modals for c in verb.children)
            or verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cues.planned_verbs)
    keys = {(a.country, a.igo) for a, _ in sources} | {a.code for a, _ in sources}
    return any((a.country, a.igo) in keys or a.code in keys for a, _ in speakers)


def event_date(analysis: Analysis, sent, trig, status: str) -> str | None:
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


def event_location(sent, trig, actors: set[Actor], mentions: dict[int, Mention]) -> Location | None:
    """A place the event happened: a GPE/LOC/FAC after "in"/"at" in the sentence that is no party to it,
    with its country and coordinates (:func:`newswire.nlp.places.resolve_place`)."""
    for ent in entities(sent.doc).within(sent.start, sent.end):  # not sent.ents: a scan of the whole Doc
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        prep = ent.root.head
        if ent.root.dep_ != "pobj" or prep.lower_ not in LOCATION_PREPS:
            continue
        m = mentions.get(ent.root.i)
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
