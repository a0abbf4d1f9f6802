"""The command line: argument parsing and printing only; the work is done by :mod:`newswire.api`.

Exit codes (the contract): 0 when at least one article was processed, 2 when none could be,
1 for a usage or environment problem. User errors get one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newswire import __version__, api
from newswire.config import DEFAULT, Settings
from newswire.model import Rejected

FORMATS = ("auto", "text", "html", "rss", "warc", "jsonl", "csv")


def _err(message: str) -> None:
    print(f"newswire: {message}", file=sys.stderr, flush=True)


def _report_reject(rejected: Rejected) -> None:
    _err(f"rejected {rejected}")


def _settings(args: argparse.Namespace) -> Settings:
    if getattr(args, "max_bytes", None):
        return Settings(max_bytes=args.max_bytes)
    return DEFAULT


def _load_actors(args: argparse.Namespace):
    from newswire.actors import load_dictionary

    return load_dictionary(extra=tuple(getattr(args, "actors", None) or ()))


def cmd_analyze(args: argparse.Namespace) -> int:
    dictionary = _load_actors(args)
    count = 0
    for analysis in api.analyze(args.paths, format=args.format, settings=_settings(args),
                                actors=dictionary, on_reject=_report_reject):
        count += 1
        for warning in analysis.article.warnings:
            _err(f"{analysis.article.origin}: {warning}")
        if args.json:
            print(json.dumps(analysis.to_dict(), ensure_ascii=False), flush=True)
        else:
            _print_summary(analysis)
    if count == 0:
        _err("no article could be analyzed")
        return 2
    return 0


def _print_summary(analysis) -> None:
    a = analysis.article
    print(f"{a.published or '----------'}  {a.title}  [{a.origin}]")
    for e in analysis.events:
        target = e.target.code if e.target else "-"
        print(f"    {e.source.code:>12} → {e.cameo:<5} {e.plover:<10} → {target:<12} {e.status}  «{e.trigger}»")
    print(f"    {len(analysis.entities)} entities, {len(analysis.dates)} dates, {len(analysis.quotes)} quotes, "
          f"{len(analysis.events)} events")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newswire", description="Turn news into event data.")
    parser.add_argument("--version", action="version", version=f"newswire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, URLs, or - for stdin")
        p.add_argument("--format", choices=FORMATS, default="auto", help="input format (default: detect)")
        p.add_argument("--max-bytes", type=int, default=None, help="reject inputs larger than this (default 20 MB)")
        p.add_argument("--actors", action="append", metavar="FILE",
                       help="extra actor dictionary (newswire YAML or PETRARCH .actors/.agents); repeatable")

    p = sub.add_parser("analyze", help="analyze inputs without a database")
    inputs(p)
    p.add_argument("--json", action="store_true", help="print one analysis record per article (JSON Lines)")
    p.set_defaults(func=cmd_analyze)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # environment problems (missing model, unreadable database) get one line
        from newswire.nlp.model import ModelMissing

        if isinstance(exc, ModelMissing | OSError):
            _err(str(exc))
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
