"""Exports: GDELT 2.0 tables with GDELT's column names and counts, Parquet partitions, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import duckdb
import pytest
from conftest import need_shared
from test_store import BODY, analysis

from newswire.cli import main
from newswire.model import InputError
from newswire.store import Store, prepare, queries
from newswire.store.export import download, export


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    with Store(path) as s:
        s.write([prepare(analysis("https://news-a.example/eu", BODY + "\n\nRead more: World news", source="A")),
                 prepare(analysis("https://site-b.example/borrell", "Advertisement\n\n" + BODY, source="B"))])
    return path


def _labels(name: str, column: int, delimiter: str) -> list[str]:
    with need_shared("gdelt", name).open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=delimiter))[1:]
    return [r[column] for r in rows if r[column] != "Add New Fields"]


def test_gdelt_export_has_gdelt_columns_in_every_row(db, tmp_path):
    expected = {
        ".export.CSV": _labels("GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv", 0, ","),
        ".mentions.CSV": _labels("GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv", 1, "\t"),
        ".gkg.csv": _labels("GDELT_2.0_gdeltKnowledgeGraph_Column_Labels_Header_Row_Sep2016.tsv", 1, "\t"),
    }
    assert [len(v) for v in expected.values()] == [61, 16, 27]
    out = tmp_path / "gdelt"
    proc = subprocess.run([sys.executable, "-m", "newswire.cli", "export", "--format", "gdelt", "--header", str(out),
                           "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    tables = {}
    for suffix, columns in expected.items():
        [path] = list(out.glob(f"*{suffix}"))
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].split("\t") == columns
        assert all(len(line.split("\t")) == len(columns) for line in lines[1:])
        rel = duckdb.read_csv(str(path), delimiter="\t", header=True, all_varchar=True, quotechar="")
        assert rel.columns == columns
        tables[suffix] = rel.fetchall()
    events = [dict(zip(expected[".export.CSV"], r, strict=True)) for r in tables[".export.CSV"]]
    assert sorted((e["Actor1Code"], e["EventCode"], e["Actor2Code"]) for e in events) == [
        ("DEUGOV", "1011", "RUSGOV"), ("IGOEUREEC", "111", "RUSGOV"), ("RUSGOV", "1663", "DEUGOV")]
    expel = next(e for e in events if e["EventCode"] == "1663")
    assert (expel["SQLDATE"], expel["EventRootCode"], expel["QuadClass"], expel["NumMentions"],
            expel["NumSources"], expel["ActionGeo_FullName"]) == ("20210205", "16", "4", "2", "2", "Moscow, Russia")
    assert float(expel["AvgTone"]) < 0
    assert len(tables[".mentions.CSV"]) == 6
    gkg = [dict(zip(expected[".gkg.csv"], r, strict=True)) for r in tables[".gkg.csv"]]
    assert {g["DocumentIdentifier"] for g in gkg} == {"https://news-a.example/eu", "https://site-b.example/borrell"}
    assert all(g["Persons"] == "Josep Borrell" and "I strongly condemn" in g["Quotations"] for g in gkg)


def test_parquet_export_is_partitioned_by_date(db, tmp_path):
    with Store(db, read_only=True) as s:
        paths = export(s, tmp_path / "pq", "parquet")
    assert any("year=2021" in str(p) and "month=2" in str(p) for p in paths)
    n = duckdb.sql(f"SELECT count(*), sum(num_mentions) FROM read_parquet('{tmp_path}/pq/events/**/*.parquet', "
                   "hive_partitioning = true) WHERE year = 2021").fetchall()[0]
    assert n == (3, 6)


def test_jsonl_export_serves_back_the_records(db, tmp_path):
    with Store(db, read_only=True) as s:
        export(s, tmp_path / "j", "jsonl")
    records = [json.loads(line) for line in (tmp_path / "j" / "articles.jsonl").read_text().splitlines()]
    assert {r["url"] for r in records} == {"https://news-a.example/eu", "https://site-b.example/borrell"}
    assert len({r["story_id"] for r in records}) == 1
    assert all(len(r["events"]) == 3 and r["tone"] < 0 for r in records)
    events = (tmp_path / "j" / "events.jsonl").read_text().splitlines()
    assert len(events) == 3 and json.loads(events[0])["num_articles"] == 2


@pytest.mark.parametrize(("format", "stale"), [("gdelt", "19990101000000.export.CSV"),
                                               ("parquet", "events/year=1999/month=1/data_0.parquet"),
                                               ("jsonl", None)])
def test_second_export_into_a_folder_is_refused_unless_replace(db, tmp_path, format, stale):
    """GDELT files are timestamped: a second export beside the first would make `*.export.CSV` count twice."""
    out = tmp_path / "out"
    with Store(db, read_only=True) as s:
        written = export(s, out, format)
        (out / "notes.txt").write_text("mine")
        if stale:  # an earlier export's file that this one would not overwrite: another timestamp, partition
            (out / stale).parent.mkdir(parents=True, exist_ok=True)
            (out / stale).write_bytes(written[0].read_bytes())
        before = sorted(out.rglob("*"))
        with pytest.raises(InputError, match="already holds a .* export .*--replace"):
            export(s, out, format)
        assert sorted(out.rglob("*")) == before, "a refused export writes nothing"
        replaced = export(s, out, format, replace=True)
    assert {p for p in out.rglob("*") if p.is_file()} == {*replaced, out / "notes.txt"}, "only the new set"
    assert (out / "notes.txt").read_text() == "mine", "files that are not an export are left alone"


def test_cli_export_refuses_with_one_line_and_replaces_on_request(db, tmp_path, capsys):
    out = tmp_path / "g"
    args = ["export", "--format", "gdelt", str(out), "--db", str(db)]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--replace" in err
    assert main([*args, "--replace"]) == 0
    assert len(list(out.glob("*.export.CSV"))) == 1 and len(list(out.glob("*.gkg.csv"))) == 1


def test_download_streams_exactly_the_filtered_events_newest_first(db):
    with Store(db, read_only=True) as s:
        expected = [e["id"] for e in queries.events(s, actor="RUS", status="all")]
        rows = list(csv.DictReader(io.StringIO("".join(download(s, "csv", filters={"actor": "RUS", "status": "all"})))))
        lines = "".join(download(s, "jsonl", filters={"actor": "RUS", "status": "all"})).splitlines()
        gdelt = "".join(download(s, "gdelt", filters={"actor": "RUS", "status": "all"})).splitlines()
        newest = "".join(download(s, "csv", filters={"cameo": "1"}, limit=1)).splitlines()
        empty = "".join(download(s, "csv", filters={"text": "no such words"}))
        with pytest.raises(InputError, match="unknown actor"):
            download(s, "csv", filters={"actor": "Atlantis"})  # raised by the call, before any byte is sent
        with pytest.raises(InputError, match="csv, jsonl, gdelt"):
            download(s, "parquet")
    assert len(expected) == 3
    assert [int(r["id"]) for r in rows] == expected and {r["status"] for r in rows} == {"occurred"}
    assert [json.loads(line)["id"] for line in lines] == expected
    assert all(len(line.split("\t")) == 61 for line in gdelt)
    assert [int(line.split("\t")[0]) for line in gdelt] == expected
    assert len(newest) == 2 and newest[1].split(",")[0] == str(expected[0])
    assert empty.startswith("id,story_id,date,") and empty.count("\n") == 1  # a header, even for no events
