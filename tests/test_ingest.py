"""Ingest: idempotent reruns, a kill at any moment loses and duplicates nothing, bad rows are logged."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import need_shared

from newswire.ingest import ingest
from newswire.store import Store

NEWSWIRE = [sys.executable, "-m", "newswire.cli"]


def _subset(tmp_path: Path, rows: int) -> Path:
    """The first rows of the Wikinews corpus, copied to tmp (never into the repo)."""
    src = need_shared("corpora", "wikinews", "wikinews_2019.csv")
    csv.field_size_limit(10**8)
    with src.open(encoding="utf-8", newline="") as f:
        data = list(csv.reader(f))[: rows + 1]
    path = tmp_path / "wikinews_subset.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(data)
    return path


def _contents(db: Path) -> dict[str, object]:
    with Store(db, read_only=True) as s:
        q = s.con.execute
        return {
            "articles": sorted(r[0] for r in q("SELECT key FROM articles").fetchall()),
            "events": sorted(q("SELECT story_id, source_code, target_code, cameo, date, num_mentions "
                               "FROM events").fetchall(), key=repr),
            "mentions": q("SELECT count(*) FROM mentions").fetchone()[0],
            "stories": q("SELECT count(*) FROM stories").fetchone()[0],
            "entities": q("SELECT count(*) FROM entities").fetchone()[0],
        }


def _wait_for_commits(db: Path, proc: subprocess.Popen, commits: int, timeout: float = 240) -> None:
    """Block until the writer has committed ``commits`` batches of 2, reading the database as it is written
    (the writer lets go of the file between batches)."""
    from newswire.store.db import connect

    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        if not db.exists():
            continue
        try:
            con = connect(str(db), read_only=True, wait=5)
        except duckdb.Error:
            continue
        try:
            done = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except duckdb.Error:  # the tables are not made yet
            done = 0
        finally:
            con.close()
        if done >= 2 * commits:
            return


@pytest.mark.slow
def test_kill_half_way_then_rerun_loses_and_duplicates_nothing(tmp_path):
    rows = 16
    corpus = _subset(tmp_path, rows)
    whole = tmp_path / "whole.duckdb"
    result = ingest([str(corpus)], whole, batch_size=2)
    assert (result.read, result.added) == (rows, rows)
    again = ingest([str(corpus)], whole, batch_size=2)  # re-ingesting the same input adds nothing
    assert (again.added, again.skipped) == (0, rows)
    expected = _contents(whole)
    assert len(expected["articles"]) == rows

    killed = tmp_path / "killed.duckdb"
    cmd = [*NEWSWIRE, "ingest", str(corpus), "--db", str(killed), "--batch-size", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_commits(killed, proc, commits=3)
    proc.kill()  # SIGKILL: no cleanup, no checkpoint, possibly mid-transaction
    proc.wait(timeout=30)
    assert proc.returncode != 0, "the run finished before it could be killed"
    partial = _contents(killed)
    assert 0 < len(partial["articles"]) < rows
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    assert _contents(killed) == expected


@pytest.mark.slow
def test_bad_rows_are_rejected_by_line_and_logged(tmp_path):
    corpus = tmp_path / "corpus.csv"
    good = ("The European Union condemned Russia on Tuesday for expelling three diplomats from Germany, "
            "Sweden and Poland, and its foreign policy chief called the decision unjustified.")
    with corpus.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["url", "date", "title", "text"])
        w.writerow(["https://a.example/1", "2021-02-05", "EU condemns expulsions", good])
        w.writerow(["https://a.example/2", "2021-02-06", "Nothing here", ""])
        w.writerow(["https://a.example/3", "2021-02-07", "Talks resume", good.replace("Tuesday", "Friday")])
    db = tmp_path / "c.duckdb"
    proc = subprocess.run([*NEWSWIRE, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "rejected" in ln]
    assert len(lines) == 1 and "corpus.csv:3" in lines[0]
    assert "Traceback" not in proc.stderr
    with Store(db, read_only=True) as s:
        rejects = s.con.execute("SELECT name, reason FROM rejects").fetchall()
        titles = sorted(r[0] for r in s.con.execute("SELECT title FROM articles").fetchall())
    assert len(rejects) == 1 and rejects[0][0].endswith("corpus.csv:3") and rejects[0][1]
    assert titles == ["EU condemns expulsions", "Talks resume"]


@pytest.mark.slow
def test_parallel_ingest_stores_what_a_single_process_does(tmp_path):
    corpus = _subset(tmp_path, 6)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([str(corpus)], one, batch_size=2)
    result = ingest([str(corpus)], two, jobs=2, batch_size=2)
    assert (result.read, result.added) == (6, 6)
    assert _contents(one) == _contents(two)


@pytest.mark.slow
def test_a_database_in_use_or_broken_is_one_line_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 100)
    proc = subprocess.run([*NEWSWIRE, "stats", "--db", str(broken)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("newswire: ") and "Traceback" not in proc.stderr
    proc = subprocess.run([*NEWSWIRE, "events", "--db", str(tmp_path / "missing.duckdb")], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1 and "no such database" in proc.stderr


# -- progress --------------------------------------------------------------------------------------
DEMO = Path(__file__).resolve().parents[1] / "src" / "newswire" / "demo"


@pytest.mark.slow
def test_progress_knows_the_total_and_moves_article_by_article(tmp_path):
    import shutil

    from newswire.sources import count_documents

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("01_eu_sanctions_belarus.txt", "02_sudan_talks_jeddah.txt", "10_wire_corpus.jsonl",
                 "11_coups_corpus.csv"):
        shutil.copy(DEMO / name, folder / name)
    (folder / "broken.bin").write_bytes(b"\x00\x01\x02" * 100)  # one input, rejected: counted all the same
    assert count_documents([str(folder)]) == 2 + 3 + 2 + 1
    assert count_documents(["https://example.org/feed.xml"]) is None
    assert count_documents([str(DEMO / "09_world_feed.xml")]) is None  # a feed's items are known once fetched

    seen = []
    result = ingest([str(folder)], tmp_path / "db.duckdb", batch_size=2,
                    on_progress=lambda r: seen.append((r.total, r.done, r.events, r.rate, r.eta)))
    totals = {t for t, *_ in seen}
    assert totals == {8}
    done = [d for _, d, *_ in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 8
    assert len(set(done)) >= 6  # updated as articles come, not once per batch
    assert seen[-1][2] == result.events > 0  # events found so far
    assert all(eta is not None and eta >= 0 for _, d, _, rate, eta in seen if rate > 0)
    assert seen[-1][4] == 0
