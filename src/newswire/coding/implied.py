"""Parties a sentence leaves unsaid, supplied from what it does say.

* the state behind an arrest, a charge or a ban that names no doer ("dozens were arrested in Cairo");
* the country of a place hit by force abroad ("Israeli tanks fired shells at targets in Jericho");
* the protesters' own government, for a protest that names no one;
* the one other state or organisation named beside a threat with no stated target.

Plain functions: each reads the trigger (or the event found so far), its sentence and the token → mention
index; places come from :func:`newswire.coding.status.event_location`.
"""

from __future__ import annotations

import functools

from newswire.coding.matching import Found
from newswire.coding.status import event_location
from newswire.coding.tables import coder_groups
from newswire.data import words
from newswire.model import Actor, Mention

# CAMEO codes and sectors (data/coder_groups.yaml says why each)
_GROUPS = coder_groups()
POPULATION_MEASURES = tuple(_GROUPS["cameo"]["population_measures"])
STATE_SECTORS = _GROUPS["sectors"]["state"]  # a protest by one of these is no protest against its own government
PROTEST_PLACE_PREPS = words("protest_place_prepositions")  # "outside of the Swedish Parliament"


@functools.lru_cache(maxsize=256)
def country_name(iso3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or getattr(country, "name", iso3) if country else iso3


def state_doer(trig, targets: list[tuple[Actor, float]], mentions: dict[int, Mention],
               home: str | None, cues) -> list[tuple[Actor, float]]:
    """Who made an arrest, a charge or a ban that names no doer ("dozens were arrested in Cairo"): the
    state where it happened (the place in the clause, else the article's own country), by its police,
    its courts or its government as the verb says. A body of the state suspended or banned with no doer named
    ("Tonga's parliament was suspended indefinitely", "Parliament has not been prorogued") has none to infer: the
    state does not act on itself by default."""
    lemma = trig.lemma_.lower()
    sector = "COP" if lemma in cues.police_acts else "JUD" if lemma in cues.court_acts else "GOV"
    if sector == "GOV" and targets and all(a.sector in STATE_SECTORS and not a.igo for a, _ in targets):
        return []
    # "Jong was arrested in March, but South Korea's National Police Agency ...": the sentence's own police
    named = {m.actor.country for t in trig.sent if (m := mentions.get(t.i)) is not None
             and m.actor.sector == sector and m.actor.country and not m.actor.igo}
    place = event_location(trig.sent, trig, {a for a, _ in targets}, mentions)
    country = next(iter(named)) if len(named) == 1 else place.country if place is not None and place.country else home
    if not country:
        return []
    return [(Actor(country_name(country), f"{country}{sector}", country=country, sector=sector), 0.7)]


def place_target(sent, f: Found, mentions: dict[int, Mention]) -> list[tuple[Actor, float]]:
    """Force used at a place abroad hits that place's country: "Israeli tanks fired shells at targets in
    Jericho" is Israel against the Palestinians. Only when the place's country is no source's own:
    "police fired in Cairo" says nothing of whom they fired at."""
    trig = f.trigger
    if trig.pos_ == "NOUN" and trig.dep_ == "dobj":
        trig = trig.head  # "reimposed blockades in the West Bank": the light verb's clause
    if trig.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("PROPN", "PRON")
                                  for c in trig.children):
        return []  # "Osama was killed by US forces in Pakistan": someone named was hit, not the place
    loc = event_location(sent, f.trigger, {a for a, _ in f.sources}, mentions)
    if loc is None or loc.country is None:
        return own_population(f)  # "Saudi Arabia extended curfews in the holy cities"
    own = any(a.country == loc.country for a, _ in f.sources)
    if own and not f.code.startswith(POPULATION_MEASURES):
        return []
    if own:  # a curfew in its own cities falls on their people
        return [(Actor(loc.name, loc.country + "CVL", loc.country, None, "CVL"), 0.8)]
    return [(Actor(loc.name, loc.country, loc.country), 0.8)]


def own_population(f: Found) -> list[tuple[Actor, float]]:
    """A state's curfew, martial law or state of emergency, imposed or threatened, falls on its own people:
    "Saudi Arabia extended curfews", "Iraq's government is prepared to impose martial law" (SAU → SAUCVL)."""
    if not (f.code.startswith(POPULATION_MEASURES) or (f.pattern.code or "").startswith(POPULATION_MEASURES)):
        return []
    return [(Actor(country_name(a.country), a.country + "CVL", a.country, None, "CVL"), 0.7)
            for a, _ in f.sources[:1] if a.country and not a.igo]


def protested(sent, f: Found, mentions: dict[int, Mention], people: set[Actor]) -> list[tuple[Actor, float]]:
    """A protest that names no one is addressed to the protesters' own government: "a million people marched in
    London", "Hong Kong protesters surrounded the police complex" (GBRCVL → GBRGOV, HKGOPP → HKGGOV); so is a
    rally in its support ("rallied in support of the President").
    Not for a state body protesting (a government's protest is diplomatic and names its target), nor for a
    protest held abroad, whose target the place does not tell, nor for one person's protest held nowhere said.
    ``people``: the actors of the article's named people (the coder's ``_people``)."""
    # "began her climate protest outside of the Swedish Parliament", "rallied in front of the US embassy": the
    # state body the protest stands before is whom it addresses
    for body in _stood_before(f.trigger, mentions):
        if body.sector in STATE_SECTORS and body not in {a for a, _ in f.sources}:
            return [(body, 0.8)]
    for src, conf in f.sources:
        if not src.country or src.igo or src.sector in STATE_SECTORS:
            continue
        loc = event_location(sent, f.trigger, {src}, mentions)
        if loc is not None and loc.country and loc.country != src.country:
            continue
        if src in people and (loc is None or not loc.country):
            continue  # "Thunberg then led the largest climate demonstration ever held": one person's, nowhere said
        return [(Actor(country_name(src.country), src.country + "GOV", src.country, None, "GOV"), conf * 0.8)]
    return []


def _stood_before(trig, mentions: dict[int, Mention]) -> list[Actor]:
    """The actors of the place phrases hung on a protest ("outside of the Swedish Parliament", "in front of the
    embassy"): the phrase's noun, or the noun of an "of" phrase inside it."""
    out = []
    heads = [trig] + ([trig.head] if trig.dep_ == "dobj" else [])  # "began her protest outside ..."
    for h in heads:
        for p in h.children:
            if p.dep_ not in ("prep", "advmod") or p.lower_ not in PROTEST_PLACE_PREPS:
                continue
            nouns = [o for o in p.children if o.dep_ == "pobj"]
            nouns += [g for o in list(nouns) + [p] for q in o.children if q.dep_ == "prep" and q.lower_ == "of"
                      for g in q.children if g.dep_ == "pobj"]
            out += [m.actor for n in nouns if (m := mentions.get(n.i)) is not None]
    return out


def implicit_target(sent, f: Found, mentions: dict[int, Mention]) -> list[tuple[Actor, float]]:
    """For a threat with no stated target: the one other state or organisation the sentence names."""
    sources = {a for a, _ in f.sources}
    src_keys = {(a.country, a.igo) for a in sources}
    others = {}
    for i in range(sent.start, sent.end):
        m = mentions.get(i)
        if m is None or m.actor in sources or (m.actor.country, m.actor.igo) in src_keys:
            continue
        others[(m.actor.country, m.actor.igo)] = m.actor
    if len(others) == 1:
        return [(next(iter(others.values())), 0.8)]
    return []
