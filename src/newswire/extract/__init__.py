"""Bytes → Article: the article's text and metadata, with the page chrome gone.

``extract`` dispatches on the document's kind: HTML pages go through trafilatura and htmldate
(:mod:`.html`), plain-text page dumps through newswire's own cleaner (:mod:`.textpage`), and
corpus records whose text is already a body are only normalised. Language is detected last.
"""

from __future__ import annotations

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
    if doc.kind == "html":
        from newswire.extract.html import extract_html

        article = extract_html(doc.data, url=doc.url)
    else:
        text = decode(doc.data, declared=doc.meta.get("charset"))
        if doc.kind == "text":
            from newswire.extract.textpage import extract_textpage

            article = extract_textpage(text)
        else:
            from newswire.extract.textpage import clean_body

            article = Article(title="", body=clean_body(text))
    _apply_meta(article, doc)
    if not article.body.strip():
        raise InputError("no article text found")
    article.language = detect_language(article.title + "\n" + article.body)
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
