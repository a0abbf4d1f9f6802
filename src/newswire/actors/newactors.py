"""Actors the dictionaries lack: named people, organisations and identified groups, kept by their names.

"Judge Alejandro Rivera opened investigations", "The Nigerian Union of Teachers called off a strike",
"Islamic fundamentalists continued their hunger strike": the doer is plain from the text, but no
dictionary holds them. Dropping such events loses much of what happens outside the capitals; coding
them to a guessed country would be wrong. So newswire does what PETRARCH's ``new_actor_length`` does:
the noun phrase becomes an actor of its own, coded by its name in quotes (``'"JUDGE ALEJANDRO RIVERA"'``),
with the sector its title or head noun gives (JUD) and a country when the phrase itself names one
("Algeria's leading human rights activist" → DZA). A titled person ("Judge Victor Marrero", "Solicitor
General Jose Calida", "CEO Carlo Katigbak") belongs to a country even when the phrase does not say which: in an
article that is clearly about one country (:func:`newswire.nlp.places.home_country`) it is that country's
(USAJUD, PHLGOV, PHLBUS), the way an analyst reads a domestic story; elsewhere it stays a name. So does an untitled
person there (a private citizen, CVL), and a bare group word ("Police arrested ...").

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
from collections.abc import Callable
from dataclasses import replace

from newswire.actors.dictionary import ActorDictionary, DictionaryError, SectorWord, norm
from newswire.actors.resolve import _plain_group, compose, sector_at
from newswire.components import component
from newswire.data import read_yaml, words
from newswire.model import Actor, Analysis, Mention
from newswire.nlp.places import home_country, resolve_place

_DETERMINERS = words("articles")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# dictionary names that are places: an ORG entity spelling one is a misread place ("Niger"), not a body
_PLACE_KINDS = {"country", "metonym", "demonym"}  # names, not words: Target.kind values of places
_GROUP_MODIFIER_LABELS = {"NORP"}


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """The organisation head words and the not-a-name words of data/actors/new_actors.yaml."""
    data = read_yaml("actors/new_actors.yaml")
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
    index, modifiers = _by_token(doc, analysis.mentions), _by_token(doc, analysis.modifiers)
    found: list[Mention] = []
    analysis.country = home = home_country(
        analysis, dictionary.countries_named(analysis.article.title, analysis.article.published_date))
    known = _known_people(analysis.mentions)
    acronyms = {}  # "European Community (EC)": the acronym names the same actor from there on
    starts = {t.idx: t.i for t in doc}
    for m in analysis.mentions:
        if m.kind == "name" and (acronym := _acronym_after(doc, starts, m.end)) is not None:
            acronyms.setdefault(acronym, m)

    def free(start: int, end: int) -> bool:
        return not any(doc[i].idx in covered for i in range(start, end))

    def add(span, actor: Actor, person: str | None = None, kind: str = "new") -> Mention:
        mention = Mention(span.start_char, span.end_char, span.text, actor, kind, person, span.root.idx)
        found.append(mention)
        covered.update(range(span.start_char, span.end_char))
        return mention

    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or not free(ent.start, ent.end):
            continue
        start = ent.start + (1 if doc[ent.start].lower_ in _DETERMINERS else 0)
        end = ent.end
        bracket = next((t.i for t in doc[start:end] if t.text == "("), None)
        end = bracket if bracket is not None and bracket > start else end  # "... Freedom (USCIRF": the name ends before
        while end > start and (doc[end - 1].pos_ in ("ADP", "PUNCT", "CCONJ", "PART")):
            end -= 1  # "Patrice Talon of", "Free Trade Area (": the entity's ragged edge
        described = _described(doc, start, index, modifiers, dictionary) if ent.label_ == "ORG" else None
        if end - start < 1 or not (_acceptable(doc[start:end], ent.label_) or described is not None):
            continue
        if ent.label_ == "PERSON":
            if (alone := sector_at(doc, start, dictionary, end)) is not None and alone[1] == end and alone[0].title:
                continue  # "the Queen", "the Emir": a title alone, which coreference reads as a description
            word = doc[start]
            if end - start == 1 and word.dep_ in ("compound", "amod") and word.head.pos_ == "NOUN" \
                    and word.head.i > start and sector_at(doc, word.head.i, dictionary, word.head.i + 1) is None:
                continue  # "Twin bombings": one word the tagger took for a name, modifying a thing
            title = _title_before(doc, start, dictionary)
            appos_title = _appos_title(ent, dictionary)
            if title is None and appos_title is None:
                # an untitled person is a private citizen: of the country an apposition names ("An Australian,
                # Brenton Tarrant"), else of the article's own country; with neither, no actor
                own = _people_country(ent, index, modifiers)
                country = own or home
                if country is None or doc[start:end].text in known or resolve_place(doc[start:end].text):
                    continue  # "Ciudad Juárez" read as a person is a place
                name = doc[start:end].text
                citizen = add(doc[start:end], Actor(name, country + "CVL", country, None, "CVL"), name)
                if own is None:
                    analysis.homed.add(citizen.actor)
                known.update({k: citizen for k in _names_of(citizen) if k not in known})  # "Brenton Tarrant did not"
                continue
            person = known.get(doc[start:end].text)
            if person is not None:
                # "Prime Minister Ardern" after "Jacinda Ardern": the dictionary's person, named again
                add(ent, person.actor, person.person, person.kind)
                continue
            person_name = doc[start:end].text
            title_word = title[0] if title is not None and free(title[1], start) else appos_title
            if title is not None and free(title[1], start):
                start = title[1]
            sector = title_word.sector[:3] if title_word is not None else None
            base = _appos_actor(ent, index, dictionary)
            country = home
            if country is None and title_word is not None and title_word.state:
                country = _sentence_country(ent.sent, index)
            if base is None and country is not None and sector is not None:
                # "Elaine Chao, the Secretary of Transportation" beside "US Secretary of State Mike Pompeo": an
                # office of the state is the article's country's, else the one country its sentence names
                base = compose(dictionary.country_actor(country), title_word)
            # the actor is the person, named without the title the mention starts with ("executive Ken Gude")
            mention = add(doc[start:end], _named(person_name, sector, base), person_name)
            known.update({k: mention for k in _names_of(mention) if k not in known})  # "... Bash said"
            continue
        elif doc[start:end].text in acronyms:
            first = acronyms[doc[start:end].text]
            actor = first.actor
        else:
            target = dictionary.lookup(norm(doc[start:end].text), analysis.article.published_date)
            if _part_of_title(doc, end, dictionary) or target is not None and target.kind in _PLACE_KINDS:
                continue  # "Defence Minister Pierre Joxe", "Niger": a portfolio or a place, not a body
            actor = _named(doc[start:end].text, None,
                           described or _state_body(doc, start, end, dictionary, analysis))
        mention = add(doc[start:end], actor)
        if (acronym := _acronym_after(doc, starts, mention.end)) is not None:
            acronyms.setdefault(acronym, mention)

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
        # "Democratic leadership" in an American story is American; with no country of its own story, a name
        actor = _named(span.text, sw[0].sector[:3], compose(dictionary.country_actor(home), sw[0]) if home else None)
        found.append(Mention(span.start_char, span.end_char, span.text, actor, "new", None, tok.idx))
        covered.update(range(span.start_char, span.end_char))

    found += _named_again(analysis, found, covered)
    if home is not None:
        found += _domestic_groups(analysis, dictionary, home, covered)
    analysis.mentions.extend(sorted(found, key=lambda m: m.start))


_NAME_SUFFIXES = words("name_suffixes")
_RELATIVE_TITLES = words("relative_titles")


def _by_token(doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Each token's first character → the mention covering it."""
    return {t.idx: m for m in mentions for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}


def _surname(name: str) -> str | None:
    words = [w for w in name.replace("'s", "").split() if w.lower().strip(".,") not in _NAME_SUFFIXES]
    return words[-1] if len(words) > 1 and words[-1][:1].isupper() else None


def _described(doc, start: int, index: dict[int, Mention], modifiers: dict[int, Mention],
               dictionary: ActorDictionary) -> Actor | None:
    """A name after a description with a people's adjective: "Iranian airline Mahan Air" (IRNBUS), "Russian
    energy company Gazprom": the description says whose the body is and, through a sector word, what it is."""
    if start == 0:
        return None
    noun = doc[start - 1]
    if noun.pos_ != "NOUN" or noun.is_title:
        return None
    for t in noun.subtree if noun.head.i >= start else noun.lefts:
        m = index.get(t.idx) or modifiers.get(t.idx)
        if m is not None and m.actor.country and not m.actor.igo and t.i < noun.i:
            found = sector_at(doc, noun.i, dictionary, noun.i + 1)
            base = dictionary.country_actor(m.actor.country)
            return compose(base, found[0]) if found else base
    return None


def _people_country(ent, index: dict[int, Mention], modifiers: dict[int, Mention]) -> str | None:
    """The country a private person's own phrase gives: "An Australian, Brenton Tarrant", "Iranian-born X", "X from
    South Korea"."""
    root = ent.root
    near = [c for c in root.children if c.dep_ in ("appos", "amod", "compound", "nmod")]
    if root.dep_ == "appos":
        near.append(root.head)
    # "its alleged operator Jong Woo Son from South Korea": where the person (or the phrase naming them) is from
    near += [o for h in (root, root.head) if h is root or root.dep_ == "appos" for c in h.children
             if c.dep_ == "prep" and c.lower_ == "from" for o in c.children if o.dep_ == "pobj"]
    for t in near:
        m = index.get(t.idx) or modifiers.get(t.idx)
        if m is not None and m.actor.country and not m.actor.igo and m.actor.sector in (None, "CVL"):
            return m.actor.country
    return None


def _sentence_country(sent, index: dict[int, Mention]) -> str | None:
    """The one country the names of a sentence belong to (organisations of several states aside), else None."""
    found = {m.actor.country for t in sent if (m := index.get(t.idx)) is not None and m.kind == "name"
             and m.actor.country and not m.actor.igo}
    return next(iter(found)) if len(found) == 1 else None


def _state_body(doc, start: int, end: int, dictionary: ActorDictionary, analysis: Analysis) -> Actor | None:
    """A body whose own name says whose it is: "Royal Canadian Mounted Police" (CANCOP), "United States
    Commission on International Religious Freedom" (USA), with the sector its words give, if any."""
    day = analysis.article.published_date
    for i in range(start, end):
        for n in (3, 2, 1):
            if i + n > end:
                continue
            target = dictionary.lookup(norm(doc[i:i + n].text), day)
            if target is not None and target.kind in ("country", "demonym") and not target.group:
                base = dictionary.actor_of(target, day)
                if base is None or not base.country:
                    return None
                sector = next((sw for k in range(start, end) if (sw := sector_at(doc, k, dictionary, end)) is not None), None)
                return compose(dictionary.country_actor(base.country), sector[0]) if sector else \
                    dictionary.country_actor(base.country)
    # a body named for a part of the state and a place ("Thames Valley Police", "Los Angeles Police") or for
    # nothing else ("the Supreme Court"): the place's country, else the article's own country's
    # the sector phrase that ends the name: "Police", "the House of Commons", "Ministry of Foreign Affairs"
    first, head = next(((k, found) for k in range(start, end)
                        if (found := sector_at(doc, k, dictionary, end)) is not None and found[1] == end), (end, None))
    if head is None or not head[0].state or head[0].title or head[0].equipment or end - start < 2:
        return None
    place = resolve_place(doc[start:first].text) if first > start else None
    country = place.country if place is not None and place.country else analysis.country
    return compose(dictionary.country_actor(country), head[0]) if country else None


def _acronym_after(doc, starts: dict[int, int], end_char: int) -> str | None:
    """The acronym in brackets right after a name ending at ``end_char``: "Comecon (CMEA)", "... Police (RCMP)".
    ``starts`` maps each token's first character to its index."""
    i = starts.get(end_char, starts.get(end_char + 1))
    if i is None or i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    return doc[i + 1].text if _ACRONYM.match(doc[i + 1].text) else None


def _known_people(mentions: list[Mention]) -> dict[str, Mention]:
    """Full name and surname → the first mention of each named person (dictionary people and people new to the
    dictionary); a surname two people of the article share is nobody's ("Joe Biden", "Hunter Biden")."""
    people: dict[str, Mention] = {}
    shared: set[str] = set()
    for m in sorted(mentions, key=lambda m: m.start):
        if not m.person:
            continue
        for key in _names_of(m):
            first = people.get(key)
            # two full names that differ ("Joe Biden", "Hunter Biden"); not one person named in full, then by
            # surname under another title ("Michio Watanabe" ... "Watanabe, a former minister")
            if first is not None and first.actor != m.actor and first.person != m.person \
                    and len(first.person.split()) > 1 and len(m.person.split()) > 1:
                shared.add(key)
            people.setdefault(key, m)
    return {k: m for k, m in people.items() if k not in shared}


def _names_of(m: Mention) -> list[str]:
    """The full name and the surname a person's mention may be named again by (a new actor's ``person`` is its
    name without the title: "Paul Kellar" for "Judge Paul Kellar")."""
    return [k for k in (m.person, _surname(m.person or "")) if k]


def name_people_again(analysis: Analysis) -> None:
    """A stage between the actors and coreference: dictionary people named again by surname or under a title
    ("Prime Minister Ardern" after "Jacinda Ardern"), so that "she said" after them resolves to them too."""
    if analysis.doc is None:
        return
    found = _named_again(analysis, [], _covered(analysis))
    if found:
        analysis.mentions = sorted(analysis.mentions + found, key=lambda m: (m.start, -m.end))


def _named_again(analysis: Analysis, found: list[Mention], covered: set[int]) -> list[Mention]:
    """A person named in full once is the same person when named again by the full name or the surname alone
    ("United Kingdom Prime Minister Boris Johnson ... Johnson asked the Queen"; "Speaker Nancy Pelosi ...
    Pelosi called"): news writing's own convention."""
    doc = analysis.doc
    people = _known_people(analysis.mentions + found)
    out = []
    # the tagger may leave a repeated surname outside any entity, or call it an ORG ("Pelosi called")
    spans = [e for e in doc.ents if e.label_ == "PERSON"] + [
        doc[t.i:t.i + 1] for t in doc if t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG") and t.text in people]
    for ent in spans:
        if any(i in covered for i in range(ent.start_char, ent.end_char)):
            continue
        text = ent.text[:-2] if ent.text.endswith(("'s", "’s")) else ent.text
        first = people.get(text)
        if first is None or first.end > ent.start_char:
            continue
        out.append(Mention(ent.start_char, ent.start_char + len(text), text, first.actor, first.kind,
                           first.person, ent.root.idx))
        covered.update(range(ent.start_char, ent.end_char))
    return out


def _domestic_groups(analysis: Analysis, dictionary: ActorDictionary, home: str, covered: set[int]) -> list[Mention]:
    """Bare group words of an article about one country are that country's: "Police arrested the accused",
    "Senators condemned the act" in a story from New Zealand or the Philippines (the actors stage already
    placed those its sentence makes clear)."""
    doc = analysis.doc
    out = []
    for tok in doc:
        nominal = tok.pos_ in ("NOUN", "PROPN") or any(c.dep_ == "det" for c in tok.children)  # "the accused"
        if not nominal or tok.idx in covered:
            continue
        found = sector_at(doc, tok.i, dictionary)
        if found is None or any(doc[k].idx in covered for k in range(tok.i, found[1])):
            continue
        sw, end = found
        head = doc[end - 1]
        if head.lemma_.lower() in _RELATIVE_TITLES:
            continue  # "an opponent": whose is not said
        # a title is one person, whom coreference reads ("the judge"); "a federal judge", "prosecutors" are new,
        # and a private person ("the accused", "the gunman") is a citizen whoever it is
        newcomer = head.tag_ == "NNS" or sw.sector == "CVL" or any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        if not _plain_group(doc, tok.i, end, replace(sw, title=False) if sw.title and newcomer else sw):
            continue
        span = doc[tok.i:found[1]]
        actor = compose(dictionary.country_actor(home), found[0])
        if actor.sector == "CVL":  # private people are told apart by what they are: "a gunman shot shoppers"
            actor = Actor(span.text.lower(), actor.code, actor.country, None, "CVL")
            analysis.homed.add(actor)
        out.append(Mention(span.start_char, span.end_char, span.text, actor, "description", None, span.root.idx))
        covered.update(range(span.start_char, span.end_char))
    return out


@component("surnames")
def _surnames(context) -> Callable[[Analysis], None]:
    """A person named in full is known by their surname alone later in the article."""
    return name_people_again


@component("new actors", needs_parse=True)
def _new_actors(context) -> Callable[[Analysis], None]:
    """Actors no dictionary holds: titled officials, parties and groups, named from the article."""
    return functools.partial(add_new_actors, dictionary=context.dictionary)
