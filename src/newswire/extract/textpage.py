"""Plain-text page dumps → Article: newswire's own cleaner for web pages saved as text.

No library handles pages saved as text with their chrome (menus, bylines, captions, "READ MORE"
links, lists of other headlines), so this module reads the page's *structure*:

* a small **line model** (``data/textpage_lines.yaml``, trained by ``bench/train_textlines.py``) scores each
  line's likelihood of being article text from its shape, its kind and its neighbours; the run of lines with
  the highest total is the article's span, and lines inside it that score low are dropped;
* the **title** is the line above the article's first paragraph that a **headline ranker**
  (``data/textpage_titles.yaml``) scores highest: headline shape, repetition, byline or date right below it,
  words shared with the lead, not in a list of other headlines; the layout rule (a headline the page
  repeats, else the nearest one) is one of its inputs;
* a **standfirst** is the one content line after the title that is still followed by header
  material (a date, a byline, a caption, the repeated title);
* the **body** runs from the first content line after the header to the first trailer marker
  ("Explore", "Most read", "Related Topics", ...), and loses every trailing line after its last
  sentence — that is where lists of unrelated headlines sit;
* chrome lines (share buttons, "Advertisement", reading-time badges, newsletter plugs, tag lists,
  copyright footers) are dropped wherever they are, and captions, related links and source lines
  become metadata. A line split into label-like parts by "|", "::", ">" or runs of spaces is a menu,
  breadcrumb or button bar, never a title; a breadcrumb's last part can give the section;
* the date is the date line nearest the title (below it first), or a full date inside a short header line
  ("By Jane Doe November 19, 2023", "2023-11-17 20:52 来源：新华网"); dates come as words ("7 February 2021"), ISO, CJK, or numbers: dotted "08.03.2023" is day-first (the
  European convention); an ambiguous "03/08/2023" follows the page's own style ("March 8" vs
  "8 March", US time zones) and leaves a warning saying how it was read.

The vocabulary (chrome words, trailer markers, caption and byline labels, photo agencies, time
zones) is data: ``newswire/data/textpage.yaml``, loaded once and checked by ``lexicon()``.

Short body lines that are not chrome (subheadings such as "Deepening division", one-line
paragraphs) are kept as their own paragraphs. ``clean_body`` is the light version for corpus
records whose text already is the body.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import accumulate

from newswire.data import DataError, month_spellings, ordered, read_yaml
from newswire.model import Article, Caption, InputError, Related

# ---------------------------------------------------------------------------------------------
# The chrome lexicon (data/textpage.yaml) and the line patterns built from it
# ---------------------------------------------------------------------------------------------
_I = re.IGNORECASE
DATA_FILE = "textpage.yaml"

# key → how its entries are used: "line" (whole-line regexes), "search" (regexes found anywhere),
# "words" (plain words)
_KEYS = {
    "chrome": "line", "legal": "line", "plugs": "line", "reading_time": "line", "tag_labels": "line",
    "trailers": "line", "related_lists": "line", "related_prefixes": "line", "related_alone": "line",
    "inline_list_start": "line", "inline_list_end": "line", "source_labels": "line", "byline_labels": "line",
    "caption_labels": "line", "credit_labels": "line", "contributors": "search",
    "share_words": "words", "share_buttons": "words", "photo_agencies": "words", "not_names": "words",
    "time_zones": "words", "month_first_zones": "words", "rubrics": "words",
}


TextPageDataError = DataError  # the chrome lexicon file is broken: the message names the file and the key to fix


@dataclass(frozen=True)
class Lexicon:
    """The compiled chrome lexicon: every pattern the line classifier uses."""

    chrome: re.Pattern[str]
    legal: re.Pattern[str]
    plug: re.Pattern[str]
    reading_time: re.Pattern[str]
    tags: re.Pattern[str]
    trailer: re.Pattern[str]
    related_list: re.Pattern[str]
    related: re.Pattern[str]
    related_alone: re.Pattern[str]
    list_start: re.Pattern[str]
    list_end: re.Pattern[str]
    source: re.Pattern[str]
    byline: re.Pattern[str]
    contrib: re.Pattern[str]
    caption_prefix: re.Pattern[str]
    credit_alone: re.Pattern[str]
    credit_label: re.Pattern[str]
    credit_tail: tuple[re.Pattern[str], ...]
    time: re.Pattern[str]
    zoned_clock: re.Pattern[str]
    share_words: frozenset[str]
    share_buttons: frozenset[str]
    not_names: frozenset[str]
    month_first_zones: frozenset[str]
    rubrics: frozenset[str]
    credit_words: frozenset[str]
    gate: re.Pattern[str]  # matches wherever one of the anchored line patterns below could (one test for all)


# the whole-line patterns that _classify tries on every line, in one alternation (their groups unnamed)
_GATED = ("list_start", "list_end", "related_list", "trailer", "reading_time", "caption_prefix", "credit_alone",
          "source", "related", "related_alone", "byline")
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _entries(data: dict, key: str, source: str) -> list[str]:
    entries = data.get(key)
    ok = isinstance(entries, list) and entries and all(isinstance(e, str) and e.strip() for e in entries)
    if not ok:
        raise TextPageDataError(f"{source}: '{key}' must be a non-empty list of strings "
                                f"(quote words such as on, off, yes, no)")
    if _KEYS[key] != "words":
        for n, entry in enumerate(entries, 1):
            try:
                re.compile(entry)
            except re.error as exc:
                raise TextPageDataError(f"{source}: '{key}' entry {n} ({entry!r}) "
                                        f"is not a valid regular expression: {exc}") from exc
    return [e.strip() for e in entries]


def parse_lexicon(data: object, source: str = DATA_FILE) -> Lexicon:
    """Check the lexicon's keys and entries and compile its patterns; errors name ``source`` and the key."""
    if not isinstance(data, dict):
        raise TextPageDataError(f"{source}: expected a mapping of keys to lists")
    if unknown := sorted(set(data) - set(_KEYS)):
        raise TextPageDataError(f"{source}: unknown key(s) {', '.join(map(repr, unknown))}")
    if missing := [k for k in _KEYS if k not in data]:
        raise TextPageDataError(f"{source}: missing key(s) {', '.join(map(repr, missing))}")
    e = {key: _entries(data, key, source) for key in _KEYS}

    def alt(key: str) -> str:
        return "|".join(f"(?:{x})" for x in e[key])

    def line(pattern: str, flags: int = _I) -> re.Pattern[str]:
        return re.compile(rf"^(?:{pattern})$", flags)

    agencies = "|".join(re.escape(w) for w in e["photo_agencies"])
    photo = rf"(?:{agencies})"
    zones = "|".join(re.escape(z) for z in e["time_zones"])
    credit_label = alt("credit_labels")
    lex = Lexicon(
        chrome=line(alt("chrome")),
        legal=line(alt("legal")),
        plug=line(alt("plugs")),
        reading_time=line(alt("reading_time")),
        tags=line(rf"(?:{alt('tag_labels')})\s*:\s*\S.*"),
        trailer=line(alt("trailers")),
        related_list=line(alt("related_lists")),
        related=line(rf"(?:{alt('related_prefixes')})\s*[:|–—-]\s*(?P<t>\S.*)"
                     rf"|(?:{alt('related_alone')})\s+(?-i:(?P<t2>[A-Z0-9\"“‘'].*))"),
        related_alone=line(rf"(?:{alt('related_alone')})\s*:?"),
        list_start=line(alt("inline_list_start")),
        list_end=line(alt("inline_list_end")),
        source=line(rf"(?:{alt('source_labels')})\s*:\s*(?P<s>\S.{{0,80}})"),
        byline=line(rf"(?:{alt('byline_labels')})[:\s]\s*(?P<n>\S.*)"),
        contrib=re.compile(alt("contributors"), _I),
        caption_prefix=line(rf"(?:{alt('caption_labels')})\s*[,:]?\s*(?P<t>\S.*)"),
        credit_alone=line(rf"(?:{credit_label})\s*[,:]\s*(?P<c>\S.{{0,80}})"),
        credit_label=re.compile(rf"^(?:{credit_label})\s*:\s*", _I),
        credit_tail=(
            re.compile(r"^(?P<t>.+?)\s+/\s+(?P<c>[A-Z][\w&.'/ -]{0,40})$"),  # "... 2021. / AP"
            re.compile(rf"^(?P<t>.+?)\s*\((?:{credit_label})s?(?: by)?\s*:?\s*(?P<c>[^()]+)\)$", _I),
            re.compile(r"^(?P<t>.+?)\s*\((?P<c>[^()]*\b(?:Photo|Images?|Pictures?)\b[^()]*)\)$"),  # "(AP Photo/X)"
            re.compile(rf"^(?P<t>.+?)\s+(?:{credit_label})s?\s*:\s*(?P<c>\S+(?:\s\S+){{0,8}})$", _I),
            re.compile(rf"^(?P<t>.+?)\s*\[(?:file(?: photo)?:?\s*)?(?P<c>[^\[\]]*(?:/|\b{photo}\b)[^\[\]]*)\]$", _I),
            re.compile(r"^(?P<t>.+?[.!?”\"'])\s+(?P<c>[A-Z]{2,}(?:[ -][A-Z]{2,})*/[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})$"),
            re.compile(rf"^(?P<t>.+?)\s*\|\s*(?P<c>[^|]*\b{photo}\b[^|]{{0,40}})$"),
        ),
        time=re.compile(
            rf"\b\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?"
            rf"(?:\s*(?:{zones})(?:\s?[+-]\d{{1,2}}(?::?\d{{2}})?)?)?(?!\w)", _I),
        # a four-digit clock with its zone: "Updated 0203 GMT (1003 HKT)"
        zoned_clock=re.compile(rf"\b(?:[01]\d|2[0-3])[0-5]\d\s*(?:{zones})\b"),
        share_words=frozenset(w.lower() for w in e["share_words"]),
        share_buttons=frozenset(w.lower() for w in e["share_buttons"]),
        not_names=frozenset(w.lower() for w in e["not_names"]),
        month_first_zones=frozenset(z.upper() for z in e["month_first_zones"]),
        rubrics=frozenset(w.casefold() for w in e["rubrics"]),
        credit_words=frozenset(e["photo_agencies"]) - {"Image", "Photo", "File", "Pool"},
        gate=re.compile(r"(?!)"),
    )
    gate = "|".join(f"(?:{_GROUP_NAME.sub('(?:', getattr(lex, key).pattern)})" for key in _GATED)
    return replace(lex, gate=re.compile(gate, _I))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled lexicon, ``newswire.data/textpage.yaml``, read and checked once per process."""
    return parse_lexicon(read_yaml(DATA_FILE), f"newswire/data/{DATA_FILE}")


# Shapes, not vocabulary: these stay in code.
_REUTERS_GALLERY = re.compile(r"^\[\d+/\d+\]\s*")
_LICENSING = re.compile(r"\s*Purchase Licensing Rights.*$", _I)
_AGENCY_ALONE = re.compile(r"^(?:[—–-]\s*(?P<a>[A-Z][\w&.' ]{1,30})|\((?P<b>[A-Z][A-Za-z&.' ]{1,20})\))$")
_DATELINE_AGENCY = re.compile(r"^[A-Z][A-Za-z0-9 .,'’-]{1,60}?\((?P<a>[A-Z][A-Za-z&.' -]{1,30})\)\s*[-—–]")
# separators of menus, breadcrumbs and button bars; runs of 2+ spaces also separate (before collapsing)
_SEGMENT_SEP = re.compile(r"\s+(?:\||::|•|·|>|›|»)\s+")
_CRUMB_SEP = re.compile(r"\s+(?:>|›|»)\s+")
_SEGMENT_SPLIT = re.compile(rf"{_SEGMENT_SEP.pattern}|\s{{2,}}")
_SEPARATOR_MARK = re.compile(r"[|:•·>›»]")
_TWO_SPACES = re.compile(r"\s\s")

# dates: "2021-02-07", "February 7, 2021", "Sun 7 Apr 2024 10.15 BST", "08.03.2023 / 23:15", "3 hours ago"
_MONTH_NAMES = "|".join(map(re.escape, sorted(month_spellings(), key=len, reverse=True)))
_MONTH = f"(?:{_MONTH_NAMES})" + r"\.?"
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
# a lookahead for the first character lets the scan skip the positions where no date starts
_NUM_DATE = re.compile(
    r"(?=\d)(?<![\d.:/-])(?:(?P<y>\d{4})(?P<s1>[./])(?P<m>\d{1,2})(?P=s1)(?P<d>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<s2>[./-])(?P<b>\d{1,2})(?P=s2)(?P<y2>\d{4}))(?![\d.:/-]?\d)"
)
# regex needs structure: ordinal suffixes of a day ("3rd May")
_MONTH_INITIALS = "".join(sorted({re.escape(m[0].lower()) for m in month_spellings()}))
_TEXT_DATE = re.compile(
    rf"(?=[\d{_MONTH_INITIALS}])\b(?:(?<![\d:.])\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)(?!\w)",
    _I,
)
# regex needs structure: a count, a unit of time with its plural, "ago"
_RELATIVE = re.compile(r"\b(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b|\bjust now\b", _I)
_DATE_FILLER = re.compile(
    r"\b(?:" + "|".join(map(re.escape, ordered("date_line_words"))) + r")\b|[,|·•–—:/()\-]", _I)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$|[\"”’]$")  # what _ends_sentence tests, without a regex
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z\"“]")
_GLUED_CLOCK = re.compile(r"(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d\d\b)")
_CJK_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")

_NAME = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+(?:(?:" + "|".join(map(re.escape, ordered("name_particles"))) + r")\s+)?[A-Z][\w'’.-]+){1,2}$"
)

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_SPACES = re.compile(r" {2,}")


def _normalise(text: str) -> str:
    """Unify newlines and exotic spaces so that every later pattern sees plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text))


def _collapse(line: str) -> str:
    return (_SPACES.sub(" ", line) if "  " in line else line).strip()


def _words(line: str) -> int:
    return len(line.split())


def _size(text: str) -> float:
    """Words, counting two characters of a script written without spaces (CJK, Thai) as one."""
    words = len(text.split())
    return max(words, len(_CJK.findall(text)) / 2) if not text.isascii() and _CJK.search(text) else words


_CLOSERS = "\"'”’)]」』"
_ENDERS = ".!?…。！？"


def _ends_sentence(line: str) -> bool:
    """``_SENTENCE_END.search(line)``, read from the line's end: a closing mark, perhaps behind quotes."""
    if line.endswith("\n"):  # "$" also matches before a final newline
        return _ends_sentence(line[:-1]) or _ends_sentence_here(line)
    return _ends_sentence_here(line)


def _ends_sentence_here(line: str) -> bool:
    if not line:
        return False
    if line[-1] in "\"”’":
        return True
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _ENDERS


def _is_prose(line: str) -> bool:
    """A paragraph of running text: a full sentence of some length, closed by a full stop."""
    if _size(line) < 6 or not _ends_sentence(line):
        return False
    core = line.rstrip("\"'”’)] ")
    return core.endswith((".", "…", "。")) or bool(_SENTENCE_INSIDE.search(line))


def _all_caps(text: str) -> bool:
    """Written in capitals: a line in a script without case (Thai, CJK) is not, for an acronym in it."""
    return text.isupper() and (text.isascii() or 2 * sum(map(str.isupper, text)) >= sum(map(str.isalpha, text)))


def _is_short(line: str) -> bool:
    """A label-like line: three words or fewer (CJK and Thai: by size), not a sentence (menus, sections,
    subheadings)."""
    return _size(line) <= 3 and not _ends_sentence(line)


def _headline_like(line: str) -> bool:
    return 2 <= _words(line) <= 30 and not line.rstrip("\"'”’ ").endswith(".")


_BYLINE_TAIL = re.compile(r"\s+[|•·]\s+|\s+[-—–]\s+")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’ -]*?(?=,|\s+and\s+|\s*&|$)")
_NAME_LIST = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")  # ", and": the serial comma


def _names(text: str, strict: bool) -> list[str]:
    """People's names from a byline ("Jane Doe and John Roe in Kyiv"); strict: all parts must be names."""
    head = text.lstrip(".")[:1]
    if strict and head and not ("A" <= head <= "Z" or head in ",&" or head.isspace()):
        return []  # the first part is no name: a name starts with a capital A-Z
    text = _BYLINE_TAIL.split(text)[0]
    text = _IN_PLACE.sub("", text)
    names: list[str] = []
    for part in _NAME_LIST.split(text):
        part = part.strip().strip(".")
        if not part:
            continue
        if part.isupper():
            part = part.title()
        ok = bool(_NAME.match(part)) and not any(w.lower() in lexicon().not_names for w in part.split())
        if ok:
            names.append(part)
        elif strict:
            return []
    return names


def _split_credits(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:,|;|&|/|\band\b)\s*", text) if p.strip()]


@dataclass(slots=True)
class _DateLine:
    value: str | None  # ISO date or datetime; None for relative dates ("3 hours ago")
    section: str | None
    updated: bool
    alt: str | None = None  # the month-first reading of an ambiguous "03/08/2023"
    raw: str | None = None  # the ambiguous date as written


_GLUED_STAMP = re.compile(r"(?<=\S)(?=(?:Updated|Published|Last updated)\b)")
_UPDATED = re.compile(r"updated|modified", _I)


def _date_line(line: str) -> _DateLine | None:
    """A line that is only a date (with prefixes, time, zone, perhaps a section label), else None."""
    if _words(line) > 14 or not (_DIGIT.search(line) or _AGO.search(line)):
        return None  # every date shape has a digit but "an hour ago", "just now"
    lex = lexicon()
    s = _GLUED_STAMP.sub(" ", line)
    s = _GLUED_CLOCK.sub(" ", s)  # "August 26, 20233:41 PM": a browser joined the date's and the time's spans
    m = _ISO_DATE.search(s) or _NUM_DATE.search(s) or _TEXT_DATE.search(s)
    rel = _RELATIVE.search(s)
    if not m and not rel:
        return None
    no_date = s
    for pat in (_ISO_DATE, _NUM_DATE, _TEXT_DATE, _RELATIVE):
        no_date = pat.sub(" ", no_date)
    time = lex.time.search(no_date)  # searched with the dates gone: "08.03.2023" holds no time "08.03"
    leftover = _DATE_FILLER.sub(" ", lex.zoned_clock.sub(" ", lex.time.sub(" ", no_date))).split()
    if len(leftover) > 3 or (leftover and not all(w[:1].isupper() for w in leftover)):
        return None
    if not m:
        return _DateLine(None, None, updated=bool(_UPDATED.search(s[: rel.start()])))
    updated = bool(_UPDATED.search(s[: m.start()]))
    t = time.group(0) if time else None
    section = " ".join(leftover) or None
    if m.re is not _NUM_DATE:
        return _DateLine(_parse_date(m.group(0), t), section, updated)
    first, alt = _numeric_date(m)
    if first is None:
        return None  # "31.31.2023" is no date
    return _DateLine(_parse_date(first, t), section, updated,
                     alt=_parse_date(alt, t) if alt else None, raw=m.group(0) if alt else None)


def _numeric_date(m: re.Match[str]) -> tuple[str | None, str | None]:
    """ISO date of "08.03.2023", "08/03/2023", "2023/03/08", and the month-first reading when ambiguous.

    Year-first dates are always year-month-day. Otherwise a part over 12 settles the order; dotted dates
    are day-first (the European convention: "08.03.2023" is 8 March); slashed and dashed dates whose
    parts could both be months are read day-first here, their month-first reading returned as well so
    that the page's own date style can decide (see ``_month_first_page``).
    """
    if m.group("y"):
        return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))), None
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y2"))
    day_first, month_first = _iso(y, b, a), _iso(y, a, b)
    if day_first is None or month_first is None or a == b:
        return day_first or month_first, None
    if m.group("s2") == ".":
        return day_first, None
    return day_first, month_first


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# regex needs structure: ordinal suffixes of a day ("March 8th", "8th of March")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*(?:[:.]\d|{_MONTH}))", _I)
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)", _I)


def _month_first_page(text: str) -> bool:
    """Whether the page writes dates month-first (US style): "March 8" more than "8 March", US zones."""
    lex = lexicon()
    zones = sum(1 for z in re.findall(r"\b[A-Z]{3}\b", text) if z in lex.month_first_zones)
    return len(_MONTH_DAY.findall(text)) + zones > len(_DAY_MONTH.findall(text))


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Each month spelling of ``dates.yaml``, case-folded, with its month's number."""
    return {str(name).casefold(): int(number) for number, names in read_yaml("dates.yaml")["months"].items()
            for name in names}


# regex needs structure: ordinal suffixes of a day ("7th March 2024")
_DAY_MONTH_YEAR = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_NAMES})\.?,?\s+(?P<y>\d{{4}})", _I)
# regex needs structure: ordinal suffixes of a day ("March 7th, 2024")
_MONTH_DAY_YEAR = re.compile(rf"(?P<m>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", _I)


@lru_cache(maxsize=1024)
def _parse_date(date_text: str, time: str | None) -> str | None:
    """ISO "YYYY-MM-DD", or a full ISO datetime when the line gives a time next to the date."""
    iso = bool(_ISO_DATE.fullmatch(date_text))
    if iso and len(date_text) == 10 and not time:
        return date_text
    if not time and (m := _DAY_MONTH_YEAR.fullmatch(date_text) or _MONTH_DAY_YEAR.fullmatch(date_text)):
        # "7 March 2024", "March 7th, 2024": read here as the date parser reads them, without its cost
        return _iso(int(m.group("y")), _month_numbers()[m.group("m").casefold()], int(m.group("d")))
    import dateparser  # slow to import: only pages with dates that need it pay for it

    full = date_text if not time or (iso and len(date_text) > 10) else f"{date_text} {time}"
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}  # names, not words: dateparser's
    parsed = dateparser.parse(full, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    has_time = bool(time) or (iso and len(date_text) > 10)
    return parsed.isoformat(timespec="seconds") if has_time else parsed.date().isoformat()


def _caption(line: str) -> Caption | None:
    """A caption line ending with a photo credit, in the styles outlets use, else None."""
    if _words(line) > 80 or not _CREDIT_MARK.search(line):
        return None  # every credit style below needs one of these marks
    lex = lexicon()
    line = _LICENSING.sub("", _REUTERS_GALLERY.sub("", line))
    for pat in lex.credit_tail:
        m = pat.match(line)
        if m and _words(m.group("t")) >= 3:
            credit = lex.credit_label.sub("", m.group("c").strip())
            text = lex.credit_label.sub("", m.group("t").strip())  # "Photo: Protesters wave ... / Credit"
            if credit and _words(credit) <= 8 and _words(text) >= 3:
                return Caption(text=text, credit=credit.strip())
    return None


_SHARE_TOKEN = re.compile(r"[^\s|·•,/]+")


def _share_bar(text: str) -> bool:
    """A line made only of share-bar words ("Share on Facebook Share on Twitter Email"), however spaced."""
    lex = lexicon()
    low = text.lower()
    first = _SHARE_TOKEN.search(low)
    if first is None or (first.group(0) not in lex.share_words and first.group(0) not in lex.share_buttons):
        return False  # what every word must be, the first is not
    words = _SHARE_TOKEN.findall(low)
    return (bool(words) and all(w in lex.share_words or w in lex.share_buttons for w in words)
            and any(w in lex.share_buttons for w in words))


def _is_chrome(text: str) -> bool:
    """A button, label, plug, legal line, share bar or tag list, by the lexicon."""
    lex = lexicon()
    n = _words(text)
    return bool((n <= 15 and lex.chrome.match(text)) or (n <= 30 and lex.plug.match(text))
                or (n <= 40 and lex.legal.match(text)) or (n <= 40 and _tag_list(text))
                or (n <= 20 and _share_bar(text)))


_TAG_SEP = re.compile(r"[,;|•·]")


def _tag_list(text: str) -> bool:
    """A labelled list of short items ("Tags: Sudan, ceasefire"); "Subject: a sentence." is no tag list."""
    if not lexicon().tags.match(text) or _ends_sentence(text):
        return False
    return all(_words(item) <= 5 for item in _TAG_SEP.split(text.split(":", 1)[1]))


def _segments(raw: str) -> tuple[list[str], bool]:
    """A line's parts split at menu separators ("|", "::", ">", runs of spaces); True if "|", "::", ">"... """
    raw = raw.strip()
    # one part when the line has no separator: a quick look for its marks first (a separator needs one of
    # them, or two white spaces in a row)
    if not (_SEPARATOR_MARK.search(raw) or _TWO_SPACES.search(raw)) or not _SEGMENT_SPLIT.search(raw):
        return ([part] if (part := _collapse(raw)) else []), False
    strong = bool(_SEGMENT_SEP.search(raw))
    parts = _SEGMENT_SPLIT.split(raw)
    return [p for p in (_collapse(p) for p in parts) if p], strong


def _nav(raw: str, segments: list[str], strong: bool) -> bool:
    """A menu, breadcrumb or masthead: label-like parts only. Two parts need a strong sign, since a title
    may hold one "|" ("Russia strikes Kyiv | World News" stays a title)."""
    if len(segments) < 2 or not all(_words(p) <= 3 and not _ends_sentence(p) for p in segments):
        return False
    if len(segments) >= 3:
        return True
    return strong and (bool(_CRUMB_SEP.search(raw)) or sum(map(_words, segments)) <= 4
                       or all(p.isupper() for p in segments))


# ---------------------------------------------------------------------------------------------
# Line classification
# ---------------------------------------------------------------------------------------------
# names, not words: the kinds of line that may stand above an article's body
HEADER_KINDS = {"date", "reading", "byline", "caption", "credit", "chrome", "nav", "names", "contrib"}


@dataclass(slots=True)
class _Line:
    text: str
    kind: str  # blank, chrome, nav, reading, date, byline, names, caption, credit, related, related_alone,
    #           source, agency, contrib, trailer, related_list, list_start, list_end, text
    data: object = None


def _classify(text: str, raw: str | None = None) -> _Line:
    """One line's kind by the lexicon and its shape; ``raw`` keeps the spacing that separates menu items."""
    if not text:
        return _Line(text, "blank")
    if not _ALNUM.search(text):
        return _Line(text, "chrome")  # rules and ornaments: "-----", "* * *", "|"
    lex = lexicon()
    segments, strong = _segments(raw if raw is not None else text)
    if lexical := lex.gate.match(text) is not None:  # else none of the patterns in the gate matches
        if lex.list_start.match(text):
            return _Line(text, "list_start")
        if lex.list_end.match(text):
            return _Line(text, "list_end")
        if lex.related_list.match(text):
            return _Line(text, "related_list")
        if lex.trailer.match(text):
            return _Line(text, "trailer")
        if lex.reading_time.match(text):
            return _Line(text, "reading")
        if m := lex.caption_prefix.match(text):
            return _Line(text, "caption", _caption(m.group("t")) or Caption(m.group("t")))
        if (m := lex.credit_alone.match(text)) and _words(m.group("c")) <= 8:
            return _Line(text, "credit", m.group("c").strip())
        if (m := lex.source.match(text)) and _words(m.group("s")) <= 10:
            return _Line(text, "source", _split_credits(m.group("s")))
    if _is_chrome(text) or (len(segments) >= 2 and all(map(_is_chrome, segments))):
        return _Line(text, "chrome")
    if lexical and (m := lex.related.match(text)):
        if _words(text) <= 30 and (m.group("t") or m.group("t2")):
            return _Line(text, "related", (m.group("t") or m.group("t2")).strip())
    if lexical and lex.related_alone.match(text):
        return _Line(text, "related_alone")
    if (d := _date_line(text)) is not None:
        return _Line(text, "date", d)
    if (lexical and (m := lex.byline.match(text)) and not text.endswith(".")
            and (_words(text) <= 12 or (_words(text) <= 30 and len(_names(m.group("n"), strict=False)) >= 2))):
        return _Line(text, "byline", _names(m.group("n"), strict=False))
    if lex.contrib.search(text) and _words(text) <= 40:
        return _Line(text, "contrib")
    if m := _AGENCY_ALONE.match(text):
        return _Line(text, "agency", m.group("a") or m.group("b"))
    if (cap := _caption(text)) is not None:
        return _Line(text, "caption", cap)
    if _nav(raw if raw is not None else text, segments, strong):
        crumbs = segments if _CRUMB_SEP.search(raw or text) else None
        return _Line(text, "nav", crumbs)
    if not _ends_sentence(text) and _words(text) <= 12 and (names := _names(text, strict=True)):
        return _Line(text, "names", names)
    return _Line(text, "text")


# ---------------------------------------------------------------------------------------------
# Whole pages: hard-wrapped dumps, line features and the learned line model
# ---------------------------------------------------------------------------------------------
LINE_MODEL_FILE = "textpage_lines.yaml"
TITLE_MODEL_FILE = "textpage_titles.yaml"
_BULLET = re.compile(r"^\s*(?:[*+•·◦▪–-]|\d{1,2}\.)\s+\S")
_DIGIT = re.compile(r"\d")
_CREDIT_MARK = re.compile(r"[/(\[|:]")
_AGO = re.compile(r"\bago\b|\bjust now\b", re.IGNORECASE)
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
_ALNUM = re.compile(r"[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")
_PUNCT = re.compile(r"[^\w\s]")
# regex needs structure: the shapes of a link (scheme, www., a domain ending, a handle)
_LINKISH = re.compile(r"https?://|www\.|\[[^\]]*\]|\S+\.(?:com|org|net|html?)\b|@\w", _I)
_DOMAIN_END = re.compile(r"\.(?<=\S\.)(?:com|org|net|html?)\b", _I)
_HANDLE = re.compile(r"@\w")
_SCHEME = re.compile(r"https?://", _I)
_WWW = re.compile(r"www\.", _I)


def _linkish(t: str) -> bool:
    """``_LINKISH.search(t)``, each shape looked for only where its mark is in the line."""
    if "://" in t and _SCHEME.search(t):
        return True
    if "." in t and (_WWW.search(t) or _DOMAIN_END.search(t)):
        return True
    if (i := t.find("[")) >= 0 and t.find("]", i + 1) >= 0:
        return True
    return "@" in t and bool(_HANDLE.search(t))


_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _unspaced(text: str) -> bool:
    """Whether the text starts with a character of a script written without spaces (wide, not Korean)."""
    return bool(_WIDE.match(text)) and not _HANGUL.match(text)


def _no_room(col: int, following: str, width: int) -> bool:
    """Whether the next line's first word would not have fitted after ``col`` columns (a wide CJK character
    takes two columns, and Chinese and Japanese break anywhere; Korean breaks between words): the line above
    broke there because it was full."""
    wide = _unspaced(following)
    first = following.split(" ", 1)[0]
    word = 2 if wide else len(first) + len(_WIDE.findall(first))
    return col + (0 if wide else 1) + word > width


def _wrap_width(raws: list[str], cols: list[int]) -> int | None:
    """The column at which a text browser hard-wrapped the dump, or None when it was not wrapped.

    No line runs past the width but for a word too long for any line (a tenth of the long lines at most),
    and a line that wrapped ends near it, followed by a line whose first word would not have fitted: the
    widest column with four different such lines in the ten columns up to it, at least half of the lines
    that end there. A dump with no such column (Chromium's, one paragraph a line) is not wrapped.
    """
    long = [(k, c) for k, (c, r) in enumerate(zip(cols, raws, strict=True)) if c >= 40 and len(r.strip()) >= 20]
    if len(long) < 8:
        return None
    ends = sorted((c for _, c in long), reverse=True)
    for k, width in enumerate(ends):
        if k > len(ends) // 10 or width < 60:  # a tenth of the long lines would run past this width
            return None
        near = [j for j, c in long if width - 9 <= c <= width]
        wrapped = [j for j in near
                   if j + 1 < len(raws) and raws[j + 1].strip() and _no_room(cols[j], raws[j + 1].strip(), width)]
        if len({raws[j].strip() for j in wrapped}) >= 4 and 2 * len(wrapped) >= len(near):
            return width
    return None


def _unwrap(raws: list[str], shown: list[str] | None = None, extra: list[int] | None = None) -> list[str]:
    """Re-join the lines of a dump that a text browser hard-wrapped at a fixed width (``w3m -dump``).

    A line broke there because the next line's first word did not fit within the width: such a line is
    joined to the next one in its block, with a space unless both sides are written without spaces.
    ``shown`` are the lines as the browser laid them out (``raws`` may have lost image alt texts since), and
    ``extra`` adds the columns they had before their spaces were normalised.
    """
    shown = raws if shown is None else shown
    cols = [len(r.rstrip()) + (0 if r.isascii() else len(_WIDE.findall(r))) for r in shown]
    if extra is not None:
        cols = [c + e for c, e in zip(cols, extra, strict=True)]
    width = _wrap_width(shown, cols)
    if width is None:
        return raws
    out: list[str] = []
    joining, above = False, 0  # whether the line above may run on, and its width
    for raw, seen, col in zip(raws, shown, cols, strict=True):
        nxt = raw.strip()
        if joining and nxt and not _BULLET.match(raw) and _no_room(above, seen.strip(), width):
            prev = out[-1].rstrip()
            out[-1] = prev + ("" if _unspaced(nxt) and _unspaced(prev[-1:]) else " ") + nxt
        else:
            out.append(raw)
        joining, above = bool(nxt) and col >= width // 2, col
    return out


# atomic and possessive: a bracket ends at its first "]" whatever way its letters are matched, and a line of
# bracketed icons with no word after them ("[facebook-i]   [twitter-ic] ...") must fail at once, not after
# trying every split of every bracket's letters (seconds a line)
_IMAGE_ALTS = re.compile(r"^(\s*)(?:(?>\[[^\[\]\d/]*[^\W\d][^\[\]]{0,80}\])\s*+)++(?=\w)")


def page_lines(text: str) -> list[_Line]:
    """A dump's lines, normalised, hard wrapping undone, each classified by the lexicon and its shape.

    Text browsers print an image as its alt text in brackets ("[photo]"): those that open a line of
    text are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # an ideographic space takes two columns of a text browser's width, and becomes one plain space
    ideographic = [r.rstrip().count("\u3000") for r in text.split("\n")] if "\u3000" in text else None
    shown = _normalise(text).split("\n")
    raws = _unwrap([_IMAGE_ALTS.sub(r"\1", r) if "[" in r else r for r in shown], shown, ideographic)
    return _pair_captions(_join_wrapped([_classify(_collapse(raw), raw) for raw in raws]))


_CREDIT_NAMES = re.compile(r"[A-Z][\w.'&-]*(?:(?:\s+|\s*/\s*|\s+via\s+|\s*-\s*)[A-Z][\w.'&-]*){0,5}")


def _bare_credit(text: str) -> bool:
    """A photo credit on its own line, with no label: "Getty Images", "AFP via Getty Images", "REUTERS/Jane Doe"."""
    if not _CREDIT_NAMES.fullmatch(text):
        return False
    agencies = lexicon().credit_words
    return any(w in agencies for w in re.split(r"[\s/-]+", text))


def _pair_captions(lines: list[_Line]) -> list[_Line]:
    """A bare photo credit makes the line right above it a caption when that line is no sentence of the
    text (no closing full stop): "Protesters gathered outside the embassy on Saturday" / "Getty Images"."""
    for i, ln in enumerate(lines):
        # names, not words: line kinds
        if ln.kind not in ("text", "names", "chrome") or not _bare_credit(ln.text):
            continue
        j = i - 1
        while j >= 0 and lines[j].kind == "blank":
            j -= 1
        prev = lines[j] if j >= 0 else None
        if (prev is not None and prev.kind == "text" and not _ends_sentence(prev.text)
                and 4 <= _words(prev.text) <= 40):
            lines[j] = _Line(prev.text, "caption", Caption(prev.text, ln.text))
            lines[i] = _Line(ln.text, "chrome")
    return lines


# names, not words: the line kinds the line model reads, in the order of its features
_FEATURE_KINDS = ("text", "chrome", "nav", "date", "byline", "names", "caption", "credit", "related",
                  "related_alone", "source", "agency", "contrib", "trailer", "related_list", "reading")


_KIND_COLUMNS = {k: tuple(float(k == j) for j in _FEATURE_KINDS) for k in _FEATURE_KINDS}
_NO_KIND = (0.0,) * len(_FEATURE_KINDS)


def _base_features(ln: _Line) -> list[float]:
    """A non-blank line's own features (``_BASE_NAMES``): each pattern run once."""
    t = ln.text
    words = t.split()
    nw = len(words)
    n = max(1, nw)
    size = max(nw, len(_CJK.findall(t)) / 2) if not t.isascii() and _CJK.search(t) else nw  # _size
    sentence = _ends_sentence(t)
    core = t.rstrip("\"'”’)] ")
    prose = nw >= 6 and sentence and (core.endswith((".", "…")) or bool(_SENTENCE_INSIDE.search(t)))
    length = len(t)
    digits = len(_DIGIT.findall(t))
    capitalised = small = 0
    for w in words:
        if w[0].isupper():
            capitalised += 1
        elif len(w) <= 3 and w.islower():  # a capitalised word is never all lower case
            small += 1
    return [
        math.log1p(size), math.log1p(length), float(sentence), float(prose),
        float(nw <= 3 and not sentence), float(2 <= nw <= 30 and not core.endswith(".")),
        capitalised / n, digits / length,
        len(_PUNCT.findall(t)) / length, float(t[0].islower()), float(t[-1] == ":"),
        float(bool(_BULLET.match(t))), float("|" in t), float(_all_caps(t)), float(_linkish(t)),
        small / n, float(size > nw), float("," in t or ";" in t),
        float(digits > 0 and bool(_TEXT_DATE.search(t) or _ISO_DATE.search(t) or _NUM_DATE.search(t))),
        *_KIND_COLUMNS.get(ln.kind, _NO_KIND),
    ]


# names, not words: the line model's features, in the order of its weights
_BASE_NAMES = ("log_words", "log_chars", "ends_sentence", "prose", "short", "headline_like", "capitalised",
               "digits", "punctuation", "lower_start", "colon_end", "bullet", "pipe", "upper", "linkish",
               "small_lower_words", "cjk", "comma", "has_date", *(f"kind_{k}" for k in _FEATURE_KINDS))
_CONTEXT_NAMES = ("prev_prose", "next_prose", "prev_words", "next_words", "near_prose", "near_words",
                  "far_prose", "far_words")
LINE_FEATURES: tuple[str, ...] = (*_BASE_NAMES, *_CONTEXT_NAMES, "position", "repeated", "share_of_words",
                                  "in_prose_run", "before_run", "after_run", "page_bullets", "bullet_neighbour")


def _prose_run(base: list[list[float]], sizes: list[float]) -> tuple[int, int]:
    """The run of lines richest in prose (maximum-sum subarray): where the article most likely is."""
    best, best_span, cur, start = 0.0, (0, -1), 0.0, 0
    for i, (b, s) in enumerate(zip(base, sizes, strict=True)):
        gain = s if b[3] else -2.0 - min(s, 10.0) * 0.5
        if cur <= 0:
            cur, start = gain, i
        else:
            cur += gain
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def line_features(lines: list[_Line]):  # -> (indices, numpy array of shape (len(indices), len(LINE_FEATURES)))
    """Features (``LINE_FEATURES``) of a page's non-blank lines, with their indices in ``lines``: each line's
    own features, then its neighbourhood's (the lines next to it, window means of prose and words, its
    position and the page's prose run), computed for all lines at once."""
    import numpy as np  # a dependency of spaCy's, present wherever newswire runs

    idx = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
    n = len(idx)
    out = np.zeros((n, len(LINE_FEATURES)))
    if not n:
        return idx, out
    texts = [lines[i].text for i in idx]
    base = [_base_features(lines[i]) for i in idx]
    sizes = [math.expm1(row[0]) for row in base]
    total = sum(sizes) or 1.0
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    a, b = _prose_run(base, sizes)
    nb = len(_BASE_NAMES)
    out[:, :nb] = base
    values = out[:, (3, 0)]  # prose and words (log)
    out[1:, nb:nb + 3:2], out[:-1, nb + 1:nb + 4:2] = values[:-1], values[1:]  # the previous and the next line
    acc = np.zeros((n + 1, 2))
    np.cumsum(values, axis=0, out=acc[1:])  # prefix sums, for a window's mean without the line itself
    for col, reach in ((nb + 4, 3), (nb + 6, 12)):
        lo, end, width = _windows(n, reach)
        out[:, col:col + 2] = (acc[end] - acc[lo] - values) / width
    # the line's place: position, repetition, share of the words, the prose run; and, since a text browser's
    # dump lists links and menus as bullets, how much of the page is lists and whether the line stands in one
    bullet = _BASE_NAMES.index("bullet")
    bullets = [row[bullet] for row in base]
    listed = sum(bullets) / n
    last = max(1, n - 1)
    out[:, nb + len(_CONTEXT_NAMES):] = [
        (k / last, float(counts[texts[k]] > 1), sizes[k] / total, float(a <= k <= b), math.log1p(max(0, a - k)),
         math.log1p(max(0, k - b)), listed,
         max(bullets[k - 1] if k else 0.0, bullets[k + 1] if k + 1 < n else 0.0))
        for k in range(n)]
    return idx, out


@lru_cache(maxsize=64)
def _windows(n: int, reach: int):
    """First line of each line's window of ``reach`` lines either side, the line after its last, and the
    number of the others in it (as a column; 1 for a page of one line, whose mean is then 0)."""
    import numpy as np

    k = np.arange(n)
    lo, hi = np.maximum(0, k - reach), np.minimum(n - 1, k + reach)
    return lo, hi + 1, np.maximum(hi - lo, 1)[:, None]


LineModelError = DataError  # the bundled line model is broken or does not fit the code's features


@dataclass(frozen=True)
class LineModel:
    """A small network scoring how likely each line is article text (trained by bench/train_textlines.py).

    ``layers`` are (weights, biases) with tanh between them and a sigmoid at the end; ``keep`` is the
    probability a line needs to stay in the body, ``region`` the one the body's span is centred on.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    layers: tuple[tuple[tuple[tuple[float, ...], ...], tuple[float, ...]], ...]
    keep: float
    region: float

    @cached_property
    def _arrays(self) -> tuple:
        import numpy as np  # a dependency of spaCy's, present wherever newswire runs

        return (np.asarray(self.mean), np.asarray(self.scale),
                [(np.asarray(w), np.asarray(b)) for w, b in self.layers])

    def scores(self, rows: list[list[float]]):  # -> numpy array of logits
        import numpy as np

        mean, scale, layers = self._arrays
        x = (np.asarray(rows, dtype=float) - mean) / scale
        for n, (w, b) in enumerate(layers):
            x = x @ w + b
            if n < len(layers) - 1:
                x = np.tanh(x)
        return x[:, 0]

    def probs(self, rows: list[list[float]]) -> list[float]:
        import numpy as np

        return (1.0 / (1.0 + np.exp(-self.scores(rows)))).tolist() if len(rows) else []


def parse_line_model(data: object, source: str = LINE_MODEL_FILE,
                     features: tuple[str, ...] = LINE_FEATURES) -> LineModel:
    """Check a model file against the code's features and read it."""
    if not isinstance(data, dict) or data.get("features") != list(features):
        raise LineModelError(f"{source}: its features are not the code's ({len(features)} named in "
                             f"newswire.extract.textpage); retrain with bench/train_textlines.py")
    try:
        layers = tuple((tuple(tuple(map(float, r)) for r in w), tuple(map(float, b))) for w, b in data["layers"])
        return LineModel(tuple(map(float, data["mean"])), tuple(map(float, data["scale"])), layers,
                         float(data["keep"]), float(data["region"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise LineModelError(f"{source}: malformed ({exc})") from None


@lru_cache(maxsize=1)
def line_model() -> LineModel:
    """The bundled line model, ``newswire.data/textpage_lines.yaml``, read once per process."""
    return parse_line_model(read_yaml(LINE_MODEL_FILE), f"newswire/data/{LINE_MODEL_FILE}")


def _body_span(lines: list[_Line], probs: dict[int, float], model: LineModel) -> tuple[int, int] | None:
    """The span of lines whose text is most likely the article: the maximum-sum run of
    (probability - ``region``), each line weighted by its length."""
    best, span, cur, start = 0.0, None, 0.0, 0
    for i in sorted(probs):
        gain = (probs[i] - model.region) * math.sqrt(1.0 + _size(lines[i].text))
        if cur <= 0:
            cur, start = gain, i
        else:
            cur += gain
        if cur > best:
            best, span = cur, (start, i)
    return span


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
    model: LineModel | None = None
    titles: LineModel | None = None
    probs: dict[int, float] = field(default_factory=dict)  # line index → probability of article text
    span: tuple[int, int] | None = None  # the lines most likely the article (first, last)

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


def extract_textpage(text: str, *, model: LineModel | None = None, titles: LineModel | None = None) -> Article:
    """Split a plain-text page dump into title, metadata and body (see the module docstring).

    ``model`` and ``titles`` replace the bundled line model and headline ranker (``line_model()``,
    ``title_model()``); the benchmark's cross-validation uses them.
    """
    if not isinstance(text, str):
        raise InputError("a text page must be text")
    page = read_lines(text, model)  # the page's lines are normalised there, their columns counted first
    text = _normalise(text)
    _find_title(page, titles)
    body_start = _header(page)
    body = _body(page, body_start)
    a = page.article
    a.body = "\n\n".join(body)
    if a.body and (m := _DATELINE_AGENCY.match(a.body)) and m.group("a") not in a.agencies:
        a.agencies.append(m.group("a"))
    if (d := _published(page, body_start)) is not None:
        a.published = d.value
        if d.alt:  # "03/08/2023": the page's own date style decides, and the reader is told
            month_first = _month_first_page(text)
            a.published = d.alt if month_first else d.value
            a.warnings.append(f"ambiguous date {d.raw!r} read {'month' if month_first else 'day'}-first "
                              f"as {a.published[:10]}")
    return a


def read_lines(text: str, model: LineModel | None = None) -> _Page:
    """A page's lines, classified and scored by the line model, with the article's likeliest span."""
    lines = page_lines(text)
    if not any(line.kind != "blank" for line in lines):
        raise InputError("empty page")
    page = _Page(lines, model=model or line_model())
    idx, rows = line_features(lines)
    page.probs = dict(zip(idx, page.model.probs(rows), strict=True))
    page.span = _body_span(lines, page.probs, page.model)
    return page


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Re-join a sentence that the dump wrapped over two lines, so that each line is one paragraph."""
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "text" and ln.kind == "text" and ln.text[:1].islower()
                and _words(ln.text) >= 2 and _words(prev.text) >= 8 and not _ends_sentence(prev.text) and not prev.text.endswith(":")):
            out[-1] = _classify(prev.text + " " + ln.text)
        else:
            out.append(ln)
    return out


_PARAGRAPH = 40  # words (CJK and Thai: two characters a word) that make a line a paragraph whatever it ends with


def _anchor(page: _Page) -> int:
    """The article's first paragraph of prose: the first in the likeliest span, else in the page. A paragraph
    of running text is a sentence closed by a full stop, or a line long enough to be one in a script that
    writes no full stops (Thai)."""
    lines = page.lines
    first = page.span[0] if page.span else 0
    anchor = next((i for i in range(first, len(lines))
                   if lines[i].kind == "text" and (_is_prose(lines[i].text) or _size(lines[i].text) >= _PARAGRAPH)),
                  None)
    if anchor is None:
        anchor = next((i for i, ln in enumerate(lines) if ln.kind == "text" and not _is_short(ln.text)), len(lines))
    return anchor


def _rule_title(lines: list[_Line], anchor: int) -> tuple[int | None, int | None, bool]:
    """Title and standfirst by layout: a headline repeated within a few lines, else the nearest headline
    (or pair of lines) above the anchor. The flag says whether the title was repeated."""
    for i in range(anchor):
        t = lines[i]
        if t.kind == "text" and _headline_like(t.text) and _words(t.text) >= 3:
            if any(lines[j].text == t.text for j in range(i + 1, min(len(lines), i + 12))):
                return i, None, True
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
            return earlier, later, False
        return later, None, False
    return (collected[0] if collected else None), None, False


TITLE_FEATURES: tuple[str, ...] = (
    "rule", "rule_repeated", "log_size", "size_4_25", "ends_period", "ends_question", "repeated",
    "repeated_below", "log_distance", "rank_0", "rank_1", "header_below", "header_above", "in_list",
    "time_below", "capitalised", "upper_start", "colon", "lead_overlap", "line_prob", "digits", "position",
    "kind_names", "all_upper", "linkish", "by_start", "prose", "within_others", "holds_other", "ends_comma",
    "header_next", "after_marker", "among_labels", "byline_and_date_below")
_CANDIDATE_WINDOW = 150  # non-blank lines above the anchor where a title is looked for
# names, not words: line kinds that may stand between a title and the body
_HEADER_NEAR = {"date", "byline", "reading", "names", "caption", "credit", "agency"}
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def _date_shaped(ln: _Line) -> bool:
    """A date line, or a short line that carries a date among other words ("2018年6月18日 10:01 発信地：カノ")."""
    return ln.kind == "date" or (ln.kind in ("text", "names") and (_dated(ln.text) or _stamped(ln.text)))


def _header_near(ln: _Line) -> bool:
    """A line of the kind that stands between a headline and its article: byline, date, caption, credit..."""
    return ln.kind in _HEADER_NEAR or _date_shaped(ln)


_WORD = re.compile(r"\w+")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]{2,}")


def _content_words(text: str) -> set[str]:
    """Words of four letters or more; in a script written without spaces, pairs of its characters."""
    words = {w for w in _WORD.findall(text.casefold()) if len(w) >= 4}
    if text.isascii() or not _CJK.search(text):
        return words
    runs = _CJK_RUN.findall(text)
    return {w for w in words if not _CJK.search(w)} | {r[k:k + 2] for r in runs for k in range(len(r) - 1)}


def _label(text: str) -> bool:
    """A menu's or a list's label in any script: three words or fewer, and short (a Thai or CJK word is
    long, and its menu items are single words), not a sentence."""
    return _words(text) <= 3 and _size(text) <= 8 and not _ends_sentence(text)


_DASHES = ("—", "–", " -")


def _stamped(text: str) -> bool:
    """A year and a time of day: a date stamp in any language ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00")."""
    return bool(_YEAR.search(text)) and bool(lexicon().time.search(text))


_SLASH = re.compile(r"\s+/\s+")


def _slashed_labels(text: str) -> bool:
    """Labels separated by " / ": a breadcrumb ("Prachatai / News", "Home / World / Asia"), never a headline."""
    if " / " not in text:
        return False
    parts = _SLASH.split(text)
    return all(_words(p) <= 3 and not _ends_sentence(p) for p in parts)


def _holding_others(texts: list[str]) -> set[str]:
    """The texts that hold another, shorter one of ``texts`` whole: each looked for once in all of them."""
    joined = "\n".join(texts)  # no text holds a newline, so a find never spans two texts
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    holders = set()
    for w in texts:
        at = joined.find(w)
        while at >= 0:
            t = texts[bisect_right(starts, at) - 1]
            if len(t) > len(w):
                holders.add(t)
            at = joined.find(w, at + 1)
    return holders


def title_candidates(page: _Page, anchor: int, rule_title: tuple[int | None, int | None, bool] | None = None
                     ) -> tuple[list[int], list[list[float]]]:
    """Lines above the anchor that could be the headline, with their features (``TITLE_FEATURES``);
    ``rule_title`` is ``_rule_title(page.lines, anchor)`` when the caller has it already."""
    lines = page.lines
    rule, _, repeated_rule = rule_title or _rule_title(lines, anchor)
    nonblank = [i for i in range(anchor) if lines[i].kind != "blank"][-_CANDIDATE_WINDOW:]
    pos = {i: k for k, i in enumerate(nonblank)}
    counts: dict[str, int] = {}
    for ln in lines:
        if ln.kind != "blank":
            counts[ln.text] = counts.get(ln.text, 0) + 1
    lead = _content_words(" ".join(ln.text for ln in lines[anchor:anchor + 3]))
    everything = "\n".join(ln.text for ln in lines if ln.kind != "blank")
    holders = _holding_others(sorted({lines[i].text for i in nonblank if len(lines[i].text) >= 15}))
    n = max(1, len([ln for ln in lines if ln.kind != "blank"]))
    last = {lines[j].text: j for j in range(min(len(lines), anchor + 3))}  # each line's last place near the anchor

    def headline(i: int) -> bool:
        return lines[i].kind == "text" and _headline_like(lines[i].text) and not _ends_sentence(lines[i].text)

    header: dict[int, bool] = {}

    def near(j: int) -> bool:  # header material, judged once per line
        if j not in header:
            header[j] = _header_near(lines[j])
        return header[j]

    idx, rows = [], []
    rank = 0
    for i in reversed(nonblank):
        ln = lines[i]
        size = _size(ln.text)
        if (ln.kind not in ("text", "names") or size < 2 or size > 40 or not _LETTER.search(ln.text)
                or _dated(ln.text) or _stamped(ln.text) or _slashed_labels(ln.text) or ln.text.endswith(_DASHES)):
            continue  # a line that carries a full date (or a year and a clock) is a dateline, one of labels a
            # breadcrumb, one that ends with a dash the start of a dateline ("New York CNN —"): not headlines
        k = pos[i]
        below = [lines[j] for j in nonblank[k + 1:k + 5]]
        above = [lines[j] for j in nonblank[max(0, k - 3):k]]
        header_below = [near(j) for j in nonblank[k + 1:k + 5]]
        prev_h = k > 0 and headline(nonblank[k - 1])
        next_h = k + 1 < len(nonblank) and headline(nonblank[k + 1])
        nxt = lines[nonblank[k + 1]].text if k + 1 < len(nonblank) else ""
        words = ln.text.split()
        cw = _content_words(ln.text)
        rows.append([
            float(i == rule), float(i == rule and repeated_rule), math.log1p(size), float(4 <= size <= 25),
            float(ln.text.rstrip("\"'”’ ").endswith(".")), float(ln.text.rstrip("\"'”’ ").endswith(("?", "!"))),
            math.log1p(counts.get(ln.text, 1) - 1),
            float(last.get(ln.text, -1) > i),
            math.log1p(len(nonblank) - k), float(rank == 0), float(rank == 1),
            float(any(header_below)), float(any(near(j) for j in nonblank[max(0, k - 3):k])),
            float(prev_h and next_h), float(bool(_CLOCK.match(nxt)) or nxt.isdigit()),
            sum(w[:1].isupper() for w in words) / max(1, len(words)), float(ln.text[:1].isupper()),
            float(":" in ln.text), len(cw & lead) / max(1, len(cw)), page.probs.get(i, 0.0),
            len(_DIGIT.findall(ln.text)) / len(ln.text), i / n, float(ln.kind == "names"), float(_all_caps(ln.text)),
            float(_linkish(ln.text)), float(ln.text.lower().startswith("by ")), float(_is_prose(ln.text)),
            # the headline shows again inside other lines (share text, breadcrumbs), and a line that holds
            # another candidate whole is that headline with something glued to it
            math.log1p(everything.count(ln.text) - counts[ln.text]) if len(ln.text) >= 15 else 0.0,
            float(len(ln.text) > 15 and ln.text in holders),
            float(ln.text.endswith(",")),
            float(bool(header_below) and header_below[0]),
            float(any(x.kind in ("trailer", "related_list") for x in above)),
            # a label in a menu has labels on both sides; an article's header puts a byline and a date under
            # its headline
            float(k > 0 and k + 1 < len(nonblank) and _label(lines[nonblank[k - 1]].text)
                  and _label(lines[nonblank[k + 1]].text)),
            float(any(b.kind in ("byline", "names") for b in below[:3]) and any(map(_date_shaped, below[:3]))),
        ])
        idx.append(i)
        rank += 1
    return idx, rows


@lru_cache(maxsize=1)
def title_model() -> LineModel:
    """The bundled headline ranker, ``newswire.data/textpage_titles.yaml``, read once per process."""
    return parse_line_model(read_yaml(TITLE_MODEL_FILE), f"newswire/data/{TITLE_MODEL_FILE}",
                            TITLE_FEATURES)


def _find_title(page: _Page, titles: LineModel | None = None) -> None:
    """Title (and perhaps standfirst) above the article's first paragraph: the candidate line the headline
    ranker scores highest (layout, repetition, header lines around it, words shared with the lead)."""
    lines = page.lines
    anchor = _anchor(page)
    rule, subtitle, repeated = _rule_title(lines, anchor)
    idx, rows = title_candidates(page, anchor, (rule, subtitle, repeated))
    if idx:
        best = idx[int((titles or title_model()).scores(rows).argmax())]
        page.title_idx, page.subtitle_idx = best, (subtitle if best == rule else None)
    else:
        page.title_idx, page.subtitle_idx = rule, subtitle
    if page.title_idx is not None:
        page.article.title = lines[page.title_idx].text
        page.article.section = _section(page)


def _section(page: _Page) -> str | None:
    """A section label: on a date line ("date 2021-02-07 WORLD"), a lone label or a breadcrumb's last
    part right above the title."""
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
    for ln in reversed(page.lines[: page.title_idx]):  # the nearest breadcrumb: "Home > World > Africa"
        if ln.kind in ("trailer", "related_list"):
            break
        if ln.kind == "nav" and ln.data and ln.data[-1].lower() != "home":  # type: ignore[index]
            return ln.data[-1]  # type: ignore[index]
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
        elif ln.kind in HEADER_KINDS or ln.kind in ("related", "source", "agency"):  # names, not words: line kinds
            page.note(i)
            i += 1
        elif ln.kind == "text" and _is_short(ln.text):
            i += 1  # labels between title and body: "BBC News, Kyiv", "Live"
        elif ln.kind in ("text", "names") and _dated(ln.text):
            i += 1  # a dated header line: "By Jane Doe November 19, 2023", "2023-11-17 20:52 来源：新华网"
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
        # names, not words: the kinds of line a title may stand above
        return ln.kind in ("date", "reading", "byline", "names", "caption", "credit") or ln.text == page.article.title
    return False


def _body(page: _Page, start: int) -> list[str]:
    """The body's paragraphs from ``start`` to the trailer, metadata lines taken out."""
    lines = page.lines
    # a trailer marker above the article's likeliest span heads a list of other headlines, not the end
    first = page.span[0] if page.span else start
    end = next((i for i in range(max(start, first), len(lines)) if _is_trailer(lines, i)), len(lines))
    _trailer_related(page, end)
    keep = page.model.keep if page.model else 0.0
    last = page.span[1] if page.span else end
    if page.span and end < last:  # a list of links inside the article ("Related articles"): its lines are
        end = last + 1  # dropped one by one, and the article goes on after it

    def article_text(i: int) -> bool:  # in the likeliest span, and likely enough by itself
        return first <= i <= last and page.probs.get(i, 1.0) >= keep

    kept: list[str] = []
    seen = _Shingles()
    in_list = expect_related = False
    listing: str | None = None  # "trailer" or "related_list": inside a list of headlines in the article
    for i in range(start, end):
        ln = lines[i]
        if listing and ln.kind == "text" and not _is_prose(ln.text):
            if listing == "related_list" and _headline_like(ln.text):
                page.add_related(ln.text)
            kept.append("")
            continue
        if ln.kind != "blank":
            listing = ln.kind if ln.kind in ("trailer", "related_list") and _is_trailer(lines, i) else None
            if listing:
                kept.append("")
                continue
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
            # a marker line that heads a paragraph is a subheading; a line that says again what the body's
            # lines said (a teaser, a copy that a text browser prints though the page hides it) is not the article
            kept.append(ln.text if article_text(i) and not seen.repeats(ln.text) else "")
        else:
            page.note(i)
    # lines after the last sentence (or paragraph, in a script without full stops) are headline lists and
    # labels, not the article
    last = max((k for k, t in enumerate(kept) if t and (_ends_sentence(t) or _size(t) >= _PARAGRAPH)), default=-1)
    return _paragraphs(kept[: last + 1])


class _Shingles:
    """The word 4-grams of the body so far, each with the line it came from: a later line made mostly of the
    4-grams of several earlier lines is a teaser or a second copy of them run together, not more article (a
    paragraph repeated by itself may be the article's own)."""

    def __init__(self) -> None:
        self.grams: dict[tuple[str, ...], int] = {}
        self.lines = 0

    def repeats(self, text: str) -> bool:
        words = text.split()
        if len(words) < 4:
            return False  # no 4-gram
        grams = list(zip(words, words[1:], words[2:], words[3:], strict=False))
        known = self.grams
        if len(grams) >= 5:
            sources = [s for s in map(known.get, grams) if s is not None]
            if len(sources) >= 0.8 * len(grams) and len(set(sources)) >= 2:
                return True
        self.lines += 1
        for g in grams:
            if g not in known:
                known[g] = self.lines
        return False


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


def _published(page: _Page, body_start: int) -> _DateLine | None:
    """The date line nearest the title (below it before above it, a first date before an "Updated" one);
    else the header's date, then an "Updated" date or one among the body's lines."""
    if page.title_idx is not None and (d := _date_near_title(page)) is not None:
        return d
    header = [d for i, d in page.dates if i < body_start and d.value]
    rest = [d for i, d in page.dates if i >= body_start and d.value]
    for group in (header, rest):
        for want_updated in (False, True):
            for d in group:
                if d.updated == want_updated:
                    return d
    return None


# names, not words: line kinds that may carry the article's date
_DATE_CARRIERS = {"text", "names", "byline", "nav", "source", "date", "reading"}


def _date_near_title(page: _Page, above: int = 6, below: int = 12) -> _DateLine | None:
    assert page.title_idx is not None
    nonblank = [i for i, ln in enumerate(page.lines) if ln.kind != "blank"]
    k0 = nonblank.index(page.title_idx)
    found = []
    for k in range(max(0, k0 - above), min(len(nonblank), k0 + below + 1)):
        ln = page.lines[nonblank[k]]
        if k == k0 or ln.kind not in _DATE_CARRIERS:
            continue
        d = ln.data if ln.kind == "date" else _date_in(ln.text)
        if isinstance(d, _DateLine) and d.value:  # a line that is only a date beats a date within words
            found.append((d.updated, ln.kind != "date", k - k0 if k > k0 else 1.5 * (k0 - k), d))
    return min(found, key=lambda f: f[:3])[3] if found else None


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _dated(text: str) -> bool:
    """Whether a short line that is no sentence holds a full date (with a year): the shape, unparsed."""
    if _size(text) > 14 or not _YEAR.search(_GLUED_CLOCK.sub(" ", text)) or _is_prose(text):
        return bool(_CJK_DATE.search(text)) and _size(text) <= 14
    return bool(_CJK_DATE.search(text) or _ISO_DATE.search(text) or _NUM_DATE.search(text)
                or any(_YEAR.search(m.group(0)) for m in _TEXT_DATE.finditer(_GLUED_CLOCK.sub(" ", text))))


def _date_in(text: str) -> _DateLine | None:
    """The first full date (with a year) in a short line that says more than the date: "North Korea 09:31
    August 20, 2019", "By Jane Doe November 19, 2023 7:18 pm", "2023-11-17 20:52:15 来源：新华网"."""
    if not _dated(text):
        return None
    if (d := _date_line(text)) is not None:
        return d
    if m := _CJK_DATE.search(text):
        value = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return _DateLine(value, None, updated=False) if value else None
    for pat in (_ISO_DATE, _NUM_DATE, _TEXT_DATE):
        for m in pat.finditer(text):
            if not re.search(r"\d{4}", m.group(0)):
                continue
            updated = bool(_UPDATED.search(text[: m.start()]))
            if pat is _NUM_DATE:
                first, alt = _numeric_date(m)
                if first:
                    return _DateLine(first, None, updated, alt=alt, raw=m.group(0) if alt else None)
            elif value := _parse_date(m.group(0), None):
                return _DateLine(value, None, updated)
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
