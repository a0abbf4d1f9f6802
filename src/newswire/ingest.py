"""Ingest: read inputs, analyse the new articles (in worker processes when jobs > 1), store in batches.

The main process reads and extracts (fast) and writes (one writer: DuckDB allows one); workers
run the language layer, each loading spaCy once. Articles already stored are skipped *before*
analysis, so a rerun after a kill redoes at most the batches that were in flight, and each batch
is written in one transaction, so nothing is half-stored. The database file is held only while a batch
is looked up or written (a shared :class:`~newswire.store.Store`), so ``serve`` can read it meanwhile.

Workers die with the ingest: an interrupted one (Ctrl-C, or the command line's SIGTERM) kills them
at once, and one killed outright (-9) takes them along (:func:`_exit_with_parent`), so no worker
with its spaCy model is left holding memory, nor the multiprocessing resource tracker they keep open.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from newswire.config import DEFAULT, Settings
from newswire.model import Article, Rejected
from newswire.pipeline import Pipeline
from newswire.store import Prepared, Store, WriteResult, article_key, prepare

ProgressHandler = Callable[["IngestResult"], None]


@dataclass
class IngestResult:
    read: int = 0  # articles read from the inputs
    written: WriteResult = field(default_factory=WriteResult)
    rejected: int = 0
    seconds: float = 0.0
    total: int | None = None  # documents the inputs hold, when that is known beforehand

    @property
    def added(self) -> int:
        return self.written.added

    @property
    def skipped(self) -> int:
        return self.written.skipped

    @property
    def events(self) -> int:
        return self.written.events

    @property
    def done(self) -> int:
        """Documents dealt with so far: articles read and inputs rejected."""
        return self.read + self.rejected

    @property
    def rate(self) -> float:
        """Documents per second so far."""
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the rate so far, when the total is known."""
        if self.total is None or not self.rate:
            return None
        return max(0.0, (self.total - self.done) / self.rate)


# -- the worker side ---------------------------------------------------------------------------
_PIPELINE: Pipeline | None = None  # a worker's pipeline, loaded once by _init_worker


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _exit_with_parent(parent: int) -> None:
    """End this worker when the ingest that started it dies, however it dies.

    A worker waits for work on a pipe that it holds open itself, so it would never see EOF: a parent
    killed with -9 left its workers (and through them the resource tracker) alive for good. Linux
    kills us with the parent (PR_SET_PDEATHSIG: strictly, with the thread that started us, the one
    that submits work and outlives the pool); elsewhere, and should the parent have died before the
    prctl, a thread notices that we were handed to another parent.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newswire-parent-watch", daemon=True).start()


def _init_worker(parent: int, pipeline: Pipeline) -> None:
    """Tie the worker's life to the ingest's, then load spaCy and the actor dictionary once.

    Ctrl-C reaches the whole process group; the ingest handles it and stops the workers, which would
    otherwise each print a KeyboardInterrupt traceback.
    """
    global _PIPELINE
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _PIPELINE = pipeline.load()


def analyze_batch(articles: Sequence[Article], pipeline: Pipeline | None = None
                  ) -> tuple[list[Prepared], list[Rejected]]:
    """Analyse and prepare a batch; an article that makes a stage fail is rejected, not fatal.

    ``pipeline`` None takes the worker's own.
    """
    if not articles:
        return [], []
    pipeline = pipeline or _PIPELINE or Pipeline(prefilter=True)
    try:
        return [prepare(a) for a in pipeline.analyze_articles(articles)], []
    except Exception:  # find the culprit article by article: the rest of the batch still goes in
        done: list[Prepared] = []
        rejected: list[Rejected] = []
        for article in articles:
            try:
                done += [prepare(a) for a in pipeline.analyze_articles([article])]
            except Exception as exc:
                rejected.append(Rejected(article.origin or article.title,
                                         f"analysis failed: {type(exc).__name__}: {exc}"))
        return done, rejected


# -- the main process --------------------------------------------------------------------------
def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(articles, size)):
        yield batch


def ingest(
    inputs: Iterable[str],
    db: str | Path | Store,
    *,
    format: str = "auto",
    jobs: int = 1,
    batch_size: int = 32,
    settings: Settings = DEFAULT,
    actor_files: Sequence[str] = (),
    on_reject: Callable[[Rejected], None] | None = None,
    on_progress: ProgressHandler | None = None,
    prefilter: bool = True,
    pipeline: Pipeline | None = None,
) -> IngestResult:
    """Read, analyse and store every article in ``inputs``; rejected inputs are logged in the database.

    Re-ingesting the same inputs adds nothing. ``on_progress`` is called after every article read and every
    stored batch; with it, the inputs are counted first (``result.total``, when that is cheap to know).
    ``prefilter`` (on by default) lets articles that cannot hold an event skip the dependency parser
    (see :class:`newswire.pipeline.Pipeline`). A ready ``pipeline`` replaces ``settings``, ``actor_files``
    and ``prefilter``.
    """
    pipeline = pipeline or Pipeline(actor_files=actor_files, prefilter=prefilter, settings=settings)
    inputs = [str(inputs)] if isinstance(inputs, str | Path) else [str(i) for i in inputs]  # read twice
    store = db if isinstance(db, Store) else Store(db, shared=True)  # the file is free between batches
    result = IngestResult()
    pending_rejects: list[Rejected] = []
    started = time.perf_counter()

    def reject(r: Rejected) -> None:
        result.rejected += 1
        pending_rejects.append(r)
        if on_reject:
            on_reject(r)

    def store_batch(prepared: list[Prepared], rejected: list[Rejected]) -> None:
        for r in rejected:
            reject(r)
        rejects = list(pending_rejects)
        pending_rejects.clear()
        result.written += store.write(prepared, rejects)
        result.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(result)

    def new_only(batch: list[Article]) -> list[Article]:
        """Drop articles stored already (and copies repeated within the batch) before paying for analysis."""
        keys = [article_key(a.id, a.url) for a in batch]
        known = store.known_keys(keys)
        fresh, seen = [], set()
        for a, k in zip(batch, keys, strict=True):
            if k in known or k in seen:
                result.written.skipped += 1
                continue
            seen.add(k)
            fresh.append(a)
        return fresh

    articles = pipeline.read(inputs, format=format, on_reject=reject)

    if on_progress:
        from newswire.sources import count_documents

        result.total = count_documents(inputs, format=format)
        on_progress(result)

    def counted() -> Iterator[Article]:
        for a in articles:
            result.read += 1
            if on_progress:
                result.seconds = time.perf_counter() - started
                on_progress(result)
            yield a

    try:
        if jobs <= 1:
            for batch in _batches(counted(), batch_size):
                store_batch(*analyze_batch(new_only(batch), pipeline))
        else:
            _run_parallel(counted(), jobs, batch_size, pipeline, new_only, store_batch)
        if pending_rejects:
            store_batch([], [])
    finally:
        result.seconds = time.perf_counter() - started
        if not isinstance(db, Store):
            store.close()
    return result


def _run_parallel(articles: Iterator[Article], jobs: int, batch_size: int, pipeline: Pipeline,
                  new_only: Callable[[list[Article]], list[Article]],
                  store_batch: Callable[[list[Prepared], list[Rejected]], None]) -> None:
    """Keep up to two batches per worker in flight; write results in input order."""
    # spawn, not fork: the parent holds DuckDB's threads and file lock, which a fork would copy
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_init_worker,
                             initargs=(os.getpid(), pipeline)) as pool:
        in_flight: deque[Future] = deque()
        try:
            for batch in _batches(articles, batch_size):
                fresh = new_only(batch)
                if fresh:
                    in_flight.append(pool.submit(analyze_batch, fresh))
                while in_flight and (len(in_flight) >= 2 * jobs or in_flight[0].done()):
                    store_batch(*in_flight.popleft().result())
            while in_flight:
                store_batch(*in_flight.popleft().result())
        except BaseException:
            # interrupted or failed: the batches in flight are thrown away (a rerun redoes them), so the
            # workers are stopped now rather than waited for (the pool has no public way until Python 3.14)
            for worker in list((pool._processes or {}).values()):
                worker.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
