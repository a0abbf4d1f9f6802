"""Extraction benchmark: newswire's ``extract_html`` on two public sets kept in ../shared.

1. ScrapingHub's article-extraction-benchmark (181 pages): article bodies scored with that
   benchmark's own metric, reimplemented here from its ``evaluate.py``: \\w+ tokens (case kept),
   word 4-gram shingles counted as a multiset, per-page TP/FP/FN normalised to sum 1, precision
   averaged over pages that predicted something, recall over pages with a true body, and F1 the
   harmonic mean of the two averages.
2. newspaper4k's test pages (20): publication date right to the day, and exact titles.

Run: ``.venv/bin/python bench/extraction.py [--no-baseline]`` (reads ../shared; exits with a message
when absent; exit status 1 when a target is missed). The baseline line runs trafilatura's defaults
on the same pages, so speed and quality compare on the same machine at the same load.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from newswire.extract.html import extract_html
from newswire.model import InputError

SHARED = Path(__file__).resolve().parents[2] / "shared" / "extraction"
PUBLISHED_F1 = {"trafilatura 2.0 (published)": 0.958, "newspaper4k (published)": 0.949,
                "readability-lxml (published)": 0.922}
TARGET_F1 = 0.955
TARGET_DATES = 0.90

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """One page's TP/FP/FN over 4-gram shingles, normalised so long pages weigh no more."""
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(pages: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Benchmark P, R, F1: means over pages (as evaluate.py does), then F1 of the means."""
    p = statistics.mean(_precision(*x) for x in pages if x[0] + x[1] > 0)
    r = statistics.mean(_recall(*x) for x in pages if x[0] + x[2] > 0)
    return p, r, 2 * p * r / (p + r)


def baseline_trafilatura(root: Path, truth: dict) -> None:
    """trafilatura's own defaults on the same pages and machine, for a like-for-like comparison."""
    import trafilatura

    pages = []
    start = time.perf_counter()
    for key, item in truth.items():
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        pages.append(shingle_tp_fp_fn(item.get("articleBody", ""), trafilatura.extract(html) or ""))
    elapsed = time.perf_counter() - start
    p, r, f1 = score(pages)
    print(f"  {'trafilatura defaults (here)':30} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  "
          f"{len(pages) / elapsed:.1f} pages/s")


def bench_bodies(root: Path, baseline: bool) -> bool:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages, failures, exact = [], 0, 0
    start = time.perf_counter()
    for key, item in truth.items():
        data = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        try:
            body = extract_html(data, url=item.get("url")).body
        except InputError:
            body, failures = "", failures + 1
        pages.append(shingle_tp_fp_fn(item.get("articleBody", ""), body))
        exact += _TOKEN.findall(item.get("articleBody", "")) == _TOKEN.findall(body)
    elapsed = time.perf_counter() - start
    p, r, f1 = score(pages)
    print(f"ScrapingHub bodies: {len(pages)} pages, {len(pages) / elapsed:.1f} pages/s, {failures} with no body")
    print(f"  {'newswire extract_html':30} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  exact {exact / len(pages):.3f}")
    if baseline:
        baseline_trafilatura(root, truth)
    for name, value in PUBLISHED_F1.items():
        print(f"  {name:30} {'':22}F1 {value:.3f}")
    ok = f1 >= TARGET_F1
    print(f"  target F1 >= {TARGET_F1}: {'met' if ok else 'NOT met'}")
    return ok


def bench_metadata(root: Path) -> bool:
    rows = []
    for path in sorted((root / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        meta = json.loads((root / "metadata" / f"{name}.json").read_text(encoding="utf-8"))
        try:
            article = extract_html(gzip.decompress(path.read_bytes()), url=meta.get("url"))
        except InputError as exc:
            print(f"  {name}: rejected ({exc})")
            continue
        rows.append((name, meta, article))
    dated = [(n, m, a) for n, m, a in rows if m.get("publish_date")]
    english = [(n, m, a) for n, m, a in dated if m.get("language") == "en"]

    def right(items):
        return sum(1 for _, m, a in items if a.published_date == m["publish_date"][:10])

    titles = sum(1 for _, m, a in rows if a.title == " ".join((m.get("title") or "").split()))
    print(f"newspaper4k metadata: {len(rows)} pages")
    print(f"  dates right to the day: {right(dated)}/{len(dated)} pages with a known date, "
          f"English {right(english)}/{len(english)}")
    print(f"  titles exact: {titles}/{len(rows)}")
    for name, meta, article in rows:
        expected = " ".join((meta.get("title") or "").split())
        if article.title != expected:
            print(f"    title {name}: got {article.title!r}, expected {expected!r}")
        if meta.get("publish_date") and article.published_date != meta["publish_date"][:10]:
            print(f"    date {name}: got {article.published!r}, expected {meta['publish_date']!r}")
    ok = bool(english) and right(english) / len(english) >= TARGET_DATES
    print(f"  target English dates >= {TARGET_DATES:.0%}: {'met' if ok else 'NOT met'}")
    return ok


def main() -> int:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    scrapinghub, newspaper = SHARED / "scrapinghub", SHARED / "newspaper4k"
    if not scrapinghub.is_dir() or not newspaper.is_dir():
        print(f"benchmark data not found under {SHARED} (../shared beside the repo); nothing to do")
        return 0
    ok = bench_bodies(scrapinghub, baseline="--no-baseline" not in sys.argv)
    ok = bench_metadata(newspaper) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
