"""The command line: argument parsing and printing only; the work is done by :mod:`newswire.api`.

Exit codes (the contract): 0 when at least one article was processed, 2 when none could be,
1 for a usage or environment problem. User errors get one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import json
import signal
import sys
import threading
from collections.abc import Sequence

from newswire import __version__
from newswire.config import DEFAULT, DEFAULT_DB, Settings
from newswire.model import InputError, Rejected

FORMATS = ("auto", "text", "html", "rss", "warc", "jsonl", "csv")
PERIODS = ("day", "week", "month", "year")


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 event", "2 events", "0 events"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _err(message: str) -> None:
    print(f"newswire: {message}", file=sys.stderr, flush=True)


def _report_reject(rejected: Rejected) -> None:
    _err(f"rejected {rejected}")


def _settings(args: argparse.Namespace) -> Settings:
    if getattr(args, "max_bytes", None):
        return Settings(max_bytes=args.max_bytes)
    return DEFAULT


def _pipeline(args: argparse.Namespace, *, prefilter: bool):
    """The one pipeline a command runs, from its options; a bad actor file is reported before any work."""
    from newswire.pipeline import Pipeline

    pipeline = Pipeline(actor_files=tuple(getattr(args, "actors", None) or ()), prefilter=prefilter,
                        settings=_settings(args))
    _ = pipeline.dictionary
    return pipeline


def _pasted(args: argparse.Namespace, pipeline):
    """The inputs' articles, with --published and --url given to text read from standard input."""
    from dataclasses import replace

    published, url = getattr(args, "published", None), getattr(args, "url", None)
    if (published or url) and "-" not in args.paths:
        raise InputError("--published and --url are for text read from standard input (PATH -)")
    if published:
        from datetime import date, datetime

        try:
            (date.fromisoformat if len(published) == 10 else datetime.fromisoformat)(published)
        except ValueError:
            raise InputError(f"--published must be YYYY-MM-DD or an ISO date and time (got {published!r})") from None
    for article in pipeline.read(args.paths, format=args.format, on_reject=_report_reject):
        if article.origin.startswith("<stdin>"):
            changes = {k: v for k, v in (("published", published), ("url", url)) if v}
            if changes:
                article = replace(article, **changes)
        yield article


def cmd_analyze(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args, prefilter=args.prefilter)
    count = 0
    for analysis in pipeline.analyze_articles(_pasted(args, pipeline)):
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
    print(f"    {plural(len(analysis.entities), 'entity', 'entities')}, {plural(len(analysis.dates), 'date')}, "
          f"{plural(len(analysis.quotes), 'quote')}, {plural(len(analysis.events), 'event')}")


# -- the database commands: the work is in newswire.ingest and newswire.store ------------------
def _open(args: argparse.Namespace, *, read_only: bool = True):
    from newswire.store import Store

    return Store(args.db, read_only=read_only)


def cmd_ingest(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from newswire.ingest import ingest

    pipeline = _pipeline(args, prefilter=not getattr(args, "no_prefilter", False))
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("· {task.fields[added]} added · {task.fields[events]} · "
                             "{task.fields[skipped]} already stored · {task.fields[rejected]} rejected · "
                             "{task.fields[rate]:.1f}/s"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
                  transient=True) as progress:
        task = progress.add_task("ingest", total=None, added=0, skipped=0, rejected=0, events="0 events",
                                 rate=0.0)

        def show(r) -> None:
            progress.update(task, total=r.total, completed=r.done, added=r.added, skipped=r.skipped,
                            rejected=r.rejected, events=plural(r.events, "event"), rate=r.rate)

        def reject(r: Rejected) -> None:
            progress.console.print(f"newswire: rejected {r}", markup=False, highlight=False, soft_wrap=True)

        result = ingest(args.paths, args.db, format=args.format, jobs=args.jobs, batch_size=args.batch_size,
                        on_reject=reject, on_progress=show, pipeline=pipeline)
    w = result.written
    rate = result.read / result.seconds if result.seconds else 0.0
    print(f"{result.read} articles read: {w.added} added, {w.skipped} already stored, {result.rejected} rejected; "
          f"{w.events} new events, {w.mentions} mentions; {result.seconds:.1f} s ({rate:.1f} articles/s) "
          f"→ {args.db}")
    if result.read == 0:
        _err("no article could be ingested")
        return 2
    return 0


def _print_rows(rows: list[dict], fmt: str, columns: Sequence[str], title: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns),
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for c in columns:
            table.add_column(SHORT.get(c, c), overflow="fold", no_wrap=c not in ("trigger", "name", "sentence"))
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        # piped output gets a wide table rather than columns cut at 80 characters
        Console(width=None if sys.stdout.isatty() else 160).print(table)


SHORT = {"source_code": "source", "target_code": "target", "quad_class": "quad", "goldstein": "gold",
         "num_mentions": "ment", "num_sources": "srcs", "goldstein_mean": "gold mean",
         "net_cooperation": "net coop"}
EVENT_TABLE = ("date", "source_code", "cameo", "plover", "target_code", "quad_class", "goldstein", "status",
               "num_mentions", "num_sources", "trigger")


def _filters(args: argparse.Namespace, store) -> dict:
    """The event filters given on the command line, actors resolved (and what they resolved to said)."""
    from newswire.store import queries

    out = {k: getattr(args, k) for k in ("cameo", "plover", "quad_class", "status", "since", "until", "text")}
    for side in ("source", "target", "actor"):
        value = getattr(args, side)
        if value:
            resolved = queries.resolve_actor(store, value)
            _err(f"--{side} {resolved}")
            out[side] = resolved
    return out


def cmd_events(args: argparse.Namespace) -> int:
    from newswire.store import queries

    with _open(args) as store:
        rows = queries.events(store, **_filters(args, store), limit=args.limit)
    _print_rows(rows, args.format, EVENT_TABLE, plural(len(rows), "event"))
    return 0


def cmd_dyad(args: argparse.Namespace) -> int:
    from newswire.store import queries

    with _open(args) as store:
        result = queries.dyad(store, args.a, args.b, by=args.by, directed=args.directed, status=args.status)
    for line in result["resolved"]:
        _err(line)
    if args.format == "jsonl":
        print(json.dumps(result, ensure_ascii=False, default=str))
        return 0
    columns = ("period", "events", "q1", "q2", "q3", "q4", "goldstein_mean", "net_cooperation", "mentions")
    arrow = "→" if args.directed else "↔"
    _print_rows(result["series"], args.format, columns,
                f"{args.a} {arrow} {args.b} by {args.by} ({', '.join(result['status'])} events)")
    if args.format == "table":
        _print_extremes(result)
    return 0


def _print_extremes(result: dict) -> None:
    if result["low"] is None:
        print(f"no {' or '.join(result.get('status') or ['dated'])} events between these actors")
        return
    low, high = result["low"], result["high"]
    print(f"{plural(result['events'], 'event')}; low point {low['period']} (net cooperation {low['net_cooperation']}), "
          f"high point {high['period']} (net cooperation {high['net_cooperation']})")


def cmd_actors(args: argparse.Namespace) -> int:
    from newswire.store import queries

    with _open(args) as store:
        rows = queries.actors(store, limit=args.limit)
    _print_rows(rows, args.format, ("code", "name", "people", "country", "events", "as_source", "as_target",
                                    "mentions"), plural(len(rows), "actor"))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from newswire.store import queries

    with _open(args) as store:
        stats = queries.stats(store)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, default=str))
    else:
        for key, value in stats.items():
            print(f"{key:>15}  {value}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newswire.store.export import export

    with _open(args) as store:
        paths = export(store, args.dir, args.format, replace=args.replace, header=args.header,
                       filters=_filters(args, store))
    for path in paths:
        print(path)
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from newswire.store import browse

    with _open(args) as store:
        rows = browse.quotes(store, speaker=args.speaker, text=args.text, limit=_limit(args.limit))
    _print_rows(rows, args.format, ("published", "speaker", "speaker_code", "kind", "text", "title"),
                plural(len(rows), "quote"))
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    from newswire.store import browse

    with _open(args) as store:
        rows = browse.articles(store, text=args.text, limit=_limit(args.limit))
    _print_rows(rows, args.format, ("published", "source", "title", "tone", "word_count", "key"),
                plural(len(rows), "article"))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from newswire.store import browse, queries

    text = " ".join(args.text.split())
    if len(text) < 2:
        raise InputError("search needs at least 2 characters of text")
    limit = _limit(args.limit)
    with _open(args) as store:
        found = {"articles": browse.articles(store, text=text, limit=limit),
                 "events": queries.events(store, text=text, limit=limit),
                 "quotes": browse.quotes(store, text=text, limit=limit)}
    if args.format == "jsonl":
        for kind, rows in found.items():
            for row in rows:
                print(json.dumps({"kind": kind[:-1], **row}, ensure_ascii=False, default=str))
        return 0
    columns = {"articles": ("published", "source", "title", "key"), "events": EVENT_TABLE,
               "quotes": ("published", "speaker", "text", "title")}
    for kind, rows in found.items():
        _print_rows(rows, args.format, columns[kind], f"{plural(len(rows), kind[:-1])} matching {text!r}")
    return 0


def _limit(value: int | None) -> int:
    if value is not None and value < 1:
        raise InputError(f"--limit must be at least 1 (got {value})")
    return value or 50


def cmd_demo(args: argparse.Namespace) -> int:
    from importlib import resources

    from newswire.store import queries

    folder = resources.files("newswire").joinpath("demo")
    paths = sorted(str(p) for p in folder.iterdir()
                   if p.is_file() and not p.name.startswith((".", "_"))
                   and not p.name.lower().endswith((".py", ".pyc", ".md")))
    if not paths:
        _err("no demo articles are bundled (src/newswire/demo/ is empty)")
        return 1
    args.paths, args.format, args.jobs, args.batch_size, args.max_bytes, args.actors = \
        paths, "auto", 1, 16, None, None
    code = cmd_ingest(args)
    if code:
        return code
    with _open(args) as store:
        rows = queries.events(store)
        _print_rows(rows, "table", EVENT_TABLE, f"{plural(len(rows), 'event')} in the demo articles")
        dyads = queries.top_dyads(store, limit=1)
        if dyads:
            d = dyads[0]
            result = queries.dyad(store, d["a"], d["b"], by="month")
            _print_rows(result["series"], "table", ("period", "events", "q1", "q2", "q3", "q4",
                                                    "goldstein_mean", "net_cooperation"),
                        f"most reported dyad: {d['a']} ↔ {d['b']}")
            _print_extremes(result)
    return 0


def cmd_spark(args: argparse.Namespace) -> int:
    from newswire.spark import run

    if len(args.paths) < 2:
        raise InputError("spark needs at least one INPUT and an OUTPUT folder")
    *inputs, output = args.paths
    result = run(inputs, output, master=args.master, format=args.format, base=args.base,
                 partitions=args.partitions, overwrite=args.overwrite, pipeline=_pipeline(args, prefilter=True))
    print(f"{result.files} input files: {result.articles} articles, {result.events} events, "
          f"{result.rejected} rejected → {result.output}")
    if result.articles == 0:
        _err("no article could be analysed")
        return 2
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from newswire.spark import load

    r = load(args.dir, args.db)
    print(f"{r.read} articles read: {r.added} added, {r.skipped} already stored, {r.rejects} rejects logged; "
          f"{r.events} new events, {r.mentions} mentions → {args.db}")
    return 0 if r.read else 2


def cmd_watch(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from newswire.watch import Watcher, parse_every

    every = parse_every(args.every)
    if args.rounds is not None and args.rounds < 1:
        raise InputError(f"--rounds must be at least 1 (got {args.rounds})")
    if args.delay < 0:
        raise InputError(f"--delay must be 0 or more seconds (got {args.delay:g})")
    pipeline = _pipeline(args, prefilter=True)
    pipeline.settings = replace(pipeline.settings, host_delay=args.delay)
    watcher = Watcher(args.sources, args.db, every=every, pipeline=pipeline, on_reject=_report_reject)
    print(f"newswire: watching {plural(len(watcher.sources), 'source')} every {args.every} → {args.db} "
          "(Ctrl-C to stop)", flush=True)
    try:
        watcher.run(args.rounds, on_round=lambda r: print(r.line(), flush=True))
    finally:
        watcher.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newswire.web.app import serve

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        _err(f"serving on {args.host}: anyone who can reach this address can read the database "
             "(requests must name it, localhost or an --allowed-host)")
    _check_port(args.host, args.port)
    from pathlib import Path

    if not Path(args.db).exists():
        from newswire.store import Store

        Store(args.db).close()
        _err(f"{args.db} did not exist: created it empty; what `ingest` or `watch` write to it appears as it comes")
    print(f"newswire: serving {args.db} on http://{args.host}:{args.port}/ (Ctrl-C to stop)", flush=True)
    serve(args.db, host=args.host, port=args.port, allowed_hosts=tuple(args.allowed_host or ()))
    return 0


def _check_port(host: str, port: int) -> None:
    """A busy or forbidden port is one clear line before anything claims to be serving."""
    import socket

    if not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535 (got {port})")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise InputError(f"cannot serve on {host}: {exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
            raise InputError(f"port {port} on {host} {reason}: pass another with --port "
                             "(make run PORT=8001)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newswire", description="Turn news into event data.")
    parser.add_argument("--version", action="version", version=f"newswire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, URLs, or - for stdin")
        p.add_argument("--format", choices=FORMATS, default="auto", help="input format (default: detect)")
        p.add_argument("--max-bytes", type=int, default=None, help="reject inputs larger than this (default: 20 MB)")
        p.add_argument("--actors", action="append", metavar="FILE",
                       help="extra actor dictionary (newswire YAML or PETRARCH .actors/.agents); repeatable "
                            "(default: the bundled dictionaries only)")

    p = sub.add_parser("analyze", help="analyze inputs without a database")
    inputs(p)
    p.add_argument("--json", action="store_true", help="print one analysis record per article (JSON Lines) (default: a summary)")
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD or ISO date-time) of text read from stdin (PATH -); "
                        "relative dates are read against it (default: none)")
    p.add_argument("--url", help="the URL of text read from stdin (PATH -) (default: none)")
    p.add_argument("--prefilter", action="store_true",
                   help="let articles that cannot hold an event skip the dependency parser (faster; "
                        "they lose indirect quotes and tense-based dates) (default: off)")
    p.set_defaults(func=cmd_analyze)

    def event_filters(p: argparse.ArgumentParser, status_default: str = "all") -> None:
        p.add_argument("--source", help="source actor: code prefix, country, organisation or name (default: any)")
        p.add_argument("--target", help="target actor, as --source (default: any)")
        p.add_argument("--actor", help="either side, as --source: USAGOV, Russia, EU, Trump (default: any)")
        p.add_argument("--cameo", help="CAMEO code prefix, e.g. 16 or 1663 (default: any)")
        p.add_argument("--plover", help="PLOVER type, e.g. THREATEN (default: any)")
        p.add_argument("--quad-class", type=int, choices=(1, 2, 3, 4),
                       help="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict "
                            "(default: any)")
        p.add_argument("--status", metavar="STATUS[,STATUS]",
                       help="occurred, planned, possible, negated, comma-separated, or all "
                            f"(default: {status_default})")
        p.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after this day (default: any)")
        p.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before this day (default: any)")
        p.add_argument("--text", help="words in the evidence sentence (default: any)")

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"database (default: {DEFAULT_DB})")

    def out_format(p: argparse.ArgumentParser) -> None:
        p.add_argument("--format", choices=("table", "csv", "jsonl"), default="table",
                       help="output format (default: table)")

    p = sub.add_parser("ingest", help="analyze inputs into the database")
    inputs(p)
    db(p)
    p.add_argument("--jobs", type=int, default=1, help="worker processes for the language analysis (default: 1)")
    p.add_argument("--batch-size", type=int, default=32, help="articles per transaction (default: 32)")
    p.add_argument("--no-prefilter", action="store_true",
                   help="parse every article fully, also those that cannot hold an event (default: skip the parser "
                        "for those)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="list stored events")
    db(p)
    out_format(p)
    event_filters(p)
    p.add_argument("--limit", type=int, default=None, help="at most this many events (default: all)")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("dyad", help="events between two actors over time (occurred events unless --status)")
    db(p)
    out_format(p)
    p.add_argument("a", metavar="A", help="first actor: code, country, organisation or name (e.g. USAGOV, Trump)")
    p.add_argument("b", metavar="B", help="second actor, as A")
    p.add_argument("--by", choices=PERIODS, default="month", help="period of the series (default: month)")
    p.add_argument("--directed", action="store_true", help="only A acting on B (default: both directions)")
    p.add_argument("--status", metavar="STATUS[,STATUS]",
                   help="statuses counted: occurred, planned, possible, negated, comma-separated, or all "
                        "(default: occurred)")
    p.set_defaults(func=cmd_dyad)

    p = sub.add_parser("actors", help="actors in the stored events: what each code is, and who was seen under it")
    db(p)
    out_format(p)
    p.add_argument("--limit", type=int, default=None, help="at most this many actors (default: all)")
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("stats", help="what the database holds")
    db(p)
    p.add_argument("--json", action="store_true", help="print one JSON object (default: a table)")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("quotes", help="stored quotes, newest first")
    db(p)
    out_format(p)
    p.add_argument("--speaker", help="speaker's name or actor code (default: any)")
    p.add_argument("--text", help="words in the quote (default: any)")
    p.add_argument("--limit", type=int, default=50, help="at most this many quotes (default: 50)")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("articles", help="stored articles, newest first")
    db(p)
    out_format(p)
    p.add_argument("--text", help="words in the title or body (default: any)")
    p.add_argument("--limit", type=int, default=50, help="at most this many articles (default: 50)")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("search", help="search articles, events and quotes for a phrase")
    db(p)
    out_format(p)
    p.add_argument("text", metavar="TEXT", help="the phrase, matched literally (at least 2 characters)")
    p.add_argument("--limit", type=int, default=20, help="at most this many of each kind (default: 20)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="export the database: GDELT 2.0 tables, Parquet or JSON Lines")
    db(p)
    p.add_argument("--format", choices=("gdelt", "parquet", "jsonl"), required=True,
                   help="gdelt: GDELT 2.0 Events, Mentions and GKG files; parquet or jsonl: newswire's tables "
                        "with status (required)")
    p.add_argument("--replace", action="store_true",
                   help="delete an earlier export of this format in DIR first (default: such a DIR is refused)")
    p.add_argument("--header", action="store_true",
                   help="give GDELT files a header row of GDELT's column names (default: none, as GDELT's)")
    event_filters(p, status_default="occurred for gdelt, all for parquet and jsonl")
    p.add_argument("dir", metavar="DIR", help="folder to write into (created if missing)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", help="ingest the bundled demo articles and show what was found")
    db(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("spark", help="analyze WARC, JSONL or CSV inputs on Apache Spark into Parquet tables")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="input files, folders or WARC manifests (one path per line, .gz allowed), then the output folder")
    p.add_argument("--master", default="local[*]", help="Spark master URL (default: local[*])")
    p.add_argument("--format", choices=FORMATS, default="auto", help="input format (default: detect)")
    p.add_argument("--base", metavar="DIR",
                   help="folder or URL that relative paths in a manifest are under (default: the manifest's folder)")
    p.add_argument("--partitions", type=int, default=None, help="analysis partitions (default: 2 per core)")
    p.add_argument("--max-bytes", type=int, default=None, help="reject records larger than this (default: 20 MB)")
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="extra actor dictionary; repeatable (default: the bundled dictionaries only)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the tables in an existing output folder (default: refuse)")
    p.set_defaults(func=cmd_spark)

    p = sub.add_parser("load", help="bring a 'newswire spark' output folder into the database")
    p.add_argument("dir", metavar="PARQUET_DIR", help="the output folder of `newswire spark`")
    db(p)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("watch", help="poll feeds, news sitemaps and URL lists on a schedule into the database")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="RSS/Atom feed, (news) sitemap or sitemap index, or a list of URLs (one a line): URL or file")
    db(p)
    p.add_argument("--every", default="15m", help="time between rounds: 30s, 15m, 1h (default: 15m)")
    p.add_argument("--rounds", type=int, default=None, help="stop after this many rounds (default: never)")
    p.add_argument("--delay", type=float, default=DEFAULT.host_delay,
                   help=f"seconds between two requests to one host; a longer robots.txt Crawl-delay wins "
                        f"(default: {DEFAULT.host_delay:g})")
    p.add_argument("--max-bytes", type=int, default=None, help="reject pages larger than this (default: 20 MB)")
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="extra actor dictionary; repeatable (default: the bundled dictionaries only)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("serve", help="the dashboard and HTTP API over a database (read-only)")
    db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--allowed-host", action="append", metavar="NAME",
                   help="a host name clients use besides --host and localhost (requests naming any other "
                        "get 400: DNS rebinding guard); repeatable (default: none)")
    p.set_defaults(func=cmd_serve)
    return parser


_STOPPED: list[int] = []  # the signal that stopped the command, if one did


def _stop_on_signals() -> dict | None:
    """Make SIGTERM unwind like Ctrl-C, so ``finally`` blocks run (ingest stops its workers and closes the
    database) instead of the process vanishing. The signal is remembered as well: DuckDB reports one that
    lands mid-query as an error of its own ("Query interrupted"). Returns the handlers to restore; None off
    the main thread, where none can be set."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: object) -> None:
        _STOPPED.append(signum)
        raise KeyboardInterrupt

    return {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}


def _stopped() -> int:
    signum = _STOPPED[-1] if _STOPPED else signal.SIGINT
    _err("terminated" if signum == signal.SIGTERM else "interrupted")
    return 128 + signum


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _STOPPED.clear()
    previous = _stop_on_signals()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _stopped()
    except BrokenPipeError:
        return 0
    except InputError as exc:  # a bad option value or input named on the command line
        _err(str(exc))
        return 1
    except Exception as exc:  # environment problems (missing model, unreadable database) get one line
        from newswire.nlp.parser import ModelMissing

        if _STOPPED:  # the signal, not the error DuckDB made of it
            return _stopped()
        if isinstance(exc, ModelMissing | OSError):
            _err(str(exc))
            return 1
        raise
    finally:
        for signum, handler in (previous or {}).items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
