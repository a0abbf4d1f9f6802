"""The library face of newswire. The command line wraps these functions and adds only printing.

    import newswire
    for analysis in newswire.analyze(["page.html", "feed.xml"]):
        print(analysis.to_dict()["events"])

Each function takes a ready :class:`~newswire.pipeline.Pipeline` as ``pipeline``, or makes one from the
keyword options it names (``actors``, ``prefilter``, ``settings``); the work is the pipeline's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newswire.config import DEFAULT, DEFAULT_DB, Settings
from newswire.extract import extract
from newswire.model import Analysis, Article, Document
from newswire.pipeline import Pipeline, RejectHandler


def read_articles(
    inputs: Iterable[str],
    *,
    format: str = "auto",
    settings: Settings = DEFAULT,
    on_reject: RejectHandler | None = None,
) -> Iterator[Article]:
    """Read files, folders, URLs or "-" (stdin) and yield the articles in them, in input order."""
    return Pipeline(settings=settings).read(inputs, format=format, on_reject=on_reject)


def analyze_articles(
    articles: Iterable[Article], *, actors=None, batch_size: int = 16, prefilter: bool = False,
    pipeline: Pipeline | None = None,
) -> Iterator[Analysis]:
    """Run the language layer, the event coder and quote attribution over articles, in order.

    ``actors`` is an ActorDictionary (the bundled one when None); ``prefilter`` lets articles that surely hold
    no event skip the dependency parser (see :class:`~newswire.pipeline.Pipeline`).
    """
    pipeline = pipeline or Pipeline(actors=actors, batch_size=batch_size, prefilter=prefilter)
    return pipeline.analyze_articles(articles)


def analyze(
    inputs: Iterable[str],
    *,
    format: str = "auto",
    settings: Settings = DEFAULT,
    actors=None,
    on_reject: RejectHandler | None = None,
    prefilter: bool = False,
    pipeline: Pipeline | None = None,
) -> Iterator[Analysis]:
    """Read inputs and analyse every article in them: the whole pipeline without a database."""
    pipeline = pipeline or Pipeline(actors=actors, prefilter=prefilter, settings=settings)
    return pipeline.analyze(inputs, format=format, on_reject=on_reject)


def ingest(inputs: Iterable[str], db: str = DEFAULT_DB, **options):
    """Analyse inputs into the database (see :func:`newswire.ingest.ingest` for the options)."""
    from newswire.ingest import ingest as _ingest

    return _ingest(inputs, db, **options)


def open_db(path: str = DEFAULT_DB, *, read_only: bool = False):
    """Open a newswire database; query it with :mod:`newswire.store.queries`, export with
    :func:`newswire.store.export.export`."""
    from newswire.store import Store

    return Store(path, read_only=read_only)


def analyze_text(
    text: str, *, title: str = "", published: str | None = None, url: str | None = None, page: bool = False,
    actors=None, pipeline: Pipeline | None = None,
) -> Analysis:
    """Analyse one article given as a string: a clean body, or with ``page=True`` a plain-text page dump."""
    meta = {k: v for k, v in {"title": title, "published": published, "url": url}.items() if v}
    doc = Document(name=url or "<text>", kind="text" if page else "body", data=text.encode("utf-8"), meta=meta)
    article = extract(doc)
    pipeline = pipeline or Pipeline(actors=actors)
    return next(pipeline.analyze_articles([article]))
