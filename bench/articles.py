"""Event coding and quotes on hand-coded full articles: the figure the event coder is judged by.

    .venv/bin/python bench/articles.py                      # ../shared/eval/dev.jsonl
    .venv/bin/python bench/articles.py --show               # and every miss and every extra, with its sentence
    .venv/bin/python bench/articles.py --gold bench/gold/dev2.jsonl --out system.jsonl

Runs the whole pipeline (``newswire.analyze`` over a JSON Lines corpus written from ../shared/corpora, as a user
would read a corpus) on the articles the gold file names, then scores the analysis records with the scorer that
comes with the gold (``../shared/eval/score.py``, imported, never copied): micro precision, recall and F1, macro
recall (per article), recall per PLOVER type of the gold and precision per PLOVER type of the system, and quotes
(found, speaker right). The gold is written by hand following ``../shared/eval/GUIDELINE.md``; never edit it to fit
the coder.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import REUTERS, SHARED, WIKINEWS, reuters_records  # noqa: E402

EVAL = SHARED / "eval"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_records(gold: list[dict]) -> list[dict]:
    """The articles the gold names, as corpus records {url, title, date, text}, in gold order."""
    csv.field_size_limit(10_000_000)
    wanted = {(g["file"], str(g["row"])) for g in gold}
    found: dict[tuple[str, str], dict] = {}
    for path in sorted(WIKINEWS.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                if (path.name, str(i)) in wanted:
                    found[(path.name, str(i))] = {"title": row["title"], "date": row["date"], "text": row["text"]}
    if any(f == "reuters21578" for f, _ in wanted):
        for rec in reuters_records():
            key = ("reuters21578", rec["url"].split(":", 1)[1])
            if key in wanted:
                found[key] = rec
    out = []
    for g in gold:
        rec = found.get((g["file"], str(g["row"])))
        if rec is None:
            raise SystemExit(f"article {g['file']}:{g['row']} is not in {SHARED / 'corpora'}")
        out.append({"url": g["url"], "title": rec["title"], "date": rec["date"], "text": rec["text"]})
    return out


def analyse(records: list[dict]) -> list[dict]:
    """Analysis records for the corpus records, through the library as a user would call it."""
    import newswire

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        analyses = [a.to_dict() for a in newswire.analyze([str(corpus)])]
    # the corpus reader keeps each record's url; match on it as the scorer does
    return analyses


def report(gold: list[dict], system: dict[str, dict], show: bool) -> dict:
    score = _scorer()
    tp = fp = found = req = 0
    qreq = qfound = qspeaker = 0
    macro: list[float] = []
    gold_by_type: Counter[str] = Counter()
    found_by_type: Counter[str] = Counter()
    sys_tp: Counter[str] = Counter()
    sys_fp: Counter[str] = Counter()
    for g in gold:
        record = system.get(g["url"], {})
        events = record.get("events") or []
        ev = score.score_events(g["events"], events)
        tp, fp, found, req = tp + ev["tp"], fp + ev["fp"], found + ev["found"], req + ev["req"]
        if ev["req"]:
            macro.append(ev["found"] / ev["req"])
        missed = {id(m) for m in ev["misses"]}
        for e in g["events"]:
            if e.get("required"):
                kind = sorted(score.types_of(e))[0] if score.types_of(e) else "?"
                gold_by_type[kind] += 1
                found_by_type[kind] += id(e) not in missed
        extras = {id(e) for e in ev["fps"]}
        seen = set()
        for e in events:
            key = (score.actor_key(e.get("source")), e.get("plover") or str(e.get("cameo"))[:2],
                   score.actor_key(e.get("target")))
            if key in seen:
                continue
            seen.add(key)
            if id(e) in extras:
                sys_fp[e.get("plover") or "?"] += 1
            elif any(score.event_matches(e, x) for x in g["events"] if x.get("required")):
                sys_tp[e.get("plover") or "?"] += 1
        q = score.score_quotes(g.get("quotes", []), record.get("quotes") or [])
        qreq, qfound, qspeaker = qreq + q["req"], qfound + q["found"], qspeaker + q["speaker_ok"]
        if show and (ev["misses"] or ev["fps"]):
            print(f"\n{g['file']}:{g['row']} {g.get('title', '')[:70]}  found {ev['found']}/{ev['req']}, "
                  f"extra {ev['fp']}")
            for m in ev["misses"]:
                types = "/".join(sorted(score.types_of(m)))
                print(f"   miss  {m['source']} {types} {m.get('target') or '-'} | {m.get('evidence', '')[:110]}")
            for e in ev["fps"]:
                print(f"   extra {score.actor_key(e.get('source'))} {e.get('plover')} {e.get('cameo')} "
                      f"{score.actor_key(e.get('target')) or '-'} [{e.get('status')}] | "
                      f"{' '.join((e.get('sentence') or '').split())[:110]}")
    p, r, f = score.prf(tp, fp, found, req)
    out = {"precision": p, "recall": r, "f1": f, "macro_recall": sum(macro) / len(macro) if macro else 0.0,
           "tp": tp, "fp": fp, "found": found, "required": req,
           "quotes_found": qfound / qreq if qreq else 0.0, "speaker_right": qspeaker / qfound if qfound else 0.0}
    print(f"\nevents: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  macro recall {out['macro_recall']:.3f}  "
          f"(right {tp}, wrong {fp}; gold found {found} of {req})")
    print(f"quotes: found {out['quotes_found']:.3f} of {qreq} required; speaker right {out['speaker_right']:.3f}")
    print("\nrecall per gold PLOVER type (required events)      precision per system PLOVER type")
    kinds = sorted(set(gold_by_type) | set(sys_tp) | set(sys_fp), key=lambda k: -gold_by_type[k])
    for k in kinds:
        n, hit = gold_by_type[k], found_by_type[k]
        recall = f"{hit:3d}/{n:<3d} {hit / n:.2f}" if n else " " * 12
        emitted = sys_tp[k] + sys_fp[k]
        precision = f"{sys_tp[k]:3d}/{emitted:<3d} {sys_tp[k] / emitted:.2f}" if emitted else ""
        print(f"  {k:10s} {recall:32s}   {precision}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=EVAL / "dev.jsonl", help="hand-coded articles (default: %(default)s)")
    ap.add_argument("--show", action="store_true", help="print every miss and every extra with its sentence")
    ap.add_argument("--out", type=Path, help="also write the analysis records here (JSON Lines, for score.py)")
    args = ap.parse_args()
    if not args.gold.exists() or not (EVAL / "score.py").exists() or not (WIKINEWS.exists() or REUTERS.exists()):
        print(f"{args.gold} or its corpora are absent (evaluation data lives in ../shared); nothing measured",
              file=sys.stderr)
        return 0
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    records = analyse(corpus_records(gold))
    print(f"{len(records)} of {len(gold)} articles analysed in {time.perf_counter() - started:.1f} s")
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report(gold, {r.get("url"): r for r in records}, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
