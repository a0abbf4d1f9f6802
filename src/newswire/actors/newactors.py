"""Actors the dictionaries lack: named people, organisations and identified groups, kept by their names.

"Judge Alejandro Rivera opened investigations", "The Nigerian Union of Teachers called off a strike",
"Islamic fundamentalists continued their hunger strike": the doer is plain from the text, but no
dictionary holds them. Dropping such events loses much of what happens outside the capitals; coding
them to a guessed country would be wrong. So newswire does what PETRARCH's ``new_actor_length`` does:
the noun phrase becomes an actor of its own, coded by its name in quotes (``'"JUDGE ALEJANDRO RIVERA"'``),
with the sector its title or head noun gives (JUD) and a country only when the phrase itself names one
("Algeria's leading human rights activist" → DZA).

What qualifies, so that the rule stays precise:

* a PERSON entity under a title ("President Bouteflicka", "Judge Alejandro Rivera") or with one in
  apposition ("Ahmed al-Assadi, a spokesman for ..."): untitled people are mostly private persons;
* an ORG entity;
* a group noun of the sector dictionary under a people's or faith's name that is not a country
  ("Islamic fundamentalists", "Ibo elders", "Druze inhabitants").

Nothing already covered by a mention is touched, and these mentions come after coreference, so
pronouns keep resolving only to dictionary actors. Kind ``"new"`` lets later stages weigh them lower.
"""

from __future__ import annotations

import functools
import re

from newswire.actors.dictionary import ActorDictionary, DictionaryError, SectorWord, norm
from newswire.actors.resolve import compose, sector_at
from newswire.data import read_yaml
from newswire.model import Actor, Analysis, Mention

_DETERMINERS = {"the", "a", "an"}
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# dictionary names that are places: an ORG entity spelling one is a misread place ("Niger"), not a body
_PLACE_KINDS = {"country", "metonym", "demonym"}
_GROUP_MODIFIER_LABELS = {"NORP"}


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """The organisation head words and the not-a-name words of data/actors/new_actors.yaml."""
    data = read_yaml("actors/new_actors.yaml", DictionaryError)
    out = []
    for key in ("org_heads", "not_names"):
        words = data.get(key) if isinstance(data, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DictionaryError(f"new_actors.yaml: '{key}' must be a list of words")
        out.append(frozenset(w.lower() for w in words))
    return out[0], out[1]


def _acceptable(span, label: str) -> bool:
    """Whether a PERSON/ORG span may name someone who acts (see new_actors.yaml)."""
    org_heads, not_names = _lexicon()
    words = [t.lower_ for t in span]
    if not any(t.is_ascii and t.is_alpha for t in span) or any(w in not_names for w in words) \
            or " ".join(words) in not_names:
        return False
    if label == "ORG":
        if len(span) == 1:
            return bool(_ACRONYM.match(span.text))
        return any(w in org_heads for w in words)
    # "Ahmed al-Assadi", "Charles de Gaulle": particles may be lower case, the name's ends may not
    return all(t.is_title or t.is_upper or not t.is_alpha for t in (span[0], span[-1]))


def _covered(analysis: Analysis) -> set[int]:
    """Character offsets covered by existing mentions (their first character suffices per token)."""
    out: set[int] = set()
    for m in analysis.mentions:
        out.update(range(m.start, m.end))
    return out


def _title_before(doc, start: int, dictionary: ActorDictionary) -> tuple[SectorWord, int] | None:
    """A title right before a name ("President", "Former Socialist prime minister", "Judge"): its sector, start."""
    for back in (4, 3, 2, 1):
        i = start - back
        if i < 0:
            continue
        found = sector_at(doc, i, dictionary, limit=start)
        if found is not None and found[1] == start and found[0].title:
            j = i
            while j > 0 and doc[j - 1].pos_ == "ADJ" and doc[j - 1].ent_type_ == "":
                j -= 1  # "former", "Socialist"
            return found[0], j
    return None


def _part_of_title(doc, end: int, dictionary: ActorDictionary) -> bool:
    """Whether a title follows right after a name ("Defence Minister", "Interior Ministry spokesman")."""
    if end >= len(doc):
        return False
    found = sector_at(doc, end, dictionary)
    return found is not None


def _appos_title(span, dictionary: ActorDictionary) -> SectorWord | None:
    """A title in an apposition: "Ahmed al-Assadi, a spokesman for the PMF" (GOV)."""
    for child in span.root.children:
        if child.dep_ == "appos":
            found = sector_at(child.doc, child.i, dictionary, limit=child.i + 1)
            if found is not None and found[0].title:
                return found[0]
    return None


def _appos_actor(span, index: dict[int, Mention], dictionary: ActorDictionary) -> Actor | None:
    """The actor an apposition names: "Kenzo Oshima, the United Nations Emergency Relief Coordinator"."""
    for child in span.root.children:
        if child.dep_ != "appos":
            continue
        for t in child.subtree:
            m = index.get(t.idx)
            if m is not None and m.kind == "name":
                sw = sector_at(child.doc, child.i, dictionary, limit=child.i + 1)
                return compose(m.actor, sw[0]) if sw else m.actor
    return None


def _named(text: str, sector: str | None, base: Actor | None = None) -> Actor:
    """An actor named by the text: with the code of the actor its apposition names, else its name in quotes."""
    name = " ".join(text.split())
    if base is not None:
        return Actor(name, base.code, base.country, base.igo, base.sector or sector)
    return Actor(name, '"' + name.upper() + '"', None, None, sector)


def add_new_actors(analysis: Analysis, dictionary: ActorDictionary) -> None:
    """Add ``kind="new"`` mentions for named people, organisations and groups no dictionary resolved."""
    doc = analysis.doc
    if doc is None:
        return
    covered = _covered(analysis)
    index = {t.idx: m for m in analysis.mentions
             for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(doc[i].idx in covered for i in range(start, end))

    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or not free(ent.start, ent.end):
            continue
        start = ent.start + (1 if doc[ent.start].lower_ in _DETERMINERS else 0)
        end = ent.end
        while end > start and (doc[end - 1].pos_ in ("ADP", "PUNCT", "CCONJ", "PART")):
            end -= 1  # "Patrice Talon of", "Free Trade Area (": the entity's ragged edge
        if end - start < 1 or not _acceptable(doc[start:end], ent.label_):
            continue
        sector = None
        if ent.label_ == "PERSON":
            title = _title_before(doc, start, dictionary)
            appos_title = _appos_title(ent, dictionary)
            if title is None and appos_title is None:
                continue  # an untitled private person ("Emily Spanton met officers") is no political actor
            if title is not None and free(title[1], start):
                sector, start = title[0].sector[:3], title[1]
            elif appos_title is not None:
                sector = appos_title.sector[:3]
            actor = _named(doc[start:end].text, sector, _appos_actor(ent, index, dictionary))
        else:
            target = dictionary.lookup(norm(doc[start:end].text), analysis.article.published_date)
            if _part_of_title(doc, end, dictionary) or target is not None and target.kind in _PLACE_KINDS:
                continue  # "Defence Minister Pierre Joxe", "Niger": a portfolio or a place, not a body
            actor = _named(doc[start:end].text, None)
        span = doc[start:end]
        found.append(Mention(span.start_char, span.end_char, span.text, actor, "new", None, span.root.idx))
        covered.update(range(span.start_char, span.end_char))

    for tok in doc:
        if tok.pos_ != "NOUN" or tok.idx in covered:
            continue
        sw = sector_at(doc, tok.i, dictionary, limit=tok.i + 1)
        if sw is None or sw[0].equipment or sw[0].title:  # a title is one person: "Palestinian leader Arafat"
            continue
        # "Islamic fundamentalists", "Moslem fundamentalist demonstrators" (the people's name one level down)
        mods = [c for left in tok.lefts if left.dep_ in ("amod", "compound", "nmod") for c in left.subtree
                if c.ent_type_ in _GROUP_MODIFIER_LABELS and c.idx not in covered]
        if not mods:
            continue
        span = doc[min(m.i for m in mods):tok.i + 1]
        actor = _named(span.text, sw[0].sector[:3])
        found.append(Mention(span.start_char, span.end_char, span.text, actor, "new", None, tok.idx))
        covered.update(range(span.start_char, span.end_char))

    analysis.mentions.extend(sorted(found, key=lambda m: m.start))
