"""Event-coding speed and a dump of the events coded on Wikinews, for reading by hand.

    .venv/bin/python bench/coding.py [N]                       # speed on N Wikinews 2020 bodies (100)
    .venv/bin/python bench/coding.py --all --dump events.tsv   # code both Wikinews files, write every event
    .venv/bin/python bench/coding.py --all --sample 30 --seed 7   # print 30 random events to check by hand
    .venv/bin/python bench/coding.py --all --sample 50 --seed 2032 --items items.md   # a precision sample to judge

Parses the bodies from ../shared once, runs the actor, coreference and date stages, then times the
coder alone. Prints parse time, coder time, events/s, sentences/s and the share of time outside spaCy;
with ``--all``, events per article. ``--cache DIR`` keeps the parses (spaCy DocBin) between runs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT.parent / "shared" / "corpora" / "wikinews"
CORPUS = FOLDER / "wikinews_2020.csv"


def _rows(all_files: bool, n: int) -> list[dict]:
    csv.field_size_limit(10_000_000)
    files = sorted(FOLDER.glob("wikinews_*.csv")) if all_files else [CORPUS]
    rows = [r for f in files for r in csv.DictReader(f.open(encoding="utf-8"))]
    return rows if all_files else rows[:n]


def _docs(nlp, bodies: list[str], cache: Path | None):
    """The parses, from the cache when it holds these very bodies."""
    from spacy.tokens import DocBin

    # a stable digest: the built-in hash of strings changes with every process
    key = f"{len(bodies)}-{hashlib.sha1(chr(0).join(bodies).encode()).hexdigest()[:12]}.spacy"
    if cache is not None and (cache / key).exists():
        return list(DocBin().from_disk(cache / key).get_docs(nlp.vocab))
    docs = list(nlp.pipe(bodies))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(cache / key)
    return docs


# armed groups the guideline keys by their own names, not by a country (GUIDELINE.md, `source` / `target`)
_GROUP_KEYS = {"taliban": "TALIBAN", "islamic state": "ISIS", "isis": "ISIS", "isil": "ISIS", "daesh": "ISIS",
               "hamas": "HAMAS", "hezbollah": "HEZBOLLAH", "al-qaeda": "AL-QAEDA", "al qaeda": "AL-QAEDA"}


def _shown(actor) -> str:
    """An actor as the guideline keys it (its country or organisation, a named armed group by its name, as
    ../shared/eval/score.py matches them), with its sector and, where the key does not spell it out, its name."""
    words = " " + " ".join(re.findall(r"[\w-]+", actor.name.lower())) + " "
    group = next((k for w, k in _GROUP_KEYS.items() if f" {w} " in words), None)  # not "hamas" in "Bahamas"
    if group is not None:
        key = group
    elif actor.igo:
        key = actor.igo
    elif actor.code.startswith("IMG"):
        key = actor.name.upper()
    elif actor.country:
        key = actor.country + (actor.sector or "")
    else:
        key = actor.code
    return key if key.strip('"') == actor.name.upper() else f"{key} ({actor.name})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=100, help="articles of wikinews_2020 to time")
    ap.add_argument("--all", action="store_true", help="every article of both Wikinews files")
    ap.add_argument("--dump", type=Path, help="write every event as a TSV row here")
    ap.add_argument("--sample", type=int, default=0, help="print this many random events")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--items", type=Path, help="write the --sample drawn as items for an independent reviewer")
    ap.add_argument("--cache", type=Path, help="folder keeping the parses between runs")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent (evaluation data lives in ../shared)", file=sys.stderr)
        return 2
    from newswire.actors import load_dictionary
    from newswire.coding import code_events, default_coder
    from newswire.model import Analysis, Article
    from newswire.nlp.parser import load_nlp
    from newswire.pipeline import Pipeline

    rows = _rows(args.all, args.n)
    articles = [Article(title=r["title"], body=r["text"], published=r.get("date")) for r in rows]
    nlp, dictionary = load_nlp(), load_dictionary()
    default_coder()  # load patterns outside the timing
    t0 = time.perf_counter()
    docs = _docs(nlp, [a.body for a in articles], args.cache)
    t_parse = time.perf_counter() - t0
    analyses = []
    layer = [(n, f) for n, f, _ in Pipeline(actors=dictionary).stages() if n not in ("events", "quotes")]
    t0 = time.perf_counter()
    for art, doc in zip(articles, docs, strict=True):
        a = Analysis(art, doc=doc)
        for _name, stage in layer:
            stage(a)
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
    print(f"spaCy parse {t_parse:.2f} s{' (from cache)' if args.cache else ''}; "
          f"actors+coref+new actors+dates {t_layer:.2f} s; coder {t_code:.2f} s")
    print(f"coder: {events / max(t_code, 1e-9):.0f} events/s, {sents / max(t_code, 1e-9):.0f} sentences/s")
    print(f"end to end: {events / total:.1f} events/s; time outside spaCy: {(t_layer + t_code) / total:.0%} "
          f"(coder alone {t_code / total:.0%})")
    if args.all:
        per = Counter(len(a.events) for a in analyses)
        print("events per article: " + ", ".join(f"{k}: {per[k]}" for k in sorted(per))
              + f"; mean {events / len(analyses):.2f}; articles with any: {sum(1 for a in analyses if a.events)}")
        by_type = Counter(e.plover for a in analyses for e in a.events)
        print("by PLOVER type: " + ", ".join(f"{t} {c}" for t, c in by_type.most_common()))
    flat = [(i, e) for i, a in enumerate(analyses) for e in a.events]
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for i, e in flat:
                f.write("\t".join([str(i), e.source.code, e.cameo, e.plover, e.target.code if e.target else "",
                                   e.status, e.trigger, e.sentence.replace("\t", " ").replace("\n", " ")]) + "\n")
    drawn = random.Random(args.seed).sample(flat, min(args.sample, len(flat)))
    for i, e in drawn:
        print(f"\n[{i}] {e.source.name} ({e.source.code}) -{e.cameo} {e.plover} {e.status} [{e.trigger}]-> "
              f"{e.target.name + ' (' + e.target.code + ')' if e.target else '-'}\n    {e.sentence}")
    if args.items:
        # the sample as a reviewer reads it: the article, the sentence, the coding; nothing of how it was found
        from newswire.coding import default_coder
        table = default_coder().table
        with args.items.open("w", encoding="utf-8") as f:
            for n, (i, e) in enumerate(drawn, 1):
                f.write(f"### Item {n}\nArticle: \"{articles[i].title}\" ({(articles[i].published or '')[:10]})\n"
                        f"Sentence: {' '.join(e.sentence.split())}\n"
                        f"Coded event: SOURCE={_shown(e.source)}  TYPE={e.plover} (CAMEO {e.cameo}: "
                        f"{table.info(e.cameo).name})  TARGET={_shown(e.target) if e.target else '(none)'}  "
                        f"STATUS={e.status}\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
