"""Places in an article: the place names of its Doc resolved through the gazetteer
(:mod:`newswire.data.gazetteer`), and the one country the article is about."""

from __future__ import annotations

import functools
import re

from newswire.data import ordered
from newswire.data.gazetteer import PlaceDataError, resolve_place
from newswire.model import Analysis, Location

PLACE_LABELS = ("GPE", "LOC", "FAC")


def places_in(analysis: Analysis) -> list[tuple[int, int, Location]]:
    """Each GPE/LOC/FAC entity of the article's Doc that names a known place, with its Location."""
    if analysis.doc is None:
        return []
    out: list[tuple[int, int, Location]] = []
    for ent in analysis.doc.ents:
        if ent.label_ in PLACE_LABELS:
            loc = resolve_place(ent.text)
            if loc is not None:
                out.append((ent.start_char, ent.end_char, loc))
    return out


@functools.cache
def _headline_place() -> re.Pattern[str]:
    preps = "|".join(map(re.escape, ordered("location_prepositions")))
    return re.compile(rf"\b(?:{preps})\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


@functools.lru_cache(maxsize=256)  # asked by actor resolution and by home_country for the same headline
def headline_countries(title: str) -> frozenset[str]:
    """The countries of the places a headline says the story happened in ("... theft of gold toilet in England",
    "mosque shooting in Christchurch"): where the story is, whatever other countries its body names most."""
    out = set()
    for m in _headline_place().finditer(title or ""):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # "Christchurch District Court": the longest phrase that is a place
            loc = resolve_place(" ".join(words[:n]))
            if loc is not None and loc.country:
                out.add(loc.country)
                break
    return frozenset(out)


def home_country(analysis: Analysis, named: frozenset[str] = frozenset()) -> str | None:
    """The one country an article is about, or None: the country its actor mentions (people, places, bodies;
    not organisations of several states) and its other place names (cities, regions) name at least three
    times, more than twice as often as any other. "Police", "the judge" or "senators" in such an article are
    that country's; a story spread over several countries has none."""
    counts: dict[str, int] = {}
    covered: set[int] = set()
    for m in analysis.mentions:
        covered.update((m.start, m.end - 1))
        if m.actor.country and not m.actor.igo and m.kind in ("name", "description"):
            counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
    for start, end, loc in places_in(analysis):
        if loc.country and start not in covered and end - 1 not in covered:
            counts[loc.country] = counts.get(loc.country, 0) + 1
    return dominant(counts, headline_countries(analysis.article.title), named)


def dominant(counts: dict[str, int], where: frozenset[str], named: frozenset[str] = frozenset()) -> str | None:
    """The country a story happens in: the one country the headline places it in (``where``), when the text
    names it too ("Gunman opens fire in El Paso, Texas superstore" is American, however often Mexico comes up);
    else the country named at least three times and more than twice as often as any other, unless the headline
    places the story in other countries (``where`` is empty when the headline names no place). A headline that
    names one country otherwise (``named``: "Samoan government ...") makes it the story's when the text names it
    at least twice and more than one and a half times as often as any other."""
    if len(where) == 1 and counts.get(next(iter(where)), 0) >= 1:
        return next(iter(where))
    if not where and len(named) == 1 and counts.get(country := next(iter(named)), 0) >= 2 \
            and 2 * counts[country] > 3 * max((n for c, n in counts.items() if c != country), default=0):
        # the one country the headline names ("Samoan government shuts down ..."), named clearly most: not in
        # "United States military kills Qasem Soleimani", where Iran and Iraq are named as often
        return country
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1]):
        return ranked[0][0] if not where or ranked[0][0] in where else None
    return None


__all__ = ["resolve_place", "places_in", "home_country", "headline_countries", "dominant", "PlaceDataError", "PLACE_LABELS"]
