"""A corpus's date column in any common form becomes the article's ISO publication date.

Reuters-21578 writes "3-APR-1987", mail archives RFC 2822, spreadsheets "April 3, 1987": each used to
make the actors stage fail (it reads the year from the date), costing the article its actors and events.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newswire

SENTENCE = "Iran expelled two British diplomats on Monday."

# (date column as written, published as stored, the Monday before it, warning expected)
DATES = [
    ("3-APR-1987", "1987-04-03", "1987-03-30", None),
    ("5-MAR-1987 09:12:33.22", "1987-03-05T09:12:33", "1987-03-02", None),
    ("April 3, 1987", "1987-04-03", "1987-03-30", None),
    ("Fri, 03 Apr 1987 09:12:33 +0200", "1987-04-03T09:12:33+02:00", "1987-03-30", None),
    ("1987-04-03T09:12:33Z", "1987-04-03T09:12:33Z", "1987-03-30", None),
    ("03/04/1987", "1987-04-03", "1987-03-30", "ambiguous date '03/04/1987' read day-first as 1987-04-03"),
    ("the third of Nivose", None, None, "publication date 'the third of Nivose' not understood: dropped"),
]


def _corpus(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "date", "text"])
        for raw, *_ in DATES:
            writer.writerow(["Iran expels diplomats", raw, SENTENCE])
    return path


def _expulsion(record: dict) -> tuple[str, str, str | None, str | None]:
    (event,) = record["events"]
    return event["source"]["code"], event["cameo"], event["target"]["code"], event["date"]


def test_corpus_dates_in_any_form_keep_the_articles_events(tmp_path):
    records = [a.to_dict() for a in newswire.analyze([str(_corpus(tmp_path / "reuters.csv"))])]
    assert len(records) == len(DATES)
    for record, (raw, published, monday, warning) in zip(records, DATES, strict=True):
        assert record["published"] == published, raw
        assert {e["actor"]["code"] for e in record["entities"] if e["actor"]} == {"IRN", "GBR"}, raw
        # "on Monday" resolves against the corpus date; an unreadable date leaves the event undated
        assert _expulsion(record) == ("IRN", "161", "GBRGOV", monday), raw
        assert record["warnings"] == ([warning] if warning else []), raw


@pytest.mark.slow
def test_cli_analyze_reads_a_reuters_date_and_warns_of_a_bad_one(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"title": "Iran expels diplomats", "date": raw, "text": SENTENCE}) + "\n"
                              for raw in ("3-APR-1987", "sometime in spring")), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newswire.cli", "analyze", str(corpus), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    good, bad = (json.loads(line) for line in proc.stdout.splitlines())
    assert good["published"] == "1987-04-03" and not good["warnings"]
    assert _expulsion(good) == ("IRN", "161", "GBRGOV", "1987-03-30")
    assert bad["published"] is None
    assert _expulsion(bad) == ("IRN", "161", "GBRGOV", None)
    assert bad["warnings"] == ["publication date 'sometime in spring' not understood: dropped"]
    assert "Traceback" not in proc.stderr and "stage failed" not in proc.stderr
    assert proc.stderr.strip() == f"newswire: {corpus}:2: publication date 'sometime in spring' not understood: dropped"


@pytest.mark.parametrize("published", ["3-APR-1987", "April 3, 1987"])
def test_analyze_text_takes_a_date_in_another_form(published):
    analysis = newswire.analyze_text(SENTENCE, published=published)
    assert analysis.article.published == "1987-04-03"
    assert [(e.source.code, e.cameo, e.date) for e in analysis.events] == [("IRN", "161", "1987-03-30")]
