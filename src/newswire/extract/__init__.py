"""Bytes → Article: the article's text and metadata, with the page chrome gone.

``extract`` dispatches on the document's kind: HTML pages go through trafilatura and htmldate
(:mod:`.html`), plain-text page dumps through newswire's own cleaner (:mod:`.textpage`), and
corpus records whose text is already a body are only normalised. Language is detected last.
The publication date, whatever form the source wrote it in, leaves here as ISO 8601 (or None and
a warning): every later stage reads it as such.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import datetime
from functools import lru_cache

from newswire.config import DEFAULT, Settings
from newswire.extract.encoding import decode
from newswire.extract.language import detect_language
from newswire.model import Article, Document, InputError

__all__ = ["extract", "decode"]


def extract(doc: Document, settings: Settings = DEFAULT) -> Article:
    """Turn one document into an Article, or raise InputError saying why it cannot be one."""
    if not doc.data or not doc.data.strip():
        raise InputError("empty input")
    if len(doc.data) > settings.max_bytes:
        raise InputError(f"larger than the {settings.max_bytes:,}-byte limit")
    language = doc.meta.get("language")  # as the corpus declares it, or the page
    if doc.kind == "html":
        from newswire.extract.html import declared_language, extract_html

        article = extract_html(doc.data, url=doc.url)
        language = language or declared_language(doc.data)
    else:
        text, warnings = decode(doc.data, declared=doc.meta.get("charset"))
        if doc.kind == "text":
            from newswire.extract.textpage import extract_textpage

            article = extract_textpage(text)
        else:
            from newswire.extract.textpage import clean_body

            article = Article(title="", body=clean_body(text))
        article.warnings[:0] = warnings
    _apply_meta(article, doc)
    if len(article.body) > settings.max_chars:
        raise InputError(f"article text of {len(article.body):,} characters is longer than the "
                         f"{settings.max_chars:,}-character limit")
    if article.published:
        article.published, warning = parse_published(article.published)
        if warning:
            article.warnings.append(warning)
    if not article.body.strip():
        raise InputError("no article text found")
    article.language = detect_language(article.title + "\n" + article.body, declared=language)
    if article.language != "en":
        article.warnings.append(f"language is {article.language!r}, not English: language analysis skipped")
    return article


def _apply_meta(article: Article, doc: Document) -> None:
    """What the source already knew (a corpus's title and date, the fetched URL) fills the gaps."""
    meta = doc.meta
    article.origin = doc.name
    article.url = article.url or doc.url or meta.get("url") or None
    if meta.get("title") and not article.title:
        article.title = meta["title"].strip()
    if meta.get("published"):
        # a corpus's own date column is more reliable than one guessed from the page
        article.published = meta["published"].strip()
    if meta.get("source") and not article.source:
        article.source = meta["source"].strip()


_PARTIAL = re.compile(r"\d{4}(?:-\d{2})?")  # "1987", "1987-04": all the source knows
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_AMBIGUOUS = re.compile(r"(0?[1-9]|1[0-2])([/-])(0?[1-9]|1[0-2])\2\d{2,4}\b")


@lru_cache(maxsize=4096)  # a corpus repeats its dates
def parse_published(raw: str) -> tuple[str | None, str | None]:
    """A source's publication date as ISO 8601, and a warning to record (None when there is nothing to say).

    Corpora write dates in every form: "3-APR-1987" and "5-MAR-1987 09:12:33.22" (Reuters), "April 3,
    1987", RFC 2822 ("Fri, 03 Apr 1987 09:12:33 +0200"), ISO with a time zone. ISO is kept as written
    (it is part of the article's id); the rest becomes "YYYY-MM-DD", or a datetime to the second when a
    time is given (its zone kept). A numeric date is read day-first (3 April for "03/04/1987", as the
    text-page extractor does without a page to judge by); a slashed or dashed one that reads as a date
    either way says so in the warning. A date that cannot be read gives None and a warning: a wrong day
    would misdate every relative date in the text.
    """
    text = " ".join(raw.split())
    if _PARTIAL.fullmatch(text):
        return text, None
    if _ISO_DAY.match(text):
        with suppress(ValueError):
            datetime.fromisoformat(text)
            return text, None
    import dateparser  # slow to import: only sources with non-ISO dates pay for it

    # no relative dates: "yesterday" in a date column is relative to nothing we know
    # names, not words: dateparser's settings
    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}
    parsed = dateparser.parse(text, date_formats=["%Y%m%d"], languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None, f"publication date {raw!r} not understood: dropped"
    value = parsed.isoformat(timespec="seconds") if _TIME.search(text) else parsed.date().isoformat()
    if (m := _AMBIGUOUS.match(text)) and int(m.group(1)) != int(m.group(3)):
        return value, f"ambiguous date {raw!r} read day-first as {value[:10]}"
    return value, None
