"""The library face of newswire. The command line wraps these functions and adds only printing.

    import newswire
    for analysis in newswire.analyze(["page.html", "feed.xml"]):
        print(analysis.to_dict()["events"])

Stages run in one direction: sources → extract → nlp (actors, coreference, dates) → coding and
quotes. Bad inputs never stop a batch: each becomes a :class:`~newswire.model.Rejected` handed to
``on_reject`` (logged when none is given) and the rest go on.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from newswire.config import DEFAULT, Settings
from newswire.extract import extract
from newswire.model import Analysis, Article, Document, InputError, Rejected

log = logging.getLogger("newswire")

RejectHandler = Callable[[Rejected], None]

# Seconds spent per stage in this process ("parse" is spaCy), for benchmarks and profiling.
STAGE_SECONDS: Counter[str] = Counter()
# Stages that read the dependency parse; an article the pre-filter let skip the parser skips them.
PARSE_ONLY = ("coreference", "new actors", "events")
_GATES: dict = {}


def _log_reject(rejected: Rejected) -> None:
    log.warning("rejected %s", rejected)


def read_articles(
    inputs: Iterable[str],
    *,
    format: str = "auto",
    settings: Settings = DEFAULT,
    on_reject: RejectHandler | None = None,
) -> Iterator[Article]:
    """Read files, folders, URLs or "-" (stdin) and yield the articles in them, in input order."""
    from newswire.sources import iter_documents

    on_reject = on_reject or _log_reject
    for item in iter_documents(inputs, format=format, settings=settings):
        if isinstance(item, Rejected):
            on_reject(item)
            continue
        article = extract_document(item, settings, on_reject)
        if article is not None:
            yield article


def extract_document(doc: Document, settings: Settings, on_reject: RejectHandler) -> Article | None:
    """Extract one document; a bad one is reported and gives None (never an exception)."""
    try:
        return extract(doc, settings)
    except InputError as exc:
        on_reject(Rejected(doc.name, str(exc)))
    except Exception as exc:  # a library failing on odd input must not stop the batch
        on_reject(Rejected(doc.name, f"could not extract: {type(exc).__name__}: {exc}"))
    return None


def analyze_articles(
    articles: Iterable[Article], *, actors=None, batch_size: int = 16, prefilter: bool = False
) -> Iterator[Analysis]:
    """Run the language layer, the event coder and quote attribution over articles, in order.

    One spaCy Doc is made per English article (batched with ``nlp.pipe``) and shared by every
    later stage. ``actors`` is an ActorDictionary; the bundled one is used when None.

    With ``prefilter`` (the bulk paths, ingest and Spark, turn it on) an article that surely holds
    no event and no quotation (:mod:`newswire.nlp.prefilter`) skips the tagger and dependency
    parser: it still gets entities, dates and sentence boundaries, and no coreference or event
    coding (which would find nothing). Its events are the same either way; without the pre-filter
    (the default here) every article is parsed, so relative dates also use the verb's tense,
    indirect quotes are found and sector actors composed in every article.
    """
    from newswire.actors import load_dictionary
    from newswire.nlp.model import load_nlp

    nlp = load_nlp()
    dictionary = actors if actors is not None else load_dictionary()
    stages = pipeline_stages(dictionary)
    gate = _gate(nlp, dictionary) if prefilter else None
    for batch in _batches(articles, batch_size):
        english = [a for a in batch if a.language == "en"]
        started = time.perf_counter()
        docs = dict(zip((id(a) for a in english), _pipe(nlp, [a.body for a in english], gate), strict=True))
        STAGE_SECONDS["parse"] += time.perf_counter() - started
        for article in batch:
            analysis = Analysis(article, doc=docs.get(id(article)))
            if analysis.doc is not None:
                parsed = analysis.doc.has_annotation("DEP")
                for name, stage in stages:
                    if not parsed and name in PARSE_ONLY:
                        continue
                    started = time.perf_counter()
                    try:
                        stage(analysis)
                    except Exception as exc:  # one odd article must not stop the batch: say so and go on
                        log.warning("%s: %s stage failed: %s: %s", article.origin, name, type(exc).__name__, exc)
                        article.warnings.append(f"{name} analysis failed: {type(exc).__name__}: {exc}")
                    STAGE_SECONDS[name] += time.perf_counter() - started
            yield analysis


def pipeline_stages(dictionary) -> tuple[tuple[str, Callable[[Analysis], None]], ...]:
    """The stages run on each parsed article, in order, as (name, function): the one list of them
    (benchmarks that time the language layer apart from the coder take it from here too)."""
    from newswire.actors import add_new_actors, name_people_again, resolve_actors
    from newswire.coding import code_events
    from newswire.nlp.coref import resolve_coreference
    from newswire.nlp.dates import resolve_dates
    from newswire.quotes import find_quotes

    return (
        ("actors", lambda a: resolve_actors(a, dictionary)),
        ("surnames", name_people_again),
        ("coreference", lambda a: resolve_coreference(a, dictionary)),
        ("new actors", lambda a: add_new_actors(a, dictionary)),
        ("dates", resolve_dates),
        ("events", code_events),
        ("quotes", find_quotes),
    )


PIPE_CHARS = 40_000  # text handed to spaCy at once: long articles go in smaller batches (memory)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Batches of at most ``size`` articles and about PIPE_CHARS of text (one long article alone)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= size or chars + len(article.body) > PIPE_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.body)
    if batch:
        yield batch


def _gate(nlp, dictionary):
    """The pre-filter for this pipeline and dictionary (built once: it memoises word forms)."""
    from newswire.nlp.prefilter import Prefilter

    key = (id(nlp), id(dictionary))
    if _GATES.get("key") != key:
        _GATES.update(key=key, gate=Prefilter(nlp, dictionary))
    return _GATES["gate"]


def _pipe(nlp, texts: list[str], gate) -> list:
    """Docs for ``texts`` in order: the full pipeline for those the gate passes, only NER and sentence
    boundaries for the rest (the shared tok2vec, tagger, parser and lemmatizer cost two thirds of the time).

    A text longer than PIPE_CHARS is parsed in pieces cut at paragraph breaks, one at a time, and joined
    back into one Doc of the whole text (:func:`newswire.nlp.model.split_text`): spaCy refuses a text over
    its ``max_length``, and the memory it takes grows with the text it is handed at once.
    """
    from newswire.nlp.model import join_docs, split_text

    made = [[nlp.make_doc(p) for p in split_text(t, min(PIPE_CHARS, nlp.max_length))] for t in texts]
    full = [gate is None or bool(gate.split(pieces)[0]) for pieces in made]
    size = max(1, PIPE_CHARS * sum(map(len, made)) // max(1, sum(map(len, texts))))  # docs of ~PIPE_CHARS
    parsed = nlp.pipe((d for pieces, f in zip(made, full, strict=True) if f for d in pieces), batch_size=size)
    # entities are what an article the gate stops still needs: the NER (with its own tok2vec) and sentences
    light = nlp.pipe((d for pieces, f in zip(made, full, strict=True) if not f for d in pieces), batch_size=size,
                     disable=[n for n in nlp.pipe_names if n != "ner"])
    if "senter" in nlp.component_names:  # sentence boundaries without the parser
        light = nlp.get_pipe("senter").pipe(light)
    out = []
    for pieces, f in zip(made, full, strict=True):
        docs = [next(parsed if f else light) for _ in pieces]
        if not f:
            for doc in docs:
                _paragraphs_end_sentences(doc)
        out.append(join_docs(docs))
    return out


def _paragraphs_end_sentences(doc) -> None:
    """A paragraph break ends a sentence, as the parser would have it (the sentence recogniser may miss it)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True


def analyze(
    inputs: Iterable[str],
    *,
    format: str = "auto",
    settings: Settings = DEFAULT,
    actors=None,
    on_reject: RejectHandler | None = None,
    prefilter: bool = False,
) -> Iterator[Analysis]:
    """Read inputs and analyse every article in them: the whole pipeline without a database."""
    yield from analyze_articles(
        read_articles(inputs, format=format, settings=settings, on_reject=on_reject), actors=actors,
        prefilter=prefilter,
    )


def ingest(inputs: Iterable[str], db: str = "newswire.duckdb", **options):
    """Analyse inputs into the database (see :func:`newswire.ingest.ingest` for the options)."""
    from newswire.ingest import ingest as _ingest

    return _ingest(inputs, db, **options)


def open_db(path: str = "newswire.duckdb", *, read_only: bool = False):
    """Open a newswire database; query it with :mod:`newswire.store.queries`, export with
    :func:`newswire.store.export.export`."""
    from newswire.store import Store

    return Store(path, read_only=read_only)


def analyze_text(
    text: str, *, title: str = "", published: str | None = None, url: str | None = None, page: bool = False,
    actors=None,
) -> Analysis:
    """Analyse one article given as a string: a clean body, or with ``page=True`` a plain-text page dump."""
    meta = {k: v for k, v in {"title": title, "published": published, "url": url}.items() if v}
    doc = Document(name=url or "<text>", kind="text" if page else "body", data=text.encode("utf-8"), meta=meta)
    article = extract(doc)
    return next(analyze_articles([article], actors=actors))
