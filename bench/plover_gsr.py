"""Code the 322 PLOVER gold-standard sentences with newswire's own dictionaries and score the coder.

    .venv/bin/python bench/plover_gsr.py [--show N]

Each record of ../shared/plover/PLOVER_GSR_CAMEO.txt is one sentence with its human-coded event type
(older PLOVER categories), source and target. The sentence goes through the whole language layer
(actors, coreference, dates) and the coder. Printed: event-type accuracy (a record counts when any
coded event has the gold type), source and target agreement on those records (by country code or
organisation), and figures by type. Older categories map as the CAMEO-to-PLOVER table says:
DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE, FIGHT → ASSAULT.

newswire records announced cooperation as itself with status "planned" ("X will send aid to Y"), while
PLOVER codes the announcement as AGREE; the bench reads planned events that way (ANNOUNCED below) and
prints both figures. Force or coercion announced by its own doer newswire already codes as THREATEN
(data/cameo_threats.tsv), as PLOVER does. The gold file follows an older PLOVER than the 2021 table newswire
uses (it types sanctions 163 as SANCTION, property destruction 1712 as COERCE, curfews eased as CONCEDE),
so a few records cannot agree by construction.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GSR = ROOT.parent / "shared" / "plover" / "PLOVER_GSR_CAMEO.txt"
ANNOUNCED = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "CONCEDE": "AGREE",
             "RETREAT": "AGREE", "ASSAULT": "THREATEN", "COERCE": "THREATEN", "SANCTION": "THREATEN"}
OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def _codes(field) -> set[str]:
    """Gold actor codes ("HUN", "IGO", "USAGOV") cut to their first three letters for agreement."""
    if not field or not isinstance(field, list):
        return set()
    return {a.get("code", "")[:3].upper() for a in field if isinstance(a, dict) and a.get("code")}


def _actor_keys(actor) -> set[str]:
    keys = {actor.code[:3].upper()}
    if actor.country:
        keys.add(actor.country)
    if actor.igo or actor.code.startswith("IGO"):
        keys.add("IGO")
    return keys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    args = ap.parse_args()
    if not GSR.exists():
        print(f"{GSR} is absent: the PLOVER gold standard lives in ../shared", file=sys.stderr)
        return 2
    from newswire.api import analyze_articles
    from newswire.model import Article

    records = [r for r in json.loads(GSR.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    articles = [Article(title="", body=r["text"], published=r.get("date"), origin=r["id"]) for r in records]
    t0 = time.perf_counter()
    analyses = list(analyze_articles(articles))
    elapsed = time.perf_counter() - t0
    by_type: dict[str, Counter] = defaultdict(Counter)
    misses = []
    totals = Counter()
    for r, a in zip(records, analyses, strict=True):
        gold = OLD_TO_NEW.get(r["event"], r["event"])
        strict = [e for e in a.events if e.plover == gold]
        totals["strict"] += bool(strict)
        got = [e for e in a.events if e.plover == gold or (
            e.status == "planned" and ANNOUNCED.get(e.plover) == gold)]
        c = by_type[gold]
        c["n"] += 1
        totals["n"] += 1
        totals["coded"] += bool(a.events)
        if not got:
            misses.append((r, gold, [(e.plover, e.source.code, e.target.code if e.target else None)
                                     for e in a.events]))
            continue
        c["type"] += 1
        totals["type"] += 1
        src, tgt = _codes(r.get("source")), _codes(r.get("target"))
        if src:
            totals["src_n"] += 1
            ok = any(_actor_keys(e.source) & src for e in got)
            totals["src"] += ok
            c["src"] += ok
        if tgt:
            totals["tgt_n"] += 1
            ok = any(e.target is not None and _actor_keys(e.target) & tgt for e in got)
            totals["tgt"] += ok
            c["tgt"] += ok

    n = totals["n"]
    print(f"PLOVER GSR: {n} sentences, {elapsed:.1f} s; sentences with any event: {totals['coded']}")
    print(f"event-type accuracy: {totals['type']}/{n} = {totals['type'] / n:.1%} "
          f"(planned events read as PLOVER announcements; without that: {totals['strict'] / n:.1%})")
    if totals["src_n"]:
        print(f"source agreement (type right): {totals['src']}/{totals['src_n']} = "
              f"{totals['src'] / totals['src_n']:.1%}")
    if totals["tgt_n"]:
        print(f"target agreement (type right): {totals['tgt']}/{totals['tgt_n']} = "
              f"{totals['tgt'] / totals['tgt_n']:.1%}")
    print(f"\n{'type':12} {'n':>4} {'type ok':>8} {'src ok':>7} {'tgt ok':>7}")
    for t, c in sorted(by_type.items()):
        print(f"{t:12} {c['n']:4} {c['type'] / c['n']:8.0%} {c['src']:7} {c['tgt']:7}")
    for r, gold, got in misses[: args.show]:
        print(f"\nMISS {r['id']} gold {gold} got {got}\n  {r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
