"""newswire's data model: what every stage takes in and gives out.

The shapes follow the analysis record of the contract (``shared/design/CONTRACT.md``):
``Analysis.to_dict()`` *is* that record. Character offsets are Python string indices
into ``Article.body``. Stages never import a later stage; they all import this module.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["occurred", "planned", "possible", "negated"]
QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a country, an organisation, a sector of either, or a person's role."""

    name: str  # canonical name, "Sergey Lavrov" or "Russia"
    code: str  # CAMEO-style code, "RUSGOV", "IGOEUREEC"
    country: str | None = None  # ISO 3166-1 alpha-3
    igo: str | None = None  # organisation acronym: EU, UN, NATO, ...
    sector: str | None = None  # GOV, MIL, COP, LEG, JUD, OPP, REB, CVL, MED, BUS, ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
    text: str
    label: str  # spaCy NER label (PERSON, GPE, ORG, NORP, ...) or ACTOR for dictionary-only matches
    start: int
    end: int
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
                "actor": self.actor.to_dict() if self.actor else None}


@dataclass
class DateMention:
    text: str
    value: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_actor: Actor | None
    kind: QuoteKind
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker,
                "speaker_actor": self.speaker_actor.to_dict() if self.speaker_actor else None,
                "kind": self.kind, "start": self.start, "end": self.end}


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    source: Actor
    target: Actor | None
    cameo: str  # full CAMEO code, "1312"
    plover: str  # PLOVER type, "THREATEN"
    mode: str | None
    quad_class: int  # 1..4
    goldstein: float
    status: Status
    date: str | None
    location: Location | None
    sentence: str
    start: int  # evidence sentence offsets in the body
    end: int
    trigger: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["source"] = self.source.to_dict()
        d["target"] = self.target.to_dict() if self.target else None
        d["location"] = self.location.to_dict() if self.location else None
        return d


MentionKind = Literal["name", "description", "pronoun", "new"]


@dataclass
class Mention:
    """A stretch of the body that refers to an actor (internal layer, not in the record).

    ``kind`` is "name" ("Josep Borrell", "Moscow", "Russian diplomats"), "description"
    ("the bloc's foreign affairs chief", "the former Spanish foreign minister") or "pronoun"
    ("he", "they") or "new": a named person, organisation or group no dictionary holds, coded by its
    name (:mod:`newswire.actors.newactors`). ``person`` is the canonical person's name when the mention is a person.
    ``antecedent`` is the index in ``Analysis.mentions`` of the mention it was resolved
    through (coreference), else None. ``start``/``end`` are character offsets in the body;
    ``head`` is the character offset of the mention's syntactic head token.
    """

    start: int
    end: int
    text: str
    actor: Actor
    kind: MentionKind = "name"
    person: str | None = None
    head: int | None = None
    antecedent: int | None = None


@dataclass
class Caption:
    text: str
    credit: str | None = None


@dataclass
class Related:
    title: str
    url: str | None = None


@dataclass
class Article:
    """One article as extraction leaves it: text and metadata, no language analysis yet."""

    title: str
    body: str  # article text only; paragraphs separated by "\n\n"
    url: str | None = None
    source: str | None = None  # publisher
    agencies: list[str] = field(default_factory=list)
    subtitle: str | None = None
    section: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or ISO datetime
    authors: list[str] = field(default_factory=list)
    language: str = "en"
    captions: list[Caption] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    origin: str = ""  # where it came from: a path, a URL, "corpus.csv:12"

    @property
    def id(self) -> str:
        """Stable id: a hash of what the article says, not of where it was found."""
        h = hashlib.sha256()
        for part in (self.title, self.published or "", self.body):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:20]

    @property
    def published_date(self) -> str | None:
        """The publication day, "YYYY-MM-DD", whatever precision ``published`` has."""
        return self.published[:10] if self.published and len(self.published) >= 10 else None


@dataclass(frozen=True)
class Tone:
    """An article's tone on GDELT's scale (:mod:`newswire.nlp.tone`)."""

    tone: float  # positive - negative, percent
    positive: float  # percent of the text scored positive
    negative: float  # percent of the text scored negative
    word_count: int

    @property
    def polarity(self) -> float:
        return self.positive + self.negative


@dataclass
class Analysis:
    """An article with every layer of analysis; ``to_dict`` is the contract's record.

    ``doc`` holds the spaCy Doc made once for the body and shared by every language stage;
    ``mentions`` the actor mentions (names, descriptions, resolved pronouns) that coding and
    quote attribution read; ``modifiers`` a people's adjectives before things ("Russian gas", "Palestinian
    riots"): not actors, but they say whose an event noun is; ``country`` the article's own country
    (:func:`newswire.nlp.places.home_country`), which domestic actors no phrase places belong to; ``homed`` those
    actors (private people given that country for want of their own). None of these is part of the record.
    """

    article: Article
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    title_quotes: list[Quote] = field(default_factory=list)  # offsets into the title, not the body
    events: list[Event] = field(default_factory=list)
    doc: Any = None
    mentions: list[Mention] = field(default_factory=list)
    modifiers: list[Mention] = field(default_factory=list)
    country: str | None = None  # the one country the article is about, when it clearly has one (ISO alpha-3)
    homed: set[Actor] = field(default_factory=set)  # private people whose country is ``country`` only by default
    tone: Tone | None = None  # the tone component's score, stored with the article

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "url": a.url,
            "source": a.source,
            "agencies": list(a.agencies),
            "title": a.title,
            "subtitle": a.subtitle,
            "section": a.section,
            "published": a.published,
            "authors": list(a.authors),
            "language": a.language,
            "body": a.body,
            "captions": [asdict(c) for c in a.captions],
            "related": [asdict(r) for r in a.related],
            "entities": [e.to_dict() for e in self.entities],
            "dates": [d.to_dict() for d in self.dates],
            "quotes": [q.to_dict() for q in self.quotes],
            "title_quotes": [q.to_dict() for q in self.title_quotes],
            "events": [e.to_dict() for e in self.events],
            "warnings": list(a.warnings),
        }


@dataclass
class Document:
    """Bytes from a source, before extraction.

    ``kind`` says how to extract it: "html" (a web page), "text" (a plain-text page dump with
    its chrome), or "body" (a corpus record whose text is already the article body).
    ``meta`` carries what the source already knows: title, published, url, source, the declared
    ``charset`` of a fetched page, and ``fetched`` (a crawl time such as WARC-Date: not a publication date).
    """

    name: str
    kind: Literal["html", "text", "body"]
    data: bytes
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Rejected:
    """An input that could not be used, with one line saying why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class InputError(Exception):
    """Raised by sources and extraction for a bad input; becomes a ``Rejected`` record."""
