"""The founding page, end to end through the command line: the contract's record as outside checks read it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # processes, a browser or the whole pipeline per test: not the quick loop

NEWSWIRE = Path(sys.executable).with_name("newswire")


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> dict:
    from conftest import need_shared

    seed = need_shared("seed", "000_7709bc4aa7c3aaf0.txt")
    out = subprocess.run([str(NEWSWIRE), "analyze", str(seed), "--json"], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def _entity(record: dict, text: str) -> dict:
    found = [e for e in record["entities"] if e["text"] == text and e["actor"]]
    assert found, f"no resolved entity {text!r}: {sorted({e['text'] for e in record['entities']})}"
    return found[0]["actor"]


def test_record_has_every_contract_field(record) -> None:
    for key in ("id", "url", "source", "agencies", "title", "subtitle", "section", "published", "authors",
                "language", "body", "captions", "related", "entities", "dates", "quotes", "events", "warnings"):
        assert key in record
    body = record["body"]
    for item in record["entities"] + record["dates"] + record["quotes"]:
        assert body[item["start"]:item["end"]] == item["text"]
    for event in record["events"]:
        assert body[event["start"]:event["end"]] == event["sentence"]


def test_actors_of_the_seed(record) -> None:
    borrell = _entity(record, "Josep Borrell")
    assert borrell["igo"] == "EU" and borrell["name"] == "Josep Borrell"
    lavrov = _entity(record, "Sergey Lavrov")
    assert (lavrov["country"], lavrov["sector"]) == ("RUS", "GOV")
    navalny = _entity(record, "Alexey Navalny")
    assert (navalny["country"], navalny["sector"]) == ("RUS", "OPP")
    for text in ("Moscow", "Kremlin"):
        assert _entity(record, text)["country"] == "RUS"
    for text, iso in (("Poland", "POL"), ("Germany", "DEU"), ("Sweden", "SWE"), ("France", "FRA")):
        assert _entity(record, text)["country"] == iso
    assert _entity(record, "EU")["igo"] == "EU"


def test_dates_of_the_seed(record) -> None:
    values = {(d["text"].lower(), d["value"]) for d in record["dates"]}
    for text, value in (("on sunday", "2021-02-07"), ("on saturday", "2021-02-06"),
                        ("february 22", "2021-02-22"), ("in march", "2021-03")):
        assert any(text.split()[-1] in t and v == value for t, v in values), (text, value, values)


def test_events_of_the_seed(record) -> None:
    events = record["events"]

    def has(source: str, target: str, cameo_prefixes: tuple[str, ...], plovers: tuple[str, ...]) -> bool:
        return any(e["source"]["code"].startswith(source) and e["target"]
                   and e["target"]["code"].startswith(target) and e["cameo"].startswith(cameo_prefixes)
                   and e["plover"] in plovers and e["sentence"] for e in events)

    for country in ("POL", "DEU", "SWE"):
        assert has("RUS", country, ("161", "166", "174"), ("SANCTION", "COERCE")), country
    assert has("IGOEU", "RUS", ("13",), ("THREATEN",))
    assert has("IGOEU", "RUS", ("11", "01"), ("ACCUSE",))
    assert has("IGOEU", "RUS", ("04",), ("CONSULT",))
    for e in events:  # nothing dated after the page, no fallback codes
        assert e["date"] is None or e["date"] <= "2021-02-07"
        assert e["cameo"] not in ("", "000", "---")
        assert e["status"] in ("occurred", "planned", "possible", "negated")


def test_no_wrong_actor_pairs_on_the_seed(record) -> None:
    allowed = {"RUS", "POL", "DEU", "SWE", "IGOEUREEC", "FRA", "ESP"}
    for e in record["events"]:
        for side in (e["source"], e["target"]):
            if side:
                assert side["country"] in allowed or side["code"] in allowed, e
