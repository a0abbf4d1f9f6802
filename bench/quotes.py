"""Quotes on the Wikinews corpus: quotes per article, and a random sample to check speakers by hand.

    .venv/bin/python bench/quotes.py [--sample 30] [--seed 7] [--limit N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import newswire

SHARED = Path(__file__).resolve().parents[2] / "shared"
WIKINEWS = SHARED / "corpora" / "wikinews"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=None, help="analyse only the first N articles")
    args = parser.parse_args()
    if not WIKINEWS.exists():
        print(f"skipped: {WIKINEWS} is absent (evaluation data lives beside the repository)")
        return 0
    files = sorted(str(p) for p in WIKINEWS.glob("*.csv"))
    started = time.perf_counter()
    rows = []
    counts = []
    for n, analysis in enumerate(newswire.analyze(files)):
        if args.limit and n >= args.limit:
            break
        direct = [q for q in analysis.quotes if q.kind == "direct"]
        counts.append((len(direct), len(analysis.quotes) - len(direct)))
        for q in analysis.quotes:
            sentence = next((s.text for s in analysis.doc.sents if s.start_char <= q.start < s.end_char), "")
            rows.append((analysis.article.title, q, sentence))
    elapsed = time.perf_counter() - started
    direct_counts = [d for d, _ in counts]
    indirect_counts = [i for _, i in counts]
    print(f"{len(counts)} articles in {elapsed:.1f} s")
    print(f"direct quotes per article: mean {statistics.mean(direct_counts):.2f}, "
          f"median {statistics.median(direct_counts)}, max {max(direct_counts)}; "
          f"indirect: mean {statistics.mean(indirect_counts):.2f}")
    with_speaker = sum(1 for _, q, _ in rows if q.speaker)
    print(f"{len(rows)} quotes, {with_speaker} with a speaker ({with_speaker / max(len(rows), 1):.0%}), "
          f"{sum(1 for _, q, _ in rows if q.speaker_actor)} with the speaker's actor code")
    rng = random.Random(args.seed)
    sample = rng.sample(rows, min(args.sample, len(rows)))
    print(f"\nA sample of {len(sample)} quotes to check by hand (seed {args.seed}):")
    for i, (title, q, sentence) in enumerate(sample, 1):
        code = q.speaker_actor.code if q.speaker_actor else "-"
        print(f"\n[{i}] {title}\n    {q.kind}: {q.text[:160]!r}\n    speaker: {q.speaker!r} ({code})"
              f"\n    sentence: {sentence[:300]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
