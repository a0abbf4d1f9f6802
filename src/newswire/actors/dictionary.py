"""The actor dictionary: names -> actors, sector words, people with date-bounded roles.

Knowledge lives in YAML under ``newswire/data/actors/`` (countries, igos, sectors, people,
notable, groups); every country pycountry knows is added under its ISO names. Users extend it with
their own newswire YAML or PETRARCH/TABARI dictionaries (``load_dictionary(extra=...)``).
Files are validated on load; a bad file raises :class:`DictionaryError` naming file, entry
and problem (an ``InputError``, so the CLI reports it without a traceback).
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from datetime import date as _date
from importlib import resources
from pathlib import Path
from typing import Any

from newswire.actors.petrarch import (
    PetrarchActor,
    in_period,
    looks_like_agents,
    read_petrarch_actors,
    read_petrarch_agents,
)
from newswire.data import DataError, read_yaml, words
from newswire.model import Actor

DATA = "newswire.data.actors"
# names, not words: the bundled dictionary files
BUNDLED = ("countries.yaml", "igos.yaml", "sectors.yaml", "people.yaml", "notable.yaml", "groups.yaml")
# names, not words: the keys of a sector entry
_SECTOR_KEYS = {"titles", "groups", "abroad", "equipment", "only_after_groups", "state"}
_CODE = re.compile(r"[A-Z0-9]{3,}")
_HEADLINE_WORD = re.compile(r"[^\W\d_](?:[\w.\-]*[^\W_])?")  # words, without a possessive's "'s"
SURNAME_YEARS = (3, 6)  # a one-word name: a role starting <= 3 years after the day, or ended <= 6 years before
STEM_ENDINGS = words("demonym_endings")


DictionaryError = DataError  # a dictionary file that cannot be used: the file, the entry and the problem


@dataclass(frozen=True)
class Role:
    """A person's office, valid from ``start`` to ``end`` (ISO days, inclusive; None: open)."""

    code: str
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None

    def valid_on(self, day: str | None) -> bool:
        return in_period(self.start, self.end, day)


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    nationality: str | None = None
    gender: str | None = None  # "m", "f" or None

    def near(self, day: str, before: int, after: int) -> bool:
        """Whether a role starts at most ``before`` years after ``day`` and ended at most ``after`` years before it.

        A person without roles is not dated: always near.
        """
        if not self.roles:
            return True
        year = int(day[:4])
        hi, lo = f"{year + before:04d}{day[4:10]}", f"{year - after:04d}{day[4:10]}"
        return any((r.start is None or r.start <= hi) and (r.end is None or r.end >= lo) for r in self.roles)

    def role_on(self, day: str | None) -> Role | None:
        """The role valid on ``day`` (the latest-starting when several); None when none is."""
        valid = [r for r in self.roles if r.valid_on(day)]
        return max(valid, key=lambda r: r.start or "") if valid else None

    def actor_on(self, day: str | None) -> Actor:
        """The person as an actor on ``day``: the valid role, else nationality, else the nearest role."""
        role = self.role_on(day)
        if role is None and self.nationality:
            return Actor(self.name, self.nationality, self.nationality, None, None)
        if role is None and self.roles:
            role = max(self.roles, key=lambda r: r.end or "9999")
        if role is None:
            return Actor(self.name, "UNK")
        return Actor(self.name, role.code, role.country, role.igo, role.sector)


@dataclass
class Target:
    """What a name in the text stands for. ``case``: "exact" (acronyms), "upper" or "cap"."""

    kind: str  # country, demonym, metonym, igo, official, person, petrarch, group
    actor: Actor | None = None
    person: Person | None = None
    petrarch: PetrarchActor | None = None
    case: str = "cap"
    surface: str = ""
    group: bool = False  # a non-state group or people (groups.yaml), also when named by its adjective
    dated: tuple[tuple[Actor, str | None, str | None], ...] = ()  # (actor, from, to): a group's dated codes

    def dated_actor(self, day: str | None) -> Actor | None:
        """The actor of a dated group on ``day``; without a day, the one still valid (else the latest)."""
        for actor, start, end in self.dated:
            if in_period(start, end, day):
                return actor
        return max(self.dated, key=lambda d: d[2] or "9999")[0] if self.dated else None


@dataclass(frozen=True)
class SectorWord:
    sector: str
    title: bool  # a person's title ("minister") rather than a body ("ministry")
    prefix: bool = False  # PETRARCH [CODE~] agents
    abroad: bool = False  # often posted abroad ("troops", "diplomats"): "in <place>" says nothing of them
    equipment: bool = False  # weapons and vehicles ("tanks"): the force only as a phrase's head noun
    only_after_groups: bool = False  # "fighters": composes with a group ("Hezbollah"), never with a country
    state: bool = False  # a part of the state (government, forces, police, courts, parliament, intelligence)


def norm(text: str) -> str:
    """The lookup key of a phrase: lower case, single spaces, one kind of apostrophe."""
    return " ".join(text.replace("’", "'").lower().split())


class ActorDictionary:
    """All names, sector words and people newswire resolves actors with."""

    def __init__(self) -> None:
        self.names: dict[str, list[Target]] = {}
        self.sectors: dict[str, SectorWord] = {}
        self.descriptions: dict[str, list[Actor]] = {}  # "bloc" -> [EU, AU, ...]
        self.people: dict[str, Person] = {}
        self.countries: dict[str, str] = {}  # ISO3 -> canonical name
        self.adjectives: dict[str, str] = {}  # "spanish" -> ESP
        self.igos: dict[str, Actor] = {}  # code -> actor, longest code first when decoding
        self.stems: dict[str, list[Target]] = {}  # TABARI stems ("argentin") -> targets
        self.sources: list[str] = []
        self.warnings: list[str] = []
        self._matcher: Any = None
        self._firsts: tuple[int, set[str]] | None = None

    # -- building ---------------------------------------------------------------------------
    def add_name(self, phrase: str, target: Target) -> None:
        key = norm(phrase)
        if not key:
            return
        target.surface = phrase
        bucket = self.names.setdefault(key, [])
        bucket.append(target)
        self._matcher = None

    def add_person(self, person: Person) -> None:
        self.people[person.name] = person
        for phrase in [person.name, *person.aliases]:
            self.add_name(phrase, Target("person", person=person, case=_case(phrase)))

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the matcher (it holds a spaCy Vocab); workers rebuild it on first use."""
        state = dict(self.__dict__)
        state["_matcher"] = None
        return state

    def sector_firsts(self) -> set[str]:
        """First words of all sector phrases: a cheap test before trying phrases at a token."""
        cached = getattr(self, "_firsts", None)
        if cached is None or cached[0] != len(self.sectors):
            cached = (len(self.sectors), {k.split()[0] for k in self.sectors})
            self._firsts = cached
        return cached[1]

    def copy(self) -> ActorDictionary:
        new = copy.copy(self)
        new.names = {k: list(v) for k, v in self.names.items()}
        # names, not words: the dictionary's own attributes
        for attr in ("sectors", "descriptions", "people", "countries", "adjectives", "igos", "stems"):
            setattr(new, attr, dict(getattr(self, attr)))
        new.sources, new.warnings, new._matcher = list(self.sources), list(self.warnings), None
        new._firsts = None
        return new

    # -- reading ----------------------------------------------------------------------------
    def lookup(self, key: str, day: str | None) -> Target | None:
        """The target a name stands for on ``day``; people with a role valid then win ties.

        A person named by one word only ("Vance", "Borrell") is that person only when a role of theirs
        is near the day (``SURNAME_YEARS``: starting at most 3 years later, ended at most 6 years before):
        "Vance" in a 2019 article is not someone who took office in 2023. Full names always match.
        """
        targets = self.names.get(key)
        if not targets:
            return None
        if " " not in key and day is not None:
            targets = [t for t in targets if t.person is None or t.person.near(day, *SURNAME_YEARS)
                       or norm(t.person.name) == key]
            if not targets:
                return None
        if len(targets) == 1:
            return targets[0]
        for t in reversed(targets):
            if t.person is not None and t.person.role_on(day) is not None:
                return t
        return targets[-1]

    def countries_named(self, text: str, day: str | None) -> frozenset[str]:
        """The countries a short text (a headline) names by name or people's adjective: "Samoan government
        temporarily shuts down ..." names Samoa; groups and organisations do not count."""
        tokens = _HEADLINE_WORD.findall(text or "")
        out = set()
        i = 0
        while i < len(tokens):
            for n in (3, 2, 1):
                target = self.lookup(norm(" ".join(tokens[i:i + n])), day) if i + n <= len(tokens) else None
                if target is not None and target.kind in ("country", "demonym") and not target.group:
                    actor = self.actor_of(target, day)
                    if actor is not None and actor.country:
                        out.add(actor.country)
                    i += n - 1
                    break
            i += 1
        return frozenset(out)

    def stem_lookup(self, word: str) -> Target | None:
        """A TABARI stem the word starts with, when the rest is a plain ending ("Argentin|a")."""
        key = norm(word)
        for n in range(len(key) - 1, 3, -1):
            targets = self.stems.get(key[:n])
            if targets and key[n:] in STEM_ENDINGS:
                return targets[-1]
        return None

    def actor_of(self, target: Target, day: str | None) -> Actor | None:
        actors = self.actors_of(target, day)
        return actors[0] if actors else None

    def actors_of(self, target: Target, day: str | None) -> list[Actor]:
        """Every actor a name stands for: one, or several for a PETRARCH compound code ``[ELR/GAL]``."""
        if target.person is not None:
            return [target.person.actor_on(day)]
        if target.dated:
            actor = target.dated_actor(day)
            return [actor] if actor is not None else []
        if target.petrarch is not None:
            code = target.petrarch.code_on(day)
            if not code:
                return []
            return [self.decode(c, _title(target.petrarch.name)) for c in code.split("/") if c]
        return [target.actor] if target.actor is not None else []

    def decode(self, code: str, name: str) -> Actor:
        """A CAMEO-style code as an Actor: country and sector from ``RUSGOV``, the igo from ``IGO...``."""
        code = code.upper()
        if code[:3] in self.countries:
            country = code[:3]
            sector = code[3:6] or None
            if not sector:
                name = self.countries[country]
            return Actor(name, code, country, None, sector)
        for igo_code in sorted(self.igos, key=len, reverse=True):
            if code.startswith(igo_code):
                base = self.igos[igo_code]
                sector = code[len(igo_code):len(igo_code) + 3] or None
                return Actor(name if sector else base.name, code, None, base.igo, sector)
        return Actor(name, code)

    def country_actor(self, iso3: str, sector: str | None = None) -> Actor:
        return Actor(self.countries.get(iso3, iso3), iso3 + (sector or ""), iso3, None, sector)

    def matcher(self, vocab: Any) -> Any:
        """The spaCy PhraseMatcher over every name (built once per dictionary, on first use)."""
        if self._matcher is None or self._matcher[0] is not vocab:
            from spacy.matcher import PhraseMatcher

            from newswire.nlp.parser import load_nlp

            tokenizer = load_nlp().tokenizer
            matcher = PhraseMatcher(vocab, attr="LOWER")
            surfaces = [targets[-1].surface for targets in self.names.values()]
            matcher.add("ACTOR", list(tokenizer.pipe(surfaces)))
            self._matcher = (vocab, matcher)
        return self._matcher[1]


def _title(upper: str) -> str:
    """``SERGEY LAVROV`` -> ``Sergey Lavrov`` (PETRARCH names are all capitals)."""
    return " ".join(w if len(w) <= 3 and "." in w else w.capitalize() for w in upper.split())


def _case(phrase: str) -> str:
    """Acronyms (``EU``, ``US``, ``U.N.``) must match in capitals; other names when capitalised."""
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    return "cap"


# -- validation helpers -------------------------------------------------------------------------
def _fail(source: str, entry: str, problem: str) -> DictionaryError:
    return DictionaryError(f"{source}: {entry}: {problem}")


def _strings(value: Any, source: str, entry: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, entry, f"'{key}' must be a list of non-empty strings")
    return [v.strip() for v in value]


def _day(value: Any, source: str, entry: str, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _fail(source, entry, f"'{key}' must be a date YYYY-MM-DD or null, not {value!r}")


# -- newswire YAML files ------------------------------------------------------------------------
def _load_countries(d: ActorDictionary, data: Any, source: str) -> None:
    import pycountry

    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        d.countries[c.alpha_3] = name
    if not isinstance(data, dict):
        raise DictionaryError(f"{source}: must map ISO alpha-3 codes to entries")
    for code, entry in data.items():
        label = f"entry {code}"
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            raise _fail(source, label, "key must be an ISO 3166-1 alpha-3 code such as RUS")
        if not isinstance(entry, dict):
            raise _fail(source, label, "must be a mapping with names/adjectives/government")
        # names, not words: the keys of a country entry
        unknown = set(entry) - {"names", "adjectives", "government", "legislature"}
        if unknown:
            raise _fail(source, label, f"unknown key(s) {sorted(unknown)}")
        names = _strings(entry.get("names"), source, label, "names")
        if code not in d.countries and not names:
            raise _fail(source, label, "not an ISO country code known to pycountry; give 'names' for it")
        if names:
            d.countries[code] = names[0]
    for c in pycountry.countries:
        base = d.country_actor(c.alpha_3)
        for n in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
            if "," not in n and "(" not in n:
                d.add_name(n, Target("country", base, case=_case(n)))
    for code, entry in data.items():
        label = f"entry {code}"
        base = d.country_actor(code)
        for n in _strings(entry.get("names"), source, label, "names"):
            d.add_name(n, Target("country", base, case=_case(n)))
        for n in _strings(entry.get("adjectives"), source, label, "adjectives"):
            d.add_name(n, Target("demonym", base, case=_case(n)))
            d.adjectives[norm(n)] = code
        for n in _strings(entry.get("government"), source, label, "government"):
            d.add_name(n, Target("metonym", d.country_actor(code, "GOV"), case=_case(n)))
        for n in _strings(entry.get("legislature"), source, label, "legislature"):
            d.add_name(n, Target("metonym", d.country_actor(code, "LEG"), case=_case(n)))


def _load_igos(d: ActorDictionary, data: Any, source: str) -> None:
    if not isinstance(data, list):
        raise DictionaryError(f"{source}: must be a list of organisations")
    for i, entry in enumerate(data, 1):
        label = f"entry {i}"
        if not isinstance(entry, dict):
            raise _fail(source, label, "must be a mapping with code, igo, names")
        # names, not words: the keys of an IGO entry
        unknown = set(entry) - {"code", "igo", "names", "officials", "descriptions", "parent"}
        if unknown:
            raise _fail(source, label, f"unknown key(s) {sorted(unknown)}")
        code, igo = entry.get("code"), entry.get("igo")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise _fail(source, label, f"'code' must be a CAMEO-style code in capitals, not {code!r}")
        if not isinstance(igo, str) or not igo.strip():
            raise _fail(source, label, "'igo' (the short name, e.g. EU) is required")
        names = _strings(entry.get("names"), source, label, "names")
        if not names:
            raise _fail(source, f"{label} ({igo})", "'names' must list at least one name")
        label = f"{label} ({names[0]})"
        actor = Actor(names[0], code, None, igo, None)
        if entry.get("parent") is None or igo not in {a.igo for a in d.igos.values()}:
            d.igos.setdefault(code, actor)
        for n in names:
            d.add_name(n, Target("igo", actor, case=_case(n)))
        official = Actor(names[0], code, None, igo, "GOV")
        for n in _strings(entry.get("officials"), source, label, "officials"):
            d.add_name(n, Target("official", official, case="cap"))
        for n in _strings(entry.get("descriptions"), source, label, "descriptions"):
            d.descriptions.setdefault(norm(n), []).append(actor)


def _load_sectors(d: ActorDictionary, data: Any, source: str) -> None:
    if not isinstance(data, dict):
        raise DictionaryError(f"{source}: must map sector codes (GOV, MIL, ...) to titles/groups")
    for code, entry in data.items():
        label = f"sector {code}"
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise _fail(source, label, "sector codes are capital letters, e.g. GOV")
        if not isinstance(entry, dict) or set(entry) - _SECTOR_KEYS:
            raise _fail(source, label, "must be a mapping with 'titles', 'groups' and optional 'equipment', "
                                       "'abroad', 'only_after_groups' lists and 'state'")
        if entry.get("state") not in (None, True, False):
            raise _fail(source, label, "'state' is true or false")
        abroad = {norm(n) for n in _strings(entry.get("abroad"), source, label, "abroad")}
        only_groups = {norm(n) for n in _strings(entry.get("only_after_groups"), source, label,
                                                 "only_after_groups")}
        words = [(n, True, False) for n in _strings(entry.get("titles"), source, label, "titles")]
        words += [(n, False, False) for n in _strings(entry.get("groups"), source, label, "groups")]
        words += [(n, False, True) for n in _strings(entry.get("equipment"), source, label, "equipment")]
        for n, title, equipment in words:
            key = norm(n)
            d.sectors[key] = SectorWord(code, title, abroad="*" in abroad or key in abroad, equipment=equipment,
                                        only_after_groups=key in only_groups, state=entry.get("state") is True)
        unknown = only_groups - {norm(n) for n, _, _ in words}
        if unknown:
            raise _fail(source, label, f"'only_after_groups' names words not listed here: {sorted(unknown)}")


def _load_people(d: ActorDictionary, data: Any, source: str) -> None:
    if data is None:
        return
    if not isinstance(data, list):
        raise DictionaryError(f"{source}: must be a list of people")
    for i, entry in enumerate(data, 1):
        label = f"entry {i}"
        if not isinstance(entry, dict):
            raise _fail(source, label, "must be a mapping with name, aliases, roles")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, label, "'name' is required")
        label = f"{label} ({name})"
        # names, not words: the keys of a person entry
        unknown = set(entry) - {"name", "aliases", "roles", "nationality", "gender", "note"}
        if unknown:
            raise _fail(source, label, f"unknown key(s) {sorted(unknown)}")
        nationality = entry.get("nationality")
        if nationality is not None and (not isinstance(nationality, str) or not re.fullmatch(r"[A-Z]{3}", nationality)):
            raise _fail(source, label, f"'nationality' must be an ISO alpha-3 code, not {nationality!r}")
        gender = entry.get("gender")
        if gender not in (None, "m", "f"):
            raise _fail(source, label, f"'gender' must be m, f or absent, not {gender!r}")
        roles_raw = entry.get("roles") or []
        if not isinstance(roles_raw, list):
            raise _fail(source, label, "'roles' must be a list")
        roles = []
        for j, r in enumerate(roles_raw, 1):
            rl = f"{label} role {j}"
            if not isinstance(r, dict):
                raise _fail(source, rl, "must be a mapping {code, country|igo, sector, title, from, to}")
            # names, not words: the keys of a role
            unknown = set(r) - {"code", "country", "igo", "sector", "title", "from", "to"}
            if unknown:
                raise _fail(source, rl, f"unknown key(s) {sorted(unknown)}")
            code = r.get("code")
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                raise _fail(source, rl, f"'code' must be a CAMEO-style code in capitals, not {code!r}")
            country = r.get("country")
            if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country)):
                raise _fail(source, rl, f"'country' must be an ISO alpha-3 code, not {country!r}")
            start, end = _day(r.get("from"), source, rl, "from"), _day(r.get("to"), source, rl, "to")
            if start and end and end < start:
                raise _fail(source, rl, f"'to' ({end}) is before 'from' ({start})")
            # names, not words: the keys of a role
            for key in ("igo", "sector", "title"):
                if r.get(key) is not None and not isinstance(r.get(key), str):
                    raise _fail(source, rl, f"'{key}' must be a string, not {r.get(key)!r}")
            if country is None and r.get("igo") is None and code[:3] not in d.countries:
                raise _fail(source, rl, "give 'country' (ISO alpha-3) or 'igo' for the role")
            title = r.get("title")
            roles.append(Role(code, country, r.get("igo"), r.get("sector"),
                              str(title) if title is not None else None, start, end))
        aliases = _strings(entry.get("aliases"), source, label, "aliases")
        d.add_person(Person(name.strip(), aliases, roles, nationality, gender))


def _load_actor_list(d: ActorDictionary, data: list, source: str) -> None:
    """A user's list of actors ``{code, names, [igo], [sector]}`` (people go through roles)."""
    for i, entry in enumerate(data, 1):
        label = f"entry {i}"
        if not isinstance(entry, dict):
            raise _fail(source, label, "must be a mapping")
        code = entry.get("code")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise _fail(source, label, f"'code' must be a CAMEO-style code in capitals, not {code!r}")
        names = _strings(entry.get("names"), source, label, "names")
        if not names:
            raise _fail(source, label, "'names' must list at least one name")
        actor = d.decode(code, names[0])
        if entry.get("igo"):
            actor = Actor(names[0], code, None, str(entry["igo"]), entry.get("sector"))
        for n in names:
            d.add_name(n, Target("igo" if actor.igo else "country", actor, case=_case(n)))


def _group_actor(d: ActorDictionary, code: Any, name: str, country: Any, sector: Any, source: str,
                 label: str) -> Actor:
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise _fail(source, label, f"'code' must be a CAMEO-style code in capitals, not {code!r}")
    actor = d.decode(code, name)
    if country is not None:
        if not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country):
            raise _fail(source, label, f"'country' must be an ISO alpha-3 code, not {country!r}")
        actor = Actor(name, code, country, None, actor.sector)
    if sector is not None:
        if not isinstance(sector, str) or not _CODE.fullmatch(sector):
            raise _fail(source, label, f"'sector' must be a sector code such as REB, not {sector!r}")
        actor = Actor(name, code, actor.country, actor.igo, sector)
    return Actor(name, actor.code, actor.country, actor.igo, actor.sector)


def _load_groups(d: ActorDictionary, data: Any, source: str) -> None:
    """Named groups: armed groups ("Hezbollah" LBNREB), peoples ("Kurds" KUR), with dated codes when they change.

    An entry: ``names`` (the first is canonical), optional ``adjectives`` ("Kurdish", "Houthi": matched
    like demonyms, an actor only as a plural noun or with a sector word), and either ``code`` or
    ``codes`` (a list of ``{code, from, to}``: the Taliban were AFGGOV, then AFGREB, then AFGGOV again);
    optional ``country`` and ``sector`` when the code does not say them (IMGMUSISI: sector REB).
    """
    if data is None:
        return
    if not isinstance(data, list):
        raise DictionaryError(f"{source}: must be a list of groups")
    for i, entry in enumerate(data, 1):
        label = f"entry {i}"
        if not isinstance(entry, dict):
            raise _fail(source, label, "must be a mapping with names and code (or codes)")
        # names, not words: the keys of an actor entry
        unknown = set(entry) - {"names", "adjectives", "code", "codes", "country", "sector", "note"}
        if unknown:
            raise _fail(source, label, f"unknown key(s) {sorted(unknown)}")
        names = _strings(entry.get("names"), source, label, "names")
        if not names:
            raise _fail(source, label, "'names' must list at least one name")
        label = f"{label} ({names[0]})"
        if ("code" in entry) == ("codes" in entry):
            raise _fail(source, label, "give either 'code' or 'codes'")
        dated: list[tuple[Actor, str | None, str | None]] = []
        if "code" in entry:
            actor = _group_actor(d, entry["code"], names[0], entry.get("country"), entry.get("sector"), source, label)
        else:
            raw = entry["codes"]
            if not isinstance(raw, list) or not raw:
                raise _fail(source, label, "'codes' must be a non-empty list of {code, from, to}")
            for j, r in enumerate(raw, 1):
                rl = f"{label} code {j}"
                # names, not words: the keys of a dated code
                if not isinstance(r, dict) or set(r) - {"code", "from", "to", "country", "sector"}:
                    raise _fail(source, rl, "must be a mapping {code, from, to}")
                start, end = _day(r.get("from"), source, rl, "from"), _day(r.get("to"), source, rl, "to")
                if start and end and end < start:
                    raise _fail(source, rl, f"'to' ({end}) is before 'from' ({start})")
                a = _group_actor(d, r.get("code"), names[0], r.get("country", entry.get("country")),
                                 r.get("sector", entry.get("sector")), source, rl)
                dated.append((a, start, end))
            actor = dated[-1][0]
        for n in names:
            d.add_name(n, Target("group", actor, case=_case(n), group=True, dated=tuple(dated)))
        for n in _strings(entry.get("adjectives"), source, label, "adjectives"):
            d.add_name(n, Target("demonym", actor, case=_case(n), group=True, dated=tuple(dated)))


def _load_yaml_file(d: ActorDictionary, path: Path, source: str, kind: str | None = None) -> None:
    data = read_yaml(path, source)
    if kind is None:  # a user's file: tell its kind by its shape
        if isinstance(data, list) and data and all(isinstance(e, dict) and "roles" in e for e in data):
            kind = "people"
        elif isinstance(data, list) and data and all(isinstance(e, dict) and "igo" in e for e in data):
            kind = "igos"
        elif isinstance(data, list) and data and all(isinstance(e, dict) for e in data) and any(
                "codes" in e or "adjectives" in e for e in data):
            kind = "groups"
        elif isinstance(data, list):
            kind = "actors"
        elif isinstance(data, dict) and data and all(isinstance(v, dict) and set(v) <= _SECTOR_KEYS
                                                     for v in data.values()):
            kind = "sectors"
        elif isinstance(data, dict):
            kind = "countries"
        else:
            raise DictionaryError(f"{source}: not a newswire actor dictionary (expected a list or a mapping)")
    # names, not words: a dictionary file's sections and their readers
    {"countries": _load_countries, "igos": _load_igos, "sectors": _load_sectors,
     "people": _load_people, "notable": _load_people, "actors": _load_actor_list,
     "groups": _load_groups}[kind](d, data, source)
    d.sources.append(source)


def add_petrarch_actors(d: ActorDictionary, path: str | Path) -> None:
    """Add a PETRARCH actors file: every root and synonym names the block's (dated) codes."""
    result = read_petrarch_actors(path)
    d.warnings.extend(result.warnings)
    for actor in result.actors:
        for phrase in [actor.name, *actor.synonyms]:
            letters = phrase.replace(".", "").replace(" ", "")
            case = "upper" if len(letters) <= 3 else "cap"
            target = Target("petrarch", petrarch=actor, case=case)
            d.add_name(phrase, target)
            if phrase in actor.stems and " " not in phrase and len(letters) >= 4:
                d.stems.setdefault(norm(phrase), []).append(target)
    d.sources.append(str(path))


def add_petrarch_agents(d: ActorDictionary, path: str | Path) -> None:
    """Add a PETRARCH agents file as sector words (``[~GOV]`` -> GOV).

    The user's file wins over what was loaded before for the same words: its code replaces a bundled
    sector word's (which keeps its title/abroad flags: "prime minister" still names one person), and a
    bundled name spelled like an agent is dropped ("MSF" is then the [NGO~] agent of "MSF Arnor", not
    the bundled Médecins Sans Frontières). Names from the user's own actors files stay.
    """
    result = read_petrarch_agents(path)
    d.warnings.extend(result.warnings)
    for agent in result.agents:
        for phrase in (agent.phrase, agent.plural):
            if not phrase:
                continue
            key = norm(phrase)
            old = d.sectors.get(key)
            d.sectors[key] = SectorWord(agent.code, old.title if old else False, agent.prefix,
                                        old.abroad if old else False, old.equipment if old else False,
                                        old.only_after_groups if old else False)
            if key in d.names:
                kept = [t for t in d.names[key] if t.kind == "petrarch"]
                if kept:
                    d.names[key] = kept
                else:
                    del d.names[key]
                d._matcher = None
    d.sources.append(str(path))


def add_file(d: ActorDictionary, path: str | Path) -> None:
    """Add a user's file: newswire YAML (``.yaml``/``.yml``) or a PETRARCH actors/agents file."""
    p = Path(path)
    if not p.is_file():
        raise DictionaryError(f"{p}: no such dictionary file")
    if p.suffix.lower() in (".yaml", ".yml"):
        _load_yaml_file(d, p, str(p))
    elif looks_like_agents(p):
        add_petrarch_agents(d, p)
    else:
        add_petrarch_actors(d, p)


@functools.lru_cache(maxsize=1)
def _bundled() -> ActorDictionary:
    d = ActorDictionary()
    root = resources.files(DATA)
    for name in BUNDLED:
        path = root / name
        # names, not words: the optional bundled files
        if name in ("people.yaml", "notable.yaml", "groups.yaml") and not path.is_file():
            continue  # optional files
        _load_yaml_file(d, path, f"newswire/data/actors/{name}", name.removesuffix(".yaml"))
    return d


def load_dictionary(extra: tuple[str, ...] = ()) -> ActorDictionary:
    """The bundled dictionary (cached per process), extended by ``extra`` files when given.

    ``extra`` paths are newswire YAML files (people, organisations, actors, sectors, countries)
    or PETRARCH/TABARI ``.actors``/``.agents`` files; later files win over earlier ones and over
    the bundled data for the same name. The same paths give the same (cached) dictionary.
    """
    return _load(tuple(str(p) for p in extra))


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> ActorDictionary:
    base = _bundled()
    if not extra:
        return base
    d = base.copy()
    for path in extra:
        add_file(d, path)
    return d
