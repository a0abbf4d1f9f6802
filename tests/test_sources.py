"""Sources: files, folders, stdin, gzip, WARC, JSON Lines, CSV, feeds and polite HTTP fetching.

HTTP behaviour is tested against a real server on 127.0.0.1 started by the tests (http.server in a
thread); WARC and gzip inputs are written at run time with warcio and gzip.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newswire.config import Settings
from newswire.model import Document, Rejected
from newswire.sources import iter_documents
from newswire.sources.detect import binary_kind, detect
from newswire.sources.http import Fetcher

GOOD = Path(__file__).parent / "fixtures" / "inputs" / "good"
FAST = Settings(timeout=2.0, retries=2, backoff=0.05, host_delay=0.0)


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def rejects(items):
    return [i for i in items if isinstance(i, Rejected)]


def page(title: str, paragraph: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{paragraph}</p></article></body></html>").encode()


# --- format detection ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "head", "expected"), [
    ("page.txt", b" date 2024-03-12 WORLD\nNorway and Iceland agree", "text"),
    ("saved", b"<!DOCTYPE html><html><head><title>x</title>", "html"),
    ("saved.txt", b"<?xml version='1.0'?>\n<rss version='2.0'><channel>", "rss"),
    ("feed", b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>", "rss"),
    ("crawl.bin", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    ("corpus", b'{"url": "https://a.example/1", "text": "Talks resumed."}\n', "jsonl"),
    ("corpus", b"url,title,date,text\nhttps://a.example/1,T,2024-01-01,Body\n", "csv"),
    ("notes", b"Ministers met in Oslo on Tuesday.\n", "text"),
    ("rows.csv", b"id;words\n1;x\n", "csv"),
])
def test_detect_by_content_then_name(name, head, expected):
    assert detect(name, head) == expected


def test_binary_files_are_named():
    assert binary_kind(b"%PDF-1.7\n%\xe2\xe3") == "PDF document"
    assert binary_kind(bytes(range(256)) * 4) == "binary data"
    assert binary_kind("Minister Myrseth said — «fair».".encode("cp1252", "replace")) is None


# --- files and folders --------------------------------------------------------------------------

def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second article text.\n")
    (tmp_path / "a.txt").write_text("First article text.\n")
    (tmp_path / "c.html").write_bytes(page("Third", "Third article."))
    (tmp_path / ".hidden.txt").write_text("never read")
    (tmp_path / ".cache" / "x.txt").write_text("never read")
    items = list(iter_documents([str(tmp_path)]))
    assert [Path(d.name).relative_to(tmp_path).as_posix() for d in items] == ["a.txt", "b/2.txt", "c.html"]
    assert [d.kind for d in items] == ["text", "text", "html"]


def test_inputs_keep_their_order_and_bad_ones_do_not_stop_the_batch(tmp_path):
    (tmp_path / "one.txt").write_text("One.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "two.html").write_bytes(page("Two", "Two."))
    names = [str(tmp_path / n) for n in ("one.txt", "missing.txt", "empty.txt", "two.html")]
    items = list(iter_documents(names))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Rejected", "Document"]
    assert items[1].reason == "no such file or folder"
    assert items[2].reason == "empty file"


def test_gzipped_html_is_unpacked_and_truncated_gzip_rejected(tmp_path):
    html = page("Grain", "Kenya and Tanzania reopened the border. " * 200)
    packed = gzip.compress(html)
    (tmp_path / "ok.html.gz").write_bytes(packed)
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    ok, cut = list(iter_documents([str(tmp_path / "ok.html.gz"), str(tmp_path / "cut.html.gz")]))
    assert isinstance(ok, Document) and ok.kind == "html" and ok.data == html
    assert isinstance(cut, Rejected) and "truncated gzip" in cut.reason


def test_size_limit_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(page("Big", "word " * 400))
    small = Settings(max_bytes=1000)
    [item] = iter_documents([str(big)], settings=small)
    assert isinstance(item, Rejected) and "over the 1,000-byte limit" in item.reason
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a line of text\n" * 1000))  # small on disk, large unpacked
    [item] = iter_documents([str(bomb)], settings=small)
    assert isinstance(item, Rejected) and "uncompressed" in item.reason


def test_binary_and_forced_format(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (tmp_path / "page.dat").write_bytes(page("Forced", "Forced to be read as HTML."))
    pdf, forced = list(iter_documents([str(tmp_path / "scan.pdf"), str(tmp_path / "page.dat")]))
    assert isinstance(pdf, Rejected) and "PDF document" in pdf.reason
    assert forced.kind == "html"
    [as_text] = iter_documents([str(tmp_path / "page.dat")], format="text")
    assert as_text.kind == "text"


def test_stdin_is_read(tmp_path):
    code = ("from newswire.sources import iter_documents\n"
            "for d in iter_documents(['-']): print(d.name, d.kind, len(d.data))")
    text = "Ministers met in Oslo on Tuesday to sign the fisheries pact.\n"
    out = subprocess.run([sys.executable, "-c", code], input=text.encode(), capture_output=True, check=True)
    assert out.stdout.decode().split() == ["<stdin>", "text", str(len(text.encode()))]


# --- corpora: JSON Lines and CSV ----------------------------------------------------------------

def test_jsonl_good_rows_come_out_and_bad_rows_are_named_by_line(tmp_path):
    lines = [
        json.dumps({"url": "https://news.example/1", "title": "Talks resume", "date": "2024-01-03",
                    "text": "Negotiators resumed talks in Geneva."}),
        "",
        '{"url": "https://news.example/2", "title": "Broken", "text": "unterminated',
        json.dumps({"title": "No body", "url": "https://news.example/3"}),
        json.dumps({"title": "Blank", "text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "A page", "published": "2024-01-05T08:00:00Z",
                    "html": "<html><body><p>Page text.</p></body></html>"}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(iter_documents([str(path)]))
    good = docs(items)
    assert [(d.name, d.kind, d.meta["title"]) for d in good] == [
        (f"{path}:1", "body", "Talks resume"), (f"{path}:7", "html", "A page")]
    assert good[0].meta["published"] == "2024-01-03" and good[0].url == "https://news.example/1"
    assert good[1].meta["published"] == "2024-01-05T08:00:00Z"
    bad = {r.name.rsplit(":", 1)[1]: r.reason for r in rejects(items)}
    assert set(bad) == {"3", "4", "5", "6"}
    assert bad["3"].startswith("invalid JSON")
    assert "no 'text' or 'html'" in bad["4"]
    assert bad["5"] == "empty text"
    assert "not an object" in bad["6"]


def test_csv_rows_with_multiline_text_and_bad_rows(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        "url,date,title,text\n"
        'https://w.example/a,2019-01-04,Building collapses,"First paragraph.\n\nSecond paragraph."\n'
        "https://w.example/b,2019-01-05,Empty body,\n"
        "https://w.example/c,2019-01-06,Too few fields\n"
        "https://w.example/d,2019-01-07,Fire in Koszalin,Five died in the fire.\n",
        encoding="utf-8")
    items = list(iter_documents([str(path)]))
    assert [(d.name, d.meta["title"]) for d in docs(items)] == [
        (f"{path}:2", "Building collapses"), (f"{path}:7", "Fire in Koszalin")]
    assert docs(items)[0].data == b"First paragraph.\n\nSecond paragraph."
    assert [(r.name, r.reason) for r in rejects(items)] == [
        (f"{path}:5", "empty text"), (f"{path}:6", "3 fields where the header has 4")]


def test_csv_without_a_text_column_is_one_rejection(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("url,title\nhttps://w.example/a,A\n")
    [item] = iter_documents([str(path)])
    assert isinstance(item, Rejected) and item.name == str(path) and "no 'text' or 'html' column" in item.reason


def test_gzipped_jsonl_cut_short_keeps_the_good_rows(tmp_path):
    rows = "".join(json.dumps({"title": f"Story {n}", "text": f"Body {n}. " * 300}) + "\n" for n in range(40))
    packed = gzip.compress(rows.encode())
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 3 // 4])
    items = list(iter_documents([str(path)]))
    assert len(docs(items)) > 0 and isinstance(items[-1], Rejected)
    assert "truncated gzip" in items[-1].reason and items[-1].name == str(path)


# --- WARC ---------------------------------------------------------------------------------------

def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newswire tests"}))
    for url, body, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2024-03-12T10:00:00Z"})
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


WARC_PAGES = [
    ("https://news.example/fisheries", page("Fisheries pact", "Norway and Iceland signed. " * 300),
     "text/html; charset=utf-8"),
    ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
    ("https://news.example/grain", page("Grain trade", "Kenya and Tanzania agreed. " * 300),
     "text/html; charset=ISO-8859-1"),
    ("https://news.example/ports", page("Storm", "A storm closed ports. " * 300), "text/html"),
]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_yields_html_responses_with_their_urls(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, WARC_PAGES, gz=gz)
    items = list(iter_documents([str(path)]))
    assert [d.url for d in items] == ["https://news.example/fisheries", "https://news.example/grain",
                                      "https://news.example/ports"]
    assert all(d.kind == "html" and d.meta["fetched"] == "2024-03-12T10:00:00Z" for d in items)
    assert items[1].meta["charset"] == "iso-8859-1" and b"Kenya and Tanzania" in items[1].data


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_yields_good_records_then_one_rejection(tmp_path, gz):
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    data = write_warc(path, WARC_PAGES, gz=gz)
    path.write_bytes(data[: len(data) - 400])
    items = list(iter_documents([str(path)]))
    assert [d.url for d in docs(items)] == ["https://news.example/fisheries", "https://news.example/grain"]
    assert len(rejects(items)) == 1 and items[-1].name == str(path)
    assert "truncated" in items[-1].reason


# --- HTTP: a real server on 127.0.0.1 -----------------------------------------------------------

FEED_PAGE_A = page("Fisheries pact signed", "Norway and Iceland signed the fisheries pact on Tuesday. " * 20)
FEED_PAGE_B = page("Ports closed", "A storm closed ports along the Norwegian coast. " * 20)
FULL_CONTENT = "<p>" + "The full article is carried inside the feed item itself. " * 30 + "</p>"


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>North Atlantic News</title><link>{base}/</link><description>test feed</description>
<item><title>Fisheries pact signed</title><link>{base}/news/pact</link>
<description>Norway and Iceland sign a pact.</description><pubDate>Tue, 12 Mar 2024 09:30:00 +0100</pubDate></item>
<item><title>Ports closed</title><link>/news/ports</link><pubDate>Wed, 13 Mar 2024 07:00:00 GMT</pubDate></item>
<item><title>Members only</title><link>{base}/private/report</link></item>
<item><title>Carried in full</title><link>{base}/news/full</link>
<content:encoded><![CDATA[{FULL_CONTENT}]]></content:encoded></item>
</channel></rss>""".encode()


class Server:
    """A tiny site whose routes misbehave in the ways the fetcher must cope with."""

    def __init__(self):
        self.hits: dict[str, int] = {}
        self.agents: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                owner.hits[self.path] = owner.hits.get(self.path, 0) + 1
                owner.agents.append(self.headers.get("User-Agent", ""))
                owner.route(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def route(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path == "/robots.txt":
            return self.send(h, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/flaky":
            if self.hits[path] == 1:
                return self.send(h, 503, b"busy", "text/plain")
            return self.send(h, 200, page("Flaky", "Second time lucky."), "text/html; charset=utf-8")
        if path == "/down":
            return self.send(h, 503, b"busy", "text/plain")
        if path == "/slow":
            time.sleep(1.5)
            return self.send(h, 200, page("Slow", "Too late."), "text/html")
        if path == "/huge":
            return self.send(h, 200, b"<p>" + b"x" * 50_000 + b"</p>", "text/html")
        if path == "/huge-chunked":  # no Content-Length: the cap must stop the reading
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            for _ in range(50):
                chunk = b"y" * 1000
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            h.wfile.write(b"0\r\n\r\n")
            return None
        if path == "/latin1":
            body = "<html><head><title>Café</title></head><body><p>Le café est fermé.</p></body></html>"
            return self.send(h, 200, body.encode("latin-1"), "text/html; charset=ISO-8859-1")
        if path == "/feed.xml":
            return self.send(h, 200, rss(self.base), "application/rss+xml")
        if path == "/news/pact":
            return self.send(h, 200, FEED_PAGE_A, "text/html; charset=utf-8")
        if path == "/news/ports":
            return self.send(h, 200, FEED_PAGE_B, "text/html")
        if path == "/private/report":
            return self.send(h, 200, page("Private", "Should never be fetched."), "text/html")
        return self.send(h, 404, b"not found", "text/plain")

    @staticmethod
    def send(h, status: int, body: bytes, content_type: str) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def test_fetch_sends_user_agent_and_passes_charset_along(server):
    [doc] = iter_documents([server.base + "/latin1"], settings=FAST)
    assert doc.kind == "html" and doc.url == server.base + "/latin1"
    assert doc.meta["charset"] == "iso-8859-1" and "é".encode("latin-1") in doc.data
    assert all(agent == FAST.user_agent for agent in server.agents)
    assert server.hits["/robots.txt"] == 1


def test_robots_txt_is_respected_and_cached(server):
    items = list(iter_documents([server.base + "/private/report", server.base + "/latin1"], settings=FAST))
    assert isinstance(items[0], Rejected) and "robots.txt" in items[0].reason and "disallows" in items[0].reason
    assert "/private/report" not in server.hits
    assert isinstance(items[1], Document)
    assert server.hits["/robots.txt"] == 1
    ignoring = Settings(timeout=2.0, retries=0, respect_robots=False)
    [doc] = iter_documents([server.base + "/private/report"], settings=ignoring)
    assert isinstance(doc, Document)


def test_503_then_200_is_retried(server):
    [doc] = iter_documents([server.base + "/flaky"], settings=FAST)
    assert isinstance(doc, Document) and b"Second time lucky" in doc.data
    assert server.hits["/flaky"] == 2


def test_5xx_gives_up_after_the_retries_and_4xx_is_not_retried(server):
    started = time.monotonic()
    down, missing = list(iter_documents([server.base + "/down", server.base + "/missing"], settings=FAST))
    assert server.hits["/down"] == FAST.retries + 1
    assert "HTTP 503" in down.reason and "3 attempts" in down.reason
    assert time.monotonic() - started >= 0.05 + 0.1  # backed off 0.05 s, then 0.1 s
    assert missing.reason.startswith("HTTP 404") and server.hits["/missing"] == 1


def test_slow_response_hits_the_timeout(server):
    settings = Settings(timeout=0.3, retries=0)
    started = time.monotonic()
    [item] = iter_documents([server.base + "/slow"], settings=settings)
    assert isinstance(item, Rejected) and "timed out after 0.3 s" in item.reason
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize("path", ["/huge", "/huge-chunked"])
def test_oversized_response_is_cut_off(server, path):
    [item] = iter_documents([server.base + path], settings=Settings(max_bytes=10_000, retries=0))
    assert isinstance(item, Rejected) and "over the 10,000-byte limit" in item.reason


def test_feed_items_link_to_pages_on_the_server(server):
    items = list(iter_documents([server.base + "/feed.xml"], settings=FAST))
    assert len(items) == 4
    pact, ports, private, full = items
    assert pact.data == FEED_PAGE_A and pact.meta["title"] == "Fisheries pact signed"
    assert pact.meta["published"] == "2024-03-12T09:30:00+01:00"
    assert pact.meta["source"] == "North Atlantic News" and pact.meta["charset"] == "utf-8"
    assert ports.url == server.base + "/news/ports" and ports.data == FEED_PAGE_B  # relative link resolved
    assert ports.meta["published"] == "2024-03-13T07:00:00+00:00"
    assert isinstance(private, Rejected) and "robots.txt" in private.reason
    assert full.kind == "html" and b"carried inside the feed item" in full.data
    assert "/news/full" not in server.hits  # full content is used as it is, not fetched


def test_feed_file_fetches_its_items(server, tmp_path):
    path = tmp_path / "saved-feed.xml"
    path.write_bytes(rss(server.base))
    items = list(iter_documents([str(path)], settings=FAST))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Rejected", "Document"]
    assert items[0].name == server.base + "/news/pact"


def test_unreachable_host_is_rejected_quickly():
    fetcher = Fetcher(Settings(timeout=1.0, retries=0))
    [item] = iter_documents(["http://127.0.0.1:9/nothing-listens-here"], settings=fetcher.settings)
    assert isinstance(item, Rejected) and "robots.txt" in item.reason and "unreachable" in item.reason


def test_json_array_and_pretty_printed_record(tmp_path):
    array = tmp_path / "batch.json"
    array.write_text(json.dumps([{"title": "Accord", "text": "Peru and Bolivia signed an accord."}, "oops"],
                                indent=2))
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"title": "Power deal", "text": "Ghana will sell power to Togo."}, indent=2))
    items = list(iter_documents([array, str(single)]))
    assert [(i.name, type(i).__name__) for i in items] == [
        (f"{array}#1", "Document"), (f"{array}#2", "Rejected"), (str(single), "Document")]
    assert items[2].meta["title"] == "Power deal"


def test_a_bare_path_is_one_input(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Ministers met in Oslo.\n")
    assert [d.name for d in iter_documents(str(path))] == [str(path)]
