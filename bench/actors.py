"""Benchmark: PETRARCH dictionary load times and the cost of actor resolution + coreference.

    .venv/bin/python bench/actors.py [N_ARTICLES]

Prints the Phoenix dictionaries' load time and entry counts (../shared/petrarch), the time to
build the PhraseMatcher, and the time resolve_actors + resolve_coreference add on top of
parsing Wikinews bodies, as a share of parse time.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from newswire.actors import load_dictionary, read_petrarch_actors, read_petrarch_agents, resolve_actors
from newswire.actors.coref import resolve_coreference
from newswire.model import Analysis, Article
from newswire.nlp.parser import load_nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    petrarch = SHARED / "petrarch"
    nlp = load_nlp()
    if petrarch.is_dir():
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt"):
            t0 = time.perf_counter()
            f = read_petrarch_actors(petrarch / name)
            print(f"{name}: {len(f.actors)} actors, {sum(len(a.synonyms) for a in f.actors)} synonyms, "
                  f"{len(f.warnings)} warnings, read in {time.perf_counter() - t0:.2f}s")
        t0 = time.perf_counter()
        agents = read_petrarch_agents(petrarch / "Phoenix.agents.txt")
        print(f"Phoenix.agents.txt: {len(agents.agents)} agents, read in {time.perf_counter() - t0:.2f}s")
        t0 = time.perf_counter()
        full = load_dictionary(tuple(str(petrarch / f) for f in (
            "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt")))
        t1 = time.perf_counter()
        full.matcher(nlp.vocab)
        print(f"bundled + all Phoenix: {len(full.names)} names, {len(full.sectors)} sector phrases; "
              f"load {t1 - t0:.2f}s, matcher {time.perf_counter() - t1:.2f}s")
    t0 = time.perf_counter()
    d = load_dictionary()
    d.matcher(nlp.vocab)
    print(f"bundled: {len(d.names)} names, {len(d.people)} people; load+matcher {time.perf_counter() - t0:.2f}s")

    corpus = SHARED / "corpora" / "wikinews" / "wikinews_2020.csv"
    if not corpus.is_file():
        print("no wikinews corpus: skipping the resolution timing")
        return
    with corpus.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:n]
    articles = [Article(r["title"], r["text"], published=r["date"]) for r in rows]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(a.body for a in articles))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = 0
    for article, doc in zip(articles, docs, strict=True):
        analysis = Analysis(article, doc=doc)
        resolve_actors(analysis, d)
        resolve_coreference(analysis, d)
        mentions += len(analysis.mentions)
    extra = time.perf_counter() - t0
    words = sum(len(doc) for doc in docs)
    print(f"{len(articles)} wikinews articles, {words} tokens: parse {parse:.2f}s, actors+coref {extra:.2f}s "
          f"({100 * extra / parse:.1f}% of parse), {mentions} mentions")


if __name__ == "__main__":
    main()
