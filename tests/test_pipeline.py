"""The pipeline as a user assembles it: components by name, one object passed down, data checked at load."""

from __future__ import annotations

import pickle

import pytest

from newswire.components import component, registered
from newswire.data import DataError, lexicon
from newswire.pipeline import DEFAULT_COMPONENTS, Pipeline

TEXT = ("Germany banned the Iranian airline Mahan Air on Monday. Foreign Minister Heiko Maas said the ban "
        "would stay until Tehran stopped its support for armed groups in Syria.")


def analyse(pipeline: Pipeline, text: str = TEXT):
    from newswire.extract import extract
    from newswire.model import Document

    article = extract(Document("t", "body", text.encode(), meta={"published": "2019-01-21", "title": "Ban"}))
    return next(pipeline.analyze_articles([article]))


def test_every_default_component_is_registered():
    assert set(DEFAULT_COMPONENTS) <= set(registered())


def test_dropping_a_component_drops_its_layer_only():
    full = analyse(Pipeline())
    without = analyse(Pipeline(components=[c for c in DEFAULT_COMPONENTS if c != "events"]))
    assert full.events and not without.events
    assert [m.actor.code for m in without.mentions] == [m.actor.code for m in full.mentions]
    assert without.dates == full.dates


def test_a_component_of_ones_own_runs_in_its_place():
    seen: list[int] = []

    @component("count sentences")
    def count_sentences(context):
        assert context.dictionary is not None  # the pipeline's own dictionary is handed to the factory
        return lambda analysis: seen.append(len(list(analysis.doc.sents)))

    analyse(Pipeline(components=[*DEFAULT_COMPONENTS, "count sentences"]))
    assert seen == [2]


def test_an_unknown_component_is_named_with_the_known_ones():
    with pytest.raises(LookupError, match=r"'speling'.*actors"):
        Pipeline(components=["actors", "speling"])


def test_a_pipeline_travels_to_workers_as_its_options():
    pipeline = Pipeline(prefilter=True, batch_size=4)
    pipeline.load()
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy._dictionary is None and copy._gate is None  # reloaded where it lands, not shipped
    assert (copy.prefilter, copy.batch_size, [c.name for c in copy.components]) == \
        (True, 4, list(DEFAULT_COMPONENTS))
    assert [e.to_dict() for e in analyse(copy).events] == [e.to_dict() for e in analyse(pipeline).events]


@pytest.mark.parametrize("body, line, message", [
    ("months: [january, february]\nplaces: [in, at, in]\n", 2, "in given twice"),
    ("words: [Paris]\n", 1, "not lower case"),
    ("a: [x]\nb: 3\n", 2, "expected a list of words or a mapping"),
    ("a: [x\nb: [y]\n", None, "not valid YAML"),
])
def test_a_damaged_lexicon_names_its_file_and_line(tmp_path, body, line, message):
    path = tmp_path / "lexicon.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        lexicon(str(path))
    assert caught.value.source == "lexicon.yaml"
    if line is not None:
        assert caught.value.line == line and str(caught.value).startswith(f"lexicon.yaml:{line}:")


def test_the_bundled_lexicon_loads_and_every_entry_is_read_by_the_code():
    import re
    from pathlib import Path

    import newswire

    entries = set(lexicon())
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(newswire.__file__).parent.rglob("*.py"))
    unread = sorted(e for e in entries if not re.search(rf"""["']{re.escape(e)}["']""", source))
    assert not unread, f"lexicon entries no code reads: {unread}"


def test_an_article_the_prefilter_does_not_parse_never_kills_the_process():
    # spaCy leaves some tokens of an unparsed Doc with their tree edges unset (the apostrophe after "companies"):
    # a stage that walked a token's children there read outside the Doc and the process died with a segfault,
    # losing the whole batch; run in a child process so that a regression fails this test, not the test run
    import subprocess
    import sys

    code = (
        "from newswire.api import analyze_text\n"
        "from newswire.pipeline import Pipeline\n"
        "text = (\"Standard and Poor's Corp said it upgraded 500 mln dlrs of debt of Navistar International Corp and \"\n"
        "        \"its unit Navistar Financial Corp.\\n\\nRaised were the companies' senior debt to BB from B and \"\n"
        "        \"subordinated debt to B-plus from CCC-plus.\")\n"
        "a = analyze_text(text, pipeline=Pipeline(prefilter=True))\n"
        "assert not a.doc.has_annotation('DEP')\n"
        "print(len(a.mentions))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
