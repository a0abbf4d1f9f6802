"""Long articles: a text too long to be one article is rejected in one line and the batch goes on; a long one
is parsed in pieces joined into one Doc whose offsets index the body; lookups by position stay exact.

What a long article costs (time and memory linear in its length) is measured by ``bench/length.py``.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newswire
from newswire import api
from newswire.config import DEFAULT
from newswire.extract import extract
from newswire.model import Document
from newswire.nlp.parser import join_docs, load_nlp, split_text
from newswire.nlp.spans import Intervals, entities, sentence_ents

GOOD = Path(__file__).parent / "fixtures" / "inputs" / "good"
NEWSWIRE = Path(sys.executable).with_name("newswire")
TITLES = ["Norway and Iceland agree to share fisheries patrol data",
          "Kenya and Tanzania agree to reopen border grain trade"]

# Paragraphs of a long wire story; repeated, they make a record whose text ran on far past one article.
STORY = """\
Norway and Iceland signed an agreement on Tuesday to share patrol data on fishing vessels in the North \
Atlantic, the two governments said in a joint statement issued in Oslo.

"This will make it much harder for anyone to fish illegally between our two zones," Norwegian Fisheries \
Minister Cecilie Myrseth told reporters in Reykjavik.

Russia condemned the pact on Wednesday and accused NATO of turning the Arctic into a military zone. The \
European Union welcomed the deal, and Denmark said it would join the talks in May.

Police in Tromso arrested two trawler captains who had switched off their transponders, the coast guard said.

"""
HUGE_TEXT = STORY * (DEFAULT.max_chars // len(STORY) + 1)


def copy_good(folder: Path) -> tuple[Path, Path]:
    first, last = folder / "a_harbour_talks.txt", folder / "c_grain_deal.html"
    shutil.copy(GOOD / "harbour_talks.txt", first)
    shutil.copy(GOOD / "grain_deal.html", last)
    return first, last


@pytest.mark.slow
def test_cli_rejects_a_text_too_long_in_one_line_and_keeps_the_rest(tmp_path):
    first, last = copy_good(tmp_path)
    huge = tmp_path / "b_wire.jsonl"
    huge.write_text(json.dumps({"title": "Wire dump", "date": "2024-03-12", "text": HUGE_TEXT}) + "\n")
    result = subprocess.run([str(NEWSWIRE), "analyze", str(first), str(huge), str(last), "--json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == TITLES
    rejected = [line for line in result.stderr.splitlines() if " rejected " in line]
    assert len(rejected) == 1, result.stderr
    assert f"{huge}:1: " in rejected[0] and "2,000,000-character limit" in rejected[0]


def test_library_rejects_a_text_too_long_and_goes_on(tmp_path):
    first, last = copy_good(tmp_path)
    huge = tmp_path / "b_corpus.csv"
    with huge.open("w", newline="") as f:
        csv.writer(f).writerows([["title", "date", "text"], ["Wire dump", "2024-03-12", HUGE_TEXT]])
    rejected = []
    analyses = list(newswire.analyze([str(first), str(huge), str(last)], on_reject=rejected.append))
    assert [a.article.title for a in analyses] == TITLES
    assert all(a.events for a in analyses)
    assert [r.name for r in rejected] == [f"{huge}:2"]
    assert "longer than the 2,000,000-character limit" in rejected[0].reason


@pytest.fixture
def short_spacy():
    """spaCy refuses texts over ``nlp.max_length`` (2,000,000 characters); lowering it lets an 8 KB article
    stand for a 2 MB one at the cost of a test."""
    nlp = load_nlp()
    before = nlp.max_length
    nlp.max_length = 2_000
    yield nlp
    nlp.max_length = before


def test_an_article_over_spacys_limit_is_parsed_in_pieces(short_spacy):
    body = STORY * 12
    assert len(body) > 3 * short_spacy.max_length
    doc = Document("long.txt", "body", body.encode(), meta={"title": "Arctic fisheries", "published": "2024-03-12"})
    analysis = next(api.analyze_articles([extract(doc)]))
    body = analysis.article.body
    assert analysis.doc.text == body
    assert analysis.doc.has_annotation("DEP")
    for e in analysis.entities:
        assert body[e.start:e.end] == e.text
    for q in analysis.quotes:
        assert body[q.start:q.end] == q.text
    for ev in analysis.events:
        assert body[ev.start:ev.end] == ev.sentence
    # every copy of the story says the same things, whichever piece holds it
    copies = [[(ev.source.code, ev.cameo, ev.target and ev.target.code) for ev in analysis.events
               if k * len(STORY) <= ev.start < (k + 1) * len(STORY)] for k in range(12)]
    assert copies[0] and all(c == copies[0] for c in copies), copies
    speakers = {q.speaker for q in analysis.quotes if q.kind == "direct"}
    assert speakers == {"Cecilie Myrseth"}, speakers


def test_split_text_cuts_at_paragraphs_and_joins_back_exactly():
    nlp = load_nlp()
    body = STORY * 3
    parts = split_text(body, 1_000)
    assert "".join(parts) == body
    assert all(len(p) <= 1_000 for p in parts)
    assert all(p.endswith("\n\n") or p.endswith("\n") for p in parts[:-1])
    assert all(not p[0].isspace() for p in parts)
    doc = join_docs(list(nlp.pipe(parts)))
    assert doc.text == body
    assert [t.text for t in doc] == [t.text for t in nlp.make_doc(body)]
    starts = {len("".join(parts[:k])) for k in range(1, len(parts))}
    assert starts <= {s.start_char for s in doc.sents}
    # a paragraph longer than the limit is cut after a sentence, then a space, then anywhere
    one = STORY.replace("\n\n", " ")
    assert all(p.endswith(". ") for p in split_text(one, 300)[:-1])
    assert "".join(split_text("x" * 2_500 + " " + "y" * 700, 1_000)) == "x" * 2_500 + " " + "y" * 700
    assert [len(p) for p in split_text("x" * 2_500, 1_000)] == [1_000, 1_000, 500]


def test_entity_lookups_by_position_agree_with_spacy():
    doc = load_nlp()(STORY)
    ents = entities(doc)
    assert len(doc.ents) > 8
    for sent in doc.sents:
        assert sentence_ents(sent[0]) == list(sent.ents)
        assert ents.within(sent.start, sent.end) == list(sent.ents)
    for tok in doc:
        assert ents.at(tok.i) == next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    assert ents.within(0, len(doc)) == list(doc.ents)


def test_intervals_answer_as_a_scan_would():
    doc = load_nlp()(STORY)
    spans = [(e.start_char, e.end_char) for e in doc.ents] + [(s.start_char, s.end_char) for s in doc.sents]
    index = Intervals(spans, lambda span: span)
    for lo in range(0, len(STORY), 7):
        hi = lo + 13
        assert index.overlapping(lo, hi) == [(s, e) for s, e in spans if s < hi and lo < e]
        assert index.covering(lo) == [(s, e) for s, e in spans if s <= lo < e]
        assert index.starting_in(lo, hi) == [(s, e) for s, e in spans if lo <= s < hi]
