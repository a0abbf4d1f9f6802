"""The dashboard and HTTP API, over HTTP against a database built from the demo articles, and in a
real browser (Debian's Chromium driven by Playwright; skipped where Chromium is not installed)."""

from __future__ import annotations

import http.client
import json
import shutil
import urllib.error
import urllib.request
from importlib import resources
from pathlib import Path

import pytest
from conftest import ARTIFACTS, chromium, needs_chromium, served

from newswire.ingest import ingest
from newswire.web.app import create_app

pytestmark = pytest.mark.slow  # processes, a browser or the whole pipeline per test: not the quick loop

HOSTILE_PAGE = """WORLD
2 MIN READ
Ministers meet in Vienna as talks resume
The ministers will continue talks on Thursday, officials said.
March 3, 2022

Iran and the European Union held talks in Vienna on Wednesday on reviving the nuclear agreement,
officials said. <script>document.title = "pwned"; window.pwned = true;</script> The talks will resume on Thursday.

The Iranian foreign minister said the talks were "serious and constructive".
"""


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web")
    inputs = root / "inputs"
    shutil.copytree(resources.files("newswire") / "demo", inputs)
    (inputs / "README.md").unlink(missing_ok=True)
    (inputs / "zz_hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    db = root / "web.duckdb"
    ingest([str(inputs)], db)
    return db


@pytest.fixture(scope="module")
def server(database) -> str:
    with served(create_app(database, hosts=("news.example.org",))) as url:  # as `serve --allowed-host ...`
        yield url


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def request(server: str, method: str, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request with the Host header given (urllib would write the right one)."""
    port = int(server.rsplit(":", 1)[1])
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        con.request(method, path, headers={"Host": host or f"127.0.0.1:{port}"})
        r = con.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        con.close()


SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


def get_json(url: str):
    status, text = get(url)
    assert status == 200, text
    return json.loads(text)


def test_stats_count_what_was_ingested(server) -> None:
    stats = get_json(f"{server}/api/stats")
    assert stats["articles"] >= 12
    assert stats["events"] > 0


def test_events_paginate_and_filter(server) -> None:
    first = get_json(f"{server}/api/events?limit=2")
    assert len(first["items"]) == 2
    second = get_json(f"{server}/api/events?limit=2&offset=2")
    assert {e["id"] for e in first["items"]}.isdisjoint({e["id"] for e in second["items"]})
    conflict = get_json(f"{server}/api/events?quad_class=4&limit=200")["items"]
    assert all(e["quad_class"] == 4 for e in conflict)


def test_page_size_and_offsets_are_capped(server) -> None:
    assert get(f"{server}/api/events?limit=100000")[0] == 422
    assert get(f"{server}/api/events?offset=-1")[0] == 422
    assert get(f"{server}/api/search?text=" + "x" * 500)[0] == 422


def test_event_has_mentions_and_article_record(server) -> None:
    event = get_json(f"{server}/api/events?limit=1")["items"][0]
    full = get_json(f"{server}/api/events/{event['id']}")
    assert full["mentions"], "an event has at least one mention"
    key = full["mentions"][0]["article_key"]
    record = get_json(f"{server}/api/articles/{key}")
    assert full["mentions"][0]["sentence"] in record["body"]


def test_dyad_series_and_actors(server) -> None:
    dyads = get_json(f"{server}/api/dyads")["items"]
    assert dyads
    series = get_json(f"{server}/api/dyads/{dyads[0]['a']}/{dyads[0]['b']}?by=month")
    assert series["events"] >= 1 and series["series"]
    assert get_json(f"{server}/api/actors?limit=5")["items"]


def test_quotes_stories_and_search(server) -> None:
    assert get_json(f"{server}/api/quotes?limit=5")["items"]
    stories = get_json(f"{server}/api/stories?limit=200")["items"]
    assert any(s["articles"] >= 2 for s in stories), "the syndicated demo copy joins its original's story"
    found = get_json(f"{server}/api/search?text=Vienna")
    assert any("Vienna" in a["title"] for a in found["articles"])


def test_article_text_is_escaped_not_run(server) -> None:
    found = get_json(f"{server}/api/search?text=Vienna")["articles"]
    key = found[0]["key"]
    status, html = get(f"{server}/article/{key}")
    assert status == 200
    assert "<script>document.title" not in html
    assert "&lt;script&gt;document.title" in html


def test_no_path_traversal_or_unknown_files(server) -> None:
    for path in ("/static/../app.py", "/static/..%2f..%2fpyproject.toml", "/static/etc%2fpasswd",
                 "/article/..%2f..%2fetc%2fpasswd"):
        status, body = get(server + path)
        assert status in (400, 404), path
        assert "root:" not in body


def test_openapi_is_served_locally(server) -> None:
    spec = get_json(f"{server}/openapi.json")
    assert "/api/events" in spec["paths"]
    status, html = get(f"{server}/api")
    assert status == 200 and "/api/dyads/{a}/{b}" in html
    assert "cdn" not in html.lower()


def test_requests_naming_another_host_are_refused(server) -> None:
    """DNS rebinding: evil.example resolving to 127.0.0.1 lets a page there call the API, naming its own host."""
    port = server.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}"):
        status, headers, body = request(server, "GET", "/api/stats", host=host)
        assert status == 400, host
        assert b"articles" not in body
        assert all(h in headers for h in SECURITY_HEADERS)
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "LOCALHOST", "news.example.org"):
        assert request(server, "GET", "/api/stats", host=host)[0] == 200, host


def test_head_is_answered_like_get_without_a_body(server) -> None:
    for path in ("/", "/api/stats", "/static/app.js", "/events?quad_class=4"):
        status, headers, body = request(server, "HEAD", path)
        assert (status, body) == (200, b""), path
        assert headers["content-type"] == request(server, "GET", path)[1]["content-type"]
    assert request(server, "HEAD", "/no/such/page")[0] == 404


def test_responses_carry_the_security_headers(server) -> None:
    for path in ("/", "/api/stats", "/static/plotly.min.js", "/no/such/page"):
        _, headers, _ = request(server, "GET", path)
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert (headers["x-content-type-options"], headers["x-frame-options"], headers["referrer-policy"]) == (
            "nosniff", "DENY", "no-referrer")


def test_search_wildcards_are_plain_characters(server) -> None:
    everything = get_json(f"{server}/api/articles?limit=200")["items"]
    assert len(everything) >= 12
    assert get_json(f"{server}/api/articles?text=%25%25&limit=200")["items"] == []
    assert get_json(f"{server}/api/events?text=%25&limit=200")["items"] == []
    found = get_json(f"{server}/api/search?text=%25%25")
    assert found["articles"] == found["events"] == found["quotes"] == []
    assert get_json(f"{server}/api/quotes?speaker=_&limit=200")["items"] == []


@needs_chromium
def test_browser_overview_to_dyad_to_event_to_article(server) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server + "/")
            page.wait_for_selector("#timeline .main-svg", timeout=20_000)  # plotly drew the chart
            page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

            page.click("a.dyad-link >> nth=0")
            page.wait_for_url("**/dyad?**")
            page.wait_for_selector("#dyad-chart .main-svg", timeout=20_000)
            page.screenshot(path=str(ARTIFACTS / "dyad.png"), full_page=True)

            page.click("a.event-link >> nth=0")
            page.wait_for_url("**/article/**")
            mark = page.locator("mark.selected#evidence")
            assert mark.count() == 1
            assert mark.is_visible()
            page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)

            page.goto(server + "/events?quad_class=4")
            page.screenshot(path=str(ARTIFACTS / "events.png"), full_page=True)
            assert page.evaluate("window.pwned") is None  # no article script ran anywhere
        finally:
            browser.close()


@needs_chromium
def test_browser_gets_security_headers_and_charts_draw_under_the_csp(server) -> None:
    from playwright.sync_api import sync_playwright

    port = server.rsplit(":", 1)[1]
    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []  # CSP violations are console errors; plotly also warns when styles are refused

            def console(m) -> None:
                if m.type == "error" and not m.location["url"].endswith("/favicon.ico") or "CSP" in m.text:
                    problems.append(m.text)

            page.on("console", console)
            page.on("pageerror", lambda e: problems.append(str(e)))
            response = page.goto(f"http://localhost:{port}/")  # a host name served, not only the bound address
            assert response is not None and response.status == 200
            assert all(h in response.headers for h in SECURITY_HEADERS)
            page.wait_for_selector("#timeline .main-svg", timeout=20_000)
            page.click("a.dyad-link >> nth=0")
            page.wait_for_url("**/dyad?**")
            page.wait_for_selector("#dyad-chart .main-svg", timeout=20_000)
            page.click("a.event-link >> nth=0")
            page.wait_for_url("**/article/**")
            page.wait_for_function("document.getElementById('evidence').getBoundingClientRect().top > 0")
            assert problems == []
        finally:
            browser.close()


@needs_chromium
def test_browser_article_lists_each_actor_once_codes_are_named_and_the_tab_has_an_icon(server) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            missing: list[str] = []
            page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
            page.goto(server + "/events?text=expel")
            codes = page.locator("table.events td span.code")
            assert codes.count() > 0
            # each CAMEO code with the codebook's name beside it: 1111 "Criticize or denounce"...
            for i in range(codes.count()):
                name = codes.nth(i).locator("xpath=following-sibling::span[@class='cameo-name']").inner_text()
                assert name.strip(), f"no description beside {codes.nth(i).inner_text()}"
            page.screenshot(path=str(ARTIFACTS / "events-named.png"), full_page=True)

            page.click("a.event-link >> nth=0")
            page.wait_for_url("**/article/**")
            items = page.locator("ul.actors li")
            shown = [items.nth(i).inner_text() for i in range(items.count())]
            codes_shown = [items.nth(i).locator("small").inner_text() for i in range(items.count())]
            assert codes_shown and len(codes_shown) == len(set(codes_shown)), shown  # each actor once
            counts = [int(items.nth(i).locator(".mentions").inner_text().strip("× ")) for i in range(items.count())]
            assert counts == sorted(counts, reverse=True) and max(counts) > 1, shown  # with its count
            entities = page.evaluate("""async () => {
                const key = location.pathname.split('/').pop();
                const r = await fetch('/api/articles/' + key); const rec = await r.json();
                return rec.entities.filter(e => e.actor).length; }""")
            assert sum(counts) == entities
            sidebar_event = page.locator("ul.event-list li .cameo-name >> nth=0").inner_text()
            assert sidebar_event.strip()
            page.screenshot(path=str(ARTIFACTS / "article-actors.png"), full_page=True)

            icon = page.locator("link[rel=icon]").get_attribute("href")
            answer = page.request.get(server + icon)
            assert answer.status == 200 and answer.headers["content-type"].startswith("image/svg+xml")
            assert not [u for u in missing if "favicon" in u]
        finally:
            browser.close()


@needs_chromium
def test_browser_event_list_counts_its_results_and_shows_occurred_events_unless_told(server) -> None:
    from playwright.sync_api import sync_playwright

    every = get_json(f"{server}/api/events?limit=200")["items"]
    occurred = [e for e in every if e["status"] == "occurred"]
    assert 0 < len(occurred) < len(every)  # the demo has planned, possible or negated events too
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server + "/events")
            assert page.locator("#status").input_value() == "occurred"
            shown = min(len(occurred), 50)
            assert page.locator("#result-count").inner_text() == f"Events 1–{shown} of {len(occurred)} (occurred only)"
            assert page.locator("table.events tbody tr").count() == shown
            statuses = {page.locator("table.events tbody tr td:nth-child(6)").nth(i).inner_text()
                        for i in range(shown)}
            assert statuses == {"occurred"}
            pages = (len(occurred) + 49) // 50
            assert page.locator(".page-of").inner_text() == f"page 1 of {pages}"
            assert page.locator("a.older").count() == (1 if pages > 1 else 0)
            page.screenshot(path=str(ARTIFACTS / "events-occurred.png"), full_page=True)

            page.select_option("#status", "all")  # the status control: every status
            page.click("form.filters button[type=submit]")
            page.wait_for_url("**status=all**")
            assert page.locator("#result-count").inner_text() == f"Events 1–{min(len(every), 50)} of {len(every)}"
            page.screenshot(path=str(ARTIFACTS / "events-all-statuses.png"), full_page=True)
        finally:
            browser.close()
