"""Temporal expressions in an article's body, resolved to calendar values.

News writes dates relative to the day it is published: "on Sunday", "yesterday", "in March".
Such words mean nothing without the article's date and the tense of the clause they sit in:
"Borrell said on Sunday" is the last Sunday, "ministers will meet on Monday" the next Monday,
"a summit in March" next March when it is planned, last March when it happened. So each
expression is found (a small grammar from ``data/dates.yaml`` plus spaCy's DATE entities of the
Doc already made for the article, never a second parse), parsed with dateparser against the
publication day, and, when it names no year, placed before or after that day by the tense of its
clause in the dependency parse. Vague expressions ("last week", "recent weeks") have no
day, month or year and are left out. Without a publication date only absolute dates are kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from newswire.components import component
from newswire.data import DataError, ordered, read_yaml, words
from newswire.model import Analysis, DateMention
from newswire.nlp.spans import Intervals

Tense = Literal["past", "future", "present"] | None
_PERFECT_AUXILIARIES = words("perfect_auxiliaries")  # "has met", "had agreed"


DateDataError = DataError  # data/dates.yaml is malformed


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]  # lower-case spelling -> month number
    full_months: dict[str, int]  # only full names, which may stand alone
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    cues: tuple[str, ...]
    future_governors: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_for_governors: frozenset[str]
    figurative_before: frozenset[str]


def _words(raw: Any, key: str) -> list[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w.strip() for w in raw):
        raise DateDataError(f"dates.yaml: {key!r} must be a non-empty list of words")
    return [w.strip() for w in raw]


def _numbered(raw: Any, key: str, lo: int, hi: int) -> dict[int, list[str]]:
    if not isinstance(raw, dict):
        raise DateDataError(f"dates.yaml: {key!r} must map numbers to lists of spellings")
    out: dict[int, list[str]] = {}
    for num, names in raw.items():
        if not isinstance(num, int) or not lo <= num <= hi:
            raise DateDataError(f"dates.yaml: {key!r} key {num!r} must be a number from {lo} to {hi}")
        out[num] = _words(names, f"{key}.{num}")
    if set(out) != set(range(lo, hi + 1)):
        raise DateDataError(f"dates.yaml: {key!r} must list every number from {lo} to {hi}")
    return out


def parse_date_words(data: Any) -> DateWords:
    """Check the date vocabulary and index it; raise DateDataError naming the bad entry."""
    if not isinstance(data, dict):
        raise DateDataError("dates.yaml: the top level must be a mapping")
    for key in ("months", "weekdays", "relative_days", "month_year_cues", "future_governors",
                "future_auxiliaries", "future_for_governors", "figurative_before"):
        if key not in data:
            raise DateDataError(f"dates.yaml: {key!r} is missing")
    months = _numbered(data["months"], "months", 1, 12)
    weekdays = _numbered(data["weekdays"], "weekdays", 0, 6)
    rel = data["relative_days"]
    if not isinstance(rel, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in rel.items()):
        raise DateDataError("dates.yaml: 'relative_days' must map words to whole numbers of days")
    return DateWords(
        months={n.lower(): m for m, names in months.items() for n in names},
        full_months={names[0].lower(): m for m, names in months.items()},
        weekdays={n.lower(): d for d, names in weekdays.items() for n in names},
        relative_days={k.lower(): v for k, v in rel.items()},
        cues=tuple(sorted({c.lower() for c in _words(data["month_year_cues"], "month_year_cues")},
                          key=len, reverse=True)),
        future_governors=frozenset(w.lower() for w in _words(data["future_governors"], "future_governors")),
        future_auxiliaries=frozenset(w.lower() for w in _words(data["future_auxiliaries"], "future_auxiliaries")),
        future_for_governors=frozenset(
            w.lower() for w in _words(data["future_for_governors"], "future_for_governors")),
        figurative_before=frozenset(w.lower() for w in _words(data["figurative_before"], "figurative_before")),
    )


@functools.lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The bundled vocabulary, loaded and checked once per process."""
    return parse_date_words(read_yaml("dates.yaml"))


def _alt(forms) -> str:
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _grammar() -> re.Pattern[str]:
    """One alternation, longest forms first, so each place in the text takes its fullest reading."""
    w = date_words()
    full = rf"(?:{_alt(list(w.full_months))})"
    abbr = [s for s in w.months if s not in w.full_months]
    month = rf"(?:{full}|(?:{_alt(abbr)})\.?)"
    wd = rf"(?:{_alt(list(w.weekdays))})"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"  # regex needs structure: ordinal suffixes
    year = r"(?:19|20)\d{2}"
    num = rf"(?:\d{{1,2}}|{_alt(ordered('counted_numbers'))})"
    parts = [
        rf"(?P<iso>\b{year}-[01]\d-[0-3]\d\b)",
        rf"(?P<dmy>\b(?:{wd},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year}\b)?)(?![\w-])",
        rf"(?P<mdy>\b(?:{wd},?\s+)?{month}\s+{day}(?:,\s*{year}|\s+{year})?)(?![\w-])(?!\s*(?:%|percent))",
        rf"(?P<my>\b{month},?\s+(?:of\s+)?{year})\b",
        rf"(?P<ago>\b{num}\s+(?:days?|months?|years?)\s+ago\b)",
        rf"(?P<relunit>\b(?:{_alt(ordered('period_modifiers'))})\s+(?:month|year)\b)",
        rf"(?P<wd>\b(?:(?P<wdmod>{_alt(ordered('weekday_modifiers'))})\s+)?{wd})\b",
        rf"(?P<rel>\b(?:{_alt(list(w.relative_days))}))\b",
        rf"(?P<month>\b{full})\b",
        rf"(?P<year>(?<![$£€\d.,-])\b{year})\b(?![-–]\d|\s*%|,\d)",
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _parser(prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": prefer})


def _dateparse(text: str, base: date | None, prefer: str = "current_period") -> tuple[date, str] | None:
    """dateparser's reading of one expression: (date, period) or None."""
    from dateparser.date import DateDataParser

    if base is None:
        parser = _parser(prefer)
    else:  # RELATIVE_BASE is per call: a fresh parser is cheap next to the parse itself
        parser = DateDataParser(languages=["en"], settings={
            "PREFER_DATES_FROM": prefer, "RELATIVE_BASE": datetime(base.year, base.month, base.day)})
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser can fail on odd strings; one bad expression must not stop the article
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _fmt(d: date, period: str) -> str | None:
    if period == "day":
        return d.isoformat()
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "year":
        return f"{d.year:04d}"
    return None  # weeks and times of day are too vague for a value


# -- tense of the clause a date sits in ------------------------------------------------------------

def clause_tense(doc, start: int, end: int) -> Tense:
    """"past", "future" or "present" for the clause governing the text at [start, end), else None.

    Walks from the expression up the dependency tree to its verb; "will", modals and plans
    ("is expected to meet") look ahead, a past-tense verb looks back.
    """
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    via_for = False  # passed through "for": "called for a rally on Thursday" looks ahead
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            for_before = any(c.dep_ == "prep" and c.lower_ == "for" and c.i < span.start for c in tok.children)
            if (via_for or for_before) and _is_governor(tok, date_words().future_for_governors):
                return "future"  # the parser may hang the date on the verb: "called for a rally on Thursday"
            return _verb_tense(tok)
        via_for = via_for or (tok.dep_ == "prep" and tok.lower_ == "for")
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _is_governor(tok, lemmas: frozenset[str]) -> bool:
    """The lemma, or an inflection of it: the small model lemmatises "hoped" as "hop"."""
    if tok.lemma_.lower() in lemmas:
        return True
    low = tok.lower_
    return any(low in (w + "s", w + "d", w + "ed", w + "ing", w[:-1] + "ing", w + "ped", w + "ned")
               for w in lemmas)


def _verb_tense(verb, depth: int = 0) -> Tense:
    """The tense of a clause's verb; infinitives and bare conjuncts take their governor's (a few steps up)."""
    if depth > 6:  # the parse of odd text can chain governors: give up rather than loop
        return None
    w = date_words()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & w.future_auxiliaries or any(a.tag_ == "MD" for a in auxes):
        return "future"
    if "to" in lows:  # an infinitive: ahead when governed by a verb of planning
        gov = verb.head
        if gov is not verb and _is_governor(gov, w.future_governors | {"go"}):
            return "future"
        if gov is not verb and gov.pos_ in ("VERB", "AUX", "ADJ"):
            return _verb_tense(gov if gov.pos_ != "ADJ" else gov.head, depth + 1)
        return None
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.tag_ == "VBD" or a.lower_ in _PERFECT_AUXILIARIES for a in auxes):
            return "past"
        return "past" if not auxes else "present"
    if verb.tag_ == "VBG":
        be = [a for a in auxes if a.lemma_ == "be"]
        if any(a.tag_ == "VBD" for a in be):
            return "past"
        return "future" if be else None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.i != verb.i:
        return _verb_tense(verb.head, depth + 1)
    return None


# -- placing expressions without a year ------------------------------------------------------------

def _weekday(base: date, target: int, tense: Tense, modifier: str | None) -> date:
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if modifier == "last":
        return base - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return base + timedelta(days=ahead or 7)
    if tense == "future":
        return base + timedelta(days=ahead)
    if tense == "present":  # "the talks resume on Monday": the nearer one
        return base + timedelta(days=ahead) if ahead < back else base - timedelta(days=back)
    return base - timedelta(days=back)  # news reports what happened: past by default


def _month(base: date, month: int, tense: Tense) -> date:
    if tense == "past":
        year = base.year if month <= base.month else base.year - 1
    elif tense == "future":
        year = base.year if month >= base.month else base.year + 1
    else:
        diff = month - base.month
        year = base.year + (1 if diff < -6 else -1 if diff > 6 else 0)
    return date(year, month, 1)


def _month_day(base: date, month: int, day: int, tense: Tense) -> date | None:
    options = []
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if not options:
        return None
    if tense == "past":
        past = [d for d in options if d <= base]
        return max(past) if past else None
    if tense == "future":
        ahead = [d for d in options if d >= base]
        return min(ahead) if ahead else None
    return min(options, key=lambda d: abs((d - base).days))


# -- finding and resolving -------------------------------------------------------------------------

def _has_cue(body: str, start: int) -> bool:
    before = body[max(0, start - 40):start].lower().rstrip(" -")
    return any(re.search(rf"(?:^|\W){re.escape(c)}$", before) for c in date_words().cues)


def _sentence_start(body: str, start: int) -> bool:
    k = start  # back over blanks: not body[:start].rstrip(), a copy of the article per match
    while k > 0 and body[k - 1].isspace():
        k -= 1
    return k == 0 or body[k - 1] in ".!?\n\"“‘'"


def _spacy_dates(doc) -> list[tuple[int, int]]:
    if doc is None:
        return []
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]


def _resolve(kind: str, m: re.Match[str], base: date | None, tense: Tense) -> str | None:
    w = date_words()
    text = m.group(0)
    explicit_year = re.search(r"\b(?:19|20)\d{2}\b", text) is not None
    if kind in ("iso", "dmy", "mdy", "my") and explicit_year:  # names, not words: the grammar's groups
        got = _dateparse(re.sub(r"\b(?:the|of)\b", " ", text), None)
        return _fmt(*got) if got else None
    if kind == "year":
        return text
    if base is None:
        return None
    if kind in ("dmy", "mdy"):
        mon = next((n for s, n in w.months.items() if re.search(rf"\b{re.escape(s)}\b", text, re.I)), None)
        dm = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)  # regex needs structure: ordinal suffixes
        if mon is None or dm is None:
            return None
        d = _month_day(base, mon, int(dm.group(1)), tense)
        return d.isoformat() if d else None
    if kind == "month":
        d = _month(base, w.full_months[text.lower()], tense)
        return _fmt(d, "month")
    if kind == "wd":
        name = text.split()[-1].lower()
        mod = m.group("wdmod")
        return _weekday(base, w.weekdays[name], tense, mod.lower() if mod else None).isoformat()
    if kind == "rel":
        return (base + timedelta(days=w.relative_days[text.lower()])).isoformat()
    if kind in ("relunit", "ago"):
        got = _dateparse(text, base, "past")
        return _fmt(*got) if got else None
    return None


def find_dates(body: str, doc=None, published: str | None = None) -> list[DateMention]:
    """Every resolvable temporal expression in ``body``, in order (the work behind ``resolve_dates``)."""
    try:
        base = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        base = None
    w = date_words()
    ner = Intervals(_spacy_dates(doc), lambda span: span)
    out: list[DateMention] = []
    for m in _grammar().finditer(body):
        # names, not words: the grammar's groups, in the order they are tried
        kind = next(k for k in ("iso", "dmy", "mdy", "my", "ago", "relunit", "wd", "rel", "month", "year")
                    if m.group(k) is not None)
        start, end = m.span()
        text = m.group(0)
        in_ner = any(s <= start and end <= e for s, e in ner.covering(start))
        if kind in ("month", "year") and not (in_ner or _has_cue(body, start)):
            continue  # "Theresa May", "March" the verb, "2020" the number
        if kind == "month" and text[0].islower():
            continue  # "in march": a verb or a noun, not a month
        if kind == "wd" and not text.split()[-1][0].isupper():
            continue
        if kind == "rel":
            prev = re.search(r"(\w+)\W*$", body[max(0, start - 20):start])
            if prev and prev.group(1).lower() in w.figurative_before:
                continue  # "the world of tomorrow"
            if text[0].isupper() and not _sentence_start(body, start):
                continue  # "Russia Today", "USA Today": names, not days
        # names, not words: the grammar's groups that name a day or month of an unstated year
        tense = clause_tense(doc, start, end) if kind in ("dmy", "mdy", "month", "wd") else None
        value = _resolve(kind, m, base, tense)
        if value:
            out.append(DateMention(text=text, value=value, start=start, end=end))
    return out


def resolve_dates(analysis: Analysis) -> None:
    """Fill ``analysis.dates`` from the body, its spaCy Doc and the article's publication day."""
    article = analysis.article
    analysis.dates = find_dates(article.body, analysis.doc, article.published_date)


_PRECISION = {10: 0, 7: 1, 4: 2}


def date_for_span(analysis: Analysis, start: int, end: int, *, allow_year: bool = False) -> str | None:
    """The resolved date of a date expression inside [start, end) of the body, for an event.

    The most precise one wins (a day over a month), then the first; a bare year is returned
    only with ``allow_year`` because an event's date is a day or a month.
    """
    found = [d for d in analysis.dates if start <= d.start and d.end <= end]
    if not allow_year:
        found = [d for d in found if len(d.value) >= 7]
    if not found:
        return None
    return min(found, key=lambda d: (_PRECISION.get(len(d.value), 3), d.start)).value


__all__ = ["resolve_dates", "find_dates", "date_for_span", "clause_tense", "date_words", "DateDataError",
           "parse_date_words"]


@component("dates")
def _dates(context) -> Callable[[Analysis], None]:
    """Date expressions resolved against the article's date."""
    return resolve_dates
