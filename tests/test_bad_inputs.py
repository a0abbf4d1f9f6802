"""Bad inputs mixed with good ones: every good article comes out, every bad input is named once, nothing crashes.

Runs the whole pipeline, through the command line (a subprocess) and through ``newswire.analyze``.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newswire
from newswire.config import Settings

GOOD = Path(__file__).parent / "fixtures" / "inputs" / "good"
NEWSWIRE = Path(sys.executable).with_name("newswire")
LIMIT = 40_000  # bytes; the good inputs are far below it, huge.html above

WARC_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Chile and Argentina open a new Andes border crossing</title></head><body><article>
<h1>Chile and Argentina open a new Andes border crossing</h1>
<p>Chile and Argentina opened a new border crossing through the Andes on Friday, cutting the lorry journey
between Santiago and Mendoza by almost three hours, officials from both countries said.</p>
<p>The Chilean public works minister said the tunnel would stay open through the winter, when snow often
closes the older pass for days at a time.</p>
<p>Argentine customs officers will work alongside their Chilean counterparts at a single inspection post.</p>
</article></body></html>"""

JSONL_GOOD = {"url": "https://wire.example/2024/05/ghana-togo-power", "title": "Ghana to sell power to Togo",
              "date": "2024-05-02",
              "text": "Ghana agreed on Thursday to sell electricity to Togo under a five-year contract, the energy "
                      "ministry in Accra said.\n\nThe deal follows months of power cuts in Lome, where the state "
                      "utility has struggled to keep up with demand."}
CSV_GOOD_TITLE = "Peru and Bolivia sign lake protection accord"
CSV_TEXT = ("Peru and Bolivia signed an accord on Tuesday to clean up Lake Titicaca, pledging to build "
            "treatment plants in towns along the shore.")

GOOD_TITLES = {
    "Kenya and Tanzania agree to reopen border grain trade",
    "Norway and Iceland agree to share fisheries patrol data",
    "Chile and Argentina open a new Andes border crossing",
    JSONL_GOOD["title"],
    CSV_GOOD_TITLE,
}


def warc_bytes(pages: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buffer.getvalue()


def bad_files(folder: Path) -> dict[str, str]:
    """Write the bad inputs; returns {name relative to folder: a word the reason must contain}."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n\t\n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n" + bytes(range(256)) * 20)
    (folder / "photo.jpg.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(3000))
    html = (GOOD / "grain_deal.html").read_bytes()
    packed = gzip.compress(html * 4)
    (folder / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "huge.html").write_bytes(b"<html><body><p>" + b"filler words " * 4000 + b"</p></body></html>")
    return {"empty.txt": "empty", "blank.txt": "empty", "scan.pdf": "PDF", "photo.jpg.txt": "JPEG",
            "cut.html.gz": "truncated", "huge.html": "limit"}


@pytest.fixture
def mixed(tmp_path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "inbox"
    (folder / "pages").mkdir(parents=True)
    shutil.copy(GOOD / "harbour_talks.txt", folder / "pages")
    shutil.copy(GOOD / "grain_deal.html", folder / "pages")
    expected = bad_files(folder)
    warc = warc_bytes([("https://andes.example/crossing", WARC_PAGE),
                       ("https://andes.example/next", WARC_PAGE.replace(b"Chile", b"Peru") * 3)])
    (folder / "crawl.warc.gz").write_bytes(warc[:-60])  # the second record is cut short
    expected["crawl.warc.gz"] = "truncated"
    (folder / "corpus.jsonl").write_text("\n".join([
        json.dumps(JSONL_GOOD),
        '{"title": "Half a record", "text": "The line ends before the JSON',
        json.dumps({"title": "No text at all", "url": "https://wire.example/x"}),
    ]) + "\n")
    expected["corpus.jsonl:2"] = "invalid JSON"
    expected["corpus.jsonl:3"] = "'text'"
    (folder / "corpus.csv").write_text(
        "url,date,title,text\n"
        f'https://lake.example/accord,2024-06-11,{CSV_GOOD_TITLE},"{CSV_TEXT}"\n'
        "https://lake.example/empty,2024-06-12,An empty row,\n")
    expected["corpus.csv:3"] = "empty text"
    return folder, expected


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(NEWSWIRE), "analyze", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_cli_keeps_the_good_and_names_each_bad_input(mixed):
    folder, expected = mixed
    missing = str(folder / "not-there.html")
    result = run_cli(str(folder), missing, "--json", "--max-bytes", str(LIMIT))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    titles = {json.loads(line)["title"] for line in result.stdout.splitlines()}
    assert titles == GOOD_TITLES
    rejected = [line for line in result.stderr.splitlines() if " rejected " in line]
    for name, word in expected.items():
        lines = [line for line in rejected if f" {folder / name}: " in line]
        assert len(lines) == 1, (name, rejected)
        assert word in lines[0], lines[0]
    assert sum(f" {missing}: no such file" in line for line in rejected) == 1
    assert len(rejected) == len(expected) + 1


@pytest.mark.slow
def test_cli_exits_2_when_every_input_is_bad(tmp_path):
    bad_files(tmp_path)
    result = run_cli(str(tmp_path), str(tmp_path / "missing.txt"), "--json", "--max-bytes", str(LIMIT))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert sum(" rejected " in line for line in result.stderr.splitlines()) == 7


def test_library_reports_rejects_to_the_handler(mixed):
    folder, expected = mixed
    rejected = []
    analyses = list(newswire.analyze([str(folder)], settings=Settings(max_bytes=LIMIT),
                                     on_reject=rejected.append))
    assert {a.article.title for a in analyses} == GOOD_TITLES
    by_name = {str(Path(r.name).relative_to(folder)): r.reason for r in rejected}
    assert set(by_name) == set(expected)
    for name, word in expected.items():
        assert word in by_name[name], (name, by_name[name])
    origins = {a.article.title: a.article.origin for a in analyses}
    assert origins[CSV_GOOD_TITLE] == f"{folder / 'corpus.csv'}:2"
    assert origins["Chile and Argentina open a new Andes border crossing"].startswith(str(folder / "crawl.warc.gz"))
