"""Event-coding speed: events per second and the share of time spent outside spaCy.

    .venv/bin/python bench/coding.py [N]

Parses N Wikinews bodies (default 100) from ../shared once, runs the actor, coreference and date
stages, then times the coder alone. Prints parse time, coder time, events/s and sentences/s.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews" / "wikinews_2020.csv"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    if not CORPUS.exists():
        print(f"{CORPUS} is absent (evaluation data lives in ../shared)", file=sys.stderr)
        return 2
    csv.field_size_limit(10_000_000)
    from newswire.actors import load_dictionary, resolve_actors
    from newswire.coding import code_events, default_coder
    from newswire.model import Analysis, Article
    from newswire.nlp.coref import resolve_coreference
    from newswire.nlp.dates import resolve_dates
    from newswire.nlp.model import load_nlp

    rows = list(csv.DictReader(CORPUS.open(encoding="utf-8")))[:n]
    articles = [Article(title=r["title"], body=r["text"], published=r.get("date")) for r in rows]
    nlp, dictionary = load_nlp(), load_dictionary()
    default_coder()  # load patterns outside the timing
    t0 = time.perf_counter()
    docs = list(nlp.pipe(a.body for a in articles))
    t_parse = time.perf_counter() - t0
    analyses = []
    t0 = time.perf_counter()
    for art, doc in zip(articles, docs, strict=True):
        a = Analysis(art, doc=doc)
        resolve_actors(a, dictionary)
        resolve_coreference(a, dictionary)
        resolve_dates(a)
        analyses.append(a)
    t_layer = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in analyses:
        code_events(a)
    t_code = time.perf_counter() - t0
    events = sum(len(a.events) for a in analyses)
    sents = sum(1 for d in docs for _ in d.sents)
    total = t_parse + t_layer + t_code
    print(f"{len(articles)} articles, {sents} sentences, {events} events")
    print(f"spaCy parse {t_parse:.2f} s; actors+coref+dates {t_layer:.2f} s; coder {t_code:.2f} s")
    print(f"coder: {events / t_code:.0f} events/s, {sents / t_code:.0f} sentences/s")
    print(f"end to end: {events / total:.1f} events/s; time outside spaCy: {(t_layer + t_code) / total:.0%} "
          f"(coder alone {t_code / total:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
