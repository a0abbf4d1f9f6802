"""The pre-filter lets articles that cannot hold an event skip the parser, and never loses an event."""

from __future__ import annotations

import csv
from itertools import islice
from pathlib import Path

import pytest
from conftest import need_shared

from newswire import api
from newswire.actors import load_dictionary
from newswire.coding.prefilter import Prefilter, trigger_lemmas
from newswire.extract import extract
from newswire.model import Document
from newswire.nlp.parser import load_nlp

DEMO = Path(api.__file__).parent / "demo"

NO_EVENT = ("Wheat futures closed higher on Tuesday as dry weather in the plains lifted prices. "
            "Traders said stocks remained ample.\n\nSoybean prices were mostly unchanged.")
TRIGGER_NO_ACTOR = "Traders agreed that wheat prices would climb. Analysts met in the afternoon."
EVENT = "Russia expelled three Estonian diplomats on Monday, the foreign ministry in Moscow said."


def _article(text: str, title: str = "Wire"):
    return extract(Document(name="<test>", kind="body", data=text.encode(), meta={"title": title,
                                                                               "published": "2024-03-12"}))


@pytest.fixture(scope="module")
def gate() -> Prefilter:
    return Prefilter(load_nlp(), load_dictionary())


def test_trigger_words_come_from_the_coder_patterns():
    from newswire.coding import default_coder

    words = trigger_lemmas()
    coded = {p.trigger for p in default_coder().patterns.patterns if p.code is not None}
    assert coded <= words
    assert "expel" in words and "the" not in words


@pytest.mark.parametrize("form, lemma", [("met", "meet"), ("expelled", "expel"), ("talks", "talk"),
                                          ("sanctions", "sanction"), ("imposing", "impose"), ("flew", "fly")])
def test_inflected_forms_map_to_their_lemma(gate, form, lemma):
    assert lemma in gate.lemmas(form)


def test_needs_a_trigger_and_an_actor_name(gate):
    nlp = load_nlp()
    assert not gate.may_hold_event(nlp.make_doc(NO_EVENT))
    assert not gate.may_hold_event(nlp.make_doc(TRIGGER_NO_ACTOR))
    assert gate.may_hold_event(nlp.make_doc(EVENT))


def test_quotation_marks_keep_the_parse_when_quotes_are_wanted():
    nlp = load_nlp()
    quoted = "\u201cThe harvest is late,\u201d a farmer said of the wheat crop."
    assert Prefilter(nlp, load_dictionary()).needs_parse(nlp.make_doc(quoted))
    assert not Prefilter(nlp, load_dictionary(), quotes=False).needs_parse(nlp.make_doc(quoted))


def test_skipped_article_still_gets_entities_and_sentences():
    (analysis,) = api.analyze_articles([_article(NO_EVENT)], prefilter=True)
    assert not analysis.doc.has_annotation("DEP")
    assert len(list(analysis.doc.sents)) == 3
    assert any(e.label == "DATE" and e.text == "Tuesday" for e in analysis.entities)
    assert analysis.events == [] and analysis.article.warnings == []


def test_event_article_is_parsed_and_coded():
    (analysis,) = api.analyze_articles([_article(EVENT)], prefilter=True)
    assert analysis.doc.has_annotation("DEP")
    assert any(e.source.country == "RUS" and e.cameo.startswith("16") for e in analysis.events)


def _events(articles, prefilter: bool) -> list[list[dict]]:
    return [[e.to_dict() for e in a.events] for a in api.analyze_articles(articles, prefilter=prefilter)]


@pytest.mark.slow
def test_events_equal_with_and_without_prefilter_on_demo_articles():
    articles = list(api.read_articles([str(DEMO)]))
    assert len(articles) >= 10
    with_filter = _events(articles, True)
    assert with_filter == _events(articles, False)
    assert sum(map(len, with_filter)) > 0


@pytest.mark.slow
def test_events_equal_with_and_without_prefilter_on_wikinews_sample(tmp_path):
    folder = need_shared("corpora", "wikinews")
    rows = []
    for path in sorted(folder.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += list(islice(csv.DictReader(f), 20))
    sample = tmp_path / "sample.csv"
    with sample.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["url", "date", "title", "text"])
        writer.writeheader()
        writer.writerows(rows)
    # mixed in: articles written to skip the parser, so both paths run in the same batches
    articles = list(api.read_articles([str(sample)]))
    articles[5:5] = [_article(NO_EVENT, "Grain")]
    with_filter = _events(articles, True)
    assert with_filter == _events(articles, False)
    assert sum(map(len, with_filter)) > 10
