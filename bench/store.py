"""Store benchmark: a dyad series over one million synthetic events (target: under 200 ms), and the
database's write overhead per article (tone, MinHash, stories, event merging, the insert itself).

    .venv/bin/python bench/store.py [--events 1000000] [--articles 500]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from newswire.model import Actor, Analysis, Article, Event
from newswire.store import Store, prepare, queries

COUNTRIES = ["USA", "RUS", "CHN", "DEU", "FRA", "GBR", "IRN", "ISR", "UKR", "TUR", "IND", "PAK", "BRA", "ZAF",
             "EGY", "SAU", "JPN", "KOR", "PRK", "SYR"]
SECTORS = ["", "GOV", "MIL", "OPP", "CVL", "BUS"]
CAMEO = [("010", 1, 0.0), ("036", 1, 4.0), ("057", 1, 8.0), ("061", 2, 6.4), ("111", 3, -2.0),
         ("1011", 3, -5.0), ("130", 3, -4.4), ("1663", 4, -4.0), ("173", 4, -5.0), ("190", 4, -10.0)]


def fill_events(store: Store, n: int) -> None:
    """n events over ten years, built inside DuckDB (fast) from the same code tables."""
    con = store.con
    con.execute("CREATE TEMP TABLE c AS SELECT * FROM (VALUES " + ",".join(
        f"({i}, '{code}', {q}, {g})" for i, (code, q, g) in enumerate(CAMEO)) + ") t(i, cameo, quad, gold)")
    countries = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    sectors = "[" + ",".join(f"'{s}'" for s in SECTORS) + "]"
    con.execute(f"""
        INSERT INTO events (id, story_id, date, source_code, source_country, target_code, target_country,
                            cameo, cameo_base, cameo_root, quad_class, goldstein, status, num_mentions,
                            num_sources, num_articles, avg_tone, added)
        SELECT r.i, 's' || (r.i // 3), DATE '2015-01-01' + CAST(hash(r.i) % 3650 AS INTEGER),
               r.sc || r.ss, r.sc, r.tc || r.ts, r.tc, c.cameo, left(c.cameo, 3), left(c.cameo, 2), c.quad,
               c.gold, 'occurred', 1 + CAST(hash(r.i * 7) % 5 AS INTEGER), 1, 1, -3.0, now()
        FROM (SELECT i, {countries}[1 + CAST(hash(i * 3) % {len(COUNTRIES)} AS INTEGER)] AS sc,
                     {sectors}[1 + CAST(hash(i * 5) % {len(SECTORS)} AS INTEGER)] AS ss,
                     {countries}[1 + CAST(hash(i * 11) % {len(COUNTRIES)} AS INTEGER)] AS tc,
                     {sectors}[1 + CAST(hash(i * 13) % {len(SECTORS)} AS INTEGER)] AS ts
              FROM range({n}) t(i)) r
        JOIN c ON c.i = CAST(hash(r.i * 17) % {len(CAMEO)} AS INTEGER)""")
    con.execute("CHECKPOINT")


def bench_dyad(path: Path, n: int) -> None:
    with Store(path) as store:
        t = time.perf_counter()
        fill_events(store, n)
        print(f"built {n:,} synthetic events in {time.perf_counter() - t:.1f} s")
    with Store(path, read_only=True) as store:
        queries.dyad(store, "RUS", "UKR", by="month")  # warm: first query pays for loading
        for by in ("day", "week", "month"):
            times = []
            for _ in range(5):
                t = time.perf_counter()
                result = queries.dyad(store, "RUS", "UKR", by=by)
                times.append(time.perf_counter() - t)
            best, median = min(times), sorted(times)[2]
            verdict = "OK" if median < 0.2 else "SLOW"
            print(f"dyad RUS↔UKR by {by:<5}: {len(result['series']):>4} periods, {result['events']:,} events, "
                  f"median {median * 1000:.1f} ms (best {best * 1000:.1f} ms)  [{verdict}: target < 200 ms]")


def bench_writes(path: Path, n: int) -> None:
    """Write overhead per article, language analysis excluded: the synthetic articles carry events."""
    rng = random.Random(7)
    words = ("government minister said talks border troops sanctions agreement protest police election "
             "parliament economy trade aid refugees ceasefire summit").split()
    batch = []
    for i in range(n):
        paragraphs = ["\n".join([" ".join(rng.choice(words) for _ in range(60))]) for _ in range(6)]
        body = "\n\n".join(paragraphs)
        article = Article(title=f"Article {i}", body=body, url=f"https://bench.example/{i}",
                          published=f"2021-0{1 + i % 9}-1{i % 10}", origin=f"bench:{i}")
        events = []
        for j in range(3):
            code, quad, gold = CAMEO[(i + j) % len(CAMEO)]
            s = paragraphs[j]
            start = body.index(s)
            events.append(Event(Actor("A", COUNTRIES[(i + j) % 20]), Actor("B", COUNTRIES[(i * 3 + j) % 20]),
                                code, "X", None, quad, gold, "occurred", None, None, s, start, start + len(s),
                                s.split()[0], 0.5))
        batch.append(Analysis(article, events=events))
    t = time.perf_counter()
    prepared = [prepare(a) for a in batch]
    t_prepare = time.perf_counter() - t
    with Store(path) as store:
        t = time.perf_counter()
        for k in range(0, n, 32):
            store.write(prepared[k:k + 32])
        t_write = time.perf_counter() - t
    print(f"write overhead per article ({n} articles, 3 events each, batches of 32): "
          f"prepare (tone + MinHash) {t_prepare / n * 1000:.2f} ms, store {t_write / n * 1000:.2f} ms, "
          f"total {(t_prepare + t_write) / n * 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_dyad(Path(tmp) / "dyad.duckdb", args.events)
        bench_writes(Path(tmp) / "writes.duckdb", args.articles)


if __name__ == "__main__":
    main()
