"""The dashboard and HTTP API, over HTTP against a database built from the demo articles, and in a
real browser (Debian's Chromium driven by Playwright; skipped where Chromium is not installed)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from importlib import resources
from pathlib import Path

import pytest

from newswire.ingest import ingest
from newswire.web.app import create_app

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

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
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(database), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


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


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed (.ci/run installs it)")
def test_browser_overview_to_dyad_to_event_to_article(server) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
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
