"""Actor codes read back: what a code means in words, and its parts as GDELT writes them.

A CAMEO actor code is a string of three-letter parts: a country ("USA") or region ("EUR"), role and
organisation types ("GOV", "IGO"), and known groups ("EEC", "NAT"). ``describe`` says what the code is
("USAGOV" → "United States: government", "IGOEUREEC" → "European Union"); ``parts`` splits it the way
GDELT fills Actor*CountryCode, Actor*KnownGroupCode and Actor*Type1..3Code. A code no dictionary gave
(a new actor coded by its name in quotes, ``'"JUDGE MILLER"'``) is no CAMEO code: ``is_cameo`` says so.
The words come from ``data/cameo_actor_codes.yaml``, ``data/actors/igos.yaml`` and
``data/gdelt_countries.tsv``.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field

from newswire.data import DATA, read_yaml

_CODE = re.compile(r"[A-Z]{3,}")


@dataclass(frozen=True)
class Country:
    iso3: str
    fips: str
    name: str
    lat: float | None
    lon: float | None


@dataclass
class Parts:
    country: str | None = None  # ISO alpha-3 or a CAMEO region code
    group: str | None = None
    types: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-3 → the country as GDELT writes it (FIPS 10-4 code, name, centroid)."""
    out: dict[str, Country] = {}
    with (DATA / "gdelt_countries.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for r in rows:
            if not re.fullmatch(r"[A-Z]{3}", r["iso3"]) or not re.fullmatch(r"[A-Z]{2}", r["fips"]):
                raise ValueError(f"data/gdelt_countries.tsv: bad codes in {r}")
            lat = float(r["lat"]) if r["lat"] else None
            lon = float(r["lon"]) if r["lon"] else None
            out[r["iso3"]] = Country(r["iso3"], r["fips"], r["name"], lat, lon)
    return out


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = read_yaml("cameo_actor_codes.yaml")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), dict) for k in ("types", "regions")):
        raise ValueError("data/cameo_actor_codes.yaml: expected 'types' and 'regions' mappings")
    return ({str(k): str(v) for k, v in data["types"].items()}, {str(k): str(v) for k, v in data["regions"].items()})


@functools.lru_cache(maxsize=1)
def igo_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The organisations of the actor dictionary (``actors/igos.yaml``): (code, names), canonical name first."""
    out = []
    for entry in read_yaml("actors/igos.yaml") or []:
        names = tuple(str(n) for n in entry.get("names") or [])
        if entry.get("code") and names:
            out.append((str(entry["code"]), names))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _igo_codes() -> dict[str, str]:
    """An organisation's code → its canonical name (the first entry with that code)."""
    out: dict[str, str] = {}
    for code, names in igo_entries():
        out.setdefault(code, names[0])
    return out


def is_cameo(code: str | None) -> bool:
    """Whether ``code`` is a CAMEO actor code (capital letters), not a name no dictionary holds."""
    return bool(code) and bool(_CODE.fullmatch(code or ""))


def parts(code: str | None) -> Parts:
    """The code's country or region, known group and types, split as GDELT does: "IGOEUREEC" → EUR,
    EEC, [IGO]; "AFGINSTAL" → AFG, TAL, [INS]; "USAGOV" → USA, None, [GOV]."""
    out = Parts()
    if not is_cameo(code):
        return out
    assert code is not None
    types, regions = _tables()
    known = countries()
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if len(chunks[-1]) < 3:  # "IGOBRICS": the rest after the last whole part is one group name
        tail = chunks.pop()
        chunks[-1] += tail
    for i, chunk in enumerate(chunks):
        if chunk in types:
            out.types.append(chunk)
        elif out.country is None and not out.group and (chunk in known or chunk in regions) and (
                i == 0 or chunks[0] in ("IGO", "NGO", "MNC", "IMG", "NGM")):
            out.country = chunk
        elif out.group is None:
            out.group = chunk
    return out


def describe(code: str | None, country: str | None = None) -> str:
    """What an actor code is, in words: "United States: government", "European Union", "Russia"."""
    if not code:
        return ""
    if not is_cameo(code):
        return code.strip('"').title()
    igo = _igo_codes().get(code)
    if igo:
        return igo
    types, regions = _tables()
    p = parts(code)
    where = p.country or country
    place = (countries()[where].name if where in countries() else regions.get(where or "", where or ""))
    what = [types[t] for t in p.types]
    if p.group:
        what.append(_igo_codes().get(f"IGO{p.group}") or p.group)
    if not place:
        return ", ".join(what) or code
    return f"{place}: {', '.join(what)}" if what else place
