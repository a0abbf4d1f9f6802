"""PETRARCH-1 (linear) verb dictionaries: patterns matched in word order around the verb, as PETRARCH does.

Small dictionaries and sentences written here; the coder runs as bench/petrarch_suite.py runs it
(PETRARCH's own codes through an OpenTable, no newswire inferences, deep targets).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newswire.coding import Coder, OpenTable, read_petrarch_verbs
from newswire.coding import petrarch_match as pm
from newswire.coding.patterns import PatternSet, load_cues, patterns_dir
from newswire.model import Actor, Analysis, Article, Mention
from newswire.nlp.parser import load_nlp

NAMES = {name: Actor(name, code, code) for name, code in
         [("Iran", "IRN"), ("Russia", "RUS"), ("France", "FRA"), ("Turkey", "TUR"), ("Ukraine", "UKR"),
          ("Greece", "GRC")]}

LINEAR = """
&NEGAUX
+DID N'T
+WILL NOT

&TIES_
+MILITARY
+ECONOMIC

--- ALLOW  [080] ---
ALLOW
- * THE_SAFEST_PLACE  [027]
- * REALLY_PLEASANT  [024]
- RECENTLY_*  [025]
- NOT *  [112]

--- CLASH  [223] ---
CLASH
- &NEGAUX * OVER EFFORTS  [904]
- * OVER EFFORTS  [121]

--- ABANDON  [345] ---
ABANDON
- * NEW_&TIES_RELATIONS  [903]
- * EFFORT  [987]

--- FREE  [066] ---
FREE
- + * FROM $  [066]

--- CRITICIZE  [121] ---
CRITICIZE
- HEAVILY *  [122]

--- CELEBRATE  [181] ---
CELEBRATE
- * FEAST IN ^ +  [045]

--- BREAK [1717] ---
BREAK {BROKE BROKEN}
"""


@pytest.fixture(scope="module")
def coder(tmp_path_factory) -> Coder:
    path: Path = tmp_path_factory.mktemp("petr") / "linear.verbs.txt"
    path.write_text(LINEAR)
    table = OpenTable()
    patterns = read_petrarch_verbs(path, table)
    return Coder(PatternSet(patterns, load_cues(patterns_dir() / "cues.yaml")), table, inferences=False,
                 deep_targets=True)


def coded(coder: Coder, text: str) -> set[tuple[str, str, str | None]]:
    doc = load_nlp()(text)
    mentions = []
    for name, actor in NAMES.items():
        for m in re.finditer(r"\b" + name + r"\b", text):
            mentions.append(Mention(m.start(), m.end(), name, actor, head=m.start()))
    mentions.sort(key=lambda m: m.start)
    analysis = Analysis(Article("t", text), doc=doc, mentions=mentions)
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in coder.code(analysis)}


def test_a_linear_dictionary_is_read_in_order_and_a_tree_dictionary_is_not(tmp_path: Path):
    linear = tmp_path / "a.txt"
    linear.write_text(LINEAR)
    pats = read_petrarch_verbs(linear, OpenTable())
    assert all(p.sequence is not None for p in pats)
    clash = [p for p in pats if p.trigger == "clash" and p.code == "904"][0]
    # "&NEGAUX * OVER EFFORTS": the set before the verb, two words after it with gaps allowed
    assert [e.kind for e in clash.sequence.upper] == ["set"] and ("did", "n't") in clash.sequence.upper[0].value
    assert [(e.value, e.adjacent) for e in clash.sequence.lower] == [("over", False), ("efforts", False)]
    # earlier patterns outrank later ones; the bare verb comes last
    ranks = {p.code: p.specificity for p in pats if p.trigger == "allow"}
    assert ranks["027"] > ranks["024"] > ranks["025"] > ranks["112"] > ranks["080"]
    tree = tmp_path / "b.txt"
    tree.write_text("--- SHOO [166] ---\nSHOO\n- * JOURNALISTS (FROM CAPITAL)  [174]\n")
    assert all(p.sequence is None for p in read_petrarch_verbs(tree, OpenTable()))
    assert all(p.sequence is not None for p in read_petrarch_verbs(tree, OpenTable(), ordered=True))


def test_synsets_get_plurals_unless_marked_and_nest():
    sets = pm.read_synsets(["&A", "+ENVOY", "+POLICY", "", "&B_", "+TRUCE", "", "&C", "+&A", "+RED_CROSS", ""])
    assert {("envoy",), ("envoys",), ("policy",), ("policies",)} <= set(sets["&A"])
    assert sets["&B"] == (("truce",),)
    assert ("envoys",) in sets["&C"] and ("red", "cross") in sets["&C"] and ("red", "crosses") in sets["&C"]


def test_verb_forms_are_petrarchs():
    assert pm.verb_forms("DEPART")[2] == {"depart", "departs", "departed", "departing"}
    # PETRARCH drops a final E before -ING ("freing"): its forms, not English's
    assert pm.verb_forms("FREE")[2] == {"free", "frees", "freed", "freing"}
    verb, particle, forms = pm.verb_forms("+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN}")
    assert (verb, particle) == ("break", "down") and forms == {"break", "breaks", "broke"}


def test_underscore_needs_the_next_word_a_blank_allows_gaps(coder):
    assert coded(coder, "Iran allowed that Russia is a really pleasant place.") == {("IRN", "024", "RUS")}
    # "REALLY_PLEASANT" fails on "really quiet and pleasant": the verb's own code
    assert coded(coder, "Iran allowed that Russia is a really quiet and pleasant place.") == {("IRN", "080", "RUS")}
    assert coded(coder, "Iran recently allowed that Russia is a quiet place.") == {("IRN", "025", "RUS")}
    # "RECENTLY_*": "recently did allow" has a word between
    assert coded(coder, "Iran recently did allow that Russia is a quiet place.") == {("IRN", "080", "RUS")}


def test_words_match_as_written_and_in_order(coder):
    # "EFFORT" is not "efforts": PETRARCH matches words, not lemmas
    assert coded(coder, "Iran abandoned efforts to reach Russia.") == {("IRN", "345", "RUS")}
    assert coded(coder, "Iran abandoned new military relations with Russia.") == {("IRN", "903", "RUS")}
    # "NEW_&TIES_RELATIONS": one word too many between them
    assert coded(coder, "Iran abandoned new global economic relations with Russia.") == {("IRN", "345", "RUS")}


def test_the_first_matching_pattern_wins_and_sets_match_phrases_before_the_verb(coder):
    assert coded(coder, "Iran didn't clash over the efforts of Russia.") == {("IRN", "904", "RUS")}
    assert coded(coder, "Iran will not clash over the efforts of Russia.") == {("IRN", "904", "RUS")}
    assert coded(coder, "Iran clashed over the efforts of Russia.") == {("IRN", "121", "RUS")}


def test_slots_name_the_noun_phrases_of_source_and_target(coder):
    # "+ * FROM $": the one freed from is the source
    assert coded(coder, "Ukraine was freed from Russia after the war.") == {("RUS", "066", "UKR")}
    # "^" skips a noun phrase: the place is skipped, the next phrase is the target
    assert coded(coder, "Iran celebrated a feast in Ankara with Turkey.") == {("IRN", "045", "TUR")}


def test_a_passive_without_by_reads_left_to_right(coder):
    assert coded(coder, "Greece was heavily criticized over its dispute with Turkey.") == {("GRC", "122", "TUR")}


def test_unknown_verb_forms_and_verbs_inside_a_coded_phrase_are_not_coded(coder):
    # PETRARCH knows "broke" and "broken" from the dictionary, not "breaks"
    assert coded(coder, "Iran broke relations with Russia.") == {("IRN", "1717", "RUS")}
    assert coded(coder, "Iran breaks relations with Russia.") == set()
    # the clause inside an allowed phrase is not coded again ("abandoned" is inside "allowed ...")
    assert coded(coder, "Iran allowed that Russia abandoned its efforts with Turkey.") == {("IRN", "080", "RUS")}
