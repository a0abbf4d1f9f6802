"""Finding actors in a parsed article: names, composed sector phrases, metonyms, titled people.

Works on the one spaCy Doc of the body (never parses again). Steps:
1. dictionary names found by a PhraseMatcher (built once per dictionary), kept when their case
   fits (acronyms in capitals, other names capitalised) and not inside a longer proper name;
2. composition with sector words: "Russian diplomats" (RUSGOV), "the bloc's foreign affairs
   chief", "diplomats from Poland, Germany and Sweden" (one mention per country), "Kremlin critic";
3. a title phrase right before a person: a known person keeps their dated role; an unknown
   NER person takes the title's actor ("Iraqi Prime Minister X" -> IRQGOV);
4. entities: every NER entity with the actor it overlaps, plus dictionary names NER missed ("ACTOR").
"""

from __future__ import annotations

from dataclasses import dataclass

from newswire.actors.dictionary import ActorDictionary, SectorWord, Target, norm
from newswire.model import Actor, Analysis, Entity, Mention

_POSSESSIVE = {"'s", "’s", "'", "’"}
_PREPS = {"from", "of"}
_SKIPPABLE_POS = {"ADJ", "NOUN", "PROPN", "NUM", "ADV"}
_NAME_ENTS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "GPE", "LOC"}
_BASES = {"country", "metonym", "igo", "petrarch"}  # what "diplomats from X" composes with


@dataclass
class Hit:
    start: int  # token indices
    end: int
    target: Target
    actor: Actor
    used: bool = False


def _case_ok(text: str, target: Target) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if target.case == "exact":
        return text == target.surface or text == target.surface.upper() or (
            all(c.isupper() for c in letters) and norm(text) == norm(target.surface))
    if target.case == "upper":
        return all(c.isupper() for c in letters)
    return any(w[:1].isupper() for w in text.split())


def find_hits(doc, dictionary: ActorDictionary, day: str | None) -> list[Hit]:
    """Dictionary names in the doc, longest first, without overlaps."""
    matcher = dictionary.matcher(doc.vocab)
    found: list[Hit] = []
    for _, s, e in matcher(doc):
        text = doc[s:e].text
        target = dictionary.lookup(norm(text), day)
        if target is None or not _case_ok(text, target):
            continue
        actor = dictionary.actor_of(target, day)
        if actor is not None:
            found.append(Hit(s, e, target, actor))
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken = [False] * len(doc)
    hits: list[Hit] = []
    for h in found:
        if any(taken[h.start:h.end]) or _inside_longer_name(doc, h):
            continue
        for i in range(h.start, h.end):
            taken[i] = True
        hits.append(h)
    return sorted(hits, key=lambda h: h.start)


def _inside_longer_name(doc, h: Hit) -> bool:
    """"Washington" in "George Washington", "Moscow" in "Moscow State University": not the country."""
    if h.target.person is not None:
        return False
    for ent in doc[h.start].sent.ents if doc.has_annotation("SENT_START") else doc.ents:
        if ent.label_ in _NAME_ENTS and ent.start <= h.start and h.end <= ent.end:
            if ent.label_ in ("GPE", "LOC") and any(t.is_punct and t.text != "." for t in ent):
                continue  # "Moscow, Russia" read as one place: both names still count
            extra = [t for t in ent if not (h.start <= t.i < h.end)
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
        for last in (words[-1], doc[i + n - 1].lemma_.lower()):
            sw = dictionary.sectors.get(norm(" ".join([*words[:-1], last])))
            if sw is not None:
                return sw, i + n
    return None


def compose(base: Actor, sw: SectorWord) -> Actor:
    """A country or organisation with a sector: RUS + GOV -> RUSGOV; the EU keeps its code."""
    sector = sw.sector[:3]
    if base.igo:
        return Actor(base.name, base.code, None, base.igo, sector)
    if base.country:
        code = sw.sector + base.country if sw.prefix else base.country + sw.sector
        return Actor(base.name, code, base.country, None, sector)
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
    sent_end = doc[hit.start].sent.end
    for k in range(j, min(j + 5, sent_end)):
        found = sector_at(doc, k, d, sent_end)
        if found is not None:
            sw, end = found
            while end < sent_end and doc[end - 1].dep_ == "compound" and doc[end].pos_ == "NOUN" \
                    and end not in hit_starts and doc[end].ent_type_ != "PERSON":
                end += 1
            return sw, end
        t = doc[k]
        if k in hit_starts or t.pos_ not in _SKIPPABLE_POS and t.text != "-":
            return None
    return None


def _conjuncts(hit: Hit, hits: list[Hit], doc) -> list[Hit]:
    """Names coordinated with ``hit``: "Poland, Germany and Sweden"."""
    root = doc[hit.start:hit.end].root
    conj = {t.i for t in root.conjuncts}
    return [h for h in hits if h is not hit and any(h.start <= i < h.end for i in conj)
            and h.target.person is None]


def resolve_actors(analysis: Analysis, dictionary: ActorDictionary | None) -> None:
    """Fill ``analysis.entities`` and ``analysis.mentions`` from ``analysis.doc`` (see the module's notes)."""
    doc = analysis.doc
    if doc is None or dictionary is None:
        return
    day = analysis.article.published_date
    hits = find_hits(doc, dictionary, day)
    hit_starts = {h.start: h for h in hits}
    hit_at = {i: h for h in hits for i in range(h.start, h.end)}
    person_ents = {ent.start: ent for ent in doc.ents if ent.label_ == "PERSON"}
    mentions: list[Mention] = []
    covered: set[int] = set()  # tokens inside composed mentions

    def titled_person(end: int, actor: Actor, sw: SectorWord) -> bool:
        """A title right before a person: known people keep their own actor; unknown take the title's."""
        j = end + 1 if end < len(doc) and doc[end].text == "," else end
        nxt = hit_starts.get(j)
        if nxt is not None and nxt.target.person is not None:
            return True
        ent = person_ents.get(j)
        if ent is not None and sw.title and not any(i in hit_at for i in range(ent.start, ent.end)):
            named = Actor(ent.text, actor.code, actor.country, actor.igo, actor.sector)
            mentions.append(_mention(doc, ent.start, ent.end, named, ent.text))
            covered.update(range(ent.start, ent.end))
            return True
        return False

    # composition: NAME + sector words
    for h in hits:
        if h.target.person is not None or h.used:
            continue
        found = _sector_after(doc, h, hit_starts, dictionary)
        if found is None:
            continue
        sw, end = found
        h.used = True
        actor = compose(h.actor, sw)
        if not titled_person(end, actor, sw):
            mentions.append(_mention(doc, h.start, end, actor))
        covered.update(range(h.start, end))
    # composition: sector words + from/of + NAME (and its conjuncts)
    i = 0
    while i < len(doc):
        if i in covered or i in hit_at:
            i += 1
            continue
        found = sector_at(doc, i, dictionary)
        if found is None:
            i += 1
            continue
        sw, end = found
        j = end
        if j < len(doc) and doc[j].lower_ in _PREPS:
            j += 1
            if j < len(doc) and doc[j].lower_ == "the" and j + 1 in hit_starts:
                j += 1
            base = hit_starts.get(j)
            if base is not None and base.target.kind in _BASES and not base.used:
                base.used = True
                mentions.append(_mention(doc, i, base.end, compose(base.actor, sw)))
                covered.update(range(i, base.end))
                for other in _conjuncts(base, hits, doc):
                    if not other.used:
                        other.used = True
                        mentions.append(_mention(doc, other.start, other.end, compose(other.actor, sw)))
                        covered.update(range(other.start, other.end))
                i = base.end
                continue
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
                continue  # "Russian gas": an adjective, not an actor
        mentions.append(_mention(doc, h.start, h.end, h.actor, _person_name(h.target)))
    mentions.sort(key=lambda m: (m.start, -m.end))
    analysis.mentions = mentions
    analysis.entities = _entities(doc, hits, mentions)


def _entities(doc, hits: list[Hit], mentions: list[Mention]) -> list[Entity]:
    entities: list[Entity] = []
    seen: set[int] = set()
    for ent in doc.ents:
        actor = None
        overlapping = [h for h in hits if h.start < ent.end and ent.start < h.end]
        person_m = [m for m in mentions if m.person and m.start < ent.end_char and ent.start_char < m.end]
        if ent.label_ == "PERSON" and person_m:
            actor = person_m[0].actor
        elif overlapping:
            best = max(overlapping, key=lambda h: min(h.end, ent.end) - max(h.start, ent.start))
            actor = best.actor
        else:
            inside = [m for m in mentions if m.start <= ent.start_char and ent.end_char <= m.end]
            actor = inside[0].actor if inside else None
        for h in overlapping:
            seen.add(id(h))
        entities.append(Entity(ent.text, ent.label_, ent.start_char, ent.end_char, actor))
    for h in hits:
        if id(h) not in seen:
            span = doc[h.start:h.end]
            entities.append(Entity(span.text, "ACTOR", span.start_char, span.end_char, h.actor))
    entities.sort(key=lambda e: (e.start, e.end))
    return entities
