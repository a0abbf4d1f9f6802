"""What an analyst relies on (issue 15): status counted right downstream, GDELT files that GDELT users'
code reads unchanged, actors found by name, and a command line that says what it does. Built on four
short wire stories (tests/fixtures/analyst/wire.jsonl) ingested through the real pipeline once."""

from __future__ import annotations

import csv
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURES, ROOT, need_shared

from newswire.cli import build_parser
from newswire.store import Store, queries
from newswire.store.export import gdelt_columns

pytestmark = pytest.mark.slow  # processes, a browser or the whole pipeline per test: not the quick loop

WIRE = FIXTURES / "analyst" / "wire.jsonl"


def newswire(*args: str, stdin: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newswire.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=timeout)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("analyst") / "wire.duckdb"
    proc = newswire("ingest", str(WIRE), "--db", str(path))
    assert proc.returncode == 0, proc.stderr
    return path


def rows_of(store: Store, sql: str) -> list[dict]:
    cur = store.con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


# -- status -------------------------------------------------------------------------------------
def test_negated_agreement_is_not_cooperation_in_dyads_or_the_overview(db):
    with Store(db, read_only=True) as s:
        negated = rows_of(s, "SELECT source_code, target_code, cameo, status FROM events WHERE status = 'negated'")
        assert {(e["source_code"], e["target_code"]) for e in negated} == {("USAGOV", "USALEG"),
                                                                           ("USALEG", "USAGOV")}
        assert queries.dyad(s, "USAGOV", "USALEG")["events"] == 0
        every = queries.dyad(s, "USAGOV", "USALEG", status="all")
        assert every["events"] == 2 and every["series"][0]["net_cooperation"] == 8.0
        assert ("USAGOV", "USALEG") not in {(d["a"], d["b"]) for d in queries.top_dyads(s, limit=20)}
        assert ("USAGOV", "USALEG") in {(d["a"], d["b"]) for d in queries.top_dyads(s, limit=20, status="negated")}
    proc = newswire("dyad", "USAGOV", "USALEG", "--db", str(db))
    assert proc.returncode == 0 and "no occurred events" in proc.stdout and "8.0" not in proc.stdout
    proc = newswire("dyad", "USAGOV", "USALEG", "--status", "occurred,negated", "--db", str(db))
    assert "2 events" in proc.stdout and "8.0" in proc.stdout


def test_status_filter_takes_several_statuses_and_refuses_unknown_ones(db):
    proc = newswire("events", "--status", "negated,possible", "--format", "jsonl", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert sorted(json.loads(line)["status"] for line in proc.stdout.splitlines()) == ["negated", "negated",
                                                                                        "possible"]
    proc = newswire("events", "--status", "happened", "--db", str(db))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_api_takes_status_lists(db, server):
    with urllib.request.urlopen(f"{server}/api/events?status=negated,possible") as r:
        items = json.load(r)["items"]
    assert sorted(i["status"] for i in items) == ["negated", "negated", "possible"]
    with urllib.request.urlopen(f"{server}/api/dyads/Trump/USALEG") as r:
        assert json.load(r)["events"] == 0
    with urllib.request.urlopen(f"{server}/api/dyads/Trump/USALEG?status=all") as r:
        assert json.load(r)["events"] == 2
    with urllib.request.urlopen(f"{server}/api/dyads") as r:
        assert all("USALEG" not in (d["a"], d["b"]) for d in json.load(r)["items"])


@pytest.fixture(scope="module")
def server(db):
    import uvicorn

    from newswire.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_gdelt_export_holds_occurred_events_and_jsonl_parquet_carry_status(db, tmp_path):
    proc = newswire("export", "--format", "gdelt", str(tmp_path / "g"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    events = gdelt_table(tmp_path / "g", "export.CSV", "events")
    with Store(db, read_only=True) as s:
        occurred = {r[0] for r in s.con.execute("SELECT id FROM events WHERE status = 'occurred'").fetchall()}
    # Qatar signs with and meets Turkey, the US praises their agreement (both sides), Russia expels German
    # diplomats, Germany condemns the expulsions, the EU criticises Russia
    assert {e["GLOBALEVENTID"] for e in events} == occurred and len(occurred) == 7
    assert "030" not in {e["EventCode"] for e in events}  # "could not agree" is no 030 AGREE
    mentions = gdelt_table(tmp_path / "g", "mentions.CSV", "mentions")
    assert {m["GLOBALEVENTID"] for m in mentions} == occurred
    proc = newswire("export", "--format", "gdelt", "--status", "all", str(tmp_path / "all"), "--db", str(db))
    assert len(gdelt_table(tmp_path / "all", "export.CSV", "events")) == 10
    assert newswire("export", "--format", "jsonl", str(tmp_path / "j"), "--db", str(db)).returncode == 0
    statuses = [json.loads(line)["status"] for line in (tmp_path / "j" / "events.jsonl").open()]
    assert sorted(statuses) == ["negated", "negated"] + ["occurred"] * 7 + ["possible"]
    assert newswire("export", "--format", "parquet", str(tmp_path / "p"), "--db", str(db)).returncode == 0
    got = duckdb.sql(f"SELECT status, count(*) FROM read_parquet('{tmp_path}/p/events/**/*.parquet') "
                     "GROUP BY ALL ORDER BY ALL").fetchall()
    assert got == [("negated", 2), ("occurred", 7), ("possible", 1)]


def test_export_takes_the_event_filters(db, tmp_path):
    proc = newswire("export", "--format", "gdelt", "--actor", "Trump", "--status", "all", str(tmp_path / "t"),
                    "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    events = gdelt_table(tmp_path / "t", "export.CSV", "events")
    assert sorted((e["Actor1Code"], e["Actor2Code"]) for e in events) == [("USAGOV", "USALEG"),
                                                                          ("USALEG", "USAGOV")]
    proc = newswire("export", "--format", "jsonl", "--quad-class", "4", str(tmp_path / "q"), "--db", str(db))
    assert [json.loads(x)["cameo"] for x in (tmp_path / "q" / "events.jsonl").open()] == ["161"]


# -- GDELT files ----------------------------------------------------------------------------------
_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}


def gdelt_types(table: str) -> dict[str, str]:
    """GDELT's own column list and types, from its column-label files in ../shared/gdelt."""
    name, col, typ, delim = {
        "events": ("GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv", 0, 1, ","),
        "mentions": ("GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv", 1, 2, "\t"),
        "gkg": ("GDELT_2.0_gdeltKnowledgeGraph_Column_Labels_Header_Row_Sep2016.tsv", 1, 2, "\t")}[table]
    with need_shared("gdelt", name).open(encoding="utf-8") as f:
        rows = [r for r in list(csv.reader(f, delimiter=delim))[1:] if r[col] != "Add New Fields"]
    return {r[col]: _TYPES.get(r[typ], "VARCHAR") for r in rows}


def gdelt_table(folder: Path, suffix: str, table: str) -> list[dict]:
    """An exported file read the way GDELT users read GDELT's: no header, GDELT's columns and types."""
    [path] = folder.glob(f"*.{suffix}")
    rel = duckdb.read_csv(str(path), delimiter="\t", header=False, quotechar="", columns=gdelt_types(table))
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def test_gdelt_files_read_with_gdelt_columns_and_types_and_match_the_database(db, tmp_path):
    out = tmp_path / "g"
    assert newswire("export", "--format", "gdelt", str(out), "--db", str(db)).returncode == 0
    for suffix, table in (("export.CSV", "events"), ("mentions.CSV", "mentions"), ("gkg.csv", "gkg")):
        [path] = out.glob(f"*.{suffix}")
        first = path.read_text(encoding="utf-8").splitlines()[0].split("\t")
        assert first[0] != gdelt_columns()[table][0]  # no header row
        assert list(gdelt_types(table)) == gdelt_columns()[table]
    events = {e["GLOBALEVENTID"]: e for e in gdelt_table(out, "export.CSV", "events")}
    with Store(db, read_only=True) as s:
        stored = {e["id"]: e for e in rows_of(s, "SELECT * FROM events WHERE status = 'occurred'")}
        published = dict(s.con.execute("SELECT key, published FROM articles").fetchall())
        bodies = {k: json.loads(r)["body"] for k, r in s.con.execute("SELECT key, record FROM articles").fetchall()}
    for eid, e in stored.items():
        g = events[eid]
        assert g["GoldsteinScale"] == e["goldstein"] and g["QuadClass"] == e["quad_class"]
        assert g["EventCode"] == e["cameo"] and g["SQLDATE"] == int(e["date"].strftime("%Y%m%d"))
        assert g["Actor1Code"] == e["source_code"] and g["Actor2Code"] == e["target_code"]
        assert g["DATEADDED"] == int(re.sub(r"\D", "", published[e["first_article"]])[:14])
    expel = next(g for g in events.values() if g["EventCode"] == "161")
    assert (expel["Actor1Code"], expel["Actor1CountryCode"], expel["Actor2Code"], expel["Actor2Type1Code"]) == (
        "RUS", "RUS", "DEUGOV", "GOV")
    # places: FIPS codes; a country actor placed as GDELT places a country; Moscow a world city
    assert (expel["Actor1Geo_Type"], expel["Actor1Geo_CountryCode"], expel["Actor1Geo_FullName"]) == (1, "RS", "Russia")
    assert (expel["Actor2Geo_Type"], expel["Actor2Geo_CountryCode"]) == (1, "GM")
    assert (expel["ActionGeo_Type"], expel["ActionGeo_CountryCode"], expel["ActionGeo_FullName"]) == (
        4, "RS", "Moscow, Russia")
    eu = next(g for g in events.values() if g["Actor1Code"] == "IGOEUREEC")
    assert (eu["Actor1CountryCode"], eu["Actor1KnownGroupCode"], eu["Actor1Type1Code"]) == ("EUR", "EEC", "IGO")
    assert eu["Actor1Geo_Type"] == 0 and eu["Actor1Geo_FullName"] is None
    assert all(g["ActionGeo_Type"] > 0 for g in events.values())  # every event here names a place
    qatar = next(g for g in events.values() if g["EventCode"] == "057")
    assert qatar["ActionGeo_CountryCode"] == "QA"  # "DOHA — Qatar signed ...": no place the coder chose
    assert all(g[f"{a}Geo_CountryCode"] is None or len(g[f"{a}Geo_CountryCode"]) == 2
               for g in events.values() for a in ("Actor1", "Actor2", "Action"))
    # mentions: the articles' times, and the actors' and action's offsets in the article
    for m in gdelt_table(out, "mentions.CSV", "mentions"):
        e = stored[m["GLOBALEVENTID"]]
        assert str(m["EventTimeDate"]).startswith("2019030") and m["MentionTimeDate"] == m["EventTimeDate"]
        key = e["first_article"]
        body = bodies[key]
        assert body[m["ActionCharOffset"]:].startswith(e["trigger"])
        # an actor read from an earlier sentence ("Germany condemned the expulsions": Russia) has no offset here
        offsets = [o for o in (m["Actor1CharOffset"], m["Actor2CharOffset"]) if o is not None]
        assert m["Actor1CharOffset"] is not None and max(offsets) < len(body)
    trump = next(m for m in gdelt_table(out, "mentions.CSV", "mentions")
                 if stored[m["GLOBALEVENTID"]]["source_name"] == "Mohammed bin Abdulrahman Al Thani")
    body = bodies[stored[trump["GLOBALEVENTID"]]["first_article"]]
    assert body[trump["Actor1CharOffset"]:].startswith("Mohammed bin Abdulrahman")
    assert body[trump["Actor2CharOffset"]:].startswith("Recep Tayyip Erdogan")
    for g in gdelt_table(out, "gkg.csv", "gkg"):
        assert re.fullmatch(r"(-?\d+(\.\d{1,4})?,){4},,\d+", g["V2Tone"]), g["V2Tone"]


def test_header_option_writes_gdelt_column_names(db, tmp_path):
    assert newswire("export", "--format", "gdelt", "--header", str(tmp_path / "h"), "--db", str(db)).returncode == 0
    [path] = (tmp_path / "h").glob("*.export.CSV")
    assert path.read_text(encoding="utf-8").splitlines()[0].split("\t") == gdelt_columns()["events"]


def test_a_name_no_dictionary_holds_goes_in_the_name_field(tmp_path):
    from test_store import BODY, analysis, event

    from newswire.model import Actor
    from newswire.store import prepare
    from newswire.store.export import export

    judge = Actor("Judge Haywood Miller", '"JUDGE HAYWOOD MILLER"', country="USA", sector="JUD")
    air_force = Actor("Air Force", '"AIR FORCE"')
    sentence = BODY.split("\n\n")[0]
    evs = [event(judge, air_force, "111", "DISAPPROVE", 3, -2.0, sentence, trigger="condemned")]
    with Store(tmp_path / "n.duckdb") as s:
        s.write([prepare(analysis("https://news.example/judge", events=evs))])
        export(s, tmp_path / "g", "gdelt")
    [e] = gdelt_table(tmp_path / "g", "export.CSV", "events")
    assert (e["Actor1Code"], e["Actor1Name"], e["Actor1CountryCode"], e["Actor1Type1Code"]) == (
        None, "JUDGE HAYWOOD MILLER", "USA", "JUD")
    assert (e["Actor2Code"], e["Actor2Name"]) == (None, "AIR FORCE")


def test_layout_and_country_table_agree_with_the_gdelt_sample(db, tmp_path):
    from newswire.store.actorcodes import countries

    sample = need_shared("gdelt", "sample_events_gdelt1.tsv")
    by_fips = {c.fips: c for c in countries().values()}
    seen = 0
    sample_blocks = []
    with sample.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) != 58:  # the sample's 57-column rows lack a field before the places
                continue
            for base in (35, 42, 49):  # GDELT 1.0 places: Type, FullName, CountryCode, ADM1, Lat, Long, FeatureID
                block = row[base:base + 7]
                sample_blocks.append(block)
                if block[0] == "1":
                    c = by_fips[block[2]]
                    assert (c.name, c.lat, c.lon, block[3]) == (block[1], float(block[4]), float(block[5]), c.fips)
                    seen += 1
    assert seen > 100
    assert all(b[0] != "" for b in sample_blocks) and all(b[1:] == [""] * 6 for b in sample_blocks if b[0] == "0")
    assert newswire("export", "--format", "gdelt", "--status", "all", str(tmp_path / "g"),
                    "--db", str(db)).returncode == 0
    [path] = (tmp_path / "g").glob("*.export.CSV")
    for line in path.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        for base in (35, 43, 51):  # GDELT 2.0 adds ADM2Code after ADM1Code
            block = row[base:base + 8]
            assert block[0] in {"0", "1", "2", "3", "4", "5"}
            if block[0] == "0":
                assert block[1:] == [""] * 7
            if block[0] == "1":  # as the sample writes a country
                c = by_fips[block[2]]
                assert block[1:] == [c.name, c.fips, c.fips, "", f"{c.lat:g}", f"{c.lon:g}", c.fips]
            else:
                assert block[2] == "" or block[2] in by_fips


# -- actors by name --------------------------------------------------------------------------------
def test_actor_by_a_persons_name_or_a_country_name_and_unknown_ones_refused(db):
    proc = newswire("events", "--actor", "Trump", "--format", "jsonl", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2 and "Donald Trump (USAGOV)" in proc.stderr
    proc = newswire("events", "--source", "United States", "--format", "jsonl", "--db", str(db))
    assert {json.loads(x)["source_code"] for x in proc.stdout.splitlines()} == {"USA", "USAGOV", "USALEG"}
    assert "USA" in proc.stderr
    proc = newswire("dyad", "XYZ", "ABC", "--db", str(db))
    assert proc.returncode == 1 and "unknown actor 'XYZ'" in proc.stderr and "Traceback" not in proc.stderr
    proc = newswire("dyad", "Trump", "Congress", "--status", "all", "--db", str(db))
    assert proc.returncode == 1 and "unknown actor 'Congress'" in proc.stderr
    proc = newswire("dyad", "Trump", "USALEG", "--status", "all", "--db", str(db))
    assert proc.returncode == 0 and "2 events" in proc.stdout and "Donald Trump (USAGOV)" in proc.stderr


def test_actor_names_say_what_the_code_is_and_people_are_listed_apart(db):
    proc = newswire("actors", "--format", "jsonl", "--db", str(db))
    actors = {a["code"]: a for a in map(json.loads, proc.stdout.splitlines())}
    assert actors["USAGOV"]["name"] == "United States: government"
    assert actors["USAGOV"]["people"] == "Donald Trump"
    assert actors["USALEG"]["name"] == "United States: legislature"
    assert actors["IGOEUREEC"]["name"] == "European Union"
    assert actors["QATGOV"]["people"] == "Mohammed bin Abdulrahman Al Thani"


# -- the command line ---------------------------------------------------------------------------
def test_every_option_has_help_with_its_default():
    parser = build_parser()
    [sub] = [a for a in parser._actions if a.dest == "command"]
    for name, p in sub.choices.items():
        for action in p._actions:
            if action.dest == "help":
                continue
            assert action.help, f"{name} {action.dest}: no help"
            if action.option_strings and not action.required:
                assert "default" in action.help, f"{name} {'/'.join(action.option_strings)}: no default in help"


def test_make_run_takes_a_port_and_a_busy_port_is_one_clear_line(db):
    dry = subprocess.run(["make", "-n", "run", "PORT=8001"], cwd=ROOT, capture_output=True, text=True)
    assert "--port 8001" in dry.stdout
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = newswire("serve", "--db", str(db), "--port", str(port), timeout=60)
    assert proc.returncode == 1 and "serving" not in proc.stdout
    assert proc.stderr.strip().count("\n") == 0 and f"port {port}" in proc.stderr and "in use" in proc.stderr


def test_quotes_articles_and_search_commands(db):
    proc = newswire("articles", "--format", "jsonl", "--db", str(db))
    assert len(proc.stdout.splitlines()) == 4
    proc = newswire("articles", "--text", "Doha", "--format", "jsonl", "--db", str(db))
    assert [json.loads(x)["title"] for x in proc.stdout.splitlines()] == ["Qatar signs trade deal with Turkey"]
    proc = newswire("search", "expelled", "--format", "jsonl", "--db", str(db))
    found = [json.loads(x) for x in proc.stdout.splitlines()]
    assert {f["kind"] for f in found} == {"article", "event"}
    assert [f["cameo"] for f in found if f["kind"] == "event"] == ["161"]
    proc = newswire("quotes", "--format", "jsonl", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    proc = newswire("search", "x", "--db", str(db))
    assert proc.returncode == 1 and "at least 2" in proc.stderr


def test_analyze_stdin_takes_published_and_url():
    text = "The European Union condemned Russia on Tuesday for expelling three German diplomats."
    proc = newswire("analyze", "-", "--published", "2021-02-05", "--url", "https://news.example/eu", "--json",
                    stdin=text)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert (record["published"], record["url"]) == ("2021-02-05", "https://news.example/eu")
    assert any(e["date"] == "2021-02-02" for e in record["events"])  # "Tuesday" read against the date
    proc = newswire("analyze", "-", "--published", "last week", stdin=text)
    assert proc.returncode == 1 and "--published" in proc.stderr and "Traceback" not in proc.stderr


def test_plurals(db):
    proc = newswire("events", "--limit", "1", "--db", str(db))
    assert "1 event\n" in proc.stdout or re.search(r"\b1 event\b", proc.stdout)
    assert "1 events" not in proc.stdout
    proc = newswire("dyad", "EU", "RUS", "--db", str(db))
    assert re.search(r"\b1 event;", proc.stdout) and "1 events" not in proc.stdout
