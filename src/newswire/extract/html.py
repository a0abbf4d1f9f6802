"""HTML page → Article, with trafilatura (body, title, authors, site name) and htmldate (date).

newswire writes only the glue: decoding bytes by the page's own declared charset (and noticing
when that declaration is wrong), choosing trafilatura's options, a second pass when the first
result looks wrong, and cleaning the title of its site-name decorations. Captions (figcaption)
and "related stories" links are read from the parsed tree as a bonus.

Extraction strategy, measured on the ScrapingHub benchmark (``bench/extraction.py``):
trafilatura favouring precision, comments excluded, fallbacks (readability, jusText) on. When
that body is short, a balanced second pass is run and kept if it finds several times more
text: favouring precision occasionally drops nearly the whole article, and a short body is the
cheap signal that it might have.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from newswire.data import month_spellings, ordered, words
from newswire.extract.encoding import decode
from newswire.model import Article, Caption, InputError, Related

__all__ = ["extract_html", "decode_html", "declared_language", "clean_title", "strip_rubric"]

# a first-pass body shorter than this is suspicious enough to try a balanced second pass
SHORT_BODY_CHARS = 1000
# ... whose result replaces the first only when it is this many times longer
SECOND_PASS_GAIN = 3.0
# htmldate: look hard (extensive search), and prefer the original publication date over updates
DATE_PARAMS = {"extensive_search": True, "original_date": True}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_HTML_LANG = re.compile(rb"""<html\b[^>]{0,500}?\s(?:xml:)?lang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.I)
# WHATWG: browsers read these labels as the superset encoding, so must we
_LABEL_ALIASES = {
    "iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
    "iso8859-9": "cp1254", "gb2312": "gb18030", "gbk": "gb18030", "tis-620": "cp874",
}
# separators sites put between a headline and their name or section ("Headline | CNN Politics")
_SEPARATOR = re.compile(r"\s+(?:\||-{1,2}|–|—|»|«|::|·|•|/|~)\s+|\s*(?:\||»|«|｜|::)\s*"
                        r"|(?<=[\u3000-\u9fff\uff00-\uffef])\s*[-–—_]\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_CREDIT_CLASS = re.compile("|".join(map(re.escape, ordered("credit_classes"))), re.I)
# regex needs structure: a credit label ("Photo:", "Images credit:") before the credit itself
_CREDIT_TEXT = re.compile(
    r"[\s(\[]*(?:(?:photo(?:graph)?|image|picture|video|foto|credit)s?(?:\s+credit)?\s*[:：]|©)\s*"
    r"(?P<credit>[^)\]]{2,120}?)[)\]]?\s*$", re.I)
_RELATED_BOX = re.compile("|".join(map(re.escape, ordered("related_classes"))), re.I)
_MAX_RELATED = 20
_GENERIC_HOST_LABELS = words("generic_host_labels")
# letters after a name: academic and professional credentials, all capitals ("RDN", "MD", "PhD")
_CREDENTIAL = re.compile(r"[A-Z]{2,4}|Ph\.? ?D\.?|Jr\.?|Sr\.?")
# a caption ending in a bracketed agency or photographer credit: "... on Aug. 31. (AP)", "(Getty Images)"
_PAREN_CREDIT = re.compile(r"\s*\((?P<credit>(?:AP|AFP|Reuters|EPA|Getty Images|Xinhua|ANP|dpa|PA)\b[^()]{0,60}"
                           r"|[^()]{2,60}/(?:AP|AFP|Reuters|EPA|Getty Images|Xinhua|dpa|PA)[^()]{0,30})\)\s*$")
_MONTH = "(?:" + "|".join(sorted({m[:3] for m in month_spellings()})) + r")[a-z]*\.?"  # "Jan", "January", "Sept."
_DATELINE = re.compile(rf"\d{{4}}\s*[-/.年]\s*\d{{1,2}}|\b\d{{1,2}}:\d{{2}}\b|\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
                       rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}")
_SENTENCE_END = re.compile(r"[.!?。！？\"”»]\s*$")


def extract_html(data: bytes, url: str | None = None) -> Article:
    """Extract one news page's article: body (paragraphs joined by a blank line) and metadata.

    Raises InputError when the page holds no article text (a home page, an error page, an
    empty shell that needs JavaScript).
    """
    text, warnings = decode_html(data)
    tree = load_html(text)
    if tree is None:
        raise InputError("no article text found in HTML")
    # title, authors, site name; the date is htmldate's find_date, run here with DATE_PARAMS
    meta = extract_metadata(tree, url, date_config=dict(DATE_PARAMS))
    body = _extract_body(tree, url)
    if not _looks_like_prose(body):
        raise InputError("no article text found in HTML")

    site = _site_name(tree, meta.sitename)
    names, headings = [site, meta.sitename], _headings(tree)
    headline = clean_title(meta.title or "", site_names=names, url=url or meta.url, headings=headings)
    document = clean_title(_document_title(tree), site_names=names, url=url or meta.url, headings=headings)
    title = strip_rubric(_page_headline(document, headline, names, url or meta.url))
    body = _drop_leading_title(body, title)
    authors = _split_authors(meta.author, exclude=[site, meta.sitename], url=url or meta.url)
    return Article(
        title=title,
        body=body,
        url=url or meta.url or None,
        source=site,
        section=meta.categories[0] if meta.categories else None,
        published=meta.date or None,
        authors=authors,
        captions=_captions(tree),
        related=_related(tree, url or meta.url),
        warnings=warnings,
    )


# --- decoding ---------------------------------------------------------------------------------

def _declared_charset(data: bytes) -> str | None:
    """The charset the page declares in a <meta> or XML declaration, as a Python codec name."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _LABEL_ALIASES.get(name, name)


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Decode a page by BOM or declared charset, noticing a wrong declaration; give text and warnings.

    A declared single-byte charset on bytes that are valid UTF-8 (with non-ASCII in them) is a
    mislabel: chance byte sequences are almost never valid UTF-8, so UTF-8 wins. A declaration
    the bytes do not fit falls through to detection (``newswire.extract.encoding.decode``).
    """
    declared = _declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16", "utf-32") and not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return text, [f"page declares charset {declared} but is UTF-8; decoded as UTF-8"]
    return decode(data, declared)


def declared_language(data: bytes) -> str | None:
    """The language the page's ``<html lang>`` names ("en-GB"), as written; None when it names none.

    Read from the raw bytes like the charset, so that language detection can weigh it after extraction.
    """
    match = _HTML_LANG.search(data[:16384])
    return match.group(1).decode("ascii") if match else None


# --- body -------------------------------------------------------------------------------------

def _extract_body(tree: HtmlElement, url: str | None) -> str:
    """Precision-first trafilatura extraction, with a balanced second pass when the first looks cut."""
    common = {"url": url, "include_comments": False, "include_tables": True, "with_metadata": False}
    first = _text(trafilatura.bare_extraction(tree, favor_precision=True, **common))
    if len(first) < SHORT_BODY_CHARS:
        second = _text(trafilatura.bare_extraction(tree, **common))
        if len(second) > SECOND_PASS_GAIN * len(first):
            first = second
    return _paragraphs(first)


def _looks_like_prose(body: str) -> bool:
    """Menus and link lists are not an article: ask for one sentence-sized paragraph or some length.

    A nav-only page or an empty JavaScript shell leaves trafilatura a few one-word lines.
    Scripts without spaces between words (Chinese, Japanese, Thai) are measured in characters.
    """
    paragraphs = body.split("\n\n") if body else []
    words = sum(len(p.split()) for p in paragraphs)
    longest = max((len(p.split()) for p in paragraphs), default=0)
    spaceless = max((len(p) for p in paragraphs if len(p.split()) <= 2), default=0)
    return longest >= 8 or words >= 40 or spaceless >= 30


def _drop_leading_title(body: str, title: str) -> str:
    """Headline and dateline repeated above the text are metadata, not article text.

    Drops a first paragraph equal to the title, then up to two short leading lines that carry a
    date or time and are not sentences ("2024-05-21 10:15 Source: Xinhua", "Updated 3:42 PM EST").
    """
    for _ in range(3):
        first, _sep, rest = body.partition("\n\n")
        if not rest:
            break
        is_title = bool(title) and _norm(first) == _norm(title)
        is_dateline = len(first) <= 100 and bool(_DATELINE.search(first)) and not _SENTENCE_END.search(first)
        if not (is_title or is_dateline):
            break
        body = rest
    return body


def _text(document) -> str:
    return (document.text or "") if document is not None else ""


def _paragraphs(text: str) -> str:
    """trafilatura writes one block per line; newswire's bodies separate paragraphs by a blank line."""
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


# --- metadata ---------------------------------------------------------------------------------

def _meta_content(tree: HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for value in tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content'):
            if value and value.strip():
                return " ".join(value.split())
    return None


def _site_name(tree: HtmlElement, sitename: str | None) -> str | None:
    """The publisher: og:site_name as the page states it, else trafilatura's guess."""
    return _meta_content(tree, "og:site_name", "application-name") or (sitename or None)


def _document_title(tree: HtmlElement) -> str:
    el = tree.find(".//title")
    return " ".join(el.text_content().split()) if el is not None else ""


def _page_headline(document: str, headline: str, names: list[str | None], url: str | None) -> str:
    """The page's headline: its document title (``<title>``, site names gone), which publishers write as
    the article's name, unless that is only a decorated or shortened form of the headline found in the
    page's metadata and headings, or names nothing but the site."""
    if not document or _norm(document) == _norm(headline):
        return headline or document
    if not headline:
        return document
    if _site_like(document, [n for n in names if n], _host_labels(url)) or len(_norm(document)) < 8:
        return headline
    d, h = _norm(document), _norm(headline)
    if d.startswith(h):  # "Headline 写真1枚 国際ニュース": the site's words after the headline
        return headline
    dw, hw = set(_title_words(document)), set(_title_words(headline))
    if len(d) <= len(h) and len(dw & hw) >= 0.8 * len(dw):  # a shortened headline for the browser's tab
        return headline
    return document


def _title_words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKD", text).casefold())


def strip_rubric(title: str) -> str:
    """"Analysis: Headline" → "Headline": a rubric word (``rubrics`` in data/textpage.yaml) and its colon."""
    from newswire.extract.textpage import lexicon

    m = re.match(r"^\s*(?P<r>[^:：|]{2,25}?)\s*[:：]\s+(?P<t>\S.*)$", title)
    if m and m.group("r").casefold() in lexicon().rubrics and len(m.group("t").split()) >= 3:
        return m.group("t")
    return title


def _headings(tree: HtmlElement) -> list[str]:
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")][:5]


def _norm(text: str) -> str:
    """Compare names loosely: case, accents, spaces and punctuation do not matter."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _host_labels(url: str | None) -> list[str]:
    """Distinctive labels of a URL's host: "edition.cnn.com" → ["edition", "cnn"]."""
    if not url:
        return []
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    labels = [lab for lab in host.split(".") if lab not in _GENERIC_HOST_LABELS]
    return [lab for lab in labels[:-1] if len(lab) >= 3]


def _site_like(segment: str, names: list[str], hosts: list[str]) -> bool:
    """Does a title segment name the site ("CNN Politics" for CNN, "Sott.net", "新华网")?"""
    seg = _norm(segment)
    if not seg:
        return True
    for name in names:
        n = _norm(name)
        if n and (n in seg or (seg in n and len(seg) >= 3)):
            return True
    return any(h in seg or (seg in h and len(seg) >= 4) for h in hosts)


def clean_title(title: str, *, site_names: list[str | None] = (), url: str | None = None,
                headings: list[str] = ()) -> str:
    """Strip a site's name and sections from a headline: "Headline | CNN Politics" → "Headline".

    Leading and trailing segments (split at the separators sites use) go when they name the
    site (og:site_name, trafilatura's site name, the URL's host) or when what is left is the
    page's own <h1>. A title that is only a site name is kept as it is.
    """
    title = " ".join(title.split())
    names = [" ".join(n.split()) for n in site_names if n and n.strip()]
    heads = {_norm(h): h for h in headings if h and _norm(h)}
    if _norm(title) in heads:
        return heads[_norm(title)]
    title = _strip_whole_names(title, names)
    parts = _split_title(title)
    if len(parts) < 2:
        return heads.get(_norm(title), title)
    hosts = _host_labels(url)
    # 1. the longest run of segments that the page's <h1> states (or begins with)
    n = len(parts)
    for length in range(n - 1, 0, -1):
        for start in range(0, n - length + 1):
            candidate = title[parts[start][0]:parts[start + length - 1][1]]
            c = _norm(candidate)
            if c in heads:
                return heads[c]
            if len(c) >= 8 and any(h.startswith(c) and len(c) >= len(h) * 0.6 for h in heads):
                return candidate
    # 2. drop segments naming the site from either end
    start, end = 0, n
    while end - start > 1 and _site_like(title[parts[end - 1][0]:parts[end - 1][1]], names, hosts):
        end -= 1
    while end - start > 1 and _site_like(title[parts[start][0]:parts[start][1]], names, hosts):
        start += 1
    return title[parts[start][0]:parts[end - 1][1]]


def _strip_whole_names(title: str, names: list[str]) -> str:
    """Remove a full site name ("LinkNaija | Nigeria's news platform") that opens or closes the title."""
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= len(title):
            continue
        if title.casefold().startswith(name.casefold()):
            rest = title[len(name):]
            if re.match(r"\s*[|:\-–—»«·•~/｜：]", rest):
                return re.sub(r"^\s*[|:\-–—»«·•~/｜：]+\s*", "", rest) or title
        if title.casefold().endswith(name.casefold()):
            rest = title[: -len(name)]
            if re.search(r"[|:\-–—»«·•~/｜：]\s*$", rest):
                return re.sub(r"\s*[|:\-–—»«·•~/｜：]+\s*$", "", rest) or title
    return title


def _split_title(title: str) -> list[tuple[int, int]]:
    """Spans of the segments between separators."""
    spans, pos = [], 0
    for match in _SEPARATOR.finditer(title):
        if match.start() > pos:
            spans.append((pos, match.start()))
        pos = match.end()
    if pos < len(title):
        spans.append((pos, len(title)))
    return spans


def _split_authors(author: str | None, exclude: list[str | None], url: str | None) -> list[str]:
    """trafilatura joins authors with "; ". The publisher, or its host name, is not an author, and
    neither are credentials split off a name ("Ilana Muhlstein, MS, RDN")."""
    if not author:
        return []
    publisher = {_norm(n) for n in exclude if n} | set(_host_labels(url))
    out: list[str] = []
    for name in author.split(";"):
        name = name.strip()
        if not name or name in out or _CREDENTIAL.fullmatch(name):
            continue
        n = _norm(name)
        if n in publisher or any(n == f"{h}com" for h in publisher):
            continue
        out.append(name)
    return out


# --- captions and related links -----------------------------------------------------------------

def _captions(tree: HtmlElement) -> list[Caption]:
    """Figure captions, with the photo credit split off when the page marks or states it."""
    captions: list[Caption] = []
    seen: set[str] = set()
    for fig in tree.iter("figcaption"):
        if _in_box(fig, _RELATED_BOX):
            continue
        credit = None
        for el in fig.iter():
            cls = f"{el.get('class', '')} {el.get('itemprop', '')}"
            if el is not fig and _CREDIT_CLASS.search(cls):
                credit = " ".join(el.text_content().split()) or None
                break
        text = " ".join(fig.text_content().split())
        if credit and text.endswith(credit):
            text = text[: -len(credit)].strip()
        elif credit is None and (m := _CREDIT_TEXT.search(text) or _PAREN_CREDIT.search(text)):
            credit = m.group("credit").strip()
            text = text[: m.start()].strip()
        if credit:
            # regex needs structure: the credit label left at the start of a credit
            credit = re.sub(r"^(?:(?:photo|image|credit)s?\s*[:：]\s*)", "", credit, flags=re.I).strip(" ()")
        if text and text not in seen:
            seen.add(text)
            captions.append(Caption(text=text, credit=credit or None))
    return captions


def _in_box(el: HtmlElement, pattern: re.Pattern[str]) -> bool:
    for anc in el.iterancestors():
        if pattern.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


def _related(tree: HtmlElement, base: str | None) -> list[Related]:
    """Headlines linked from "related stories" boxes (marked by class or id)."""
    out: list[Related] = []
    seen: set[str] = set()
    boxes = [el for el in tree.iter("aside", "section", "div", "ul", "nav")
             if _RELATED_BOX.search(f"{el.get('class', '')} {el.get('id', '')}")]
    for box in boxes:
        for a in box.iter("a"):
            title = " ".join(a.text_content().split())
            href = (a.get("href") or "").strip()
            if len(title.split()) < 3 or href.startswith(("#", "javascript:", "mailto:")):
                continue
            link = urljoin(base, href) if base and href else href or None
            key = link or title
            if key in seen:
                continue
            seen.add(key)
            out.append(Related(title=title, url=link))
            if len(out) >= _MAX_RELATED:
                return out
    return out
