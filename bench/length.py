"""Cost against article length: time and peak memory of one article of 10 KB to 1 MB.

    .venv/bin/python bench/length.py                    # 10, 30, 100, 300, 1000 KB (a few minutes)
    .venv/bin/python bench/length.py --sizes 10 30 100  # KB

Every stage must cost time and memory linear in the article's length: one scan of the whole Doc per
actor, event or quote makes a long article quadratic (a 500 KB one once took 464 s and 1.9 GB). The
article is Wikinews bodies from ../shared run together (each size a prefix of the next), or, without
../shared, paragraphs of news prose written for this benchmark, repeated. Each size runs in a fresh
process, so its peak RSS is its own; "growth" is that peak less the RSS with spaCy and the dictionaries
loaded and warmed up. It prints seconds (analysis: extraction, parse, actors, coding, quotes and the
record, wall-clock and CPU; page: the article page's highlighting, CPU), peak RSS and growth per size, then
the growth exponents: the slope of log(cost) against log(size), 1.0 being linear (target: at most 1.2).
Exponents are fitted on CPU time, which other work on the machine disturbs far less than wall time.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpora  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
TARGET = 1.2

# Fallback text (no ../shared): news prose with actors, events, dates and quotes, written for this benchmark.
PROSE = """\
Russia expelled three Polish diplomats on Friday, the foreign ministry in Moscow said, a day after Warsaw \
ordered a Russian consul to leave the country over what it called hostile activity.

"We will not tolerate interference in our internal affairs," Foreign Minister Sergei Lavrov told reporters. \
Poland's foreign minister said the decision was unjustified and that Warsaw would consult its allies in the \
European Union and NATO before responding.

The European Union's foreign policy chief condemned the expulsions and urged Moscow to release the activists \
detained during protests in St Petersburg last week. Police in the city arrested more than 200 protesters, \
according to a monitoring group.

In Sudan, the army and the Rapid Support Forces agreed to a seven-day ceasefire after talks in Jeddah \
mediated by Saudi Arabia and the United States. Fighting continued in Khartoum on Monday, witnesses said, \
and aid agencies warned that millions of people needed food.

The United States imposed sanctions on Iran's morality police on Thursday. "Those who commit violence \
against women will be held to account," Treasury Secretary Janet Yellen said in a statement. Tehran \
rejected the measures and accused Washington of meddling.

Ukrainian officials said a Russian drone struck an apartment building in Kyiv overnight, killing two \
people. President Volodymyr Zelensky called on Western governments to send more air defence systems, and \
Germany pledged to deliver two more batteries before the winter.
"""


def article_text(size: int) -> tuple[str, str]:
    """The first ``size`` characters of the benchmark text, cut at a paragraph break, and where it is from."""
    if corpora.WIKINEWS.is_dir():
        parts, total, source = [], 0, "Wikinews bodies"
        for r in corpora.wikinews_records():
            parts.append(r["text"].strip())
            total += len(parts[-1]) + 2
            if total >= size:
                break
    else:
        parts, source = [PROSE.strip()] * (size // len(PROSE) + 1), "bundled prose, repeated"
    text = "\n\n".join(parts)
    cut = text.rfind("\n\n", 0, size)
    return (text[:cut] if cut > size // 2 else text[:size]), source


def _rss() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE


def measure(size: int) -> dict:
    """Analyse one article of ``size`` characters in this process (the child's side)."""
    from newswire import api, pipeline
    from newswire.actors import load_dictionary
    from newswire.extract import extract
    from newswire.model import Document
    from newswire.nlp.parser import load_nlp
    from newswire.nlp.places import resolve_place
    from newswire.web.app import highlight

    load_nlp(), load_dictionary(), resolve_place("Paris")  # loaded once per process: not the article's cost
    warm = article_text(3_000)[0]
    next(api.analyze_articles([extract(Document("warm-up", "body", warm.encode()))])).to_dict()
    text, source = article_text(size)
    pipeline.STAGE_SECONDS.clear()
    baseline = _rss()
    started, cpu = time.perf_counter(), time.process_time()
    doc = Document("long", "body", text.encode(), meta={"title": "A long article", "published": "2020-06-01"})
    analysis = next(api.analyze_articles([extract(doc)]))
    record = analysis.to_dict()
    analysed, analysed_cpu = time.perf_counter() - started, time.process_time() - cpu
    cpu = time.process_time()
    highlight(record, None)
    page = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"chars": len(text), "source": source, "wall": analysed, "seconds": analysed_cpu, "page": page, "peak": peak,
            "growth": max(peak - baseline, 1), "events": len(analysis.events), "mentions": len(analysis.mentions),
            "quotes": len(analysis.quotes), "stages": {k: round(v, 2) for k, v in pipeline.STAGE_SECONDS.items()}}


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30, 100, 300, 1000], help="KB")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child: one size, in characters
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    rows = []
    for kb in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(kb * 1000)], capture_output=True, text=True)
        if out.returncode:
            print(f"{kb} KB failed:\n{out.stderr[-2000:]}", file=sys.stderr)
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        if len(rows) == 1:
            print(f"article text: {r['source']}")
            print(f"{'chars':>9} {'wall s':>7} {'cpu s':>7} {'page s':>7} {'peak MiB':>9} {'growth MiB':>10} "
                  f"{'events':>7} {'mentions':>8} {'quotes':>7}  stage seconds")
        stages = ", ".join(f"{k} {v}" for k, v in r["stages"].items())
        print(f"{r['chars']:>9,} {r['wall']:>7.2f} {r['seconds']:>7.2f} {r['page']:>7.3f} {r['peak'] / 2**20:>9.0f} "
              f"{r['growth'] / 2**20:>10.0f} {r['events']:>7} {r['mentions']:>8} {r['quotes']:>7}  {stages}", flush=True)
    if len(rows) < 2:
        return 0
    fits = {name: exponent([(r["chars"], r[key]) for r in rows])
            for name, key in (("analysis CPU time", "seconds"), ("page CPU time", "page"),
                              ("memory growth", "growth"))}
    print(f"growth exponents (1.0 = linear, target <= {TARGET}): " + ", ".join(f"{k} {v:.2f}" for k, v in fits.items()))
    return 0 if all(v <= TARGET for v in fits.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
