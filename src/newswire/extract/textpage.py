"""Plain-text page dumps → Article: newswire's own cleaner for web pages saved as text.

No library handles pages saved as text with their chrome (menus, bylines, captions, "READ MORE"
links, lists of other headlines), so this module reads the page's *structure*:

* the **title** is a headline-like line (no closing full stop) that the page repeats, or else the
  nearest such line above the first prose paragraph, once bylines, dates and captions are skipped;
* a **standfirst** is the one content line after the title that is still followed by header
  material (a date, a byline, a caption, the repeated title);
* the **body** runs from the first content line after the header to the first trailer marker
  ("Explore", "Most read", "Related Topics", ...), and loses every trailing line after its last
  sentence — that is where lists of unrelated headlines sit;
* chrome lines (share buttons, "Advertisement", reading-time badges, newsletter plugs) are dropped
  wherever they are, and captions, related links and source lines become metadata.

Short body lines that are not chrome (subheadings such as "Deepening division", one-line
paragraphs) are kept as their own paragraphs. ``clean_body`` is the light version for corpus
records whose text already is the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newswire.model import Article, Caption, InputError, Related

# ---------------------------------------------------------------------------------------------
# Line patterns. Every pattern matches a whole (stripped, whitespace-collapsed) line.
# ---------------------------------------------------------------------------------------------
_I = re.IGNORECASE

_CHROME = re.compile(
    r"^(?:advertisements?(?:\s*[·|-]\s*scroll to continue)?|ad|sponsored|recommended(?: stories)?"
    r"|share(?: this(?: article| story| page)?)?|share (?:on|via) \w+|copy link(?: to clipboard)?"
    r"|save(?: article| story| for later)?|save articles? to read later.*|listen(?: to this article.*)?"
    r"|print|email|comments?(?: \(?\d+\)?)?|\d+ comments?|reuse this content|skip (?:to|advertisement).*"
    r"|sign in|log in|register"
    r"|after newsletter promotion|follow (?:us|\S+(?: \S+)?) on \w+.*"
    r"|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|messenger|pinterest"
    r"|play video|watch(?: video| live)?|getty images|our standards:.*|.*trust principles.*"
    r"|click here.*|download (?:the|our) .{0,40}app.*|.*\bcookies?\b.*\b(?:accept|consent|privacy|agree)\b.*"
    r"|accept(?: all)?(?: cookies)?|cookie (?:settings|policy)|back to top|list \d+ of \d+"
    r"|contact us|about us|terms (?:of use|and conditions)|privacy policy|all rights reserved.*|©.*"
    r"|this article is more than \d+ \w+ old|exclusive news, data and analytics.*)$",
    _I,
)
# newsletter and subscription plugs, which run longer than buttons
_PLUG = re.compile(
    r"^(?:sign up|subscribe|get (?:our|the) \w+ (?:newsletter|briefing|email))\b.*"
    r"|^.*\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|free|daily|weekly)\b.*"
    r"|^.*\b(?:sign up|subscribe)\b.*\bnewsletters?\b.*$",
    _I,
)
_READING_TIME = re.compile(
    r"^(?:(?:estimated )?read(?:ing)? time:?\s*)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"[- ]?(?:min(?:ute)?s?\.?)(?:\s+read(?:ing)?)?(?: time)?$",
    _I,
)
_TRAILER = re.compile(
    r"^(?:explore(?: more)?(?: on these topics)?|more from\b.{0,40}|more on this (?:story|topic)|more stories"
    r"|most (?:read|popular|viewed|shared|watched)|trending(?: now| stories| news)?"
    r"|related (?:topics|stories|articles|content|coverage|news|links)|top stories|read next|up next"
    r"|you (?:may|might) (?:also )?(?:like|be interested in)|suggested topics:?|latest (?:news|stories)"
    r"|also in \S+.{0,30}|elsewhere on \S+.{0,30}|what to read next|editor'?s picks|around the web"
    r"|promoted stories|recommended for you|features|in other news|more in \S+.{0,30})$",
    _I,
)
# trailer markers whose items are articles on the same story: they become ``related``
_RELATED_LIST = re.compile(r"^(?:more on this (?:story|topic)|related (?:stories|articles|coverage|content|links))$", _I)
_LIST_START = re.compile(r"^list of \d+ items?$", _I)
_LIST_END = re.compile(r"^end of list$", _I)
_RELATED = re.compile(
    r"^(?:read more|also read|read also|related|see also|more|watch|listen)\s*[:|–—-]\s*(?P<t>\S.*)$"
    r"|^(?P<u>READ MORE|Read more) (?P<t2>\S.*)$",
    _I,
)
_RELATED_ALONE = re.compile(r"^(?:read more|also read|read also|related|see also)\s*:?$", _I)
_SOURCE = re.compile(r"^sources?\s*:\s*(?P<s>\S.{0,80})$", _I)
_AGENCY_ALONE = re.compile(r"^(?:[—–-]\s*(?P<a>[A-Z][\w&.' ]{1,30})|\((?P<b>[A-Z][A-Za-z&.' ]{1,20})\))$")
_DATELINE_AGENCY = re.compile(r"^[A-Z][A-Za-z0-9 .,'’-]{1,60}?\((?P<a>[A-Z][A-Za-z&.' -]{1,30})\)\s*[-—–]")
_CONTRIB = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|research|writing and reporting) by\b"
    r"|\bcontributed(?: reporting)?(?: to)? (?:this|the) (?:report|story|article)",
    _I,
)
_BYLINE = re.compile(r"^by[:\s]\s*(?P<n>\S.*)$", _I)

# captions: "Image caption, ..." lines, credit-only lines, and credits at the end of a caption
_CAPTION_PREFIX = re.compile(r"^(?:image|media|photo|picture|video) caption\s*[,:]?\s*(?P<t>\S.*)$", _I)
_CREDIT_ALONE = re.compile(
    r"^(?:image source|image credit|photo credit|photograph|photo|picture|credit|images?)\s*[,:]\s*(?P<c>\S.{0,80})$",
    _I,
)
_PHOTO_WORDS = (r"(?:Getty|AFP|AP|Reuters|REUTERS|EPA|Images?|Photo|Shutterstock|Alamy|Bloomberg|Anadolu|Xinhua"
                r"|PA|Pool|TASS|Sputnik|UPI|Corbis|File)")
_CREDIT_TAIL = [
    re.compile(r"^(?P<t>.+?)\s+/\s+(?P<c>[A-Z][\w&.'/ -]{0,40})$"),  # "... 2021. / AP"
    re.compile(r"^(?P<t>.+?)\s*\((?:photo(?:graph)?|image|picture|credit)s?(?: by)?\s*:?\s*(?P<c>[^()]+)\)$", _I),
    re.compile(r"^(?P<t>.+?)\s*\((?P<c>[^()]*\b(?:Photo|Images?|Pictures?)\b[^()]*)\)$"),  # "(AP Photo/X)"
    re.compile(r"^(?P<t>.+?)\s+(?:photograph|photo|picture|image|credit|photo credit|image credit)s?\s*:\s*"
               r"(?P<c>\S+(?:\s\S+){0,8})$", _I),
    re.compile(r"^(?P<t>.+?)\s*\[(?:file(?: photo)?:?\s*)?(?P<c>[^\[\]]*(?:/|\b" + _PHOTO_WORDS + r"\b)[^\[\]]*)\]$", _I),
    re.compile(r"^(?P<t>.+?[.!?”\"'])\s+(?P<c>[A-Z]{2,}(?:[ -][A-Z]{2,})*/[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})$"),
    re.compile(r"^(?P<t>.+?)\s*\|\s*(?P<c>[^|]*\b" + _PHOTO_WORDS + r"\b[^|]{0,40})$"),
]
_REUTERS_GALLERY = re.compile(r"^\[\d+/\d+\]\s*")
_LICENSING = re.compile(r"\s*Purchase Licensing Rights.*$", _I)

# dates: "2021-02-07", "February 7, 2021", "Sun 7 Apr 2024 10.15 BST", "Published 3 hours ago"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
_TEXT_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)(?!\w)",
    _I,
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|PST|PDT"
    r"|IST|JST|KST|AEST|AEDT|MSK|SAST|WAT|EAT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?)?(?!\w)",
    _I,
)
_RELATIVE = re.compile(r"\b(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b|\bjust now\b", _I)
_DATE_FILLER = re.compile(
    r"\b(?:date|dated|published|updated|last|first|modified|posted|edited|on|at|mon|tue|wed|thu|fri|sat|sun"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b|[,|·•–—:/()\-]",
    _I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"\S+")

_NAME = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+(?:(?:de|da|del|van|von|der|den|al|el|bin|ibn|la|le|di|du|dos)\s+)?[A-Z][\w'’.-]+){1,2}$"
)
_NOT_NAMES = {"news", "bbc", "reuters", "press", "associated", "agency", "agencies", "staff", "correspondent",
              "editor", "reporter", "times", "post", "journal", "live", "world", "media", "service", "desk",
              "team", "online", "international", "wire", "afp", "ap", "tv", "radio", "middle", "east"}


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------
def _normalise(text: str) -> str:
    """Unify newlines and exotic spaces so that every later pattern sees plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]", " ", text)


def _collapse(line: str) -> str:
    return re.sub(r" {2,}", " ", line).strip()


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _is_prose(line: str) -> bool:
    """A paragraph of running text: a full sentence of some length, closed by a full stop."""
    if _words(line) < 6 or not _ends_sentence(line):
        return False
    core = line.rstrip("\"'”’)] ")
    return core.endswith((".", "…")) or len(re.findall(r"[.!?]\s+[A-Z\"“]", line)) >= 1


def _is_short(line: str) -> bool:
    """A label-like line: three words or fewer, not a sentence (menus, sections, subheadings)."""
    return _words(line) <= 3 and not _ends_sentence(line)


def _headline_like(line: str) -> bool:
    return 2 <= _words(line) <= 30 and not line.rstrip("\"'”’ ").endswith(".")


def _names(text: str, strict: bool) -> list[str]:
    """People's names from a byline ("Jane Doe and John Roe in Kyiv"); strict: all parts must be names."""
    text = re.split(r"\s+[|•·]\s+|\s+[-—–]\s+", text)[0]
    text = re.sub(r"\s+in\s+[A-Z][\w'’ -]*?(?=,|\s+and\s+|\s*&|$)", "", text)
    names: list[str] = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text):
        part = part.strip().strip(".")
        if not part:
            continue
        if part.isupper():
            part = part.title()
        ok = bool(_NAME.match(part)) and not any(w.lower() in _NOT_NAMES for w in part.split())
        if ok:
            names.append(part)
        elif strict:
            return []
    return names


def _split_credits(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:,|;|&|/|\band\b)\s*", text) if p.strip()]


@dataclass
class _DateLine:
    value: str | None  # ISO date or datetime; None for relative dates ("3 hours ago")
    section: str | None
    updated: bool


def _date_line(line: str) -> _DateLine | None:
    """A line that is only a date (with prefixes, time, zone, perhaps a section label), else None."""
    if _words(line) > 14:
        return None
    s = re.sub(r"(?<=\S)(?=(?:Updated|Published|Last updated)\b)", " ", line)
    m = _ISO_DATE.search(s) or _TEXT_DATE.search(s)
    rel = _RELATIVE.search(s)
    if not m and not rel:
        return None
    rest = s
    for pat in (_ISO_DATE, _TEXT_DATE, _TIME, _RELATIVE):
        rest = pat.sub(" ", rest)
    leftover = _DATE_FILLER.sub(" ", rest).split()
    if len(leftover) > 3 or (leftover and not all(w[:1].isupper() for w in leftover)):
        return None
    if not m:
        return _DateLine(None, None, updated=bool(re.search(r"updated|modified", s[: rel.start()], _I)))
    updated = bool(re.search(r"updated|modified", s[: m.start()], _I))
    time = _TIME.search(s)
    value = _parse_date(m.group(0), time.group(0) if time else None)
    return _DateLine(value, " ".join(leftover) or None, updated)


@lru_cache(maxsize=1024)
def _parse_date(date_text: str, time: str | None) -> str | None:
    """ISO "YYYY-MM-DD", or a full ISO datetime when the line gives a time next to the date."""
    import dateparser  # slow to import: only pages with dates pay for it

    if _ISO_DATE.fullmatch(date_text):
        full = date_text
        if "T" not in date_text and len(date_text) == 10 and not time:
            return date_text
    else:
        full = date_text + (" " + time if time else "")
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(full, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    has_time = bool(time) or "T" in date_text or (len(date_text) > 10 and _ISO_DATE.fullmatch(date_text))
    return parsed.isoformat(timespec="seconds") if has_time else parsed.date().isoformat()


def _caption(line: str) -> Caption | None:
    """A caption line ending with a photo credit, in the styles outlets use, else None."""
    if _words(line) > 80:
        return None
    line = _LICENSING.sub("", _REUTERS_GALLERY.sub("", line))
    for pat in _CREDIT_TAIL:
        m = pat.match(line)
        if m and _words(m.group("t")) >= 3:
            credit = re.sub(r"^(?:photo|photograph|image|picture|credit|file)s?\s*:\s*", "", m.group("c").strip(), flags=_I)
            if credit and _words(credit) <= 8:
                return Caption(text=m.group("t").strip(), credit=credit.strip())
    return None


# ---------------------------------------------------------------------------------------------
# Line classification
# ---------------------------------------------------------------------------------------------
HEADER_KINDS = {"date", "reading", "byline", "caption", "credit", "chrome", "names", "contrib"}


@dataclass
class _Line:
    text: str
    kind: str  # blank, chrome, reading, date, byline, names, caption, credit, related, related_alone,
    #           source, agency, contrib, trailer, related_list, list_start, list_end, text
    data: object = None


def _classify(text: str) -> _Line:
    if not text:
        return _Line(text, "blank")
    if _LIST_START.match(text):
        return _Line(text, "list_start")
    if _LIST_END.match(text):
        return _Line(text, "list_end")
    if _RELATED_LIST.match(text):
        return _Line(text, "related_list")
    if _TRAILER.match(text):
        return _Line(text, "trailer")
    if _READING_TIME.match(text):
        return _Line(text, "reading")
    if m := _CAPTION_PREFIX.match(text):
        return _Line(text, "caption", _caption(m.group("t")) or Caption(m.group("t")))
    if (m := _CREDIT_ALONE.match(text)) and _words(m.group("c")) <= 8:
        return _Line(text, "credit", m.group("c").strip())
    if (m := _SOURCE.match(text)) and _words(m.group("s")) <= 10:
        return _Line(text, "source", _split_credits(m.group("s")))
    if (_words(text) <= 15 and _CHROME.match(text)) or (_words(text) <= 30 and _PLUG.match(text)):
        return _Line(text, "chrome")
    if m := _RELATED.match(text):
        if _words(text) <= 30 and (m.group("t") or m.group("t2")):
            return _Line(text, "related", (m.group("t") or m.group("t2")).strip())
    if _RELATED_ALONE.match(text):
        return _Line(text, "related_alone")
    if (d := _date_line(text)) is not None:
        return _Line(text, "date", d)
    if (m := _BYLINE.match(text)) and _words(text) <= 12 and not text.endswith("."):
        return _Line(text, "byline", _names(m.group("n"), strict=False))
    if _CONTRIB.search(text) and _words(text) <= 40:
        return _Line(text, "contrib")
    if m := _AGENCY_ALONE.match(text):
        return _Line(text, "agency", m.group("a") or m.group("b"))
    if (cap := _caption(text)) is not None:
        return _Line(text, "caption", cap)
    if not _ends_sentence(text) and _words(text) <= 12 and (names := _names(text, strict=True)):
        return _Line(text, "names", names)
    return _Line(text, "text")


# ---------------------------------------------------------------------------------------------
# Page → Article
# ---------------------------------------------------------------------------------------------
@dataclass
class _Page:
    lines: list[_Line]
    title_idx: int | None = None
    subtitle_idx: int | None = None
    dates: list[tuple[int, _DateLine]] = field(default_factory=list)
    article: Article = field(default_factory=lambda: Article(title="", body=""))
    pending_credit: str | None = None

    def note(self, i: int) -> None:
        """Take the metadata a header or body line carries (authors, dates, captions, links, sources)."""
        line = self.lines[i]
        a = self.article
        if line.kind == "date":
            self.dates.append((i, line.data))  # type: ignore[arg-type]
        elif line.kind in ("byline", "names"):
            a.authors.extend(n for n in line.data if n not in a.authors)  # type: ignore[union-attr]
        elif line.kind == "caption":
            cap: Caption = line.data  # type: ignore[assignment]
            if cap.credit is None and self.pending_credit:
                cap = Caption(cap.text, self.pending_credit)
            self.pending_credit = None
            if cap.text not in {c.text for c in a.captions}:
                a.captions.append(cap)
        elif line.kind == "credit":
            if a.captions and a.captions[-1].credit is None and self._follows_caption(i):
                a.captions[-1].credit = line.data  # type: ignore[assignment]
            else:
                self.pending_credit = line.data  # type: ignore[assignment]
        elif line.kind == "related":
            self.add_related(line.data)  # type: ignore[arg-type]
        elif line.kind in ("source", "agency"):
            names = line.data if isinstance(line.data, list) else [line.data]
            a.agencies.extend(n for n in names if n not in a.agencies)

    def _follows_caption(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.lines[j].kind == "blank":
            j -= 1
        return j >= 0 and self.lines[j].kind == "caption"

    def add_related(self, title: str) -> None:
        title = re.sub(r",?\s*opens new tab$", "", title).strip()
        if title and title not in {r.title for r in self.article.related}:
            self.article.related.append(Related(title=title))


def extract_textpage(text: str) -> Article:
    """Split a plain-text page dump into title, metadata and body (see the module docstring)."""
    if not isinstance(text, str):
        raise InputError("a text page must be text")
    lines = _join_wrapped([_classify(_collapse(s)) for s in _normalise(text).split("\n")])
    if not any(line.kind != "blank" for line in lines):
        raise InputError("empty page")
    page = _Page(lines)
    _find_title(page)
    body_start = _header(page)
    body = _body(page, body_start)
    a = page.article
    a.body = "\n\n".join(body)
    if a.body and (m := _DATELINE_AGENCY.match(a.body)) and m.group("a") not in a.agencies:
        a.agencies.append(m.group("a"))
    a.published = _published(page, body_start)
    return a


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Re-join a sentence that the dump wrapped over two lines, so that each line is one paragraph."""
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "text" and ln.kind == "text" and ln.text[:1].islower()
                and _words(prev.text) >= 8 and not _ends_sentence(prev.text) and not prev.text.endswith(":")):
            out[-1] = _classify(prev.text + " " + ln.text)
        else:
            out.append(ln)
    return out


def _find_title(page: _Page) -> None:
    """Title (and perhaps standfirst) from the page's top: a repeated headline, else the nearest one."""
    lines = page.lines
    anchor = next((i for i, ln in enumerate(lines) if ln.kind == "text" and _is_prose(ln.text)), None)
    if anchor is None:
        anchor = next((i for i, ln in enumerate(lines) if ln.kind == "text" and not _is_short(ln.text)), len(lines))
    for i in range(anchor):
        t = lines[i]
        if t.kind == "text" and _headline_like(t.text) and _words(t.text) >= 3:
            if any(lines[j].text == t.text for j in range(i + 1, min(len(lines), i + 12))):
                page.title_idx = i
                break
    else:
        collected: list[int] = []
        j = anchor - 1
        while j >= 0 and len(collected) < 2:
            ln = lines[j]
            if ln.kind == "text" and not _is_short(ln.text):
                collected.append(j)
            elif ln.kind == "text" and collected:
                break  # a section label or menu item above the title
            elif ln.kind in ("trailer", "related_list"):
                break
            j -= 1
        if len(collected) == 2:
            later, earlier = collected
            if _words(lines[earlier].text) <= _words(lines[later].text) or lines[later].text.endswith("."):
                page.title_idx, page.subtitle_idx = earlier, later
            else:
                page.title_idx = later
        elif collected:
            page.title_idx = collected[0]
    if page.title_idx is not None:
        page.article.title = lines[page.title_idx].text
        page.article.section = _section(page)


def _section(page: _Page) -> str | None:
    """A section label: on a date line ("date 2021-02-07 WORLD") or a lone label right above the title."""
    assert page.title_idx is not None
    for ln in page.lines[: page.title_idx]:
        if ln.kind == "date" and ln.data.section:  # type: ignore[union-attr]
            return ln.data.section  # type: ignore[union-attr]
    j = page.title_idx - 1
    while j >= 0 and page.lines[j].kind == "blank":
        j -= 1
    run = 0
    k = j
    while k >= 0 and page.lines[k].kind in ("text", "names") and _is_short(page.lines[k].text):
        run, k = run + 1, k - 1
    if j >= 0 and 1 <= run <= 3:
        return page.lines[j].text
    return None


def _header(page: _Page) -> int:
    """Walk from the title to the body's first line, taking metadata; returns the body's start."""
    lines = page.lines
    if page.title_idx is None:
        start = 0
        while start < len(lines) and lines[start].kind != "text":
            page.note(start)
            start += 1
        return start
    for i in range(page.title_idx):
        if lines[i].kind in ("date", "reading"):
            page.note(i)
    i = page.title_idx + 1
    while i < len(lines):
        ln = lines[i]
        if ln.kind == "blank" or ln.text == page.article.title:
            i += 1
        elif ln.kind in HEADER_KINDS or ln.kind in ("related", "source", "agency"):
            page.note(i)
            i += 1
        elif ln.kind == "text" and _is_short(ln.text):
            i += 1  # labels between title and body: "BBC News, Kyiv", "Live"
        elif ln.kind == "text" and (i == page.subtitle_idx or (page.subtitle_idx is None and _standfirst(page, i))):
            page.subtitle_idx = i
            page.article.subtitle = ln.text
            i += 1
        else:
            break
    return i


def _standfirst(page: _Page, i: int) -> bool:
    """The first content line under the title is a standfirst when header material still follows it."""
    text = page.lines[i].text
    if _words(text) > 60 or _DATELINE_AGENCY.match(text):
        return False
    for ln in page.lines[i + 1:]:
        if ln.kind == "blank":
            continue
        return ln.kind in ("date", "reading", "byline", "names", "caption", "credit") or ln.text == page.article.title
    return False


def _body(page: _Page, start: int) -> list[str]:
    """The body's paragraphs from ``start`` to the trailer, metadata lines taken out."""
    lines = page.lines
    end = next((i for i in range(start, len(lines)) if _is_trailer(lines, i)), len(lines))
    _trailer_related(page, end)
    kept: list[str] = []
    in_list = expect_related = False
    for i in range(start, end):
        ln = lines[i]
        if ln.kind == "list_start":
            in_list = True
        elif ln.kind == "list_end":
            in_list = False
        elif in_list:
            continue
        elif ln.kind == "blank":
            kept.append("")
        elif expect_related and ln.kind == "text":
            page.add_related(ln.text)
            expect_related = False
        elif ln.kind == "related_alone":
            expect_related = True
        elif ln.kind == "contrib":
            if not page.article.authors and (m := re.search(r"reporting by (.+?)(?:;|$)", ln.text, _I)):
                page.article.authors.extend(_names(m.group(1), strict=False))
        elif ln.kind in ("text", "trailer", "related_list") and ln.text != page.article.title:
            kept.append(ln.text)  # a marker line that heads a paragraph is a subheading
        else:
            page.note(i)
    # lines after the last sentence are headline lists and labels, not the article
    last = max((k for k, t in enumerate(kept) if t and _ends_sentence(t)), default=-1)
    return _paragraphs(kept[: last + 1])


def _is_trailer(lines: list[_Line], i: int) -> bool:
    """A trailer marker ("More from ...") heads a list of headlines; one followed by prose is a subheading."""
    if lines[i].kind not in ("trailer", "related_list"):
        return False
    nxt = next((ln for ln in lines[i + 1:] if ln.kind != "blank"), None)
    return nxt is None or not (nxt.kind == "text" and _is_prose(nxt.text) and _words(nxt.text) >= 12)


def _trailer_related(page: _Page, end: int) -> None:
    """Headlines listed under "More on this story" and the like become related links."""
    collecting = False
    for ln in page.lines[end:]:
        if ln.kind == "related_list":
            collecting = True
        elif ln.kind == "trailer":
            collecting = False
        elif collecting and ln.kind == "text" and _headline_like(ln.text) and _words(ln.text) >= 3:
            page.add_related(ln.text)
        elif ln.kind == "related":
            page.add_related(ln.data)  # type: ignore[arg-type]


def _published(page: _Page, body_start: int) -> str | None:
    """The header's publication date first; an "Updated" date or one among the body's lines after."""
    header = [d for i, d in page.dates if i < body_start and d.value]
    rest = [d for i, d in page.dates if i >= body_start and d.value]
    for group in (header, rest):
        for want_updated in (False, True):
            for d in group:
                if d.updated == want_updated:
                    return d.value
    return None


# ---------------------------------------------------------------------------------------------
# Paragraphs, shared by both entry points
# ---------------------------------------------------------------------------------------------
def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line-separated blocks → paragraphs, honouring indentation and hard-wrapped lines."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.rstrip())
        elif block:
            out.extend(_block_paragraphs(block))
            block = []
    return [p for p in (_collapse(p) for p in out) if p]


def _block_paragraphs(block: list[str]) -> list[str]:
    if len(block) == 1:
        return block
    indented = [i for i, ln in enumerate(block) if i and re.match(r"[ \t]{2,}\S", ln)]
    stripped = [ln.strip() for ln in block]
    widths = [len(s) for s in stripped[:-1]]
    wrapped = (len(block) >= 3 and max(widths) <= 120
               and sum(w >= 0.75 * max(widths) for w in widths) >= 0.7 * len(widths)
               and sum(_ends_sentence(s) for s in stripped[:-1]) < 0.5 * len(widths))
    paras: list[list[str]] = [[stripped[0]]]
    for i in range(1, len(block)):
        prev, cur = stripped[i - 1], stripped[i]
        if indented and len(indented) < len(block) - 1:
            new = i in indented
        elif wrapped:
            new = _ends_sentence(prev) and len(prev) < 0.8 * max(widths)
        else:  # one paragraph a line, unless a sentence visibly runs on into the next line
            new = not (not _ends_sentence(prev) and not prev.endswith(":") and cur[:1].islower())
        if new:
            paras.append([cur])
        else:
            paras[-1].append(cur)
    return [" ".join(p) for p in paras]


def clean_body(text: str) -> str:
    """Normalise a corpus record's body: whitespace, "\\n\\n" paragraphs, no leading bare date line."""
    paras = _paragraphs(_normalise(text).split("\n"))
    if paras and (d := _date_line(paras[0])) is not None and d.value and not d.section:
        paras = paras[1:]
    return "\n\n".join(paras)
