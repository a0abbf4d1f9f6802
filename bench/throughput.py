"""Throughput of the whole pipeline (extract, parse, code, store) against bare spaCy on the same texts.

    .venv/bin/python bench/throughput.py                 # quick: 200 Reuters articles, jobs 1 and 2
    .venv/bin/python bench/throughput.py --n 1000 10000  # the full figures (long: tens of minutes)
    .venv/bin/python bench/throughput.py --corpus wikinews

For each corpus, N and --jobs it runs ``newswire.ingest.ingest`` into a fresh DuckDB with the
pre-filter on and off, then bare ``nlp.pipe`` (same model, same article bodies, same number of
processes) as the floor, and prints articles/s, words/s, the ratio to bare spaCy, seconds per stage
and the peak RSS of the whole process tree (parent and workers). Stage seconds are measured in the
process that runs them: with --jobs 1 all of them, with --jobs 2 only extract and store (the parent's).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpora  # noqa: E402

from newswire import api, pipeline  # noqa: E402
from newswire.store import Store  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss() -> int:
    """RSS in bytes of this process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except OSError:
            pass
        todo.extend(children.get(pid, ()))
    return total


class PeakRSS:
    """Samples the process tree's RSS every 0.2 s while active."""

    def __enter__(self) -> PeakRSS:
        self.peak, self._stop = _tree_rss(), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _tree_rss())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


class TimedStore(Store):
    """The real Store, timing its writes."""

    seconds = 0.0

    def write(self, batch, rejects=()):
        started = time.perf_counter()
        try:
            return super().write(batch, rejects)
        finally:
            self.seconds += time.perf_counter() - started


def _timed_extract(counter: dict):
    real = pipeline.extract_document

    def extract_document(doc, settings, on_reject):
        started = time.perf_counter()
        try:
            return real(doc, settings, on_reject)
        finally:
            counter["extract"] += time.perf_counter() - started
    return extract_document


def run_ingest(path: Path, jobs: int, prefilter: bool, work: Path) -> dict:
    pipeline.STAGE_SECONDS.clear()
    counter = {"extract": 0.0}
    real = pipeline.extract_document
    pipeline.extract_document = _timed_extract(counter)
    db = work / f"bench-{jobs}-{int(prefilter)}-{time.monotonic_ns()}.duckdb"
    store = TimedStore(db)
    from newswire.ingest import ingest

    try:
        with PeakRSS() as rss:
            started = time.perf_counter()
            result = ingest([str(path)], store, jobs=jobs, prefilter=prefilter)
            seconds = time.perf_counter() - started
    finally:
        pipeline.extract_document = real
        store.close()
        db.unlink(missing_ok=True)
    stages = {"extract": counter["extract"], **dict(pipeline.STAGE_SECONDS), "store": store.seconds}
    events = result.written.events if hasattr(result.written, "events") else None
    return {"seconds": seconds, "articles": result.added, "stages": stages, "rss": rss.peak, "events": events}


def run_bare(texts: list[str], jobs: int) -> dict:
    from newswire.nlp.parser import load_nlp

    nlp = load_nlp()
    with PeakRSS() as rss:
        started = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=jobs, batch_size=64):
            pass
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "rss": rss.peak}


def bench(corpus: str, n: int, jobs_list: list[int], work: Path) -> None:
    path = work / f"{corpus}-{n}.jsonl"
    records = corpora.reuters_records() if corpus == "reuters" else corpora.wikinews_records()
    count = corpora.write_jsonl(records, path, n)
    texts = [a.body for a in api.read_articles([str(path)]) if a.language == "en"]
    words = sum(len(t.split()) for t in texts)
    print(f"\n== {corpus}: {count} articles ({len(texts)} English), {words:,} words")
    for jobs in jobs_list:
        bare = run_bare(texts, jobs)
        print(f"-- jobs {jobs}: bare spaCy {len(texts) / bare['seconds']:.1f} art/s, "
              f"{words / bare['seconds']:,.0f} words/s, {bare['seconds']:.1f} s, peak RSS {bare['rss'] / 2**20:.0f} MiB")
        for prefilter in (True, False):
            r = run_ingest(path, jobs, prefilter, work)
            rate = words / r["seconds"]
            stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
            print(f"   pipeline, pre-filter {'on ' if prefilter else 'off'}: {count / r['seconds']:.1f} art/s, "
                  f"{rate:,.0f} words/s, ratio to bare {bare['seconds'] / r['seconds']:.2f}, "
                  f"{r['seconds']:.1f} s, peak RSS {r['rss'] / 2**20:.0f} MiB, stored {r['articles']}")
            print(f"      stage seconds ({'all' if jobs == 1 else 'parent only'}): {stages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[200], help="articles per run (default 200)")
    parser.add_argument("--corpus", choices=["reuters", "wikinews", "both"], default="reuters")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not corpora.REUTERS.is_dir():
        sys.exit(f"no corpora at {corpora.SHARED}: this benchmark needs ../shared")
    corpora_list = ["reuters", "wikinews"] if args.corpus == "both" else [args.corpus]
    with tempfile.TemporaryDirectory(prefix="newswire-bench-") as tmp:
        for corpus in corpora_list:
            for n in args.n:
                bench(corpus, n, args.jobs, Path(tmp))


if __name__ == "__main__":
    main()
