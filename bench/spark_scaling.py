"""Spark scale-out: the same job on local[1] and local[2] over N Reuters-21578 articles (target: >= 1.6x).

    .venv/bin/python bench/spark_scaling.py            # 2,000 articles
    .venv/bin/python bench/spark_scaling.py --n 500    # quicker

Times ``newswire.spark.run`` (reading, analysis, Parquet writing; the session is already started),
so the figure is the job's own scaling, Spark's ~15 s start-up left out and printed separately.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpora  # noqa: E402

from newswire import spark as nspark  # noqa: E402


def one(master: str, path: Path, out: Path, partitions: int) -> tuple[float, float, int]:
    started = time.perf_counter()
    session = nspark.session(master, app=f"newswire-bench-{master}")
    startup = time.perf_counter() - started
    try:
        started = time.perf_counter()
        result = nspark.run([str(path)], str(out), spark=session, partitions=partitions)
        seconds = time.perf_counter() - started
    finally:
        session.stop()
    return startup, seconds, result.articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=8, help="analysis partitions (same for both runs)")
    args = parser.parse_args()
    if not corpora.REUTERS.is_dir():
        sys.exit(f"no corpora at {corpora.SHARED}: this benchmark needs ../shared")
    with tempfile.TemporaryDirectory(prefix="newswire-spark-bench-") as tmp:
        path = Path(tmp) / "reuters.jsonl"
        n = corpora.write_jsonl(corpora.reuters_records(), path, args.n)
        words = sum(len(line.split()) for line in path.read_text(encoding="utf-8").splitlines())
        times = {}
        for cores in (1, 2):
            startup, seconds, articles = one(f"local[{cores}]", path, Path(tmp) / f"out{cores}", args.partitions)
            times[cores] = seconds
            print(f"local[{cores}]: {n} articles ({articles} analysed), {seconds:.1f} s, {n / seconds:.1f} art/s, "
                  f"~{words / seconds:,.0f} words/s (session start {startup:.1f} s)", flush=True)
        print(f"speed-up local[2] / local[1]: {times[1] / times[2]:.2f}x (target >= 1.6x)")


if __name__ == "__main__":
    main()
