"""Coreference for actors: pronouns and definite descriptions resolved to earlier mentions.

A deliberately small, rule-based resolver (no neural coreference model is installable here,
and news prose is forgiving): walk the article in order keeping the actors mentioned so far;

* he/him/his, she/her: the nearest earlier person within three sentences whose gender (when the
  dictionary knows it) fits; an unknown person named in between blocks the match. A subject "he" outside
  quotation marks first continues the person who was the main-clause subject up to two sentences back ("Watanabe
  said ... 'It will be somebody else,' he said"), and a private person named by what they are ("a gunman") counts;
* they/them/their: the nearest earlier group ("Russian diplomats") or coordinated list of countries and
  organisations ("Germany, France and Italy said they ...": one mention per member) within two
  sentences; a list that names a person stops the search (the pronoun may be those people); a
  possessive "their" after a list is left alone ("X and Y welcomed their resumption of ties" is one
  joint act, and coding each member's as its own would pair the members with themselves);
  its: the nearest earlier organisation or country within two sentences;
* it: only as the subject of a clause reported by a country or organisation ("Switzerland said it had
  expelled ...", "Japan announced that it would halt aid"); any other "it" is left alone (weather,
  situations, things);
* a subject "they" continues the plural main-clause subject up to two sentences back, a list of named officials
  included ("Shoukry and his Greek and French counterparts, Dendias and Le Drian, gathered ... They called on");
* a counted group no name covers ("an assembly of several foreign ministers") is the list of named members of its
  sector in the sentence before or the two after;
* "the bloc", "the alliance": the nearest earlier organisation that the dictionary lists
  with that noun;
* "the accused", "the gunman": the private person named before, with that person's own country;
* "the minister", "the former Spanish foreign minister", "the bloc's foreign affairs chief":
  the nearest earlier person (or, for a description naming its country or organisation, a person
  named later in the same paragraph: cataphora) whose dictionary roles fit the description's title words, its
  country or organisation, and its tense ("former": a role that ended before the article's
  date); a person without known roles fits any title of a compatible country.

Resolved mentions are appended with ``antecedent`` = the index of the mention resolved through;
a resolved description replaces the name mentions inside it ("Spanish foreign minister").
Mentions stay sorted by start.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newswire.actors.dictionary import Role, norm
from newswire.components import component
from newswire.data import mapping, words
from newswire.model import Actor, Analysis, Mention
from newswire.nlp.spans import Intervals, entities

_PRONOUNS = mapping("pronoun_kinds")  # "he" -> m, "they" -> pl, ...
_PAST = words("past_title_words")
_GENERIC = words("generic_title_words")
_QUALIFIERS = words("title_qualifiers")
_POSSESSIVE_PRONOUNS = words("possessive_pronouns")
_PERSON_WINDOW = 3  # sentences
_GROUP_WINDOW = 2


@dataclass
class _Item:
    """Something mentioned so far: a mention, or an unknown person (who blocks pronouns)."""

    start: int
    sent: int
    mention: Mention | None
    person: bool
    gender: str | None = None
    plural: bool = False
    members: tuple[Mention, ...] = ()  # a coordinated list this mention belongs to ("Germany, France and Italy")
    list_has_person: bool = False
    list_has_unknown: bool = False  # a member is a person no mention names


def _item_start(it: _Item) -> int:
    return it.start


class _Earlier:
    """The items before ``cut`` in ``items``, nearest first, walked lazily: a reversed copy of everything
    mentioned so far, for every pronoun, would make coreference quadratic in the article's length."""

    def __init__(self, items: list[_Item], cut: int) -> None:
        self.items, self.cut = items, cut

    def __iter__(self) -> Iterator[_Item]:
        return (self.items[k] for k in range(self.cut - 1, -1, -1))


def resolve_coreference(analysis: Analysis, dictionary) -> None:
    """Append pronoun and description mentions to ``analysis.mentions`` (see the module's notes)."""
    doc = analysis.doc
    if doc is None or dictionary is None:
        return
    day = analysis.article.published_date
    body = analysis.article.body
    sent_starts = [s.start_char for s in doc.sents]

    def sent_of(char: int) -> int:
        return bisect.bisect_right(sent_starts, char) - 1

    names = list(analysis.mentions)
    named = Intervals(names)

    def inside(span) -> list[Mention]:
        """The name mentions within ``span``."""
        return [n for n in named.starting_in(span.start_char, span.end_char) if n.end <= span.end_char]

    items: list[_Item] = []
    for m in names:
        person = dictionary.people.get(m.person) if m.person else None
        root = doc.char_span(m.start, m.end, alignment_mode="expand")
        # groups: "Russian diplomats", "Russians"; not "the United States"
        plural = root is not None and root.root.tag_ in ("NNS", "NNPS") and not m.person and (
            m.actor.sector is not None or norm(root.root.text) in dictionary.adjectives)
        items.append(_Item(m.start, sent_of(m.start), m, m.person is not None or _one_private_person(root, m, dictionary),
                           person.gender if person else None, plural))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not named.overlapping(ent.start_char, ent.end_char):
            items.append(_Item(ent.start_char, sent_of(ent.start_char), None, True))
    _coordinated_lists(doc, items)

    removed: set[int] = set()  # ids of the names a resolved description replaces
    added: list[tuple[Mention, Mention]] = []  # (new mention, antecedent)
    reach = -1  # the furthest end of an added mention (candidates come in order: all start before)
    items.sort(key=_item_start)  # kept sorted by start (stable: ties in the order they came)
    gender = {id(it.mention): it.gender for it in items if it.mention is not None}
    for kind, span in _candidates(doc, named, dictionary):
        if span.end_char <= reach:
            continue  # inside a description already resolved ("the bloc" in "the bloc's ... chief")
        prior = _Earlier(items, bisect.bisect_left(items, span.start_char, key=_item_start))
        here = sent_of(span.start_char)
        if kind == "pronoun" and span[0].lower_ == "it":
            result = _reported_it(span, named)
        elif kind == "pronoun":
            result = _pronoun(span, prior, here)
            if isinstance(result, list):  # "they": every member of a coordinated list
                new = [Mention(span.start_char, span.end_char, span.text, a.actor, kind, None, span.root.idx)
                       for a in result]
                for m, antecedent in zip(new, result, strict=True):
                    added.append((m, antecedent))
                    bisect.insort(items, _Item(m.start, here, m, False, None, True, tuple(new)), key=_item_start)
                    gender[id(m)] = None
                reach = max(reach, span.end_char)
                continue
        else:
            within = inside(span)
            result = _description(span, prior, here, within, dictionary, day, analysis.mentions)
            if result is None and _qualified(within):
                # cataphora: "The European Union's top diplomat has said ..." then "Josep Borrell"
                para_end = body.find("\n\n", span.end_char)
                para_end = len(body) if para_end < 0 else para_end
                later = [it for it in items[bisect.bisect_left(items, span.end_char, key=_item_start):
                                            bisect.bisect_left(items, para_end, key=_item_start)]
                         if here <= it.sent <= here + _PERSON_WINDOW]
                result = _description(span, later, here, within, dictionary, day, analysis.mentions)
            if result is None and not within and (holder := _office_holder(span, dictionary, day, analysis.country)):
                person, actor = holder  # "the Queen", named by no one before: the office's one holder
                m = Mention(span.start_char, span.end_char, span.text, actor, kind, person.name, span.root.idx)
                removed.update(id(n) for n in within)
                added.append((m, None))
                reach = max(reach, span.end_char)
                gender[id(m)] = person.gender
                bisect.insort(items, _Item(m.start, here, m, True, person.gender), key=_item_start)
                continue
        if result is None:
            continue
        antecedent, actor = result
        m = Mention(span.start_char, span.end_char, span.text, actor, kind,
                    antecedent.person, span.root.idx)
        if kind == "description":
            removed.update(id(n) for n in inside(span))
        added.append((m, antecedent))
        reach = max(reach, span.end_char)
        gender[id(m)] = gender.get(id(antecedent))
        bisect.insort(items, _Item(m.start, here, m, m.person is not None, gender[id(m)]), key=_item_start)

    added += _collectives(doc, items, named, dictionary, sent_of)
    final = [n for n in names if id(n) not in removed] + [m for m, _ in added]
    final.sort(key=lambda m: (m.start, -m.end))
    index = {id(m): i for i, m in enumerate(final)}
    for m, antecedent in added:
        m.antecedent = index.get(id(antecedent))
    analysis.mentions = final


def _capitalised_title(chunk, dictionary) -> bool:
    """A title written with capitals ("The Treasury Secretary", "the Prime Minister"): a title phrase of the
    sector words that ends at the chunk's root."""
    from newswire.actors.resolve import sector_at

    root = chunk.root.i
    return any((found := sector_at(chunk.doc, t.i, dictionary, root + 1)) is not None and found[1] == root + 1
               and found[0].title for t in chunk if t.i <= root)


def _collectives(doc, items: list[_Item], named: Intervals[Mention], dictionary,
                 sent_of: Callable[[int], int]) -> list[tuple[Mention, Mention]]:
    """A group counted but not named ("an assembly of several foreign ministers in Cairo denounced ...") is the
    list of named members of its sector in the sentence before or the two after ("Shoukry and his Greek, Cypriot and
    French counterparts, Dendias, Christodoulides and Le Drian, gathered in Cairo"): one mention per member."""
    from newswire.actors.resolve import sector_at

    out: list[tuple[Mention, Mention]] = []
    lists = [it for it in items if it.mention is not None and len(it.members) > 1]
    for t in doc:
        if t.tag_ != "NNS" or named.covering(t.idx) or not any(
                c.dep_ in ("det", "amod", "nummod", "predet") and c.lower_ in _SEVERAL_WORDS for c in t.children):
            continue
        found = next(((k, f[0]) for k in range(max(t.i - 2, 0), t.i + 1)
                      if (f := sector_at(doc, k, dictionary, t.i + 1)) is not None and f[1] == t.i + 1), None)
        if found is None:
            continue
        start, sw = found
        here = sent_of(t.idx)
        near = sorted((it for it in lists if -1 <= it.sent - here <= 2 and it.sent != here),
                      key=lambda it: (abs(it.sent - here), it.sent))
        for it in near:
            members = list({m.actor: m for m in it.members}.values())
            if len(members) > 1 and all(m.actor.sector == sw.sector for m in members):
                span = doc[start:t.i + 1]
                out += [(Mention(span.start_char, span.end_char, span.text, m.actor, "description", m.person, t.idx), m)
                        for m in members]
                break
    return out


_SEVERAL_WORDS = words("several")


def _one_private_person(span, m: Mention, dictionary) -> bool:
    """A private person named by what they are ("the gunman", "a suspect"): "police arrested him" reads him."""
    from newswire.actors.resolve import sector_at

    if span is None or m.actor.sector != "CVL" or span.root.tag_ != "NN":
        return False
    found = sector_at(span.doc, span.root.i, dictionary, span.root.i + 1)
    return found is not None and found[0].title


def _candidates(doc, named: Intervals[Mention], dictionary):
    """Pronouns and definite noun phrases, in text order, that no name mention already covers."""
    found = []
    for t in doc:
        if t.lower_ in _PRONOUNS and t.pos_ == "PRON" or t.lower_ in _POSSESSIVE_PRONOUNS \
                and t.tag_ == "PRP$":
            if not named.covering(t.idx):
                found.append(("pronoun", doc[t.i:t.i + 1]))
    for t in doc:
        # "the accused", "the injured": a participle or adjective standing for a person, which no noun chunk holds
        if t.pos_ in ("VERB", "ADJ") and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.i > 0 \
                and doc[t.i - 1].lower_ == "the" and doc[t.i - 1].head.i == t.i \
                and all(m.kind == "description" for m in named.covering(t.idx)):
            found.append(("description", doc[t.i - 1:t.i + 1]))
    for chunk in doc.noun_chunks:
        first = chunk[0]
        if first.lower_ != "the" or len(chunk) < 2:
            continue
        starting = named.starting_in(chunk.start_char, chunk.end_char)
        if any(m.person for m in starting):
            continue  # "the bloc's foreign affairs chief Josep Borrell": a name, not a description
        if any(chunk.end_char < m.end for m in starting):
            continue  # "the president of Armenia": the name runs on past the chunk and already says who
        if chunk.root.pos_ == "PROPN" and not any(m.actor.sector for m in named.covering(chunk.root.idx)) \
                and not _capitalised_title(chunk, dictionary):
            continue  # a proper name; but "the High Representative", "The Treasury Secretary" may be descriptions
        found.append(("description", chunk))
        # "the bloc's foreign affairs chief": the possessor is a description too
        for t in chunk:
            if t.dep_ == "poss" and t.i > chunk.start and doc[chunk.start].lower_ == "the":
                found.append(("description", doc[chunk.start:t.i + 1]))
    found.sort(key=lambda kv: (kv[1].start, -len(kv[1])))
    return found


def _qualified(inside: list[Mention]) -> bool:
    """A description that names its country or organisation ("the EU's top diplomat"): safe to resolve forward.
    ``inside``: the name mentions within the description."""
    return any(not n.person for n in inside)


def _coordinated_lists(doc, items: list[_Item]) -> None:
    """Mark the members of coordinated lists of names: "Germany, France and Italy", "Rui Costa and Ana Silva"."""
    by_token = {}
    for it in items:
        if it.mention is not None:
            span = doc.char_span(it.mention.start, it.mention.end, alignment_mode="expand")
            if span is not None:
                # every word of the mention: in "foreign ministers of Egypt, Greece and Cyprus" the list runs
                # through "Egypt", inside the first mention
                for t in span:
                    by_token.setdefault(t.i, []).append(it)
        else:
            span = doc.char_span(it.start, it.start + 1, alignment_mode="expand")
            if span is not None:
                ent = entities(doc).at(span.start)
                by_token.setdefault((ent.root if ent is not None else span.root).i, []).append(it)
    done: set[int] = set()
    for i in sorted(by_token):
        if i in done:
            continue
        tokens = {i, *(t.i for t in doc[i].conjuncts)}
        # "Shoukry and his Greek and French counterparts, Dendias and Le Drian": a member named by its apposition
        tokens |= {a.i for k in list(tokens) for c in doc[k].children if c.dep_ == "appos"
                   for a in (c, *c.conjuncts)}
        group = sorted(tokens & set(by_token))
        if len(group) < 2:
            continue
        done.update(group)
        members = list({id(it): it for k in group for it in by_token[k]}.values())
        if len(members) < 2:
            continue
        has_person = any(it.person for it in members)
        mentions = tuple(it.mention for it in members if it.mention is not None)
        unknown = any(it.mention is None for it in members)
        for it in members:
            it.members, it.list_has_person, it.list_has_unknown = mentions, has_person, unknown


_WEATHER = words("weather_verbs")
_COPULAS = words("copulas")


def _expletive(clause) -> bool:
    """An "it" that stands for nothing: "it was raining", "it was important to stop", "it was time to end",
    "it was clear that ...", "it took two days to ...". "It was ready to talk" still refers."""
    lemma = clause.lemma_.lower()
    if lemma in _WEATHER:
        return True
    deps = {c.dep_ for c in clause.children}
    if lemma in _COPULAS and (deps & {"attr", "ccomp", "xcomp", "csubj"}):
        return True
    return lemma == "take" and any(c.dep_ == "dobj" and c.ent_type_ in ("DATE", "TIME") for c in clause.children)


def _reported_it(span, named: Intervals[Mention]):
    """"Switzerland said it had expelled ...": the country or organisation that reports its own act."""
    t = span[0]
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = t.head
    if clause.dep_ != "ccomp" or _expletive(clause):
        return None
    verb = clause.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "Japan halted aid and said it would ..."
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or subjects[0].i > t.i:
        return None
    subject = subjects[0]
    for m in named.covering(subject.idx):
        if m.head == subject.idx and not m.person and (
                m.actor.igo or m.actor.country or m.actor.code not in ("", "UNK")) and subject.tag_ not in (
                "NNS", "NNPS"):
            return m, m.actor
    return None


def _pronoun(span, prior: _Earlier, here: int):
    gender = _PRONOUNS[span[0].lower_]
    # "he" and "they" as the subject of a clause continue a subject; "him" parsed as the subject of "want him to
    # resign" is an object, which refers to whoever it names, not to the last subject
    nominative = span[0].dep_ == "nsubj" and "Acc" not in span[0].morph.get("Case")
    if gender == "pl" and nominative:
        # "Egypt, Greece and France denounced ... They called on Turkey to ...": a subject "they" continues the
        # plural subject before it (of this sentence or the two before), not the last plural named; a list of
        # named officials counts ("Shoukry and his Greek and French counterparts, Dendias and Le Drian, gathered
        # ... They concluded"), one with a person no mention names does not
        for it in prior:
            if here - it.sent > 2:
                break
            if it.mention is not None and _in_subject(span.doc, it.mention) and not it.list_has_unknown:
                if len(it.members) > 1:
                    return list(it.members)
                if it.plural:
                    return it.mention, it.mention.actor
    if gender in ("m", "f") and nominative and not _quoted(span[0]):
        # "Watanabe said he doubted it would be Takeshita, Abe or Miyazawa. ... 'It will be somebody else,' he
        # said": a subject "he" continues the person who was the subject before, not the last one named
        for it in prior:
            if here - it.sent > 2 or it.person and it.mention is None:
                break  # an unknown person in between may be the one meant
            if it.person and it.mention is not None and (not it.gender or it.gender == gender) \
                    and _in_subject(span.doc, it.mention):
                return it.mention, it.mention.actor
    for it in prior:
        if gender in ("m", "f"):
            if here - it.sent > _PERSON_WINDOW:
                return None
            if not it.person:
                continue
            if it.gender and it.gender != gender:
                continue
            return (it.mention, it.mention.actor) if it.mention else None
        if here - it.sent > _GROUP_WINDOW:
            return None
        if gender == "pl" and len(it.members) > 1:
            if span[0].tag_ == "PRP$":
                return None  # "X and Y welcomed their resumption of ties": the pair's joint act, not each's
            if it.list_has_person:
                return None  # "Rui Costa and Ana Silva ... they": the people, whom this layer does not list
            return list(it.members)
        if gender == "pl" and it.plural and it.mention:
            return it.mention, it.mention.actor
        if gender == "org" and not it.person and it.mention and (it.mention.actor.igo or it.mention.actor.country):
            return it.mention, it.mention.actor
    return None


def _quoted(token) -> bool:
    """Whether a word stands inside quotation marks opened earlier in its sentence (a speaker's own "he")."""
    sent = token.sent
    marks = sum(1 for t in token.doc[sent.start:token.i] if t.text in _QUOTE_MARKS or t.tag_ in ("``", "''"))
    return marks % 2 == 1


_QUOTE_MARKS = frozenset('"\u201c\u201d')


def _plain(actor: Actor) -> Actor:
    """An organisation or country itself, without the sector of the phrase that named it."""
    if actor.igo:
        return Actor(actor.name, actor.code, None, actor.igo, None)
    if actor.country and actor.sector:
        return Actor(actor.name, actor.country, actor.country, None, None)
    return actor


def _org_description(root_lemma: str, prior: Iterable[_Item], dictionary):
    allowed = dictionary.descriptions.get(root_lemma)
    if not allowed:
        return None
    igos = {a.igo for a in allowed}
    for it in prior:
        if it.mention and not it.person and it.mention.actor.igo in igos:
            return it.mention, _plain(it.mention.actor)
    return None


def _description(span, prior, here, inside, dictionary, day, mentions):
    root = span.root
    if root.lemma_.lower() in dictionary.descriptions and not any(
            t.dep_ == "poss" for t in span if t.i != root.i):
        return _org_description(root.lemma_.lower(), prior, dictionary)
    title = _title_of(span, prior, inside, dictionary)
    if title is None:
        return None
    sw, title_words, past, country, igo = title
    for it in prior:
        if here - it.sent > _PERSON_WINDOW + 2:
            return None
        if not it.person or it.mention is None:
            continue
        if sw.sector == "CVL" and not country:
            # "the accused", "the gunman": the private person named before, whatever their country
            if it.mention.actor.sector == "CVL" and it.mention.person:
                return it.mention, it.mention.actor
            continue
        person = dictionary.people.get(it.mention.person)
        a = it.mention.actor
        if person is not None and person.roles:
            if any(_role_fits(r, title_words, past, country, igo, day) for r in person.roles):
                return it.mention, it.mention.actor
            # the article's own title for the name counts too: the dictionary may not list every post held
            # ("U.S. Treasury Secretary James Baker ... The Treasury Secretary")
            written = _title_before(span.doc, it.mention)
            if not written or not _role_fits(Role(a.code, a.country, a.igo, a.sector, written), title_words, past,
                                             country, igo, None):
                continue
            return it.mention, a
        role = Role(a.code, a.country, a.igo, a.sector, _title_before(span.doc, it.mention))
        if _role_fits(role, title_words, past, country, igo, None):
            return it.mention, a
    return None


def _office_holder(span, dictionary, day, home):
    """The one person the dictionary lists in the office a description names, when no one named before holds it:
    "the Queen" in a British story of 2019 is Elizabeth II, "the Emir" in a Qatari one Tamim bin Hamad. Only a
    present office of the article's own state, and only one holder; a description that names a country ("the
    Greek foreign minister") has its actor already."""
    title = _title_of(span, (), (), dictionary)
    if title is None or day is None:
        return None
    sw, title_words, past, _, igo = title
    if past or igo or not sw.state or not home or not title_words:
        return None
    holders = {p.name: p for p in dictionary.people.values() for r in p.roles
               if r.country == home and _role_fits(r, title_words, False, home, None, day)}
    if len(holders) != 1:
        return None
    person = next(iter(holders.values()))
    return person, person.actor_on(day)


def _title_of(span, prior, inside, dictionary):
    """The office a description names: (sector word, title words, past, country, igo), or None for no title."""
    from newswire.actors.resolve import sector_at

    root = span.root
    words = [t for t in span if t.i != span.start]
    sw = sector_at(span.doc, root.i, dictionary, root.i + 1)
    title_found = None
    for t in words:  # the title phrase ("foreign minister"), ending at the root
        found = sector_at(span.doc, t.i, dictionary, root.i + 1)
        if found and found[1] == root.i + 1:
            title_found = found
            break
    sw = title_found[0] if title_found else sw
    if sw is None or not sw.title:
        return None
    past = any(t.lower_ in _PAST or t.lower_.startswith("ex-") for t in words)
    country = igo = None
    for n in inside:  # a country or organisation named inside the description (not the phrase's own reading)
        if not n.person and n.kind != "description":
            country, igo = n.actor.country, n.actor.igo
    for t in words:
        if t.dep_ == "poss" and t.lemma_.lower() in dictionary.descriptions:
            org = _org_description(t.lemma_.lower(), prior, dictionary)
            if org:
                igo = org[1].igo
    skip = {t.i for t in words if t.lower_ in _PAST}
    for n in inside:
        if not n.person:
            skip.update(t.i for t in span if n.start <= t.idx < n.end and t.i < (title_found[1] - 2
                                                                                      if title_found else root.i))
    title_words = {t.lower_ for t in words if t.i not in skip and t.lower_ not in _GENERIC and t.dep_ != "poss"
                   and not t.is_punct}
    return sw, title_words, past, country, igo


def _title_before(doc, mention: Mention) -> str:
    """The title written before a name the dictionary does not know: "Iraqi Prime Minister" X."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return ""
    words = []
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].dep_ in ("compound", "amod") \
            and doc[i].ent_type_ != "PERSON":
        words.append(doc[i].text)
        i -= 1
    return " ".join(reversed(words))


def _role_fits(role, title_words: set[str], past: bool, country, igo, day) -> bool:
    if past:
        if role.end is None or (day is not None and role.end >= day):
            return False
    elif day is not None and not role.valid_on(day):
        return False
    if country and role.country != country:
        return False
    if igo and role.igo != igo:
        return False
    role_words = {w.strip(",.").lower() for w in (role.title or "").replace("-", " ").split()}
    wanted = {w for t in title_words for w in t.replace("-", " ").split()}
    if (role_words & _QUALIFIERS) - wanted:
        return False  # "the president" is not the vice president
    return not wanted or wanted <= role_words


@component("coreference", needs_parse=True)
def _coreference(context) -> Callable[[Analysis], None]:
    """Pronouns and descriptions ("the former minister") resolved to the actors named before them."""
    return functools.partial(resolve_coreference, dictionary=context.dictionary)


def _in_subject(doc, mention: Mention) -> bool:
    """Whether a mention lies in the subject of its sentence's main clause: in the subject noun phrase, not in a
    clause inside it, nor in the subject of a reported clause ("They concluded that the agreement between Turkey
    and Libya is void": Turkey and Libya are no subject to continue)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(len(span.sent)):  # a walk up the tree passes each word of the sentence at most once
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.head.dep_ in ("ROOT", "conj")
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):  # spaCy makes a new Token object per access
            return False
        tok = tok.head
    return False
