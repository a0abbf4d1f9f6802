"""The event database: schema and migrations, stories of near-duplicates, GDELT-style event merging, queries."""

from __future__ import annotations

import duckdb
import pytest

from newswire.model import Actor, Analysis, Article, Entity, Event, InputError, Location, Quote, Rejected
from newswire.nlp.tone import article_tone
from newswire.store import Store, StoreError, browse, prepare, queries
from newswire.store.schema import LATEST, MIGRATIONS

RUS = Actor("Russia", "RUSGOV", country="RUS", sector="GOV")
EU = Actor("European Union", "IGOEUREEC", igo="EU")
DEU = Actor("Germany", "DEUGOV", country="DEU", sector="GOV")

BODY = (
    "BRUSSELS — The European Union's foreign policy chief on Tuesday condemned Russia's decision to expel "
    "three diplomats from Germany, Sweden and Poland, calling the move unjustified and a further step away "
    "from the rule of law.\n\n"
    "Josep Borrell, who was visiting Moscow when the expulsions were announced, said he had learned of "
    "them from social media while meeting Foreign Minister Sergey Lavrov. \"I strongly condemn this "
    "decision,\" he said at a news conference.\n\n"
    "Germany's foreign ministry summoned the Russian ambassador in Berlin and warned that it would respond "
    "in kind if Moscow did not reverse the expulsion of its diplomat, who had attended a protest rally."
)


def event(source: Actor, target: Actor | None, cameo: str, plover: str, quad: int, goldstein: float,
          sentence: str, body: str = BODY, date: str | None = "2021-02-05", trigger: str = "") -> Event:
    start = body.index(sentence)
    return Event(source=source, target=target, cameo=cameo, plover=plover, mode=None, quad_class=quad,
                 goldstein=goldstein, status="occurred", date=date,
                 location=Location("Moscow", "RUS", 55.75, 37.62), sentence=sentence, start=start,
                 end=start + len(sentence), trigger=trigger or sentence.split()[1], confidence=0.8)


def analysis(url: str, body: str = BODY, *, published: str = "2021-02-05", source: str | None = None,
             title: str = "EU condemns Russia's expulsion of diplomats", events: list[Event] | None = None,
             ) -> Analysis:
    article = Article(title=title, body=body, url=url, source=source, published=published, origin=url)
    if events is None:
        s1, s3 = BODY.split("\n\n")[0], BODY.split("\n\n")[2]
        events = [event(EU, RUS, "111", "DISAPPROVE", 3, -2.0, s1, body, trigger="condemned"),
                  event(RUS, DEU, "1663", "REDUCE", 4, -4.0, s1, body, trigger="expel"),
                  event(DEU, RUS, "1011", "DEMAND", 3, -5.0, s3, body, trigger="summoned")]
    evs = events
    tone = article_tone(body)  # as the pipeline's tone component scores it
    if "Josep Borrell" not in body:
        return Analysis(article, events=evs, tone=tone)
    i = body.index("Josep Borrell")
    quote_at = body.index("I strongly condemn")
    return Analysis(
        article,
        entities=[Entity("Josep Borrell", "PERSON", i, i + 13, None),
                  Entity("Russia", "GPE", body.index("Russia"), body.index("Russia") + 6, RUS)],
        quotes=[Quote("I strongly condemn this decision,", "Josep Borrell", EU, "direct", quote_at,
                      quote_at + 33)],
        events=evs,
        tone=tone,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def count(store: Store, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_schema_is_versioned_and_migrates_once(tmp_path):
    path = tmp_path / "v.duckdb"
    Store(path).close()
    with Store(path) as s:  # a second open must not re-run migrations
        versions = s.con.execute("SELECT version FROM schema_version").fetchall()
    assert versions == [(number,) for number, _ in MIGRATIONS]  # each once


def test_a_database_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [LATEST + 1])
    con.close()
    with pytest.raises(StoreError, match="schema version"):
        Store(path)


def test_not_a_database_is_one_clear_error(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("this is not a database\n" * 50)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)


def test_record_is_served_back_and_reingest_adds_nothing(store):
    a = analysis("https://example.org/eu-russia")
    first = store.write([prepare(a)])
    assert (first.added, first.events, first.mentions) == (1, 3, 3)
    assert store.record(a.id) == a.to_dict()
    again = store.write([prepare(analysis("https://example.org/eu-russia"))])
    assert (again.added, again.skipped, again.events) == (0, 1, 0)
    assert count(store, "articles") == 1 and count(store, "events") == 3 and count(store, "mentions") == 3
    assert count(store, "entities") == 2 and count(store, "quotes") == 1


def test_wire_copies_on_two_sites_make_one_story_and_no_duplicate_events(store):
    # the same wire story with different page chrome leaking into the extracted body
    copy_a = analysis("https://news-a.example/world/eu-russia", BODY + "\n\nRead more: World news in brief",
                      source="News A")
    copy_b = analysis("https://site-b.example/2021/02/05/borrell", "Advertisement\n\n" + BODY
                      + "\n\nFollow us on social media for the latest updates.", source="Site B",
                      title="EU's Borrell condemns expulsions")
    assert copy_a.id != copy_b.id
    store.write([prepare(copy_a)])
    store.write([prepare(copy_b)])
    assert count(store, "articles") == 2
    assert count(store, "stories") == 1
    rows = store.con.execute(
        "SELECT source_code, target_code, cameo, num_mentions, num_articles, num_sources FROM events "
        "ORDER BY cameo").fetchall()
    assert rows == [("DEUGOV", "RUSGOV", "1011", 2, 2, 2), ("IGOEUREEC", "RUSGOV", "111", 2, 2, 2),
                    ("RUSGOV", "DEUGOV", "1663", 2, 2, 2)]
    assert count(store, "mentions") == 6


def test_exact_copy_at_another_url_is_another_mention(store):
    store.write([prepare(analysis("https://a.example/x", source="A")),
                 prepare(analysis("https://b.example/y", source="B"))])
    assert count(store, "stories") == 1
    assert store.con.execute("SELECT DISTINCT num_sources, num_articles FROM events").fetchall() == [(2, 2)]


def test_unrelated_articles_are_separate_stories_and_events(store):
    other_body = ("Farmers in the north of the country blocked roads with tractors on Monday to protest "
                  "against new fuel taxes, and the agriculture minister promised talks.\n\n"
                  "Police said the demonstrations were peaceful. Talks are planned for next week in the "
                  "capital, where union leaders will meet government negotiators.\n\n"
                  "The protests are the largest since the tax was announced last autumn.")
    s1 = other_body.split("\n\n")[0]
    other = analysis("https://c.example/farmers", other_body, title="Farmers protest fuel taxes",
                     events=[event(DEU, RUS, "1011", "DEMAND", 3, -5.0, s1, other_body)])
    store.write([prepare(analysis("https://a.example/x")), prepare(other)])
    assert count(store, "stories") == 2
    # same actors and CAMEO root but another story: another event
    assert store.con.execute("SELECT count(*) FROM events WHERE source_code='DEUGOV'").fetchone()[0] == 2


def test_same_event_twice_in_one_article_is_two_mentions(store):
    s1, s3 = BODY.split("\n\n")[0], BODY.split("\n\n")[2]
    a = analysis("https://a.example/x", events=[
        event(RUS, DEU, "1663", "REDUCE", 4, -4.0, s1, trigger="expel"),
        event(RUS, DEU, "166", "REDUCE", 4, -4.0, s3, trigger="expulsion"),
        event(RUS, DEU, "1663", "REDUCE", 4, -4.0, s3, date="2021-03-20", trigger="expulsion"),
    ])
    store.write([prepare(a)])
    rows = store.con.execute("SELECT date, num_mentions, num_articles FROM events ORDER BY date").fetchall()
    assert [(str(d), n, na) for d, n, na in rows] == [("2021-02-05", 2, 1), ("2021-03-20", 1, 1)]


def test_failed_batch_is_rolled_back_entirely(store):
    good = prepare(analysis("https://a.example/x"))
    broken = prepare(analysis("https://b.example/other", BODY + "\n\nUpdated at noon."))
    broken.record["entities"] = [{"text": "x"}]  # no label/start: the write fails half-way
    with pytest.raises(KeyError):
        store.write([good, broken])
    assert count(store, "articles") == 0 and count(store, "events") == 0
    assert store.write([good]).added == 1  # caches were reset: nothing is wrongly "known"
    assert count(store, "events") == 3


def test_rejected_inputs_are_logged_once(store):
    rejects = [Rejected("corpus.csv:12", "no text column"), Rejected("empty.txt", "empty input")]
    store.write([], rejects)
    store.write([], rejects[:1])
    assert store.con.execute("SELECT name, reason FROM rejects ORDER BY name").fetchall() == [
        ("corpus.csv:12", "no text column"), ("empty.txt", "empty input")]


def test_tone_is_on_gdelt_scale_and_follows_the_text():
    grim = article_tone("The attack killed dozens and wounded hundreds; survivors described terror, grief "
                        "and chaos as the bombing destroyed homes.")
    glad = article_tone("The leaders welcomed the peace agreement, praised the generous aid and celebrated "
                        "a hopeful new friendship between the two nations.")
    assert -100 <= grim.tone < -10 < 10 < glad.tone <= 100
    assert grim.word_count == 18
    assert article_tone("").tone == 0.0


def test_tone_and_record_fields_are_stored(store):
    a = analysis("https://a.example/x", source="Example Times")
    store.write([prepare(a)])
    tone, source, avg = store.con.execute(
        "SELECT a.tone, a.source, e.avg_tone FROM articles a JOIN events e ON e.first_article = a.key "
        "LIMIT 1").fetchone()
    assert tone == pytest.approx(article_tone(BODY).tone) and avg == pytest.approx(tone)
    assert tone < 0 and source == "Example Times"


@pytest.fixture
def filled(store):
    second_body = ("MOSCOW — Russia's foreign ministry said on Friday it would cooperate with the European "
                   "Union on a new round of talks about energy supplies, after weeks of tension.\n\n"
                   "The ministry said officials from both sides would meet in Geneva next month.")
    s = second_body.split("\n\n")[0]
    second = analysis("https://b.example/talks", second_body, published="2021-03-12",
                      title="Russia agrees to EU energy talks",
                      events=[event(RUS, EU, "036", "CONSULT", 1, 4.0, s, second_body, date="2021-03-12",
                                    trigger="cooperate")])
    store.write([prepare(analysis("https://a.example/x", source="A")), prepare(second)])
    return store


def test_event_filters(filled):
    by = lambda **kw: sorted(r["cameo"] for r in queries.events(filled, **kw))  # noqa: E731
    assert by() == ["036", "1011", "111", "1663"]
    assert by(source="RUS") == ["036", "1663"]
    assert by(target="RUS") == ["1011", "111"]
    assert by(actor="IGOEU") == ["036", "111"]
    assert by(cameo="16") == ["1663"]
    assert by(plover="consult") == ["036"]
    assert by(quad_class=3) == ["1011", "111"]
    assert by(since="2021-03-01") == ["036"]
    assert by(until="2021-03-01") == ["1011", "111", "1663"]
    assert by(text="summoned") == ["1011"]
    assert by(status="planned") == []


def test_search_text_is_matched_literally_not_as_a_pattern(filled):
    """`%` and `_` are LIKE wildcards: unescaped, "%%" would find every row and "Russia_s" "Russia's"."""
    texts = lambda **kw: [r["sentence"] for r in queries.events(filled, **kw)]  # noqa: E731
    assert texts(text="%") == [] and texts(text="Russia_s") == []
    assert len(texts(text="Russia's")) == 3
    assert browse.articles(filled, text="%%") == []
    assert browse.quotes(filled, text="%") == [] and browse.quotes(filled, speaker="Josep_Borrell") == []
    assert len(browse.quotes(filled, speaker="Josep Borrell")) == 1


def test_dyad_series(filled):
    result = queries.dyad(filled, "RUS", "EU", by="month")
    assert [p["period"] for p in result["series"]] == ["2021-02-01", "2021-03-01"]
    feb, mar = result["series"]
    assert (feb["q3"], feb["events"], feb["goldstein_mean"]) == (1, 1, -2.0)
    assert (mar["q1"], mar["net_cooperation"]) == (1, 4.0)
    assert result["low"]["period"] == "2021-02-01" and result["high"]["period"] == "2021-03-01"


def test_actors_and_stats(filled):
    actors = {a["code"]: a for a in queries.actors(filled)}
    assert actors["RUSGOV"]["events"] == 4 and actors["IGOEUREEC"]["events"] == 2
    stats = queries.stats(filled)
    assert (stats["articles"], stats["stories"], stats["events"], stats["mentions"]) == (2, 2, 4, 4)
    assert stats["first_date"] == "2021-02-05" and stats["last_date"] == "2021-03-12"


def test_series_list_every_period_and_follow_a_time_range(filled):
    """A quiet week is a row of zeros, not a gap a chart draws a line across; low and high are periods with events."""
    weeks = queries.dyad(filled, "RUS", "EU", by="week")
    assert [p["period"] for p in weeks["series"]] == ["2021-02-01", "2021-02-08", "2021-02-15", "2021-02-22",
                                                      "2021-03-01", "2021-03-08"]  # Mondays, as DuckDB counts
    assert [p["events"] for p in weeks["series"]] == [1, 0, 0, 0, 0, 1]
    assert [p["net_cooperation"] for p in weeks["series"]] == [-2.0, 0, 0, 0, 0, 4.0]
    assert weeks["series"][1]["goldstein_mean"] is None  # no events: no mean
    assert (weeks["low"]["period"], weeks["high"]["period"]) == ("2021-02-01", "2021-03-08")
    window = queries.dyad(filled, "RUS", "EU", since="2021-01-01", until="2021-05-31")
    assert [p["period"] for p in window["series"]] == ["2021-01-01", "2021-02-01", "2021-03-01", "2021-04-01",
                                                       "2021-05-01"]
    assert queries.dyad(filled, "RUS", "EU", since="2021-03-01")["events"] == 1
    every = browse.timeline(filled, by="month", until="2021-02-28")
    assert [(p["period"], p["events"]) for p in every] == [("2021-02-01", 3)]
    with pytest.raises(InputError, match="more than 20,000 periods"):
        queries.dyad(filled, "RUS", "EU", by="day", since="1900-01-01", until="2021-12-31")


def test_articles_and_quotes_count_and_search_what_a_reader_sees(filled):
    assert browse.count_articles(filled) == 2
    assert [(a["title"], a["events"], a["quotes"]) for a in browse.articles(filled)] == [
        ("Russia agrees to EU energy talks", 1, 0), ("EU condemns Russia's expulsion of diplomats", 3, 1)]
    assert browse.count_articles(filled, text="Geneva") == 1
    assert browse.count_articles(filled, text="label") == 0  # a key of the stored record, not the article's words
    assert browse.count_articles(filled, since="2021-03-01") == 1
    assert browse.count_quotes(filled, speaker="Borrell") == 1 and browse.count_quotes(filled, until="2021-01-31") == 0
    places = queries.places(filled, status="occurred")
    assert (places["events"], places["located"]) == (4, 4)
    assert [(p["name"], p["events"]) for p in places["places"]] == [("Moscow", 4)]
