"""Live use: `watch` polls a changing feed on a local HTTP server, and `serve`, `ingest` and `watch` share one
database file as separate processes, in either order. Real processes, a real server on 127.0.0.1, DuckDB."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

NEWSWIRE = [sys.executable, "-m", "newswire.cli"]

# five short reports, one page each: (title, dateline and lead, second paragraph)
STORIES = [
    ("Poland expels Russian diplomat over spying",
     "WARSAW, March 4, 2024 - Poland expelled a Russian diplomat on Monday, accusing him of spying for Moscow, "
     "the foreign ministry said.", "Russia condemned the decision and said it would respond."),
    ("Japan and Australia sign defence pact",
     "TOKYO, March 5, 2024 - Japan and Australia signed a defence agreement on Tuesday in Tokyo, officials said.",
     "The prime minister of Japan praised Australia for its cooperation."),
    ("Protesters clash with police in Nairobi",
     "NAIROBI, March 6, 2024 - Police in Kenya arrested dozens of protesters on Wednesday after clashes in the "
     "capital, witnesses said.", "The opposition accused the government of Kenya of repression."),
    ("Turkey hosts talks between Ukraine and Russia",
     "ISTANBUL, March 7, 2024 - Turkey hosted talks between Ukraine and Russia on Thursday on grain exports, the "
     "Turkish foreign ministry said.", "Ukraine demanded that Russia withdraw its troops."),
    ("Germany pledges aid to Sudan",
     "BERLIN, March 8, 2024 - Germany promised humanitarian aid to Sudan on Friday, the government said.",
     "Sudan thanked Germany for the support."),
]


def page(n: int) -> bytes:
    title, lead, more = STORIES[n - 1]
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1><p>{lead}</p><p>{more}</p></article></body></html>").encode()


class NewsSite:
    """A news site on 127.0.0.1: robots.txt, an RSS feed that grows, article pages; it logs every request.

    The feed grows by itself: when it is asked for after every page it lists has been fetched, it lists
    the next version's items (versions[0], then versions[1]...). It answers a conditional request for the
    version it would serve with 304. ``hold`` names a page whose response waits until ``release`` is set.
    """

    def __init__(self, versions: list[list[int]], crawl_delay: int | None = None, page_pause: float = 0.0):
        self.versions = versions
        self.version = 0
        self.crawl_delay = crawl_delay
        self.page_pause = page_pause
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.hold: str | None = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                with site.lock:
                    site.log.append((time.monotonic(), self.path, dict(self.headers)))
                site.route(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def fetched(self, path: str) -> int:
        return sum(1 for _, p, _ in self.log if p == path)

    def feed(self) -> tuple[bytes, str, str]:
        with self.lock:
            listed = self.versions[self.version]
            if self.version + 1 < len(self.versions) and all(self.fetched(f"/news/{n}.html") for n in listed):
                self.version += 1
                listed = self.versions[self.version]
        items = "".join(f"<item><title>{STORIES[n - 1][0]}</title><link>{self.base}/news/{n}.html</link>"
                        f"<guid>{self.base}/news/{n}.html</guid><description>{STORIES[n - 1][1]}</description></item>"
                        for n in listed)
        xml = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
               f"<link>{self.base}/</link><description>news</description>{items}</channel></rss>").encode()
        return xml, f'"v{self.version}"', formatdate(1_700_000_000 + self.version * 3600, usegmt=True)

    def route(self, h: BaseHTTPRequestHandler) -> None:
        if h.path == "/robots.txt":
            rules = "User-agent: *\nDisallow: /private/\n"
            if self.crawl_delay:
                rules += f"Crawl-delay: {self.crawl_delay}\n"
            return self.send(h, 200, rules.encode(), "text/plain")
        if h.path == "/feed.xml":
            body, etag, modified = self.feed()
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return None
            return self.send(h, 200, body, "application/rss+xml", {"ETag": etag, "Last-Modified": modified})
        if h.path.startswith("/news/") and h.path.endswith(".html"):
            n = int(h.path[6:-5])
            if h.path == self.hold:
                self.held.set()
                self.release.wait(30)
            time.sleep(self.page_pause)
            return self.send(h, 200, page(n), "text/html; charset=utf-8")
        return self.send(h, 404, b"not found", "text/plain")

    @staticmethod
    def send(h, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the watcher was killed while waiting
            pass

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def start(*args: str, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([*NEWSWIRE, *args], stdout=out.open("w"), stderr=subprocess.STDOUT, env=env)


def wait_for(what, timeout: float, message: str, proc: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = what()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"{message}: the process ended with {proc.returncode}: "
                        f"{log.read_text() if log else ''}")
        time.sleep(0.1)
    pytest.fail(f"{message} within {timeout:.0f} s: {log.read_text() if log else ''}")


def stored(db: Path) -> list[str]:
    """The article URLs in the database, read as any other reader would (waiting for a writer)."""
    from newswire.store.db import connect

    if not db.exists():
        return []
    con = connect(str(db), read_only=True, wait=30)
    try:
        return [r[0] for r in con.execute("SELECT url FROM articles ORDER BY url").fetchall()]
    finally:
        con.close()


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def sites():
    made: list[NewsSite] = []

    def make(*args, **kwargs) -> NewsSite:
        made.append(NewsSite(*args, **kwargs))
        return made[-1]

    yield make
    for s in made:
        s.close()


# -- watch: killed in the middle and restarted -----------------------------------------------------------
@pytest.mark.slow
def test_watch_killed_mid_round_and_restarted_stores_every_item_once_politely(sites, tmp_path):
    site = sites([[1, 2], [1, 2, 3, 4], [2, 3, 4, 5]], crawl_delay=1)
    site.hold = "/news/3.html"  # the second round's first new page: the watcher is killed waiting for it
    db = tmp_path / "watch.duckdb"
    feed = f"{site.base}/feed.xml"
    first_log = tmp_path / "first.log"
    first = start("watch", feed, "--db", str(db), "--every", "1s", "--delay", "0.2", out=first_log)
    try:
        wait_for(lambda: site.held.is_set(), 60, "the second round did not reach page 3", first, first_log)
        assert "round 1" in first_log.read_text() and "round 2" not in first_log.read_text()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
        site.release.set()
    assert sorted(stored(db)) == [f"{site.base}/news/1.html", f"{site.base}/news/2.html"]

    second_log = tmp_path / "second.log"
    second = start("watch", feed, "--db", str(db), "--every", "1s", "--delay", "0.2", out=second_log)
    try:
        wait_for(lambda: "not modified" in second_log.read_text(), 90,
                 "the restarted watcher never found the feed unchanged", second, second_log)
    finally:
        stop(second)

    urls = stored(db)
    assert urls == [f"{site.base}/news/{n}.html" for n in range(1, 6)]  # every item once, none lost
    con = duckdb.connect(str(db), read_only=True)
    try:
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        items = con.execute("SELECT item, outcome FROM watch_items ORDER BY item").fetchall()
    finally:
        con.close()
    assert events >= 5
    assert items == [(u, "stored") for u in urls]
    # conditional requests: the feed was asked with the validators it gave, and answered 304
    feed_asks = [h for _, p, h in site.log if p == "/feed.xml"]
    assert any(h.get("If-None-Match") == '"v0"' for h in feed_asks)
    assert any(h.get("If-None-Match") == '"v2"' and h.get("If-Modified-Since") for h in feed_asks)
    # each page was fetched once, but page 3, whose fetch was cut short by the kill
    assert {p: site.fetched(p) for p in (f"/news/{n}.html" for n in range(1, 6))} == {
        "/news/1.html": 1, "/news/2.html": 1, "/news/3.html": 2, "/news/4.html": 1, "/news/5.html": 1}
    # robots.txt's Crawl-delay (1 s, longer than --delay 0.2) between two requests to the host
    times = [t for t, _, _ in site.log]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.95, gaps
    lines = [ln for ln in second_log.read_text().splitlines() if ln.startswith("round ")]
    assert "2 new items: 2 articles added" in lines[0], lines


def test_watch_says_what_is_wrong_in_one_line(tmp_path):
    bad = subprocess.run([*NEWSWIRE, "watch", "feed.xml", "--db", str(tmp_path / "x.duckdb"), "--every", "soon"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "newswire: --every takes a duration such as 30s, 15m, 1h (got 'soon')"


# -- serve, ingest and watch on one database -------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
        return json.loads(r.read())


def answering(port: int) -> bool:
    try:
        api(port, "/api/stats")
        return True
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def write_pages(folder: Path, numbers: list[int]) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in numbers:
        path = folder / f"report-{n}.html"
        path.write_bytes(page(n))
        paths.append(str(path))
    return paths


@pytest.mark.slow
def test_serve_first_then_ingest_then_watch_and_the_dashboard_follows(sites, tmp_path):
    db = tmp_path / "live.duckdb"
    port = free_port()
    serve_log = tmp_path / "serve.log"
    serve = start("serve", "--db", str(db), "--port", str(port), out=serve_log)
    try:
        wait_for(lambda: answering(port), 30, "serve did not answer", serve, serve_log)
        assert api(port, "/api/stats")["articles"] == 0

        polling = True
        answers: list[int] = []

        def keep_reading() -> None:  # a reader all along, as a dashboard left open
            while polling:
                answers.append(api(port, "/api/stats")["articles"])
                time.sleep(0.05)

        reader = threading.Thread(target=keep_reading, daemon=True)
        reader.start()
        ingested = subprocess.run([*NEWSWIRE, "ingest", *write_pages(tmp_path / "in", [1, 2]), "--db", str(db),
                                   "--batch-size", "1"], capture_output=True, text=True, timeout=180)
        assert ingested.returncode == 0, ingested.stderr
        assert "2 added" in ingested.stdout
        assert api(port, "/api/stats")["articles"] == 2  # no restart
        assert api(port, "/api/events?limit=50")["items"]

        site = sites([[3, 4]])
        watch_log = tmp_path / "watch.log"
        watch = start("watch", f"{site.base}/feed.xml", "--db", str(db), "--every", "2s", "--delay", "0",
                      out=watch_log)
        try:
            wait_for(lambda: "round 1" in watch_log.read_text(), 60, "watch did no round", watch, watch_log)
            assert api(port, "/api/stats")["articles"] == 4  # shown after the first round
        finally:
            stop(watch)
        polling = False
        reader.join(timeout=30)
        assert answers and answers == sorted(answers) and serve.poll() is None
        titles = {e["title"] for e in api(port, "/api/articles?limit=50")["items"]}
        assert titles == {STORIES[n][0] for n in range(4)}
    finally:
        stop(serve)


@pytest.mark.slow
def test_watch_and_ingest_first_then_serve_and_all_three_share_the_file(sites, tmp_path):
    db = tmp_path / "live.duckdb"
    site = sites([[1, 2]], page_pause=0.5)
    watch_log = tmp_path / "watch.log"
    watch = start("watch", f"{site.base}/feed.xml", "--db", str(db), "--every", "1s", "--delay", "0",
                  out=watch_log)
    ingest_log = tmp_path / "ingest.log"
    serve = None
    try:
        wait_for(lambda: "round 1" in watch_log.read_text(), 60, "watch did no round", watch, watch_log)
        # an ingest while the watcher goes on: slow pages, one batch each, so it is still writing below
        urls = [f"{site.base}/news/{n}.html" for n in (3, 4, 5)]
        site.page_pause = 1.5
        ingest = start("ingest", *urls, "--db", str(db), "--batch-size", "1", out=ingest_log)
        wait_for(lambda: len(stored(db)) >= 3, 60, "ingest stored nothing", ingest, ingest_log)
        assert ingest.poll() is None, "ingest ended before serve could start beside it"
        port = free_port()
        serve_log = tmp_path / "serve.log"
        serve = start("serve", "--db", str(db), "--port", str(port), out=serve_log)
        wait_for(lambda: answering(port), 30, "serve did not answer while ingest and watch write", serve, serve_log)
        assert ingest.wait(timeout=120) == 0, ingest_log.read_text()
        assert api(port, "/api/stats")["articles"] == 5
        assert len(api(port, "/api/events?limit=200")["items"]) >= 5
        assert watch.poll() is None and serve.poll() is None
        assert "Conflicting lock" not in serve_log.read_text() + watch_log.read_text() + ingest_log.read_text()
    finally:
        stop(watch)
        if serve is not None:
            stop(serve)
