"""Finding actors in a parsed article: names, composed sector phrases, metonyms, titled people.

Works on the one spaCy Doc of the body (never parses again). Steps:
1. dictionary names found by a PhraseMatcher (built once per dictionary), kept when their case
   fits (acronyms in capitals, other names capitalised) and not inside a longer proper name;
2. composition with sector words: "Russian diplomats" (RUSGOV), "the bloc's foreign affairs
   chief", "diplomats from Poland, Germany and Sweden" (one mention per country), "Kremlin critic";
3. a title phrase right before a person: a known person keeps their dated role; an unknown
   NER person takes the title's actor ("Iraqi Prime Minister X" -> IRQGOV);
4. plain names; a capital or seat of government ("Brussels", "Washington") that is the object of a
   place preposition ("returned to Brussels", "talks in Washington") is a place: no actor mention,
   though its entity keeps the actor;
5. bare sector words ("Police said", "protesters") take a country only when the text makes it
   clear: "police in Tbilisi", the sentence's single country, else the article's dominant country
   (see :func:`_context_country`); otherwise they are no mention;
6. entities: every NER entity with the actor it overlaps, plus dictionary names NER missed ("ACTOR").
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Container
from dataclasses import dataclass

from newswire.actors.dictionary import ActorDictionary, SectorWord, Target, norm
from newswire.components import component
from newswire.data import words
from newswire.model import Actor, Analysis, Entity, Mention
from newswire.nlp.places import dominant, headline_countries, resolve_place
from newswire.nlp.spans import Intervals, coordinated, dependents, entities, sentence_ents

_POSSESSIVE = {"'s", "’s", "'", "’"}
_PREPS = words("belonging_prepositions")
_LOCATED = words("located_prepositions")  # "police in Tbilisi", "students throughout Indonesia" (unless abroad)
_PLACE_PREPS = words("place_prepositions")
_PORTFOLIO = words("portfolio_nouns")  # "Ministry of Silly Walks": the portfolio's name belongs to the phrase
_VISIT_VERBS = words("visit_verbs")  # "arrived in Amman": a host
# "the claim from Berlin", "a message from Moscow": words come from a government, not from a place
_SPOKEN_NOUNS = words("spoken_nouns")
_PLAIN_MODS = words("plain_modifiers")
_PARTY_PREPS = words("party_prepositions")
_QUANTITIES = words("quantity_nouns")
_ATTRIBUTION = words("attribution_words")
_CIVIL_STATE = words("civil_state_sectors")  # "a number of Senators": the group counted
_BARE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
_SKIPPABLE_POS = {"ADJ", "NOUN", "PROPN", "NUM", "ADV"}
_NAME_ENTS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "GPE", "LOC"}
# names, not words: kinds of dictionary targets (Target.kind) that "diplomats from X" composes with
_BASES = {"country", "metonym", "igo", "petrarch", "group"}
_VERB_FORMS = {"VB", "VBD", "VBG", "VBN"}  # never a sector word; not VBZ: the parser tags plurals so ("citizens")
_EQUIPMENT_SKIPPABLE = {"ADJ", "PROPN", "NUM"}  # "Israeli F-16 warplanes", not "Israeli think tank"


@dataclass
class Hit:
    start: int  # token indices
    end: int
    target: Target
    actor: Actor
    used: bool = False
    extra: tuple[Actor, ...] = ()  # the other actors of a compound name (PETRARCH [ELR/GAL])
    abroad: bool = False  # composed with a word for people posted abroad ("Israeli troops")


def _case_ok(text: str, target: Target) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if target.case == "exact":
        return text == target.surface or text == target.surface.upper() or (
            all(c.isupper() for c in letters) and norm(text) == norm(target.surface))
    if target.case == "upper":
        return all(c.isupper() for c in letters)
    return any(w[:1].isupper() for w in re.split(r"[\s-]+", text))  # "al-Qaeda": a capital after the hyphen


def find_hits(doc, dictionary: ActorDictionary, day: str | None) -> list[Hit]:
    """Dictionary names in the doc, longest first, without overlaps."""
    matcher = dictionary.matcher(doc.vocab)
    found: list[Hit] = []

    def add(s: int, e: int, target: Target) -> None:
        actors = dictionary.actors_of(target, day)
        if actors:
            found.append(Hit(s, e, target, actors[0], extra=tuple(actors[1:])))

    for _, s, e in matcher(doc):
        text = doc[s:e].text
        target = dictionary.lookup(norm(text), day)
        if target is None or not _case_ok(text, target):
            continue
        add(s, e, target)
    if dictionary.stems:  # TABARI stems: "Argentin" matches "Argentina", "Argentine"
        matched = {i for h in found for i in range(h.start, h.end)}
        for t in doc:
            if t.i not in matched and t.text[:1].isupper() and len(t.text) > 4:
                target = dictionary.stem_lookup(t.text)
                if target is not None:
                    add(t.i, t.i + 1, target)
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    named = {i for h in found for i in range(h.start, h.end)}
    taken = [False] * len(doc)
    hits: list[Hit] = []
    for h in found:
        if any(taken[h.start:h.end]) or _inside_longer_name(doc, h, dictionary, named):
            continue
        for i in range(h.start, h.end):
            taken[i] = True
        hits.append(h)
    return sorted(hits, key=lambda h: h.start)


def _inside_longer_name(doc, h: Hit, dictionary: ActorDictionary, named: set[int]) -> bool:
    """"Washington" in "George Washington", "Moscow" in "Moscow State University": not the country.

    A name inside an organisation's name made only of sector words is still the country: "the Libyan
    House of Representatives", "the Ministry of Foreign Affairs of Turkey", "British Defence Secretary";
    so is one of several names the entity runs together ("Gondor and Osgiliath"), ``named`` being the
    tokens of every dictionary name found.
    """
    if h.target.person is not None:
        return False
    sentence = doc.has_annotation("SENT_START")
    for ent in sentence_ents(doc[h.start]) if sentence else entities(doc).within(0, len(doc)):
        if ent.label_ in _NAME_ENTS and ent.start <= h.start and h.end <= ent.end:
            if ent.label_ in ("GPE", "LOC") and any(t.is_punct and t.text != "." for t in ent):
                continue  # "Moscow, Russia" read as one place: both names still count
            explained: set[int] = set()
            k = ent.start
            while k < ent.end:
                found = sector_span(doc, k, dictionary, limit=len(doc))
                if found is not None and not (h.start <= k < h.end):
                    explained.update(range(k, found[1]))
                    k = max(found[1], k + 1)
                else:
                    k += 1
            extra = [t for t in ent if not (h.start <= t.i < h.end) and t.i not in explained and t.i not in named
                     and t.pos_ in ("PROPN", "NOUN") and t.lower_ not in _POSSESSIVE]
            if extra:
                return True
    return False


def sector_at(doc, i: int, dictionary: ActorDictionary, limit: int | None = None) -> tuple[SectorWord, int] | None:
    """The longest sector phrase starting at token ``i`` (last word through its lemma), and its end."""
    firsts = dictionary.sector_firsts()
    token = doc[i]
    if token.lower_ not in firsts and token.lemma_.lower() not in firsts:
        return None
    stop = min(len(doc), limit if limit is not None else len(doc))
    for n in (4, 3, 2, 1):
        if i + n > stop:
            continue
        words = [t.lower_ for t in doc[i:i + n]]
        last_tok = doc[i + n - 1]
        if words[-1] == "-" or last_tok.tag_ in _VERB_FORMS and not any(c.dep_ == "det" for c in last_tok.children):
            continue  # "The United States pressed Israel": "pressed" is no press; "the accused" is someone
        for last in (words[-1], doc[i + n - 1].lemma_.lower()):
            key = norm(" ".join([*words[:-1], last]))
            sw = dictionary.sectors.get(key)
            if sw is None and " - " in key:  # "secretary-general" is three tokens
                sw = dictionary.sectors.get(key.replace(" - ", "-"))
            if sw is not None:
                return sw, i + n
    return None


def sector_span(doc, i: int, dictionary: ActorDictionary, limit: int | None = None,
                stops: Container[int] = frozenset()) -> tuple[SectorWord, int] | None:
    """:func:`sector_at`, with a portfolio's name after "ministry/minister of": "Ministry of Silly Walks".

    The name is the capitalised words after "of" (with "and", "the"), stopping at a dictionary name
    (``stops``: "the Ministry of Foreign Affairs of Turkey" keeps Turkey apart) or a person.
    """
    found = sector_at(doc, i, dictionary, limit)
    if found is None:
        return None
    sw, end = found
    stop = min(len(doc), limit if limit is not None else len(doc))
    if doc[end - 1].lower_ in _PORTFOLIO and end + 1 < stop and doc[end].lower_ == "of":
        k = end + 1
        while k < stop and k not in stops and doc[k].ent_type_ != "PERSON" and (
                doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "NOUN", "ADJ")
                or doc[k].lower_ in ("and", "&", "the") and k + 1 < stop and doc[k + 1].text[:1].isupper()):
            k += 1
        while k > end + 1 and not doc[k - 1].text[:1].isupper():
            k -= 1
        if k > end + 1:
            end = k
    return sw, end


def compose_hit(h: Hit, actor: Actor, sw: SectorWord) -> Actor:
    """:func:`compose` for a name found in the text: a named group with its own full code keeps it.

    "Hamas officials", "Taliban fighters", "a Hezbollah commander" are the group itself (PSEREB,
    AFGREB, LBNREB); a people's bare code composes ("Kurdish fighters" -> KURREB).
    """
    if h.target.group and len(actor.code) > 3:
        return actor
    return compose(actor, sw)


def compose(base: Actor, sw: SectorWord) -> Actor:
    """A country or organisation with a sector: RUS + GOV -> RUSGOV; the EU keeps its code.

    An actor of a user's dictionary whose code names no ISO country ("ARN" in PETRARCH's test
    dictionaries) composes the PETRARCH way, by joining codes: ARN + REL -> ARNREL, NGO~ + ARN -> NGOARN.
    """
    sector = sw.sector[:3]
    if base.igo:
        return Actor(base.name, base.code, None, base.igo, sector)
    if base.country:
        code = sw.sector + base.country if sw.prefix else base.country + sw.sector
        return Actor(base.name, code, base.country, None, sector)
    if base.code and base.code not in ("UNK", "---"):
        if base.code.endswith(sw.sector) or base.code.startswith(sw.sector) and sw.prefix:
            return base  # "the Quibbler government newspaper": HGWGOVMED is already MED
        code = sw.sector + base.code if sw.prefix else base.code + sw.sector
        return Actor(base.name, code, None, None, sector)
    return base


def _person_name(target: Target) -> str | None:
    if target.person is not None:
        return target.person.name
    if target.petrarch is not None and any(c.start or c.end for c in target.petrarch.codes):
        return " ".join(w.capitalize() for w in target.petrarch.name.split())
    return None


def _mention(doc, start: int, end: int, actor: Actor, person: str | None = None) -> Mention:
    span = doc[start:end]
    return Mention(span.start_char, span.end_char, span.text, actor, "name", person, span.root.idx)


def _sector_after(doc, hit: Hit, hit_starts: dict[int, Hit], d: ActorDictionary) -> tuple[SectorWord, int] | None:
    """A sector phrase right after a name, within the same noun phrase ("Russian Foreign Minister")."""
    j = hit.end
    if j < len(doc) and doc[j].lower_ in _POSSESSIVE:
        j += 1
    elif j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ == "led" and hit.target.person is None:
        j += 2  # "Vietnamese-led forces", "US-led troops": the leader's force (not "Russian-backed")
    sent_end = doc[hit.start].sent.end
    plain_only = False  # a common noun skipped: no equipment word after it ("Israeli think tank")
    for k in range(j, min(j + 5, sent_end)):
        found = sector_span(doc, k, d, sent_end, hit_starts)
        if found is not None:
            sw, end = found
            if not _fits_base(doc, hit, sw, end, plain_only):
                return None
            while end < sent_end and doc[end - 1].dep_ == "compound" and doc[end].pos_ == "NOUN" \
                    and end not in hit_starts and doc[end].ent_type_ != "PERSON":
                end += 1
            return sw, end
        t = doc[k]
        coordinated_adj = t.lower_ == "and" and k + 1 < sent_end and doc[k - 1].pos_ == "ADJ" \
            and doc[k + 1].pos_ == "ADJ"  # "Ithilen's awful and evil minister"
        if k in hit_starts or t.pos_ not in _SKIPPABLE_POS and t.text != "-" and not coordinated_adj:
            return None
        if not coordinated_adj and t.pos_ not in _EQUIPMENT_SKIPPABLE and not any(c.isdigit() for c in t.text) and t.text != "-":
            plain_only = True
    return None


def _fits_base(doc, hit: Hit, sw: SectorWord, end: int, plain_only: bool = False) -> bool:
    """Whether a sector word may compose with the name ``hit``.

    Equipment ("tanks", "aircraft") only as the head of its phrase, right after the name or after
    adjectives and model names ("Israeli F-16 warplanes"), so that "a Russian aircraft maker" and "an
    Israeli think tank" are no force; "fighters" only after a named group ("Hezbollah fighters").
    """
    if sw.only_after_groups and not hit.target.group:
        return False
    if sw.equipment:
        if plain_only:
            return False
        last = doc[end - 1]
        if last.dep_ == "compound" or end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") \
                and last.dep_ != "conj" and doc[end].ent_type_ not in ("DATE", "TIME"):
            return False
    return True


def _conjuncts(hit: Hit, hit_at: dict[int, Hit], doc) -> list[Hit]:
    """Names coordinated with ``hit``: "Poland, Germany and Sweden" (``hit_at``: token → the name over it)."""
    found = (hit_at.get(t.i) for t in sorted(coordinated(doc[hit.start:hit.end].root)))
    return list({id(h): h for h in found if h is not None and h is not hit and h.target.person is None}.values())


def _coordinated_before(hit: Hit, by_end: dict[int, Hit], doc) -> list[Hit]:
    """Countries and demonyms coordinated right before ``hit``, sharing its sector word.

    "French and Egyptian warships", "U.S. and Russian negotiators", "British, French and German
    diplomats": only names joined to ``hit`` by commas and "and"/"or" alone, so that "Russia and
    Chinese officials" (a country acting, then officials) needs the parser's conjunction too.
    ``by_end``: the names by the token they end before.
    """
    chain: list[Hit] = []
    k = hit.start
    while True:
        j = k
        while j > 0 and doc[j - 1].lower_ in (",", "and", "or"):
            j -= 1
        if j == k:
            break
        prev = by_end.get(j)
        if prev is None or prev.used or prev.target.person is not None or prev.target.kind not in (
                "country", "demonym") or prev.target.group and len(prev.actor.code) > 3:
            break
        chain.append(prev)
        k = prev.start
    if not chain:
        return []
    linked = {t.i for t in coordinated(doc[hit.start:hit.end].root)}
    if not any(c.start <= i < c.end for c in chain for i in linked):
        return []
    return chain


def resolve_actors(analysis: Analysis, dictionary: ActorDictionary | None) -> None:
    """Fill ``analysis.entities`` and ``analysis.mentions`` from ``analysis.doc`` (see the module's notes)."""
    doc = analysis.doc
    if doc is None or dictionary is None:
        return
    day = analysis.article.published_date
    analysis.modifiers = []
    hits = find_hits(doc, dictionary, day)
    hit_starts = {h.start: h for h in hits}
    hit_at = {i: h for h in hits for i in range(h.start, h.end)}
    person_ents = {ent.start: ent for ent in doc.ents if ent.label_ == "PERSON"}
    mentions: list[Mention] = []
    covered: set[int] = set()  # tokens inside composed mentions

    def opens_person(end: int) -> bool:
        """Whether the phrase's last word begins a person's name ("Queen" of "Queen Elizabeth II")."""
        own = hit_at.get(end - 1)
        return own is not None and own.target.person is not None and own.start == end - 1

    def titled_person(end: int, actor: Actor, sw: SectorWord, start: int | None = None) -> bool:
        """A title right before a person: known people keep their own actor; unknown take the title's."""
        j = end + 1 if end < len(doc) and doc[end].text == "," else end
        nxt = hit_starts.get(j)
        if nxt is not None and nxt.target.person is not None:
            return True
        if sw.title and opens_person(end):
            return True  # "the United Kingdom's Queen Elizabeth II": the title opens the person's own name
        if nxt is not None and sw.title and nxt.target.kind == "petrarch" and _person_name(nxt.target) is None \
                and not nxt.used:
            # a user's undated name after a title ("Bree Prime Minister Romendacil"): the title composes,
            # as PETRARCH reads it; a person with dated codes keeps their own (first branch)
            nxt.used = True
            named = Actor(doc[nxt.start:nxt.end].text, actor.code, actor.country, actor.igo, actor.sector)
            first = nxt.start
            if start is not None and doc[nxt.start:nxt.end].root.dep_ == "appos":
                first = start  # "Dagolath's Deputy Prime Minister, Telemar": the title is the phrase's head
            mentions.append(_mention(doc, first, nxt.end, named, named.name))
            covered.update(range(first, nxt.end))
            return True
        ent = person_ents.get(j)
        if ent is not None and sw.title and not any(i in hit_at for i in range(ent.start, ent.end)):
            named = Actor(ent.text, actor.code, actor.country, actor.igo, actor.sector)
            mentions.append(_mention(doc, ent.start, ent.end, named, ent.text))
            covered.update(range(ent.start, ent.end))
            return True
        return False

    def add_composed(start: int, end: int, actor: Actor, h: Hit, sw: SectorWord) -> None:
        mentions.append(_mention(doc, start, end, actor))
        for other in h.extra:  # a compound name: one mention per actor
            mentions.append(_mention(doc, start, end, compose_hit(h, other, sw)))
        covered.update(range(start, end))

    # composition: prefix agent + NAME ("MSF Arnor" -> NGOARN, PETRARCH's [NGO~] agents)
    for h in hits:
        if h.target.person is not None:
            continue
        for k in range(max(0, h.start - 4), h.start):
            found = sector_at(doc, k, dictionary, h.start)
            if found is not None and found[1] == h.start and found[0].prefix and k not in hit_at:
                h.actor = compose(h.actor, found[0])
                h.extra = tuple(compose(a, found[0]) for a in h.extra)
                h.start = k
                break
    hit_starts = {h.start: h for h in hits}
    hit_at = {i: h for h in hits for i in range(h.start, h.end)}
    by_end = {h.end: h for h in hits}
    # composition: NAME + sector words
    peoples_bodies: list[tuple[int, int, SectorWord]] = []
    for h in hits:
        if h.target.person is not None or h.used:
            continue
        found = _sector_after(doc, h, hit_starts, dictionary)
        if found is None:
            continue
        sw, end = found
        h.used = True
        h.abroad = sw.abroad
        if h.target.group and len(h.actor.code) <= 3 and sw.sector[:3].lower() in _CIVIL_STATE:
            peoples_bodies.append((h.start, end, sw))  # "Kurdish MPs": the country's, found with the bare words
            covered.update(range(h.start, end))
            continue
        actor = compose_hit(h, h.actor, sw)
        if not titled_person(end, actor, sw, h.start):
            add_composed(h.start, end, actor, h, sw)
            for other in _coordinated_before(h, by_end, doc):  # "French and Egyptian warships"
                other.used = True
                other.abroad = sw.abroad
                add_composed(other.start, other.end, compose_hit(other, other.actor, sw), other, sw)
        covered.update(range(h.start, end - 1 if sw.title and opens_person(end) else end))
    # composition: sector words + from/of/in + NAME (and its conjuncts); title + person + of + NAME
    bare: list[tuple[int, int, SectorWord]] = []
    i = 0
    while i < len(doc):
        if i in covered or i in hit_at:
            i += 1
            continue
        found = sector_span(doc, i, dictionary, stops=hit_starts)
        if found is None:
            i += 1
            continue
        sw, end = found
        j = end
        person = person_ents.get(j) if sw.title else None
        if person is not None and not any(k in hit_at for k in range(person.start, person.end)):
            j = person.end  # "King Hassan of Morocco"
        # "several foreign ministers in Cairo" met there; they are not Egypt's
        several = any(c.dep_ in ("det", "amod", "nummod", "predet") and c.lower_ in _SEVERAL
                      for c in dependents(doc[end - 1]))
        if j < len(doc) and (doc[j].lower_ in _PREPS or doc[j].lower_ in _LOCATED and not sw.abroad and not several):
            j += 1
            if j < len(doc) and doc[j].lower_ == "the" and j + 1 in hit_starts:
                j += 1
            base = hit_starts.get(j)
            if base is not None and base.target.person is not None and sw.state and not sw.title \
                    and base.actor.country and not base.actor.igo and doc[j - 1].lower_ == "of":
                # "the government of Abdrabbuh Mansur Hadi": the body of the person's own country
                mentions.append(_mention(doc, i, end, compose(dictionary.country_actor(base.actor.country), sw)))
                covered.update(range(i, end))
                i = end
                continue
            if base is not None and base.target.kind in _BASES and not base.used and not sw.equipment \
                    and not (sw.only_after_groups and not base.target.group):
                base.used = True
                base.abroad = sw.abroad
                actor = compose_hit(base, base.actor, sw)
                if person is not None and j > person.end:
                    named = Actor(person.text, actor.code, actor.country, actor.igo, actor.sector)
                    mentions.append(_mention(doc, person.start, person.end, named, person.text))
                    covered.update(range(i, base.end))
                else:
                    add_composed(i, base.end, actor, base, sw)
                    covered.update(range(i, base.end))
                for other in _conjuncts(base, hit_at, doc):
                    if not other.used:
                        other.used = True
                        add_composed(other.start, other.end, compose_hit(other, other.actor, sw), other, sw)
                i = base.end
                continue
        bare.append((i, end, sw))
        i = end
    # plain names
    for h in hits:
        if h.used or any(i in covered for i in range(h.start, h.end)):
            continue
        if h.target.kind == "official" and titled_person(h.end, h.actor, SectorWord("GOV", True)):
            continue  # "UN Secretary-General Antonio Guterres": the person is the mention
        if h.target.kind == "demonym":
            root = doc[h.start:h.end].root
            if root.tag_ not in ("NNS", "NNPS") and root.dep_ in ("amod", "compound"):
                body = sector_span(doc, root.head.i, dictionary) if h.target.group and root.head.i > root.i else None
                if body is not None and len(h.actor.code) <= 3 and body[0].sector[:3].lower() in _CIVIL_STATE:
                    peoples_bodies.append((h.start, body[1], body[0]))  # "Kurdish and Sunni Members of Parliament"
                    continue
                # "Russian gas": an adjective, not an actor; kept aside, since it still says whose an event
                # noun is ("Palestinian riots", "Israeli strikes")
                analysis.modifiers.append(_mention(doc, h.start, h.end, h.actor))
                continue
        if (h.target.kind == "demonym" or h.target.group) and _hyphen_modifier(doc, h):
            continue  # "Houthi-controlled Sanaa", "Russian-backed separatists": who controls, not who acts
        if (h.target.kind == "metonym" or h.target.kind == "igo" and doc[h.start].ent_type_ in ("GPE", "LOC")) \
                and (_is_place(doc, h) or _place_modifier(doc, h)):
            continue  # "returned to Brussels", "Baghdad airport": a place, not the EU or a government acting
        prev = hit_at.get(h.start - 1)
        if h.target.group and len(h.actor.code) <= 3 and prev is not None and prev.target.kind == "demonym" \
                and not prev.target.group and prev.actor.country:
            # "Iraqi Kurds": a people within a country are that country's
            mentions.append(_mention(doc, prev.start, h.end, prev.actor))
            continue
        mentions.append(_mention(doc, h.start, h.end, h.actor, _person_name(h.target)))
        for other in h.extra:
            mentions.append(_mention(doc, h.start, h.end, other, _person_name(h.target)))
    # bare sector words: a country only where the text makes it clear
    if bare or peoples_bodies:
        taken = {i for m in mentions for i in _token_range(doc, m)}
        by_start, dominant = sorted(hits, key=_start), _dominant_country(
            hits, headline_countries(analysis.article.title),
            dictionary.countries_named(analysis.article.title, analysis.article.published_date))
        for start, end, sw in peoples_bodies:
            country = _context_country(doc, start, by_start, dominant)
            if country is not None:
                mentions.append(_mention(doc, start, end, compose(dictionary.country_actor(country), sw)))
        for start, end, sw in bare:
            if any(k in taken for k in range(start, end)):
                continue
            region = _region_before(doc, start, sw, taken)
            if region is not None:
                k, country = region
                mentions.append(_mention(doc, k, end, compose(dictionary.country_actor(country), sw)))
                continue
            if not _plain_group(doc, start, end, sw):
                continue
            country = _context_country(doc, start, by_start, dominant)
            if country is not None:
                mentions.append(_mention(doc, start, end, compose(dictionary.country_actor(country), sw)))
    mentions.sort(key=lambda m: (m.start, -m.end))
    analysis.mentions = mentions
    analysis.entities = _entities(doc, hits, mentions)


def _token_range(doc, m: Mention) -> range:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _is_place(doc, h: Hit) -> bool:
    """A capital or seat of government named as a place: the object of "in/to/from/at ...".

    Not after a verb of visiting ("arrived in Amman", "flew to Washington"): the host of a visit is
    an actor (CAMEO codes visits with the host as target); "returned to Brussels" is only a place.
    """
    root = doc[h.start:h.end].root
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS:
        verb = root.head.head
        if root.head.lower_ == "from" and verb.lemma_.lower() in _SPOKEN_NOUNS:
            return False
        return not (root.head.lower_ in ("in", "to") and verb.lemma_.lower() in _VISIT_VERBS)
    # "arrived in Brussels", "flew back to Washington": spaCy sometimes hangs the name on the verb
    prev = doc[h.start - 1] if h.start > 0 else None
    return prev is not None and prev.lower_ in _PLACE_PREPS and prev.dep_ in ("prep", "prt", "advmod") and \
        root.dep_ in ("pobj", "npadvmod")


def _hyphen_modifier(doc, h: Hit) -> bool:
    """A name joined by a hyphen to a participle or adjective: "Houthi-controlled", "Russian-backed"."""
    k = h.end
    return k + 1 < len(doc) and doc[k].text == "-" and doc[k].idx == doc[k - 1].idx + len(doc[k - 1].text) \
        and doc[k + 1].tag_ in ("VBN", "VBD", "JJ")


def _place_modifier(doc, h: Hit) -> bool:
    """A capital naming where something is: "Baghdad airport", "the Moscow metro", "a Kabul hotel".

    Sector words after a capital compose earlier ("Kremlin critic", "Beijing officials"), so any other
    common noun the capital modifies is a thing in that city, not its government acting.
    """
    root = doc[h.start:h.end].root
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= h.end


_SEVERAL = words("several")


def _region_before(doc, start: int, sw: SectorWord, taken: set[int]) -> tuple[int, str] | None:
    """A place inside a country named right before a group word: "Darfur rebels" (SDNREB), "Gaza militants".

    The place must be a proper noun the parser calls a place and the gazetteer puts in one country."""
    if sw.title or sw.equipment or start == 0:
        return None
    k = start
    while k > 0 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].ent_type_ in ("GPE", "LOC") and k - 1 not in taken:
        k -= 1
    if k == start:
        return None
    place = resolve_place(doc[k:start].text)
    return (k, place.country) if place is not None and place.country else None


def _plain_group(doc, start: int, end: int, sw: SectorWord) -> bool:
    """A bare group word that can only be the local one: "Police said", "protesters", "rebels".

    Not a title (one person: coreference reads "the minister"), not a word for people posted abroad,
    not one with modifiers that may point elsewhere ("Western officials", "foreign troops").
    """
    if sw.title or sw.abroad or sw.equipment or sw.only_after_groups:
        return False
    head = doc[end - 1]
    if head.dep_ not in _BARE_DEPS:
        return False
    if head.dep_ == "pobj" and head.head.lower_ not in _PARTY_PREPS and not (
            head.head.lower_ == "of" and head.head.head.lemma_.lower() in _QUANTITIES):
        return False
    for t in doc[start:end]:
        for c in t.children:
            if c.dep_ in ("det", "predet", "nummod") and c.lower_ in _SEVERAL and (sw.state or not c.like_num):
                # "both sides", "all parties", "the two governments": more than one country ("two protesters" is not)
                return False
            if start <= c.i < end or c.dep_ in ("det", "punct", "nummod", "cc", "conj", "prep", "relcl", "acl"):
                continue
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.lower_ not in _PLAIN_MODS:
                return False
    return True


def _agent(root) -> bool:
    """Whether a name is the doer of a passive ("backed by Iran")."""
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def _reporter(root, word) -> bool:
    """Whether a name only says who reports the sentence ("..., ABC of Australia reported", "according to
    Pakistan's Dawn"): the subject of a verb of reporting the word is not part of, or after "according to". A Doc
    without a parse (:func:`newswire.nlp.spans.dependents`) says nothing of it."""
    if not root.dep_:
        return False
    t = root
    while t.head.i != t.i:
        if t.lower_ == "according":
            return True
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in _ATTRIBUTION and t.head.dep_ == "ROOT" \
                and not (t.left_edge.i <= word.i <= t.right_edge.i):
            return True
        t = t.head
    return False


def _country_of(h: Hit) -> str | None:
    """The country a name places its sentence in: not people's, nor forces' or envoys' (posted abroad)."""
    if h.target.person is not None or h.abroad:
        return None
    return h.actor.country if not h.actor.igo else None


def _start(h: Hit) -> int:
    return h.start


def _context_country(doc, i: int, by_start: list[Hit], dominant: str | None) -> str | None:
    """The country a bare group word belongs to: the sentence's one country, else the article's ``dominant`` one.

    ``by_start``: the names sorted by their first token. Anything less clear gives None (no mention rather
    than a wrong actor).
    """
    sent = doc[i].sent
    inside = by_start[bisect_left(by_start, sent.start, key=_start):bisect_left(by_start, sent.end, key=_start)]
    # "the rebels are backed by Iran": the one who acts on the group is not its country; nor is who reports it
    here = {c for h in inside if (c := _country_of(h)) and not _agent(doc[h.start:h.end].root)
            and not _reporter(doc[h.start:h.end].root, doc[i])}
    if len(here) == 1:
        return next(iter(here))
    if len(here) > 1 or any(h.actor.igo for h in inside):
        return None
    return dominant


def _dominant_country(hits: list[Hit], where: frozenset[str], named: frozenset[str]) -> str | None:
    """The article's dominant country among its names (:func:`newswire.nlp.places.dominant`)."""
    counts: dict[str, int] = {}
    for h in hits:
        c = _country_of(h)
        if c:
            counts[c] = counts.get(c, 0) + 1
    return dominant(counts, where, named)


def _entities(doc, hits: list[Hit], mentions: list[Mention]) -> list[Entity]:
    out: list[Entity] = []
    seen: set[int] = set()
    hit_index, mention_index = Intervals(hits), Intervals(mentions)
    for ent in doc.ents:
        actor = None
        overlapping = hit_index.overlapping(ent.start, ent.end)
        near = mention_index.overlapping(ent.start_char, ent.end_char)
        person_m = [m for m in near if m.person]
        if ent.label_ == "PERSON" and person_m:
            actor = person_m[0].actor
        elif overlapping:
            best = max(overlapping, key=lambda h: min(h.end, ent.end) - max(h.start, ent.start))
            actor = best.actor
        else:
            inside = [m for m in near if m.start <= ent.start_char and ent.end_char <= m.end]
            actor = inside[0].actor if inside else None
        for h in overlapping:
            seen.add(id(h))
        out.append(Entity(ent.text, ent.label_, ent.start_char, ent.end_char, actor))
    for h in hits:
        if id(h) not in seen:
            span = doc[h.start:h.end]
            out.append(Entity(span.text, "ACTOR", span.start_char, span.end_char, h.actor))
    out.sort(key=lambda e: (e.start, e.end))
    return out


@component("actors")
def _actors(context) -> Callable[[Analysis], None]:
    """Names, descriptions and places resolved to actors through the pipeline's dictionary."""
    return functools.partial(resolve_actors, dictionary=context.dictionary)
