"""PETRARCH's validation suite coded by newswire from each record's raw text.

    .venv/bin/python bench/petrarch_suite.py [--show N] [--category CAT]

Reads ../shared/petrarch/PETR.UnitTest.records.xml. Every <Sentence> is coded from its <Text> alone
(spaCy parses it; the supplied Penn parse is ignored), with the dictionaries the file's <Environment>
names: verbs through ``newswire.coding.read_petrarch_verbs``, actors and agents through
``newswire.actors.load_dictionary(extra=...)``. The codes are PETRARCH's own (made-up ones such as
903 included), so the coder runs with an ``OpenTable`` and without newswire's own inferences.
PETR.Validate.verbs.txt is a PETRARCH-1 (linear) dictionary, so its patterns are matched as PETRARCH-1
matches them: words in order around the verb, "_" adjacent, the first matching pattern winning
(``newswire.coding.petrarch_match``).

<Config> options that apply between records are honoured where newswire has the behaviour:
``require_dyad`` (false: an event without a target counts, as target "---"). ``new_actor_length``
(actors made from unknown noun phrases) and the ``comma_*`` options (PETRARCH's own clause skipping)
have no newswire counterpart; records expecting quoted new-actor codes cannot pass and are counted.

A record passes when the set of (source, target, code) newswire produces equals the expected set
(``noevents``: empty). Printed: the share passing, overall and by category.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "petrarch" / "PETR.UnitTest.records.xml"


@dataclass
class Record:
    id: str
    category: str
    date: str | None
    text: str
    expected: set[tuple[str, str, str]] = field(default_factory=set)
    error: bool = False  # a record PETRARCH itself marks as an error case: skipped
    new_actor: bool = False  # expects a code made from an unknown noun phrase ('"..."')
    require_dyad: bool = True


def _truth(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


def read_suite(path: Path) -> tuple[dict[str, str], list[Record]]:
    """The environment (file names) and the records, with the Config state in force for each."""
    root = ET.parse(path).getroot()
    env = {c.tag: (c.text or "").strip() for c in root.find("Environment") or [] if c.tag != "Config"}
    records: list[Record] = []
    require_dyad = True
    for el in root.find("Sentences") or []:
        if el.tag == "Config":
            if el.get("option") == "require_dyad":
                require_dyad = _truth(el.get("value", "true"))
            continue
        if el.tag != "Sentence":
            continue
        raw_date = el.get("date", "")
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        text = " ".join((el.findtext("Text") or "").split())
        rec = Record(el.get("id", "?"), el.get("category", "?"), date, text, require_dyad=require_dyad)
        for ev in el.findall("EventCoding"):
            if ev.get("error") is not None:
                rec.error = True
            if ev.get("noevents") is not None or ev.get("eventcode") is None:
                continue
            src, tgt, code = ev.get("sourcecode", ""), ev.get("targetcode", ""), ev.get("eventcode", "")
            if src.startswith('"') or tgt.startswith('"'):
                rec.new_actor = True
            rec.expected.add((src, tgt, code))
        records.append(rec)
    return env, records


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many failing records")
    ap.add_argument("--category", help="only this category")
    args = ap.parse_args()
    if not SUITE.exists():
        print(f"{SUITE} is absent: the PETRARCH suite lives in ../shared", file=sys.stderr)
        return 2
    from newswire.actors import load_dictionary, resolve_actors
    from newswire.actors.coref import resolve_coreference
    from newswire.coding import Coder, OpenTable, read_petrarch_verbs
    from newswire.coding.patterns import PatternSet, default_patterns
    from newswire.model import Analysis, Article
    from newswire.nlp.dates import resolve_dates
    from newswire.nlp.parser import load_nlp

    env, records = read_suite(SUITE)
    folder = SUITE.parent
    table = OpenTable()
    verbs = read_petrarch_verbs(folder / env["Verbfile"], table)
    coder = Coder(PatternSet(verbs, default_patterns().cues), table, inferences=False, deep_targets=True)
    dictionary = load_dictionary((str(folder / env["Actorfile"]), str(folder / env["Agentfile"])))
    if args.category:
        records = [r for r in records if r.category == args.category]
    nlp = load_nlp()
    t0 = time.perf_counter()
    by_cat: dict[str, Counter] = defaultdict(Counter)
    fails = []
    for rec, doc in zip(records, nlp.pipe(r.text for r in records), strict=True):
        c = by_cat[rec.category]
        if rec.error:
            c["error"] += 1
            continue
        a = Analysis(Article(title="", body=rec.text, published=rec.date), doc=doc)
        resolve_actors(a, dictionary)
        resolve_coreference(a, dictionary)
        resolve_dates(a)
        events = coder.code(a)
        got = {(e.source.code, e.target.code if e.target else "---", e.cameo) for e in events
               if e.target is not None or not rec.require_dyad}
        c["n"] += 1
        c["new_actor"] += rec.new_actor
        ok = got == rec.expected
        c["ok"] += ok
        c["some"] += bool(got & rec.expected)
        c["extra"] += bool(got - rec.expected)
        if not ok:
            fails.append((rec, got))
    elapsed = time.perf_counter() - t0
    total = Counter()
    for c in by_cat.values():
        total.update(c)
    n = total["n"]
    print(f"PETRARCH unit-test records: {n + total['error']} ({total['error']} error records skipped), "
          f"coded from raw text in {elapsed:.1f} s; {len(verbs)} verb patterns")
    print(f"fully right (all expected codings, none extra): {total['ok']}/{n} = {total['ok'] / n:.1%}")
    print(f"at least one expected coding: {total['some']}/{n} = {total['some'] / n:.1%}; "
          f"records with an extra coding: {total['extra']}; "
          f"records needing new actors from noun phrases (cannot pass): {total['new_actor']}")
    print(f"\n{'category':10} {'n':>4} {'right':>6} {'share':>6} {'some':>5} {'extra':>6}")
    for cat, c in sorted(by_cat.items()):
        if c["n"]:
            print(f"{cat:10} {c['n']:4} {c['ok']:6} {c['ok'] / c['n']:6.0%} {c['some']:5} {c['extra']:6}")
    for rec, got in fails[: args.show]:
        print(f"\nFAIL {rec.id} expected {sorted(rec.expected)} got {sorted(got)}\n  {rec.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
