"""The event coder on sentences written for these tests, and on the seed page end to end.

Most tests give the coder mentions built from a small name list (the actor stage's job), so they
exercise the coder's reading of the parse alone; the seed test runs the whole pipeline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import need_shared

from newswire.coding import Coder, CodeTable, TableError, code_events, default_patterns, default_table
from newswire.coding.patterns import PatternSet, load_cues, load_pattern_file, patterns_dir
from newswire.model import Actor, Analysis, Article, DateMention, Mention
from newswire.nlp.parser import load_nlp

RUS = Actor("Russia", "RUS", "RUS")
POL = Actor("Poland", "POL", "POL")
DEU = Actor("Germany", "DEU", "DEU")
SWE = Actor("Sweden", "SWE", "SWE")
EU = Actor("European Union", "IGOEUREEC", igo="EU")
BORRELL = Actor("Josep Borrell", "IGOEUREEC", igo="EU")
IRN = Actor("Iran", "IRN", "IRN")
USA = Actor("United States", "USA", "USA")
CHN = Actor("China", "CHN", "CHN")
UKR = Actor("Ukraine", "UKR", "UKR")
ISR = Actor("Israel", "ISR", "ISR")
HAMAS = Actor("Hamas", "PSEREB", "PSE", sector="REB")
RUSCOP = Actor("Russian police", "RUSCOP", "RUS", sector="COP")
FRA = Actor("France", "FRA", "FRA")

NAMES = {
    "Russia": RUS, "Moscow": RUS, "Poland": POL, "Polish": POL, "Germany": DEU, "Sweden": SWE,
    "European Union": EU, "EU": EU, "Josep Borrell": BORRELL, "Borrell": BORRELL, "Iran": IRN,
    "Tehran": IRN, "United States": USA, "Washington": USA, "China": CHN, "Beijing": CHN, "Ukraine": UKR,
    "Kyiv": UKR, "France": FRA, "Israel": ISR, "Hamas": HAMAS, "Russian police": RUSCOP,
}


def analysis_of(text: str, published: str = "2021-02-07", dates: list[DateMention] | None = None) -> Analysis:
    """An Analysis of text with mentions for NAMES (longest first) and "he/his" resolved to Borrell."""
    doc = load_nlp()(text)
    mentions: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if taken.isdisjoint(range(m.start(), m.end())):
                taken.update(range(m.start(), m.end()))
                mentions.append(Mention(m.start(), m.end(), name, NAMES[name], head=m.start()))
    for m in re.finditer(r"\b(he|He|his|His)\b", text):
        mentions.append(Mention(m.start(), m.end(), m.group(), BORRELL, kind="pronoun", head=m.start(),
                                antecedent=0))
    mentions.sort(key=lambda m: m.start)
    analysis = Analysis(Article("test", text, published=published), doc=doc, mentions=mentions, dates=dates or [])
    code_events(analysis)
    return analysis


def triples(text: str, **kw) -> set[tuple[str, str, str | None, str]]:
    """(source code, CAMEO code, target code, status) of every event coded in text."""
    return {(e.source.code, e.cameo, e.target.code if e.target else None, e.status)
            for e in analysis_of(text, **kw).events}


# ---- tables and pattern files ----------------------------------------------------------------


def test_code_table_facts_and_plover_inheritance():
    t = default_table()
    assert t.info("1312").plover == "THREATEN" and t.info("1312").mode == "restrict"
    assert t.info("173").quad_class == 4 and t.info("173").goldstein == -5.0
    assert t.info("163").plover == "COERCE"  # the 2021 table moves embargoes and sanctions to COERCE
    assert t.info("0233").plover == "REQUEST"  # newswire's 02 row: PLOVER drops appeals
    assert t.info("012").plover is None  # statements stay unmapped, so never emitted
    with pytest.raises(KeyError):
        t.info("999")


def test_bundled_patterns_load_and_every_code_is_emittable():
    ps = default_patterns()
    assert len(ps) > 150
    t = default_table()
    assert all(p.code is None or t.info(p.code).plover for p in ps.patterns)
    assert "hold" in ps.cues.light_verbs and "say" in ps.cues.report_verbs


@pytest.mark.parametrize("entry,needle", [
    ('- {verb: expel, code: "999"}', "unknown CAMEO code '999'"),
    ('- {verb: expel}', "missing 'code'"),
    ('- {verb: expel, noun: expulsion, code: "166"}', "exactly one of 'verb' or 'noun'"),
    ('- {verb: expel, code: "166", colour: red}', "unknown field"),
    ('- {verb: expel, code: "166", threat: "173"}', "THREATEN code"),
    ('- {verb: say, code: "010"}', "no PLOVER type"),
    ('- {verb: expel, code: "166", target: maybe}', "'target' must be one of"),
    ("- [unclosed", "not valid YAML"),
])
def test_bad_pattern_file_is_refused_with_a_clear_reason(tmp_path: Path, entry: str, needle: str):
    f = tmp_path / "mine.yaml"
    f.write_text(entry + "\n")
    with pytest.raises(TableError, match=re.escape(needle)):
        load_pattern_file(f)


def test_a_promise_table_row_that_is_no_intent_is_refused(tmp_path: Path):
    f = tmp_path / "promises.tsv"
    f.write_text("prefix\tpromise\twhy\n063\t173\tnot an intent\n")
    with pytest.raises(TableError, match=re.escape("need a CAMEO prefix and a 03x promise code")):
        CodeTable(promises_path=f)
    assert default_table().promise("0631") == "0313"  # the longest prefix's row: judicial cooperation


def test_bad_cue_file_is_refused(tmp_path: Path):
    f = tmp_path / "cues.yaml"
    f.write_text("light_verbs: [hold]\nmystery: [x]\n")
    with pytest.raises(TableError, match="unknown cue list"):
        load_cues(f)


def test_a_users_pattern_file_codes_with_its_own_code(tmp_path: Path):
    f = tmp_path / "mine.yaml"
    f.write_text('- {verb: snub, code: "125"}\n')
    coder = Coder(PatternSet(load_pattern_file(f), load_cues(patterns_dir() / "cues.yaml")), default_table())
    a = analysis_of("Iran snubbed the United States.")
    events = coder.code(a)
    assert [(e.source, e.cameo, e.target, e.plover) for e in events] == [(IRN, "125", USA, "REJECT")]


# ---- who did what to whom --------------------------------------------------------------------


def test_coordinated_targets_from_a_prepositional_phrase_are_separate_events():
    got = triples("Moscow expelled diplomats from Poland, Germany and Sweden on Friday.")
    assert got == {("RUS", "161", "POL", "occurred"), ("RUS", "161", "DEU", "occurred"),
                   ("RUS", "161", "SWE", "occurred")}


def test_coordinated_sources_each_act():
    got = triples("Germany and Poland condemned Russia.")
    assert got == {("DEU", "111", "RUS", "occurred"), ("POL", "111", "RUS", "occurred")}


def test_passive_voice_swaps_source_and_target():
    assert triples("Ukraine was attacked by Russia.") == {("RUS", "190", "UKR", "occurred")}
    assert triples("Polish diplomats were expelled by Russia last week.") == {("RUS", "161", "POL", "occurred")}


def test_passive_without_agent_has_no_source_and_no_event():
    assert triples("Diplomats from Poland were expelled on Friday.") == set()


def test_nominal_event_with_possessor_and_of_phrase():
    assert triples("Russia's expulsion of three Polish diplomats angered Warsaw.") == {
        ("RUS", "161", "POL", "occurred")}


def test_nominal_event_without_a_doer_is_not_coded():
    assert triples("The shock expulsion of three EU diplomats overshadowed the trip.") == set()


def test_light_verbs_give_the_noun_event_its_source():
    assert triples("Iran held talks with China in Beijing.") == {("IRN", "040", "CHN", "occurred")}
    assert triples("The EU imposed sanctions on Russia.") == {("IGOEUREEC", "163", "RUS", "occurred")}


def test_light_verb_talks_between_coordinated_parties_are_reciprocal():
    assert triples("Russia and China held talks on Monday.") == {
        ("RUS", "040", "CHN", "occurred"), ("CHN", "040", "RUS", "occurred")}


def test_relative_and_participial_clauses():
    assert triples("Poland condemned Russia, which attacked Ukraine.") == {
        ("POL", "111", "RUS", "occurred"), ("RUS", "190", "UKR", "occurred")}
    assert triples("Diplomats expelled by Russia from Poland left on Sunday.") == {
        ("RUS", "166", "POL", "occurred")} or triples(
        "Diplomats expelled by Russia from Poland left on Sunday.") == {("RUS", "161", "POL", "occurred")}


def test_object_control_verb_and_to_clause_subject():
    got = triples("The United States urged Russia to withdraw its troops from Ukraine.")
    assert got == {("USA", "020", "RUS", "occurred")}  # the appeal; the withdrawal did not happen
    assert triples("Russia refused to meet Ukraine.") == {("RUS", "125", "UKR", "occurred")}


def test_condemning_an_event_codes_the_event_and_the_condemnation():
    got = triples("Germany condemned the attack on Ukraine by Russia.")
    assert got == {("DEU", "111", "RUS", "occurred"), ("RUS", "190", "UKR", "occurred")}


def test_accusations_and_visits():
    assert triples("Ukraine accused Russia of shelling civilians.") == {("UKR", "112", "RUS", "occurred")}
    assert triples("Borrell visited Moscow.") == {("IGOEUREEC", "042", "RUS", "occurred")}
    assert triples("Borrell arrived in Moscow for his two-day visit to Russia.") >= {
        ("IGOEUREEC", "042", "RUS", "occurred")}


# ---- status: negated, planned, possible, threats ---------------------------------------------


def test_negation():
    assert triples("Russia did not attack Ukraine.") == {("RUS", "190", "UKR", "negated")}
    assert triples("Israel has not announced sanctions against Iran.") == {("ISR", "163", "IRN", "negated")}


def test_planned_and_possible():
    # a meeting its party plans is an intent to meet (036; PLOVER: "references to future meetings ... AGREE")
    assert triples("China plans to visit Iran.") == {("CHN", "036", "IRN", "planned")}
    assert triples("Borrell will meet Iran's foreign minister in Brussels.") == {
        ("IGOEUREEC", "036", "IRN", "planned")}
    # one that may happen is no one's promise
    assert triples("Russia may meet Iran next week.") == {("RUS", "040", "IRN", "possible")}


def test_possible_sanctions_are_a_threat_that_occurred():
    assert triples("The EU could impose sanctions on Russia.") == {("IGOEUREEC", "1312", "RUS", "occurred")}
    got = triples("Russia threatened to impose sanctions on Ukraine.")
    assert got == {("RUS", "1312", "UKR", "occurred")}


def test_threat_of_sanctions_takes_the_speaker_and_the_one_other_state():
    got = triples("Borrell said Russia was rejecting dialogue with the EU and that the bloc must respond, "
                  "including the possibility of new sanctions.")
    assert ("RUS", "125", "IGOEUREEC", "occurred") in got  # inner event keeps its own actors
    assert ("IGOEUREEC", "1312", "RUS", "occurred") in got
    assert ("IGOEUREEC", "111", "RUS", "occurred") in got  # saying Russia rejects dialogue criticises it


def test_reported_speech_keeps_the_inner_source():
    got = triples("Borrell said Russia rejected dialogue.")
    assert ("RUS", "125", None, "occurred") in got
    assert not any(s == "IGOEUREEC" and c.startswith("12") for s, c, _, _ in got)


def test_reported_speech_keeps_the_inner_status():
    assert triples("Borrell said Russia will not attack Ukraine.") == {("RUS", "190", "UKR", "negated")}


# ---- nothing when unsure ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The situation was discussed at length.",  # no actor
    "Officials said the talks went well.",  # talks without a doer
    "Russia took a negative turn.",  # no trigger
    "Russia issued a statement about Poland.",  # a statement is no PLOVER type
    "Russia attacked.",  # a dyadic event without a target
    "Borrell will debrief his trip to ministers.",  # debriefing is not coded, the trip is not planned
    "Moscow expelled diplomats.",  # whose diplomats? no target
])
def test_ambiguous_or_uncodable_sentences_yield_nothing(text: str):
    assert triples(text) == set()


# ---- the event record ------------------------------------------------------------------------


def test_event_fields_follow_the_contract():
    body = "Tensions rose.\n\nRussia has expelled diplomats from Poland in Moscow. Nothing else happened."
    a = analysis_of(body, published="2021-02-07T10:00:00Z")
    (ev,) = a.events
    assert body[ev.start:ev.end] == ev.sentence == "Russia has expelled diplomats from Poland in Moscow."
    assert (ev.plover, ev.mode, ev.quad_class, ev.goldstein) == ("SANCTION", "withdraw", 4, -4.0)
    assert ev.trigger == "expelled" and 0 < ev.confidence <= 1
    assert ev.date == "2021-02-07"  # present perfect: news of the day
    assert ev.location is None  # Moscow is Russia, a party to the event
    d = ev.to_dict()
    assert d["source"]["code"] == "RUS" and d["target"]["code"] == "POL" and d["cameo"] == "161"


def test_date_comes_from_the_sentence_and_a_bare_past_stays_undated():
    text = "Russia expelled diplomats from Poland on February 5. Russia expelled diplomats from Sweden."
    dm = DateMention("February 5", "2021-02-05", text.index("February"), text.index("February") + 10)
    a = analysis_of(text, dates=[dm])
    by_target = {e.target.code: e.date for e in a.events}
    assert by_target == {"POL": "2021-02-05", "SWE": None}


def test_location_is_a_place_that_is_not_a_party():
    a = analysis_of("Iran held talks with China in Vienna.")
    assert [e.location.name if e.location else None for e in a.events] == ["Vienna"]


def test_evidence_stays_inside_its_paragraph():
    body = 'Deepening division\n\nMoscow expelled diplomats from Poland.'
    (ev,) = analysis_of(body).events
    assert ev.sentence == "Moscow expelled diplomats from Poland." == body[ev.start:ev.end]


def test_backing_a_dialogue_is_not_backing_its_party():
    assert triples("France and Germany backed dialogue with Russia.") == set()
    assert triples("France backed Ukraine.") == {("FRA", "051", "UKR", "occurred")}


def test_one_event_per_source_type_target_in_a_sentence():
    a = analysis_of("Russia attacked Ukraine and then attacked Ukraine again.")
    assert [(e.source.code, e.plover, e.target.code) for e in a.events] == [("RUS", "ASSAULT", "UKR")]


def test_article_without_parse_gets_no_events():
    a = Analysis(Article("t", "Russia attacked Ukraine."))
    code_events(a)
    assert a.events == []


# ---- the founding example, end to end ---------------------------------------------------------


def test_seed_page_events(seed_path: Path):
    import newswire

    (a,) = list(newswire.analyze([str(seed_path)]))
    evs = [(e.source.country or e.source.igo, e.cameo, e.plover,
            (e.target.country or e.target.igo) if e.target else None, e.date, e) for e in a.events]

    def has(src, prefixes, plovers, tgt):
        return [e for s, c, p, t, _, e in evs if s == src and t == tgt and c.startswith(prefixes) and p in plovers]

    for country in ("POL", "DEU", "SWE"):
        hits = has("RUS", ("161", "166", "174"), ("SANCTION", "COERCE"), country)
        assert hits, f"RUS expels {country} diplomats: missing in {evs}"
        assert all(e.date in ("2021-02-05", None) for e in hits)
        assert "expelled diplomats from Poland, Germany and Sweden" in hits[0].sentence
    assert has("EU", ("13",), ("THREATEN",), "RUS")
    assert has("EU", ("11", "01"), ("ACCUSE",), "RUS")
    assert has("EU", ("04",), ("CONSULT",), "RUS")
    for s, _c, _p, t, _, e in evs:  # nothing else: no event the page does not state
        assert (s, t) in {("RUS", "POL"), ("RUS", "DEU"), ("RUS", "SWE"), ("EU", "RUS"), ("RUS", "EU"),
                          ("EU", None), ("RUS", None)}, f"unexpected event {e}"
        assert e.sentence == a.article.body[e.start:e.end]


# ---- PETRARCH verb dictionaries --------------------------------------------------------------

PETRARCH_DICT = """\
&ENVOY
+DIPLOMAT
+AMBASSADOR

####### VERB PATTERNS #######

---  SHOO   [166]  ---
SHOO {SHOOS SHOOED}
+SEND_AWAY
- * &ENVOY                                          [161]         # SHOO
- * JOURNALISTS (FROM CAPITAL)                      [174]         # SHOO
- * RULER                                           [---]         # SHOO
- * MYSTERY                                         [999]         # not a CAMEO code
"""


def test_petrarch_verb_dictionary_reads_into_patterns_and_codes(tmp_path: Path):
    from newswire.coding import read_petrarch_verbs

    f = tmp_path / "verbs.txt"
    f.write_text(PETRARCH_DICT)
    ps = read_petrarch_verbs(f)
    shoo = {(p.particle, p.code, p.object, p.prep) for p in ps if p.trigger in ("shoo", "send")}
    assert (None, "166", (), None) in shoo and ("away", "166", (), None) in shoo
    assert (None, "161", (("diplomat",), ("ambassador",)), None) in shoo
    assert (None, "174", (("journalists",),), "from") in shoo
    assert (None, None, (("ruler",),), None) in shoo  # [---]: matched, never coded
    assert not any(p.code == "999" for p in ps)  # unusable code skipped
    with pytest.raises(TableError, match="verbs.txt:13: unusable CAMEO code"):
        read_petrarch_verbs(f, strict=True)
    coder = Coder(PatternSet(ps, load_cues(patterns_dir() / "cues.yaml")), default_table())
    a = analysis_of("Russia shooed the Polish ambassador.")
    assert [(e.source.code, e.cameo, e.target.code) for e in coder.code(a)] == [("RUS", "161", "POL")]


def test_petrarch_cameo_dictionary_loads():
    from newswire.coding import read_petrarch_verbs

    ps = read_petrarch_verbs(need_shared("petrarch", "CAMEO.2.0.txt"))
    assert len(ps) > 10000
    assert any(p.trigger == "expel" and p.code == "161" and ("diplomat",) in p.object for p in ps)


# ---- recall without losing precision ---------------------------------------------


def test_ready_or_willing_to_passes_the_subject_down_and_is_planned():
    assert triples("France is ready to send aid to Ukraine.") == {("FRA", "070", "UKR", "planned")}
    assert triples("France is not willing to send aid to Ukraine.") == {("FRA", "070", "UKR", "negated")}


def test_demand_that_targets_the_subject_of_the_demanded_clause():
    assert triples("The United States demanded that Iran halt its enrichment programme.") == {
        ("USA", "100", "IRN", "occurred")}


def test_a_reported_obligation_is_a_demand_unless_inferences_are_off():
    text = "Washington said on Tuesday that Tehran must release the sailors."
    assert triples(text) == {("USA", "100", "IRN", "occurred")}
    coder = Coder(default_patterns(), default_table(), inferences=False)
    assert coder.code(analysis_of(text)) == []


def test_relational_nouns_are_not_their_possessor():
    assert triples("Russia's neighbours condemned Ukraine.") == set()
    assert triples("Russia's envoy condemned Ukraine.") == {("RUS", "111", "UKR", "occurred")}


def test_a_subject_takes_its_actor_from_an_of_phrase():
    assert triples("The president of France visited Kyiv on Monday.") == {("FRA", "042", "UKR", "occurred")}


def test_signing_is_reciprocal_between_coordinated_parties():
    assert triples("Israel and France signed a treaty.") == {("ISR", "057", "FRA", "occurred"),
                                                            ("FRA", "057", "ISR", "occurred")}


def test_a_bare_strike_is_not_an_attack_but_a_missile_strike_is():
    assert triples("Russia launched a strike against Ukraine.") == set()
    assert triples("Russia launched a missile strike against Ukraine.") == {("RUS", "190", "UKR", "occurred")}


def test_ties_with_a_country_give_the_target():
    assert triples("Iran restored diplomatic ties with Israel.") == {("IRN", "054", "ISR", "occurred")}


def test_open_table_accepts_foreign_codes_and_keeps_known_facts():
    from newswire.coding import OpenTable

    t = OpenTable()
    assert "903" in t and "x1" not in t and "99999" not in t
    assert t.info("903").plover == "CAMEO" and t.info("903").goldstein == 0.0
    assert t.info("1312").plover == "THREATEN"  # a code the table knows keeps its PLOVER type
    assert t.info("012").plover == "CAMEO"  # statements: coded as CAMEO only, never as a PLOVER type


def test_coordinated_pledgers_are_not_each_others_target():
    assert triples("China and Russia pledged funds for the reconstruction.") == set()
    assert triples("Israel and Hamas agreed to a ceasefire.") == {("ISR", "030", "PSEREB", "occurred"),
                                                                 ("PSEREB", "030", "ISR", "occurred")}


# ---- precision on real news -------------------------------------------------------

PEOPLE = {"Biden": Actor("Joe Biden", "USA", "USA"), "Trump": Actor("Donald Trump", "USAGOV", "USA", sector="GOV")}


def people_triples(text: str) -> set[tuple[str, str, str | None]]:
    """Like triples, with "Biden" and "Trump" as person mentions (the actor stage marks people)."""
    doc = load_nlp()(text)
    mentions = [Mention(m.start(), m.end(), m.group(), PEOPLE[m.group()], person=PEOPLE[m.group()].name,
                        head=m.start()) for m in re.finditer(r"\b(Biden|Trump)\b", text)]
    for name in ("Russia", "Ukraine", "Iran", "China"):
        mentions += [Mention(m.start(), m.end(), name, NAMES[name], head=m.start())
                     for m in re.finditer(name, text)]
    mentions.sort(key=lambda m: m.start)
    a = Analysis(Article("test", text), doc=doc, mentions=mentions)
    code_events(a)
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in a.events}


def test_an_attack_between_people_without_weapons_is_criticism():
    assert people_triples("Biden attacked Trump for the tweet.") == {("USA", "111", "USAGOV")}
    assert people_triples("Trump attacked Biden's record on trade.") == {("USAGOV", "111", "USA")}
    assert people_triples("Trump hit out at Biden on Monday.") == {("USAGOV", "111", "USA")}
    # a state, or a weapon in sight, keeps the attack physical
    assert people_triples("Russia attacked Ukraine on Monday.") == {("RUS", "190", "UKR")}
    assert people_triples("A man attacked Trump with a knife.") == set()  # no source actor: nothing
    assert people_triples("Russia attacked Trump's convoy with missiles.") == {("RUS", "190", "USAGOV")}


def test_the_topic_of_a_discussion_is_not_its_target():
    assert triples("Ministers from France gathered in Paris to discuss Russia and Ukraine.") == set()
    assert triples("France discussed the crisis with Germany.") == {("FRA", "040", "DEU", "occurred")}


def test_questions_and_declining_to_comment_are_no_events():
    assert people_triples("Biden asked why Trump had not acted.") == set()
    assert people_triples("Biden asked Trump to release the video.") == {("USA", "020", "USAGOV")}
    assert triples("Russia declined to comment on the report.") == set()


def test_a_politicians_rally_is_no_protest():
    assert people_triples("Trump held a campaign rally in Tulsa.") == set()
    assert people_triples("Trump held his first indoor rally in Nevada.") == set()


def test_saying_that_someone_does_not_support_things_criticises_no_one():
    assert people_triples("Trump argued Biden lost votes by saying he did not support those things.") == set()


def test_a_relative_clause_is_not_what_the_speaker_reports():
    got = people_triples("Trump said he banned travel from China, which Biden opposed.")
    assert not any(c == "111" for _, c, _ in got)


def test_new_generalising_patterns():
    assert triples("France closed its borders with Germany on Friday.") == {("FRA", "191", "DEU", "occurred")}
    assert triples("Iran cancelled a planned visit to China.") == {("IRN", "160", "CHN", "occurred")}
    assert triples("Israel lifted the blockade on Hamas.") == {("ISR", "0872", "PSEREB", "occurred")}
    assert triples("The United States ended aid to Ukraine.") == {("USA", "162", "UKR", "occurred")}


PETRARCH_MORE = """\
&NEGAUX
+DID N'T
+WILL NOT

---  QUARREL   [111]  ---
QUARREL
- &NEGAUX * [051]
- HEAVILY * [112]

---  MEET   [040:042]  ---
MEET

---  MET   [043:044]  ---
MET

---  POSTPONE   [120]  ---
POSTPONE
- % HAVE * [191]
"""


def test_petrarch_words_before_the_verb_code_pairs_and_compounds(tmp_path: Path):
    from newswire.coding import OpenTable, read_petrarch_verbs

    f = tmp_path / "verbs.txt"
    f.write_text(PETRARCH_MORE)
    table = OpenTable()
    coder = Coder(PatternSet(read_petrarch_verbs(f, table), load_cues(patterns_dir() / "cues.yaml")), table,
                  inferences=False)

    def coded(text):
        return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in coder.code(analysis_of(text))}

    assert coded("Iran quarreled with China.") == {("IRN", "111", "CHN")}
    assert coded("Iran didn't quarrel with China.") == {("IRN", "051", "CHN")}  # the words before the verb
    assert coded("Iran heavily quarreled with China.") == {("IRN", "112", "CHN")}
    # a code pair adds the answering event; an inflected form's own block wins over its lemma's
    assert coded("Iran will meet China.") == {("IRN", "040", "CHN"), ("CHN", "042", "IRN")}
    assert coded("Iran met China.") == {("IRN", "043", "CHN"), ("CHN", "044", "IRN")}
    # '%': coordinated subjects act on each other
    assert coded("Iran and China have postponed their meeting.") == {("IRN", "191", "CHN"), ("CHN", "191", "IRN")}


def test_discussing_ties_with_a_country_is_no_meeting_with_it():
    assert triples("EU leaders will discuss their strained ties with Moscow in March.") == set()


# ---- refusals, threats had, purposes, offers, slots ------------------------------


def test_refusing_a_private_act_rejects_no_one_but_refusing_to_act_on_a_state_does():
    assert triples("During a trip to Germany, Borrell refused to visit a cemetery.") == set()
    assert ("POL", "120", "UKR", "occurred") in triples("Poland has refused to deploy peacekeepers in Ukraine.")
    assert ("RUS", "125", "UKR", "occurred") in triples("Russia refused to meet Ukraine.")


def test_having_a_threat_over_you_is_not_threatening():
    assert not any(c == "130" for _, c, _, _ in triples("Russian police have a threat of ten years in jail."))
    assert ("RUS", "130", "UKR", "occurred") in triples("Russia made a threat to Ukraine.")


def test_who_is_paid_to_kill_does_the_killing():
    got = triples("Iran was paying bounties to Hamas to kill Israeli soldiers in Israel.")
    assert not any(s == "IRN" and c.startswith("19") for s, c, _, _ in got)  # the payer is no attacker
    assert ("PSEREB", "190", "ISR", "planned") in triples("Iran paid Hamas to attack Israel.")


def test_an_offer_of_nothing_in_particular_is_no_event():
    assert triples("They believe Poland can offer the European Union so much in input and suggestions.") == set()
    assert ("IRN", "030", "CHN", "occurred") in triples("Iran offered to hand over the tanker to China.")


def test_violence_verbs_code_assaults():
    assert ("PSEREB", "190", "ISR", "occurred") in triples("Hamas gunmen wounded two soldiers from Israel.")
    assert ("RUSCOP", "182", "UKR", "occurred") in triples("Russian police beat up protesters from Ukraine.")


PETRARCH_SLOTS = """
&NEGX
+DID N'T

--- FREE  [081]  ---
FREE
- + * FROM $  [066]

--- CELEBRATE  [041]  ---
CELEBRATE
- * EID AT ^ WITH +  [043]
- % * [030:030]
"""


def test_petrarch_slots_and_compound_subjects(tmp_path: Path):
    from newswire.coding import OpenTable, read_petrarch_verbs

    f = tmp_path / "verbs.txt"
    f.write_text(PETRARCH_SLOTS)
    table = OpenTable()
    patterns = read_petrarch_verbs(f, table)
    assert {(p.source_slot, p.target_slot) for p in patterns if p.code == "066"} == {("from", "subject")}
    coder = Coder(PatternSet(patterns, load_cues(patterns_dir() / "cues.yaml")), table, inferences=False)

    def coded(text):
        return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in coder.code(analysis_of(text))}

    # "+ * FROM $": the one freed from is the source, the freed the target
    assert ("RUS", "066", "UKR") in coded("Ukraine was freed from Russia after the war.")
    # "WITH +": the target is the "with" phrase, not the place after "at"
    assert coded("Iran celebrated Eid at Beijing with Russia.") == {("IRN", "043", "RUS")}
    # "% *" needs a compound subject, whose members act on each other
    assert coded("Iran and Russia celebrated.") == {("IRN", "030", "RUS"), ("RUS", "030", "IRN")}
    assert coded("Iran celebrated.") == {("IRN", "041", None)}  # the block default, not "%"


def test_a_name_for_several_actors_yields_each():
    doc = load_nlp()("Poland and Germany expelled diplomats from Russia.")
    text = doc.text
    a1, a2 = Actor("Shire A", "FRO"), Actor("Shire B", "BIL")
    mentions = [Mention(0, 6, "Poland", a1, head=0), Mention(0, 6, "Poland", a2, head=0),
                Mention(text.index("Russia"), text.index("Russia") + 6, "Russia", RUS, head=text.index("Russia"))]
    analysis = Analysis(Article("t", text), doc=doc, mentions=mentions)
    code_events(analysis)
    assert {(e.source.code, e.target.code) for e in analysis.events} >= {("FRO", "RUS"), ("BIL", "RUS")}


def test_no_event_between_two_names_of_one_actor() -> None:
    import newswire

    # two people with one code (UKRGOV): the meeting is inside one actor, not between two
    body = "Ukrainian President Volodymyr Zelensky met Prime Minister Denys Shmyhal in Kyiv on Tuesday."
    analysis = newswire.analyze_text(body, published="2023-05-10")
    assert {m.actor.code for m in analysis.mentions if m.kind == "name"} == {"UKRGOV"}
    assert all(e.target is None or e.target.code != e.source.code for e in analysis.events)


def test_an_apposed_name_gives_the_head_noun_its_actor():
    # the subject's head is "envoy"; only the apposed name is a mention
    got = triples("The bloc's chief envoy Josep Borrell rejected Iran's proposal for talks.")
    assert ("IGOEUREEC", "125", "IRN", "occurred") in got


def test_rejecting_a_call_needs_no_named_asker():
    got = triples("Poland on Tuesday rejected a call for its troops to be deployed in the east.")
    assert ("POL", "1232", None, "occurred") in got
    assert triples("Poland on Tuesday answered a call for its troops to be deployed in the east.") == set()


def test_condemning_a_deed_targets_its_doer_not_its_victim() -> None:
    import newswire

    analysis = newswire.analyze_text("Iraq condemned the violation of its sovereignty by Iran.", published="2020-01-08")
    assert [(e.source.code, e.target.code if e.target else None) for e in analysis.events] == [("IRQ", "IRN")]
    # the victim named in the "of" phrase is never the target
    analysis = newswire.analyze_text("Baghdad condemned the violation of Iraq's sovereignty by both sides.",
                                     published="2020-01-08")
    assert all(e.target is None or e.target.country != "IRQ" for e in analysis.events)


def test_announced_expulsion_of_diplomats_threatens_relations() -> None:
    import newswire

    analysis = newswire.analyze_text("France said it would expel 35 Russian diplomats.", published="2022-04-04")
    assert [(e.source.code, e.cameo, e.plover) for e in analysis.events] == [("FRA", "1313", "THREATEN")]


def test_event_location_has_country_and_coordinates() -> None:
    import newswire

    analysis = newswire.analyze_text("Police arrested dozens of protesters in Tbilisi on Thursday, Georgian "
                                     "officials said.", published="2023-03-09")
    located = [e.location for e in analysis.events if e.location is not None]
    assert located, [e.to_dict() for e in analysis.events]
    place = located[0]
    assert (place.name, place.country) == ("Tbilisi", "GEO")
    assert place.lat is not None and 41 < place.lat < 42.5 and 44 < place.lon < 45.5
