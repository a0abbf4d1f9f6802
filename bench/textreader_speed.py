"""Speed of the plain-text page reader (``extract_textpage``): this tree against an earlier commit.

The same pages are read by both versions, each in its own fresh process, in turns:

* ``pages``: the seed (``../shared/seed``, when present), the demo text pages (``src/newswire/demo/*.txt``)
  and the tests' text fixtures (``tests/fixtures/**/*.txt``): pages of a few dozen lines;
* ``dumps``: the benchmark's text dumps of real pages (``bench/out/textpages``, made by
  ``bench/textpages.py``; skipped when absent): hundreds of lines of chrome each.

The earlier version is the commit's ``src/`` taken with ``git archive`` into a temporary folder (default
921439d, the reader before its line model). Each process warms up on a page of its own (imports, the
lexicon, the models, the date parser), then times in CPU time (``time.process_time``: other work on the
machine does not count) a first reading of each set, in which every date goes through the date parser as
on pages never seen, and ``--passes`` readings again, the date parser's answers cached, keeping the
fastest: the reader's own work. The two versions take ``--turns`` turns each and the fastest turn of each
is reported, as pages/s (MB/s) and now/before.

Run: ``.venv/bin/python bench/textreader_speed.py [--before REV] [--turns 3] [--passes 3]``
(exit status 1 when this tree is slower than the earlier version on a set).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
DUMPS = ROOT / "bench" / "out" / "textpages"
BEFORE = "921439d"


def corpora() -> dict[str, list[Path]]:
    pages = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    pages += sorted((ROOT / "src" / "newswire" / "demo").glob("*.txt"))
    pages += sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    out = {"pages": pages}
    dumps = [p for p in sorted(DUMPS.glob("*/*/*.txt")) if p.read_text(encoding="utf-8").strip()]
    if dumps:
        out["dumps"] = dumps
    return out


def worker(src: str, sets: dict[str, list[str]], passes: int) -> dict[str, dict[str, float]]:
    """In a fresh process: import the reader from ``src``, warm up, time each set."""
    sys.path.insert(0, src)
    from newswire.extract.textpage import extract_textpage
    from newswire.model import InputError

    texts = {name: [Path(p).read_text(encoding="utf-8") for p in paths] for name, paths in sets.items()}

    def read_all(pages: list[str]) -> None:
        for text in pages:
            try:
                extract_textpage(text)
            except InputError:
                pass

    read_all([_WARM_UP])  # imports, the lexicon, the models and the date parser, on a page of no set
    out = {}
    for name, pages in texts.items():
        start = time.process_time()
        read_all(pages)  # first reading: every date goes through the date parser
        first = time.process_time() - start
        best = float("inf")
        for _ in range(passes):  # again: the date parser's answers are cached
            start = time.process_time()
            read_all(pages)
            best = min(best, time.process_time() - start)
        chars = sum(len(t) for t in pages)
        out[name] = {"pages": len(pages), "seconds": best, "pages_s": len(pages) / best, "mb_s": chars / best / 1e6,
                     "first_seconds": first, "first_pages_s": len(pages) / first}
    return out


_WARM_UP = """World

Storm closes two ports in the north as rivers rise

By Jane Doe
12 January 2021 10:15 GMT

Heavy rain forced the closure of two ports on Friday, the coast guard said, as rivers burst their banks.

The civil protection agency said more than 2,000 people had spent the night in shelters.
"""


def run_worker(src: Path, sets: dict[str, list[str]], passes: int) -> dict[str, dict[str, float]]:
    job = json.dumps({"src": str(src), "sets": sets, "passes": passes})
    result = subprocess.run([sys.executable, __file__, "--worker"], input=job, capture_output=True, text=True,
                            check=True, cwd=ROOT)
    return json.loads(result.stdout)


def earlier_src(rev: str, into: Path) -> Path:
    """The commit's ``src/`` unpacked under ``into`` (``git archive``; nothing in the repository changes)."""
    tar = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into / "src"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default=BEFORE, help=f"the earlier commit (default {BEFORE})")
    ap.add_argument("--turns", type=int, default=3, help="fresh processes per version, taken in turns")
    ap.add_argument("--passes", type=int, default=3, help="timed passes over each set in one process")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        job = json.loads(sys.stdin.read())
        print(json.dumps(worker(job["src"], job["sets"], job["passes"])))
        return 0
    sets = {name: [str(p) for p in paths] for name, paths in corpora().items()}
    if "dumps" not in sets:
        print(f"no text dumps under {DUMPS}: run bench/textpages.py to time the reader on real pages too")
    with tempfile.TemporaryDirectory(prefix="textreader-before-") as tmp:
        try:
            before_src = earlier_src(args.before, Path(tmp))
        except subprocess.CalledProcessError as exc:
            print(f"cannot take {args.before}'s src/ with git archive ({exc.stderr.decode(errors='replace').strip()})")
            return 0
        versions = {f"before ({args.before})": before_src, "now": ROOT / "src"}
        best: dict[str, dict[str, dict[str, float]]] = {}
        for _ in range(args.turns):
            for label, src in versions.items():
                for name, r in run_worker(src, sets, args.passes).items():
                    if name not in best.setdefault(label, {}):
                        best[label][name] = r
                    mine = best[label][name]
                    if r["seconds"] < mine["seconds"]:
                        mine.update({k: v for k, v in r.items() if not k.startswith("first")})
                    if r["first_seconds"] < mine["first_seconds"]:
                        mine.update({k: v for k, v in r.items() if k.startswith("first")})
    print(f"text reader speed, CPU time, fastest of {args.turns} processes (first reading; then the fastest of "
          f"{args.passes} readings again, the date parser's answers cached):")
    ok = True
    before_label = next(iter(versions))
    for name in sets:
        b, n = best[before_label][name], best["now"][name]
        first = n["first_pages_s"] / b["first_pages_s"]
        again = n["pages_s"] / b["pages_s"]
        ok = ok and min(first, again) >= 1.0
        print(f"  {name} ({n['pages']} pages), first reading: {before_label} {b['first_pages_s']:.0f} pages/s, "
              f"now {n['first_pages_s']:.0f} pages/s: now/before {first:.2f}")
        print(f"  {name} ({n['pages']} pages), read again: {before_label} {b['pages_s']:.0f} pages/s "
              f"({b['mb_s']:.2f} MB/s), now {n['pages_s']:.0f} pages/s ({n['mb_s']:.2f} MB/s): now/before {again:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
