"""The Spark job (local mode, loopback only) finds the same events as ``newswire ingest``."""

from __future__ import annotations

import csv
import gzip
import io
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from newswire.cli import main
from newswire.model import InputError

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java (no java on PATH)", allow_module_level=True)

from newswire import spark as nspark  # noqa: E402

pytestmark = pytest.mark.slow  # processes, a browser or the whole pipeline per test: not the quick loop

DEMO = Path(nspark.__file__).parent / "demo"

CSV_ROWS = [
    {"url": "https://wire.example/harbour-talks", "date": "2024-03-12", "title": "Harbour talks resume",
     "text": "Greece and Turkey agreed on Tuesday to resume talks on maritime borders, the Greek foreign "
             "ministry said.\n\nThe two governments will meet in Athens next month, officials said."},
    {"url": "https://wire.example/grain", "date": "2024-03-12", "title": "Grain prices",
     "text": "Wheat futures closed higher on Tuesday as dry weather lifted prices.\n\n"
             "Traders said stocks remained ample."},
    {"url": "https://wire.example/protest", "date": "2024-03-13", "title": "Police detain protesters",
     "text": "Georgian police arrested dozens of protesters in Tbilisi on Wednesday. The European Union "
             "condemned the arrests and urged Georgia to release them."},
    {"url": "", "date": "2024-03-13", "title": "Empty", "text": ""},  # rejected: no text
]


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted(DEMO.glob("*.html")) + sorted(DEMO.glob("*.html.gz"))
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, page in enumerate(pages):
            body = gzip.decompress(page.read_bytes()) if page.name.endswith(".gz") else page.read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news.example/{i}/{page.stem}", "response",
                                               payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2024-03-12T10:00:00Z"})
            writer.write_record(record)


@pytest.fixture(scope="module")
def session():
    s = nspark.session("local[2]", app="newswire-tests")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("inputs")
    warc = folder / "crawl.warc.gz"
    write_warc(warc)
    table = folder / "wire.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["url", "date", "title", "text"])
        writer.writeheader()
        writer.writerows(CSV_ROWS)
    return [warc, table]


def _events(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT e.story_id, e.date, e.source_code, e.target_code, e.cameo, e.plover, e.status, e.trigger, "
            "e.sentence, e.num_mentions, e.num_articles, e.first_article FROM events e ORDER BY ALL").fetchall()


def _table(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_spark_events_equal_ingest(session, inputs, tmp_path):
    out = tmp_path / "out"
    result = nspark.run([str(p) for p in inputs], str(out), spark=session, partitions=3)
    assert result.files == 2 and result.rejected >= 1
    for table in nspark.TABLES:
        assert (out / table / "_SUCCESS").exists()
    assert any(p.name.startswith("date=2024-03-12") for p in (out / "articles").iterdir())

    assert main(["load", str(out), "--db", str(tmp_path / "spark.duckdb")]) == 0
    assert main(["ingest", *map(str, inputs), "--db", str(tmp_path / "ingest.duckdb")]) == 0
    spark_events, ingest_events = _events(tmp_path / "spark.duckdb"), _events(tmp_path / "ingest.duckdb")
    assert len(spark_events) >= 5
    assert spark_events == ingest_events
    records = "SELECT key, story_id, record, source, signature FROM articles ORDER BY key"
    assert _table(tmp_path / "spark.duckdb", records) == _table(tmp_path / "ingest.duckdb", records)
    rejects = "SELECT name, reason FROM rejects ORDER BY ALL"
    assert _table(tmp_path / "spark.duckdb", rejects) == _table(tmp_path / "ingest.duckdb", rejects)

    # the Parquet tables themselves: one events row per stored mention, quotes with their articles
    with duckdb.connect() as con:
        parquet_events = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = true)",
                                     [str(out / "events" / "**" / "*.parquet")]).fetchone()[0]
    mentions = _table(tmp_path / "spark.duckdb", "SELECT count(*) FROM mentions")[0][0]
    assert parquet_events == mentions

    # loading again adds nothing: the same keys are skipped, as a second ingest would
    assert main(["load", str(out), "--db", str(tmp_path / "spark.duckdb")]) == 0
    assert _events(tmp_path / "spark.duckdb") == ingest_events


def test_manifest_paths_resolve_against_base_or_its_folder(tmp_path):
    (tmp_path / "crawl-data").mkdir()
    manifest = tmp_path / "warc.paths.gz"
    manifest.write_bytes(gzip.compress(b"crawl-data/CC-NEWS-1.warc.gz\n\ncrawl-data/CC-NEWS-2.warc.gz\n"))
    assert nspark.expand_inputs([str(manifest)]) == [str(tmp_path / "crawl-data" / "CC-NEWS-1.warc.gz"),
                                                     str(tmp_path / "crawl-data" / "CC-NEWS-2.warc.gz")]
    assert nspark.expand_inputs([str(manifest)], base="/data/cc") == [
        "/data/cc/crawl-data/CC-NEWS-1.warc.gz", "/data/cc/crawl-data/CC-NEWS-2.warc.gz"]
    listed = tmp_path / "list.txt"
    listed.write_text("s3://commoncrawl/crawl-data/CC-NEWS-3.warc.gz\n")
    assert nspark.expand_inputs([str(listed)]) == ["s3://commoncrawl/crawl-data/CC-NEWS-3.warc.gz"]
    notes = tmp_path / "notes.txt"
    notes.write_text("Talks resumed in Athens on Tuesday.\n")
    assert nspark.expand_inputs([str(notes)]) == [str(notes)]


def test_bad_folders_are_clear_errors(tmp_path, capsys):
    with pytest.raises(InputError, match="no such file"):
        nspark.expand_inputs([str(tmp_path / "missing.warc.gz")])
    assert main(["load", str(tmp_path), "--db", str(tmp_path / "x.duckdb")]) == 1
    assert "not a 'newswire spark' output folder" in capsys.readouterr().err
