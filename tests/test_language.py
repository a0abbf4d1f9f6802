"""Short text: a headline, a one-line wire item or a pasted sentence is English when its words are.

A language classifier on a handful of words is led by the names in them ("Mahan Air" reads as
Malay); discarding such text as non-English loses the events in it. Short text in other languages
must still not be analysed as English.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newswire

NEWSWIRE = Path(sys.executable).with_name("newswire")
MAHAN_AIR = "Germany banned Iranian airline Mahan Air."


def _actor_codes(record: dict) -> set[str]:
    return {e["actor"]["code"] for e in record["entities"] if e["actor"]}


@pytest.mark.parametrize("text", [
    MAHAN_AIR,
    "Iran launched missiles targeting US troops in Iraq.",
    "The SDF signed an agreement with the Syrian government.",
    "Malaysia, Indonesia sign maritime pact",
    "Taliban seize Kabul as Ghani flees",
    "Erdogan blocks Sweden NATO bid",
    "Biden meets Xi in Bali",
    "Mahathir Mohamad resigns",
])
def test_short_english_is_analysed_as_english(text):
    article = newswire.analyze_text(text).article
    assert article.language == "en"
    assert not any("not English" in w for w in article.warnings)


@pytest.mark.slow
def test_a_one_line_item_gives_its_actors_in_the_library_and_the_cli():
    assert {"DEU", "IRN"} <= _actor_codes(newswire.analyze_text(MAHAN_AIR).to_dict())
    run = subprocess.run([str(NEWSWIRE), "analyze", "-", "--json"], input=MAHAN_AIR + "\n",
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["language"] == "en" and {"DEU", "IRN"} <= _actor_codes(record)
    assert "not English" not in run.stderr


@pytest.mark.parametrize(("text", "language"), [
    ("Deutschland verbietet iranische Fluggesellschaft Mahan Air.", "de"),
    ("Scholz reist nach Kiew", "de"),
    ("Le président a signé l'accord avec le gouvernement syrien.", "fr"),
    ("Polisi menangkap tersangka teroris", "id"),
    ("Hallitus kaatui", "fi"),
    ("Россия выслала польских дипломатов", "ru"),
])
def test_short_text_in_other_languages_is_not_english(text, language):
    article = newswire.analyze_text(text).article
    assert article.language == language
    assert any("not English" in w for w in article.warnings)


def test_the_corpus_declared_language_decides_for_short_text(tmp_path):
    corpus = tmp_path / "wire.jsonl"
    records = [{"title": "", "text": "Putin trifft Erdogan", "language": "de"},
               {"text": "Fed holds rates steady", "lang": "en-US"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    languages = [a.article.language for a in newswire.analyze([str(corpus)])]
    assert languages == ["de", "en"]
