"""The pipeline on Apache Spark: WARC, JSON Lines or CSV in, Parquet tables out, one spaCy model per worker.

    newswire spark crawl/*.warc.gz out/ --master local[*]
    newswire spark warc.paths.gz out/ --base /data/cc-news     # a Common Crawl News manifest
    newswire load out/ --db events.duckdb

How the work is spread: the driver lists the input files (folders walked, manifests expanded); one
task per file reads it into Documents (cheap), which are shuffled into even partitions; each partition
is extracted, analysed and prepared by ``mapPartitions`` in a Python worker that loads spaCy and the
actor dictionary once and keeps them for every later task (Spark reuses Python workers). The output
folder gets one Parquet table per kind, partitioned by the article's publication day (``date=``;
articles without one go to Spark's default partition):

* ``articles``: the stored fields of ``newswire.store.Prepared`` (key, record JSON, tone, MinHash
  signature, sentence numbers) and ``seq_file``/``seq_rec``, the article's place in the input order;
* ``events``, ``mentions`` (one row per event found in an article, as GDELT's mentions), ``quotes``;
* ``rejects``: inputs that could not be used, with the reason.

``load`` (:func:`load`) writes the articles into a DuckDB database through the same
:class:`~newswire.store.Store` writer as ``newswire ingest``, in input order, so duplicate merging,
stories and event mentions come out the same as ingesting the inputs directly.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newswire.config import DEFAULT, Settings
from newswire.model import Document, InputError, Rejected
from newswire.pipeline import Pipeline, extract_document

TABLES = ("articles", "events", "mentions", "quotes", "rejects")
MANIFEST_SUFFIXES = (".paths", ".paths.gz", ".manifest", ".manifest.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


# -- inputs --------------------------------------------------------------------------------------
def _open_text(path: Path) -> Iterator[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        yield from f


def is_manifest(path: Path) -> bool:
    """A manifest lists WARC paths one per line: by its name (``warc.paths.gz``) or, for a .txt
    file, by its first lines all naming WARC files."""
    name = path.name.lower()
    if name.endswith(MANIFEST_SUFFIXES):
        return True
    if not name.endswith((".txt", ".txt.gz")):
        return False
    lines = []
    try:
        for line in _open_text(path):
            if line.strip():
                lines.append(line.strip())
            if len(lines) >= 5:
                break
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    return bool(lines) and all(x.lower().endswith(_WARC_SUFFIXES) for x in lines)


def read_manifest(path: Path, base: str | None = None) -> list[str]:
    """The WARC paths a manifest lists; relative ones resolved against ``base`` (else the manifest's folder)."""
    root = base if base is not None else str(path.parent)
    out = []
    try:
        for line in _open_text(path):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "://" in line or os.path.isabs(line):
                out.append(line)
            else:
                out.append(root.rstrip("/") + "/" + line if "://" in root else str(Path(root) / line))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{path}: cannot read the manifest: {exc}") from exc
    return out


def expand_inputs(inputs: Iterable[str], base: str | None = None) -> list[str]:
    """Input files in order: folders walked (sorted, hidden files skipped), manifests expanded."""
    from newswire.sources.files import walk

    out: list[str] = []
    for name in inputs:
        path = Path(name)
        if "://" in name:
            out.append(name)
        elif path.is_dir():
            out.extend(str(p) for p in walk(path))
        elif not path.exists():
            raise InputError(f"{name}: no such file or folder")
        elif is_manifest(path):
            out.extend(read_manifest(path, base))
        else:
            out.append(name)
    if not out:
        raise InputError("no input files")
    return out


# -- the worker side -----------------------------------------------------------------------------
def read_path(item: tuple[int, str], format: str = "auto", settings: Settings = DEFAULT
              ) -> Iterator[tuple[tuple[int, int], Document | Rejected]]:
    """The documents of one input file, each with its place in the input order."""
    from newswire.sources import iter_documents

    file_no, path = item
    for rec_no, doc in enumerate(iter_documents([path], format=format, settings=settings)):
        yield (file_no, rec_no), doc


def analyse_partition(items: Iterable[tuple[tuple[int, int], Document | Rejected]], *,
                      pipeline: Pipeline, batch_size: int = 32) -> Iterator[tuple[str, tuple]]:
    """Extract, analyse and prepare a partition's documents; yields (table, row) pairs.

    ``pipeline`` arrives pickled (its options); the dictionary it loads is cached per Python worker.
    """
    from newswire.ingest import analyze_batch

    batch: list[tuple[tuple[int, int], object]] = []

    def flush() -> Iterator[tuple[str, tuple]]:
        prepared, rejected = analyze_batch([a for _, a in batch], pipeline)
        seqs: dict[str, list[tuple[int, int]]] = {}
        from newswire.store import article_key

        for seq, a in batch:
            seqs.setdefault(article_key(a.id, a.url), []).append(seq)
        for p in prepared:
            yield from rows(p, seqs[p.key].pop(0))
        for r in rejected:
            yield "rejects", (r.name, r.reason)
        batch.clear()

    for seq, item in items:
        if isinstance(item, Rejected):
            yield "rejects", (item.name, item.reason)
            continue
        rejects: list[Rejected] = []
        article = extract_document(item, pipeline.settings, rejects.append)
        for r in rejects:
            yield "rejects", (r.name, r.reason)
        if article is not None:
            batch.append((seq, article))
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def _actor(d: dict | None) -> tuple:
    d = d or {}
    return d.get("code"), d.get("name"), d.get("country"), d.get("igo"), d.get("sector")


def rows(p, seq: tuple[int, int]) -> Iterator[tuple[str, tuple]]:
    """One prepared article as rows of the Parquet tables (the schemas are in :func:`schemas`)."""
    r = p.record
    day = r["published"][:10] if r.get("published") and len(r["published"]) >= 10 else None
    yield "articles", (seq[0], seq[1], p.key, p.id, r.get("url"), p.source, r.get("title"), r.get("published"),
                       r.get("language"), p.origin, p.tone.tone, p.tone.positive, p.tone.negative,
                       p.tone.word_count, p.signature, list(p.sentence_ids), json.dumps(r, ensure_ascii=False),
                       len(r.get("events", [])), day)
    for i, ev in enumerate(r.get("events", [])):
        loc = ev.get("location") or {}
        sid = p.sentence_ids[i] if i < len(p.sentence_ids) else None
        yield "events", (p.key, i, ev.get("date"), *_actor(ev.get("source")), *_actor(ev.get("target")),
                         ev.get("cameo"), ev.get("plover"), ev.get("mode"), ev.get("quad_class"),
                         float(ev["goldstein"]) if ev.get("goldstein") is not None else None, ev.get("status"),
                         loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"), ev.get("sentence"),
                         ev.get("start"), ev.get("end"), ev.get("trigger"), float(ev.get("confidence") or 0.0),
                         sid, day)
        yield "mentions", (p.key, i, p.source, r.get("url"), sid, ev.get("start"), ev.get("end"),
                           ev.get("trigger"), ev.get("status"), float(ev.get("confidence") or 0.0),
                           len(r.get("body") or ""), p.tone.tone, day)
    for i, q in enumerate(r.get("quotes", [])):
        yield "quotes", (p.key, i, q.get("text"), q.get("speaker"), (q.get("speaker_actor") or {}).get("code"),
                         q.get("kind"), q.get("start"), q.get("end"), day)


def schemas() -> dict:
    """The Spark schema of every output table (``date``, the partition column, comes last)."""
    from pyspark.sql.types import (
        ArrayType,
        BinaryType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    def make(spec: str) -> StructType:
        types = {"s": StringType(), "i": IntegerType(), "d": DoubleType(), "b": BinaryType(),
                 "ai": ArrayType(IntegerType())}
        return StructType([StructField(n, types[t], True) for n, t in (f.split(":") for f in spec.split())])

    actor = "{0}_code:s {0}_name:s {0}_country:s {0}_igo:s {0}_sector:s"
    return {
        "articles": make("seq_file:i seq_rec:i key:s id:s url:s source:s title:s published:s language:s origin:s "
                         "tone:d positive:d negative:d word_count:i signature:b sentence_ids:ai record:s "
                         "num_events:i date:s"),
        "events": make("article_key:s idx:i event_date:s " + actor.format("source") + " " + actor.format("target")
                       + " cameo:s plover:s mode:s quad_class:i goldstein:d status:s location_name:s "
                       "location_country:s lat:d lon:d sentence:s start_char:i end_char:i trigger:s "
                       "confidence:d sentence_id:i date:s"),
        "mentions": make("article_key:s event_idx:i source:s url:s sentence_id:i start_char:i end_char:i trigger:s "
                         "status:s confidence:d doc_len:i doc_tone:d date:s"),
        "quotes": make("article_key:s idx:i text:s speaker:s speaker_code:s kind:s start_char:i end_char:i date:s"),
        "rejects": make("name:s reason:s"),
    }


# -- the driver ----------------------------------------------------------------------------------
def session(master: str = "local[*]", app: str = "newswire", conf: dict[str, str] | None = None):
    """A SparkSession; in local mode bound to the loopback interface only."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter (the venv)
    builder = SparkSession.builder.master(master).appName(app)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false"))
    builder = builder.config("spark.python.worker.reuse", "true").config("spark.ui.showConsoleProgress", "false")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@dataclass
class SparkResult:
    files: int
    articles: int
    events: int
    rejected: int
    output: str


def run(inputs: Sequence[str], output: str, *, master: str = "local[*]", format: str = "auto",
        base: str | None = None, partitions: int | None = None, settings: Settings = DEFAULT,
        actor_files: Sequence[str] = (), spark=None, overwrite: bool = False,
        pipeline: Pipeline | None = None) -> SparkResult:
    """Analyse ``inputs`` on Spark and write the Parquet tables under ``output``.

    The pipeline (made from ``settings`` and ``actor_files`` with the pre-filter on, when none is given)
    goes to every partition unchanged."""
    pipeline = pipeline or Pipeline(actor_files=actor_files, settings=settings, prefilter=True)
    from pyspark import StorageLevel

    out = output.rstrip("/")
    if "://" not in out and Path(out).exists() and any(Path(out).iterdir()) and not overwrite:
        raise InputError(f"{out}: the output folder exists and is not empty (choose another, or --overwrite)")
    paths = expand_inputs(inputs, base)
    spark = spark or session(master)
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism * 2)
    docs = sc.parallelize(list(enumerate(paths)), len(paths)).flatMap(
        partial(read_path, format=format, settings=pipeline.settings))
    analysed = docs.repartition(parts).mapPartitions(
        partial(analyse_partition, pipeline=pipeline))
    analysed.persist(StorageLevel.MEMORY_AND_DISK)  # every table reads it: analyse once
    counts: dict[str, int] = {}
    try:
        for name, schema in schemas().items():
            rows_rdd = analysed.filter(lambda kv, n=name: kv[0] == n).map(lambda kv: kv[1])
            df = spark.createDataFrame(rows_rdd, schema)
            writer = df.write.mode("overwrite")
            if "date" in schema.fieldNames():
                writer = writer.partitionBy("date")
            writer.parquet(f"{out}/{name}")
        counts = dict(analysed.map(lambda kv: (kv[0], 1)).countByKey())
    finally:
        analysed.unpersist()
    return SparkResult(len(paths), counts.get("articles", 0), counts.get("events", 0), counts.get("rejects", 0), out)


# -- loading into DuckDB -------------------------------------------------------------------------
@dataclass
class LoadResult:
    read: int
    added: int
    skipped: int
    events: int
    mentions: int
    rejects: int


def load(folder: str | Path, db, *, batch_size: int = 256) -> LoadResult:
    """Write a ``newswire spark`` output folder into a database with the ingest writer, in input order."""
    import duckdb

    from newswire.model import Tone
    from newswire.store import Prepared, Store, WriteResult

    folder = Path(folder)
    articles = folder / "articles"
    if not articles.is_dir() or not any(articles.rglob("*.parquet")):
        raise InputError(f"{folder}: no articles table (not a 'newswire spark' output folder)")
    src = duckdb.connect()
    store = db if isinstance(db, Store) else Store(db)
    total, read = WriteResult(), 0
    try:
        rejects: list[Rejected] = []
        if (folder / "rejects").is_dir() and any((folder / "rejects").rglob("*.parquet")):
            rejects = [Rejected(n, r) for n, r in src.execute(
                "SELECT name, reason FROM read_parquet(?) ORDER BY name, reason",
                [str(folder / "rejects" / "**" / "*.parquet")]).fetchall()]
        cur = src.execute(
            "SELECT key, record, origin, source, tone, positive, negative, word_count, signature, sentence_ids "
            "FROM read_parquet(?, hive_partitioning = false) ORDER BY seq_file, seq_rec",
            [str(articles / "**" / "*.parquet")])
        while chunk := cur.fetchmany(batch_size):
            batch = [Prepared(key=k, record=json.loads(rec), origin=origin, source=source,
                              tone=Tone(tone, pos, neg, wc), signature=bytes(sig) if sig is not None else None,
                              sentence_ids=list(sids or []))
                     for k, rec, origin, source, tone, pos, neg, wc, sig, sids in chunk]
            read += len(batch)
            total += store.write(batch, rejects)
            rejects = []
        if rejects:
            total += store.write([], rejects)
    finally:
        src.close()
        if not isinstance(db, Store):
            store.close()
    return LoadResult(read, total.added, total.skipped, total.events, total.mentions, total.rejects)
