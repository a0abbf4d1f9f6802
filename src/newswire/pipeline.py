"""The pipeline: one object, made once, that reads inputs and analyses articles.

    from newswire.pipeline import Pipeline
    pipeline = Pipeline(actor_files=["my_actors.yaml"], prefilter=True)
    for analysis in pipeline.analyze(["page.html", "feed.xml"]):
        ...

A :class:`Pipeline` carries everything the stages share: the actor dictionary (loaded once, from the bundled
files and ``actor_files``, or given ready as ``actors``), the pre-filter, the batch size, the settings and the
list of components. ``analyze``, ``ingest`` and ``spark`` are handed one and pass it down unchanged; its
workers rebuild it from what it pickles (the options, not the loaded models).

Stages run in one direction: sources → extract → nlp (one spaCy Doc per article) → the components, in the
order named (actors, surnames, new actors, coreference, dates, events, quotes, tone; see
:mod:`newswire.components`). Bad inputs never stop a batch: each becomes a :class:`~newswire.model.Rejected`
handed to ``on_reject`` (logged when none is given) and the rest go on.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import newswire.actors  # noqa: F401  (registers the actors, surnames, coreference and new actors components)
import newswire.coding  # noqa: F401  (registers events)
import newswire.nlp.dates  # noqa: F401  (registers dates)
import newswire.nlp.tone  # noqa: F401  (registers tone)
import newswire.quotes  # noqa: F401  (registers quotes)
from newswire.components import Component, get_component
from newswire.config import DEFAULT, Settings
from newswire.extract import extract
from newswire.model import Analysis, Article, Document, InputError, Rejected

log = logging.getLogger("newswire")

RejectHandler = Callable[[Rejected], None]

# names, not words: the registered components, in the order they run
DEFAULT_COMPONENTS = ("actors", "surnames", "new actors", "coreference", "dates", "events", "quotes", "tone")
PIPE_CHARS = 40_000  # text handed to spaCy at once: long articles go in smaller batches (memory)

# Seconds spent per stage in this process ("parse" is spaCy), for benchmarks and profiling.
STAGE_SECONDS: Counter[str] = Counter()


def _log_reject(rejected: Rejected) -> None:
    log.warning("rejected %s", rejected)


class Pipeline:
    """Everything analysis needs, made once.

    ``prefilter``: an article that surely holds no event and no quotation (:mod:`newswire.coding.prefilter`)
    skips the tagger and dependency parser; it still gets entities, dates and sentence boundaries, and no
    coreference or event coding (which would find nothing). Its events are the same either way; without it
    every article is parsed, so relative dates also use the verb's tense, indirect quotes are found and
    sector actors composed in every article. The bulk paths (ingest, Spark) turn it on.
    """

    def __init__(
        self,
        *,
        actors: Any = None,
        actor_files: Sequence[str] = (),
        prefilter: bool = False,
        batch_size: int = 16,
        settings: Settings = DEFAULT,
        components: Sequence[str] = DEFAULT_COMPONENTS,
    ) -> None:
        self.actor_files = tuple(str(f) for f in actor_files)
        self.prefilter = prefilter
        self.batch_size = batch_size
        self.settings = settings
        self.components: tuple[Component, ...] = tuple(get_component(n) for n in components)
        self._dictionary = actors
        self._given = actors is not None  # a dictionary handed in travels with the pipeline; files are reloaded
        self._gate = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__, _gate=None)
        if not self._given:
            state["_dictionary"] = None
        return state

    @property
    def dictionary(self):
        """The actor dictionary: the bundled files and ``actor_files``, loaded on first use."""
        if self._dictionary is None:
            from newswire.actors import load_dictionary

            self._dictionary = load_dictionary(extra=self.actor_files)
        return self._dictionary

    @property
    def nlp(self):
        from newswire.nlp.parser import load_nlp

        return load_nlp()

    @property
    def gate(self):
        """The pre-filter (built once: it memoises word forms), or None when it is off."""
        if self.prefilter and self._gate is None:
            from newswire.coding.prefilter import Prefilter

            self._gate = Prefilter(self.nlp, self.dictionary)
        return self._gate if self.prefilter else None

    def load(self) -> Pipeline:
        """Load spaCy and the dictionary now (workers do it before their first batch)."""
        _ = self.nlp, self.dictionary, self.gate
        return self

    # -- reading ------------------------------------------------------------------------------------
    def read(self, inputs: Iterable[str], *, format: str = "auto",
             on_reject: RejectHandler | None = None) -> Iterator[Article]:
        """Read files, folders, URLs or "-" (stdin) and yield the articles in them, in input order."""
        from newswire.sources import iter_documents

        on_reject = on_reject or _log_reject
        for item in iter_documents(inputs, format=format, settings=self.settings):
            if isinstance(item, Rejected):
                on_reject(item)
                continue
            article = extract_document(item, self.settings, on_reject)
            if article is not None:
                yield article

    # -- analysing ----------------------------------------------------------------------------------
    def stages(self) -> list[tuple[str, Callable[[Analysis], None], bool]]:
        """The components made for this pipeline, in order, as (name, function, needs the parse)."""
        return [(c.name, c.factory(self), c.needs_parse) for c in self.components]

    def analyze_articles(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Run the language layer and the components over articles, in order.

        One spaCy Doc is made per English article (batched with ``nlp.pipe``) and shared by every component.
        """
        nlp = self.nlp
        stages = self.stages()
        gate = self.gate
        for batch in _batches(articles, self.batch_size):
            english = [a for a in batch if a.language == "en"]
            started = time.perf_counter()
            docs = dict(zip((id(a) for a in english), _pipe(nlp, [a.body for a in english], gate), strict=True))
            STAGE_SECONDS["parse"] += time.perf_counter() - started
            for article in batch:
                analysis = Analysis(article, doc=docs.get(id(article)))
                if analysis.doc is not None:
                    _run(analysis, stages)
                yield analysis

    def analyze(self, inputs: Iterable[str], *, format: str = "auto",
                on_reject: RejectHandler | None = None) -> Iterator[Analysis]:
        """Read inputs and analyse every article in them: the whole pipeline without a database."""
        yield from self.analyze_articles(self.read(inputs, format=format, on_reject=on_reject))


def _run(analysis: Analysis, stages: list[tuple[str, Callable[[Analysis], None], bool]]) -> None:
    parsed = analysis.doc.has_annotation("DEP")
    for name, stage, needs_parse in stages:
        if needs_parse and not parsed:
            continue
        started = time.perf_counter()
        try:
            stage(analysis)
        except Exception as exc:  # one odd article must not stop the batch: say so and go on
            article = analysis.article
            log.warning("%s: %s stage failed: %s: %s", article.origin, name, type(exc).__name__, exc)
            article.warnings.append(f"{name} analysis failed: {type(exc).__name__}: {exc}")
        STAGE_SECONDS[name] += time.perf_counter() - started


def extract_document(doc: Document, settings: Settings, on_reject: RejectHandler) -> Article | None:
    """Extract one document; a bad one is reported and gives None (never an exception)."""
    try:
        return extract(doc, settings)
    except InputError as exc:
        on_reject(Rejected(doc.name, str(exc)))
    except Exception as exc:  # a library failing on odd input must not stop the batch
        on_reject(Rejected(doc.name, f"could not extract: {type(exc).__name__}: {exc}"))
    return None


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


def _pipe(nlp, texts: list[str], gate) -> list:
    """Docs for ``texts`` in order: the full pipeline for those the gate passes, only NER and sentence
    boundaries for the rest (the shared tok2vec, tagger, parser and lemmatizer cost two thirds of the time).

    A text longer than PIPE_CHARS is parsed in pieces cut at paragraph breaks, one at a time, and joined
    back into one Doc of the whole text (:func:`newswire.nlp.parser.split_text`): spaCy refuses a text over
    its ``max_length``, and the memory it takes grows with the text it is handed at once.
    """
    from newswire.nlp.parser import join_docs, split_text

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
