"""The analyst's dashboard in Chromium (issue 16, point 3): downloads of the current filter, one time range
for charts and lists, zero-filled series on sound axes, articles and quotes pages, an offline map; and each
of these through the JSON API.

The database is written through the store's library API, so that it holds exactly the shapes the tests
need: a dyad active in one month (France–Germany, net cooperation 1.9), one active in two months far apart
(United States–Russia), one with hundreds of events a month (India–Pakistan), events with and without a
place, an article without events, quotes, and enough articles for two pages. Every page visited is
screenshot into ``test-artifacts/dashboard-*.png``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, chromium, needs_chromium, served

from newswire.model import Actor, Analysis, Article, Event, Location, Quote
from newswire.store import Store, prepare
from newswire.store.export import gdelt_columns
from newswire.web.app import create_app

pytestmark = pytest.mark.slow  # a browser per test: not the quick loop

FRA = Actor("France", "FRAGOV", country="FRA", sector="GOV")
DEU = Actor("Germany", "DEUGOV", country="DEU", sector="GOV")
USA = Actor("United States", "USAGOV", country="USA", sector="GOV")
RUS = Actor("Russia", "RUSGOV", country="RUS", sector="GOV")
IND = Actor("India", "INDGOV", country="IND", sector="GOV")
PAK = Actor("Pakistan", "PAKGOV", country="PAK", sector="GOV")
MACRON = Actor("Emmanuel Macron", "FRAGOV", country="FRA", sector="GOV")
LAVROV = Actor("Sergey Lavrov", "RUSGOV", country="RUS", sector="GOV")

BERLIN = Location("Berlin", "DEU", 52.52, 13.405)
MOSCOW = Location("Moscow", "RUS", 55.7558, 37.6173)
WASHINGTON = Location("Washington", "USA", 38.8951, -77.0364)
ISLAMABAD = Location("Islamabad", "PAK", 33.6844, 73.0479)
NEW_DELHI = Location("New Delhi", "IND", 28.6139, 77.209)

# CAMEO cooperation codes with their Goldstein scores and PLOVER types, for the busy dyad
COOPERATION = [("010", 0.0, "OTHER", 1), ("020", 3.0, "REQUEST", 1), ("030", 4.0, "AGREE", 1),
               ("040", 1.0, "CONSULT", 1), ("051", 3.4, "SUPPORT", 1), ("061", 6.0, "COOPERATE", 2),
               ("071", 7.4, "AID", 2), ("081", 5.0, "YIELD", 2)]


def news(url: str, title: str, published: str, paragraphs: list[str],
         events: list[tuple[Actor, Actor, str, str, int, float, str, Location | None, int, str]] = (),
         quotes: list[tuple[str, Actor]] = ()) -> Analysis:
    """An analysed article: events are (source, target, CAMEO, PLOVER, QuadClass, Goldstein, date, place,
    paragraph, status), their evidence the paragraph; quotes are (words, speaker)."""
    body = "\n\n".join(paragraphs)
    made = []
    for src, tgt, cameo, plover, quad, goldstein, day, place, i, status in events:
        start = body.index(paragraphs[i])
        made.append(Event(source=src, target=tgt, cameo=cameo, plover=plover, mode=None, quad_class=quad,
                          goldstein=goldstein, status=status, date=day, location=place, sentence=paragraphs[i],
                          start=start, end=start + len(paragraphs[i]), trigger=paragraphs[i].split()[1],
                          confidence=0.8))
    said = []
    for words, speaker in quotes:
        start = body.index(words)
        said.append(Quote(words, speaker.name, speaker, "direct", start, start + len(words)))
    article = Article(title=title, body=body, url=url, source=urllib.parse.urlparse(url).hostname,
                      published=published, origin=url)
    return Analysis(article, events=made, quotes=said)


def articles() -> list[Analysis]:
    out = [
        news("https://paris.example/visit", "Macron visits Berlin to pledge closer ties", "2024-03-05", [
            "BERLIN — President Emmanuel Macron made a visit to Berlin on Tuesday and met the German chancellor.",
            "Germany said in a statement that the talks had been friendly. \"We will stand together,\" Macron said."],
            [(FRA, DEU, "042", "CONSULT", 1, 1.9, "2024-03-05", BERLIN, 0, "occurred"),
             (DEU, FRA, "010", "OTHER", 1, 0.0, "2024-03-05", None, 1, "occurred")],
            [("We will stand together,", MACRON)]),
        news("https://wire.example/us-russia-january", "Washington condemns Moscow over expulsions", "2023-01-20", [
            "WASHINGTON — The United States condemned Russia on Friday for expelling two American diplomats.",
            "Moscow expelled the diplomats on Thursday, the foreign ministry said."],
            [(USA, RUS, "111", "DISAPPROVE", 3, -2.0, "2023-01-20", WASHINGTON, 0, "occurred"),
             (RUS, USA, "1663", "REDUCE", 4, -4.0, "2023-01-19", MOSCOW, 1, "occurred")]),
        news("https://wire.example/us-russia-june", "Russia accuses Washington as sanctions loom", "2023-06-14", [
            "MOSCOW — Russia accused the United States on Wednesday of meddling in its affairs.",
            "Washington is preparing new sanctions against Moscow, officials said.",
            "Foreign Minister Sergey Lavrov said: \"The sanctions are illegal and will fail.\""],
            [(RUS, USA, "112", "ACCUSE", 3, -2.0, "2023-06-14", MOSCOW, 0, "occurred"),
             (USA, RUS, "163", "SANCTION", 4, -8.0, "2023-06-14", WASHINGTON, 1, "planned")],
            [("The sanctions are illegal and will fail.", LAVROV)]),
        news("https://alps.example/spring", "Spring comes early to the Alps", "2023-03-02", [
            "Snow is melting weeks ahead of the season across the Alps, forecasters said on Thursday.",
            "Ski resorts closed some slopes as temperatures reached 18 degrees in the valleys."]),
    ]
    for month in (1, 2, 3, 4):  # India and Pakistan: 224 events a month, net cooperation 834.4
        paragraphs = [f"ISLAMABAD — India and Pakistan held round {month} of their border talks this month.",
                      f"New Delhi and Islamabad agreed on aid and trade measures in round {month}."]
        events = [(src, tgt, cameo, plover, quad, goldstein, f"2022-{month:02d}-{day:02d}",
                   ISLAMABAD if src is PAK else NEW_DELHI, day % 2, "occurred")
                  for day in range(1, 29, 2) for src, tgt in ((IND, PAK), (PAK, IND))
                  for cameo, goldstein, plover, quad in COOPERATION]
        out.append(news(f"https://south-asia.example/talks-{month}", f"India and Pakistan talks, round {month}",
                        f"2022-{month:02d}-28", paragraphs, events))
    for i in range(52):  # market reports without events, enough for a second page of articles
        out.append(news(f"https://markets.example/report-{i}", f"Market report {i}", f"2021-{1 + i % 12:02d}-15", [
            f"The regional share index closed {i} points higher in report number {i}, led by utilities.",
            f"Trading volume was {1000 + 37 * i} lots, brokers said."]))
    return out


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dashboard") / "analyst.duckdb"
    with Store(path) as store:
        store.write([prepare(a) for a in articles()])
    return path


@pytest.fixture(scope="module")
def server(database) -> str:
    with served(create_app(database)) as url:
        yield url


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read().decode("utf-8"))


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def every_event(server: str, **filters: str) -> list[dict[str, Any]]:
    """The API's events for ``filters``, every page of them."""
    out: list[dict[str, Any]] = []
    while True:
        page = get_json(f"{server}/api/events?{urllib.parse.urlencode({**filters, 'limit': 200, 'offset': len(out)})}")
        out += page["items"]
        if len(out) >= page["total"]:
            return out


def number(text: str) -> float:
    return float(text.replace("−", "-").replace(",", ""))


def assert_round_ticks(texts: list[str], covers: tuple[float, float]) -> None:
    """Tick labels a person reads easily: evenly spaced on a step of 1, 2 or 5 times a power of ten, on
    multiples of it, with no more decimals than the step needs, over the values plotted."""
    values = [number(t) for t in texts]
    assert len(values) >= 3, texts
    steps = {round(b - a, 9) for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1, texts
    step = steps.pop()
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in (1, 2, 5), texts
    assert all(abs(v / step - round(v / step)) < 1e-6 for v in values), texts
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    assert all(len(t.partition(".")[2]) <= decimals for t in texts), texts
    assert values[0] <= min(covers) and values[-1] >= max(covers), (texts, covers)


CHART = """(selector) => {
    const el = document.querySelector(selector);
    const bars = el._fullData.filter((t) => t.type === 'bar');
    const line = el._fullData.find((t) => t.type === 'scatter');
    const texts = (cls) => [...el.querySelectorAll(cls + ' text')].map((t) => t.textContent);
    const widths = [...el.querySelectorAll('.barlayer .point path')].map((p) => p.getBoundingClientRect().width);
    return {x: texts('.xtick'), y: texts('.ytick'), y2: texts('.y2tick'), periods: [...bars[0].x],
            counts: bars[0].x.map((_, i) => bars.reduce((n, t) => n + t.y[i], 0)),
            net: [...line.y], range: el._fullLayout.xaxis.range,
            barWidth: Math.max(0, ...widths), plotWidth: el._fullLayout.xaxis._length};
}"""


def chart(page, selector: str) -> dict[str, Any]:
    page.wait_for_selector(f"{selector} .main-svg", timeout=20_000)
    return page.evaluate(CHART, selector)


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}-01" <= last:
        out.append(f"{y:04d}-{m:02d}-01")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# -- the JSON API ------------------------------------------------------------------------------------
def test_api_series_are_zero_filled_and_follow_the_time_range(server) -> None:
    one = get_json(f"{server}/api/dyads/FRA/DEU")
    assert [(p["period"], p["events"], p["net_cooperation"]) for p in one["series"]] == [("2024-03-01", 2, 1.9)]
    gaps = get_json(f"{server}/api/dyads/USA/RUS")
    assert [p["period"] for p in gaps["series"]] == months("2023-01-01", "2023-06-01")
    assert [p["events"] for p in gaps["series"]] == [2, 0, 0, 0, 0, 1]
    assert [p["net_cooperation"] for p in gaps["series"]] == [-6.0, 0, 0, 0, 0, -2.0]
    assert gaps["low"]["period"] == "2023-01-01" and gaps["high"]["period"] == "2023-06-01"  # months with events
    year = get_json(f"{server}/api/dyads/USA/RUS?since=2023-01-01&until=2023-12-31")
    assert [p["period"] for p in year["series"]] == months("2023-01-01", "2023-12-01")
    assert get_json(f"{server}/api/dyads/USA/RUS?since=2023-02-01")["events"] == 1
    weeks = get_json(f"{server}/api/dyads/USA/RUS?by=week")["series"]
    assert len(weeks) == 22 and sum(p["events"] for p in weeks) == 3  # Monday 16 Jan to Monday 12 June
    timeline = get_json(f"{server}/api/timeline")["series"]
    assert [p["period"] for p in timeline] == months("2022-01-01", "2024-03-01")
    assert sum(p["events"] for p in timeline) == 896 + 3 + 2
    ranged = get_json(f"{server}/api/timeline?since=2023-01-01&until=2023-12-31&actor=USA")["series"]
    assert len(ranged) == 12 and sum(p["events"] for p in ranged) == 3
    assert status_of(f"{server}/api/timeline?since=2023-13-01") == 400
    assert [(d["a"], d["b"]) for d in get_json(f"{server}/api/dyads?since=2023-01-01&until=2023-12-31")["items"]] == [
        ("RUSGOV", "USAGOV")]
    assert {a["code"] for a in get_json(f"{server}/api/actors?since=2024-01-01")["items"]} == {"FRAGOV", "DEUGOV"}


def test_api_lists_articles_quotes_and_places_with_counts(server) -> None:
    every = get_json(f"{server}/api/articles?limit=200")
    assert every["total"] == len(every["items"]) == 60
    alps = get_json(f"{server}/api/articles?text=melting")
    assert alps["total"] == 1 and alps["items"][0]["title"] == "Spring comes early to the Alps"
    assert (alps["items"][0]["events"], alps["items"][0]["quotes"]) == (0, 0)  # no events, listed all the same
    assert get_json(f"{server}/api/articles?text=text")["total"] == 0  # the record's JSON keys are not searched
    assert get_json(f"{server}/api/articles?since=2023-01-01&until=2023-12-31")["total"] == 3
    lavrov = get_json(f"{server}/api/quotes?speaker=Lavrov")
    assert lavrov["total"] == 1 and lavrov["items"][0]["text"] == "The sanctions are illegal and will fail."
    assert get_json(f"{server}/api/quotes?text=stand%20together")["items"][0]["speaker"] == "Emmanuel Macron"
    found = get_json(f"{server}/api/places?status=occurred")
    assert (found["events"], found["located"]) == (896 + 3 + 2, 896 + 3 + 1)
    assert {p["name"]: p["events"] for p in found["places"]} == {
        "Islamabad": 448, "New Delhi": 448, "Moscow": 2, "Washington": 1, "Berlin": 1}
    assert get_json(f"{server}/api/events?actor=USA&status=all")["total"] == 4


def test_api_downloads_are_capped_and_checked(server) -> None:
    newest = [e["id"] for e in get_json(f"{server}/api/events?actor=IND&limit=10")["items"]]
    with urllib.request.urlopen(f"{server}/api/export?format=csv&actor=IND&limit=10", timeout=30) as r:
        assert r.headers["content-disposition"].startswith('attachment; filename="newswire-events-')
        rows = list(csv.DictReader(io.StringIO(r.read().decode("utf-8"))))
    assert [int(row["id"]) for row in rows] == newest
    assert status_of(f"{server}/api/export?format=xml") == 422
    assert status_of(f"{server}/api/export?format=csv&limit=1000000") == 422
    assert status_of(f"{server}/api/export?format=csv&since=yesterday") == 400
    assert status_of(f"{server}/api/export?format=csv&actor=Atlantis") == 400


def test_a_download_larger_than_the_cap_says_so(database, monkeypatch) -> None:
    from playwright.sync_api import sync_playwright

    import newswire.web.app as web

    monkeypatch.setattr(web, "MAX_DOWNLOAD", 100)
    with served(web.create_app(database)) as url, sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "/events?actor=IND")
            assert "Download the newest 100 of these 896 events" in page.locator("#downloads").inner_text()
            assert "at most 100 events a file" in page.locator("#downloads").inner_text()
            with page.expect_download() as info:
                page.click("#download-csv")
            lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
            assert len(lines) == 1 + 100
        finally:
            browser.close()


# -- in Chromium ----------------------------------------------------------------------------------------
@needs_chromium
def test_browser_downloads_hold_exactly_the_filtered_events(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page.goto(server + "/events")
            page.fill("#since", "2023-01-01")  # the time range, then the event filters
            page.click("#time-range button[type=submit]")
            page.wait_for_url("**since=2023-01-01**")
            page.fill("#filter-actor", "RUS")
            page.select_option("#status", "all")
            page.click("form.filters button[type=submit]")
            page.wait_for_url("**actor=RUS**")
            assert "since=2023-01-01" in page.url
            expected = every_event(server, actor="RUS", status="all", since="2023-01-01")
            assert len(expected) == 4
            assert page.locator("#result-count").inner_text() == "Events 1–4 of 4"
            assert "these 4 events" in page.locator("#downloads").inner_text()
            shoot(page, "events-filtered")
            files = {}
            for kind in ("csv", "jsonl", "gdelt"):
                href = page.locator(f"#download-{kind}").get_attribute("href")
                assert {"actor": ["RUS"], "status": ["all"], "since": ["2023-01-01"], "format": [kind]} == \
                    urllib.parse.parse_qs(urllib.parse.urlparse(href).query)
                with page.expect_download() as info:
                    page.click(f"#download-{kind}")
                files[kind] = (info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8"))
            assert files["csv"][0].endswith(".csv") and files["gdelt"][0].endswith(".export.CSV")
            rows = list(csv.DictReader(io.StringIO(files["csv"][1])))
            assert [int(r["id"]) for r in rows] == [e["id"] for e in expected]
            assert [(r["cameo"], r["status"], r["date"]) for r in rows] == [
                (e["cameo"], e["status"], e["date"]) for e in expected]
            lines = [json.loads(line) for line in files["jsonl"][1].splitlines()]
            assert [(x["id"], x["source_code"], x["target_code"], x["goldstein"]) for x in lines] == [
                (e["id"], e["source_code"], e["target_code"], e["goldstein"]) for e in expected]
            gdelt = [line.split("\t") for line in files["gdelt"][1].splitlines()]
            columns = gdelt_columns()["events"]
            assert all(len(r) == len(columns) for r in gdelt)
            events = [dict(zip(columns, r, strict=True)) for r in gdelt]
            assert [(int(g["GLOBALEVENTID"]), g["EventCode"], g["SQLDATE"]) for g in events] == [
                (e["id"], e["cameo"], e["date"].replace("-", "")) for e in expected]

            page.goto(server + "/events?actor=IND")  # hundreds of events: every page of the API's answer
            with page.expect_download() as info:
                page.click("#download-csv")
            rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
            assert [int(r["id"]) for r in rows] == [e["id"] for e in every_event(server, actor="IND",
                                                                                 status="occurred")]
            assert len(rows) == 896
        finally:
            browser.close()


@needs_chromium
def test_browser_time_range_filters_charts_and_lists_and_links_keep_it(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server + "/")
            shoot(page, "overview")
            whole = chart(page, "#timeline")
            assert whole["periods"] == months("2022-01-01", "2024-03-01")  # zero-filled
            assert page.locator("a.dyad-link").first.inner_text() == "INDGOV – PAKGOV"

            page.fill("#since", "2023-01-01")
            page.fill("#until", "2023-12-31")
            page.click("#time-range button[type=submit]")
            page.wait_for_url("**until=2023-12-31**")
            ranged = chart(page, "#timeline")
            assert ranged["periods"] == months("2023-01-01", "2023-12-01")
            assert sum(ranged["counts"]) == 3
            assert page.locator("#in-range").inner_text() == "3 occurred events"
            assert [page.locator("a.dyad-link").nth(i).inner_text()
                    for i in range(page.locator("a.dyad-link").count())] == ["RUSGOV – USAGOV"]
            assert {page.locator("table.actors tbody td:first-child").nth(i).inner_text()
                    for i in range(page.locator("table.actors tbody tr").count())} == {"RUSGOV", "USAGOV"}
            shoot(page, "overview-2023")

            page.click("a.dyad-link >> nth=0")  # the range goes with the link
            page.wait_for_url("**/dyad?**")
            assert "since=2023-01-01" in page.url and "until=2023-12-31" in page.url
            dyad = chart(page, "#dyad-chart")
            assert dyad["periods"] == months("2023-01-01", "2023-12-01")
            assert dyad["counts"] == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
            dates = [page.locator("table.events tbody tr td:first-child").nth(i).inner_text()
                     for i in range(page.locator("table.events tbody tr").count())]
            assert dates and all("2023-01-01" <= d <= "2023-12-31" for d in dates)
            assert page.locator("#since").input_value() == "2023-01-01"  # the control shows the range
            shoot(page, "dyad-2023")

            page.click("header nav a:text('Events')")
            page.wait_for_url("**/events?**")
            assert page.locator("#result-count").inner_text() == "Events 1–3 of 3 (occurred only)"
            dates = [page.locator("table.events tbody tr td:first-child").nth(i).inner_text() for i in range(3)]
            assert all("2023-01-01" <= d <= "2023-12-31" for d in dates)

            page.click("header nav a:text('Articles')")
            page.wait_for_url("**/articles?**")
            assert page.locator("#result-count").inner_text() == "Articles 1–3 of 3"

            page.click("a.all-dates")  # and back to every date
            page.wait_for_url(lambda url: "since" not in url)
            assert page.locator("#result-count").inner_text() == "Articles 1–50 of 60"
        finally:
            browser.close()


@needs_chromium
def test_browser_series_are_zero_filled_on_round_axes(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server + "/dyad?a=FRA&b=DEU")  # one month with events: a bar on a readable date axis
            one = chart(page, "#dyad-chart")
            shoot(page, "dyad-one-period")
            assert one["periods"] == ["2024-03-01"] and one["counts"] == [2] and one["net"] == [1.9]
            assert len(one["x"]) >= 3 and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in one["x"]), one["x"]
            assert "Mar 2024" in one["x"]
            span_days = (_day(one["range"][1]) - _day(one["range"][0])) / 86400
            assert span_days >= 200, one["range"]  # months on either side, not a millisecond
            assert 0 < one["barWidth"] < one["plotWidth"] / 5, (one["barWidth"], one["plotWidth"])
            assert_round_ticks(one["y"], (0, 2))
            assert all(t.isdigit() for t in one["y"]), one["y"]  # counts: whole numbers, no 0.5 events
            assert_round_ticks(one["y2"], (0, 1.9))  # small values: 0.0, 0.5, …, 2.0

            page.goto(server + "/dyad?a=USA&b=RUS")  # two months five months apart: zeros between
            gaps = chart(page, "#dyad-chart")
            shoot(page, "dyad-gaps")
            assert gaps["periods"] == months("2023-01-01", "2023-06-01")
            assert gaps["counts"] == [2, 0, 0, 0, 0, 1]
            assert gaps["net"] == [-6.0, 0, 0, 0, 0, -2.0]  # the line runs along zero, not across the gap
            assert_round_ticks(gaps["y"], (0, 2))
            assert_round_ticks(gaps["y2"], (-6, 0))

            page.goto(server + "/dyad?a=IND&b=PAK")  # big values
            big = chart(page, "#dyad-chart")
            shoot(page, "dyad-big")
            assert big["counts"] == [224] * 4 and big["net"] == [834.4] * 4
            assert_round_ticks(big["y"], (0, 224))
            assert_round_ticks(big["y2"], (0, 834.4))
            assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in big["x"]), big["x"]

            page.click("a.period:text('week')")  # by week: Mondays, zero-filled, dates on the axis
            page.wait_for_url("**by=week**")
            weekly = chart(page, "#dyad-chart")
            assert len(weekly["periods"]) == len(set(weekly["periods"])) > 16
            assert all(_weekday(d) == 0 for d in weekly["periods"])
            assert sum(weekly["counts"]) == 896
            assert all(re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", t) for t in weekly["x"]), weekly["x"]

            page.goto(server + "/")
            overview = chart(page, "#timeline")
            assert_round_ticks(overview["y"], (0, 224))
            assert_round_ticks(overview["y2"], (-6, 834.4))
            page.goto(server + "/actor/USAGOV")
            actor = chart(page, "#actor-chart")
            assert actor["periods"] == months("2023-01-01", "2023-06-01") and actor["counts"] == [2, 0, 0, 0, 0, 1]
            shoot(page, "actor")
        finally:
            browser.close()


def _day(stamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stamp[:19]).timestamp()


def _weekday(day: str) -> int:
    from datetime import date

    return date.fromisoformat(day).weekday()


@needs_chromium
def test_browser_articles_and_quotes_pages_search_and_lead_to_the_article(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server + "/")
            page.click("header nav a:text('Articles')")
            page.wait_for_url("**/articles")
            assert page.locator("#result-count").inner_text() == "Articles 1–50 of 60"
            assert page.locator(".page-of").inner_text() == "page 1 of 2"
            shoot(page, "articles")
            page.click("a.older")
            assert page.locator("#result-count").inner_text() == "Articles 51–60 of 60"
            assert page.locator("table.articles tbody tr").count() == 10

            page.fill("#article-search", "melting")  # words of the body, not only the title
            page.click("form.filters button[type=submit]")
            page.wait_for_url("**text=melting**")
            assert page.locator("#result-count").inner_text() == "Articles 1–1 of 1 with “melting”"
            assert page.locator("td.n-events").inner_text() == "0"  # an article without events, reached
            shoot(page, "articles-search")
            page.click("a.article-link")
            page.wait_for_url("**/article/**")
            assert page.locator("article h1").inner_text() == "Spring comes early to the Alps"

            page.click("header nav a:text('Quotes')")
            page.wait_for_url("**/quotes")
            assert page.locator("#result-count").inner_text() == "Quotes 1–2 of 2"
            shoot(page, "quotes")
            page.fill("#speaker-search", "lavrov")
            page.click("form.filters button[type=submit]")
            page.wait_for_url("**speaker=lavrov**")
            assert page.locator("#result-count").inner_text() == "Quotes 1–1 of 1"
            assert page.locator("td.speaker").inner_text().startswith("Sergey Lavrov")
            page.fill("#speaker-search", "")
            page.fill("#quote-search", "stand together")
            page.click("form.filters button[type=submit]")
            page.wait_for_url("**text=stand+together**")
            assert page.locator("td.quote-text").inner_text() == "“We will stand together,”"
            shoot(page, "quotes-search")
            page.click("a.article-link")
            page.wait_for_url("**/article/**")
            assert page.locator("article h1").inner_text() == "Macron visits Berlin to pledge closer ties"
            shoot(page, "article")
        finally:
            browser.close()


@needs_chromium
def test_browser_map_draws_located_events_without_the_network(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            asked: list[str] = []
            answers: dict[str, int] = {}
            page.on("request", lambda r: asked.append(r.url))
            page.on("response", lambda r: answers.__setitem__(r.url, r.status))
            page.goto(server + "/")
            page.click("header nav a:text('Map')")
            page.wait_for_url("**/map")
            page.wait_for_function("document.querySelectorAll('#map .scattergeo .point').length > 0", timeout=20_000)
            places = get_json(f"{server}/api/places?status=occurred")["places"]
            assert page.locator("#map .scattergeo .point").count() == len(places) == 5
            plotted = page.evaluate("() => { const t = document.getElementById('map')._fullData[0];"
                                    " return t.lat.map((lat, i) => [lat, t.lon[i]]); }")
            assert sorted(map(tuple, plotted)) == sorted((p["lat"], p["lon"]) for p in places)
            outline = page.evaluate("() => ['land', 'countries', 'coastlines'].map((layer) => "
                                    "(document.querySelector(`#map g.layer.${layer} path`)?.getAttribute('d') || '').length)")
            assert min(outline) > 1000, outline  # the world was drawn: land, borders and coasts
            assert page.locator("#map-count").inner_text().startswith("900 of 901 events (occurred only)")
            shoot(page, "map")

            page.fill("#since", "2023-01-01")
            page.fill("#until", "2023-12-31")
            page.click("#time-range button[type=submit]")
            page.wait_for_url("**until=2023-12-31**")
            page.wait_for_function("document.querySelectorAll('#map .scattergeo .point').length === 2")
            shoot(page, "map-2023")

            assert any(u.endswith("/static/world_110m.json") for u in asked)
            assert answers[server + "/static/world_110m.json"] == 200
            elsewhere = [u for u in asked if urllib.parse.urlparse(u).hostname != "127.0.0.1"]
            assert elsewhere == [], elsewhere  # no tiles, no topology, nothing from another host
        finally:
            browser.close()
