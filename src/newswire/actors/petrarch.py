"""Readers for TABARI/PETRARCH actor and agent dictionaries, read as they are.

Why by hand: no maintained library reads these files, and PETRARCH's own reader is
tied to its parser. The formats (as in the Phoenix and PETR.Validate files):

* actors: ``ROOT_NAME_ [CODE]`` or ``ROOT_NAME_`` then ``+SYNONYM`` lines then tab-indented
  ``[CODE date]`` lines; several codes may share a line; dates are ``>YYMMDD`` (from),
  ``<YYMMDD`` (until), ``YYMMDD-YYMMDD`` (range), with 6 or 8 digits; a root without any code
  takes the codes of the entry before it (TABARI's "same as above"); ``[---]`` is "no code" (and
  not "same as above"); ``[ELR/GAL]`` names a compound actor (several actors at once). A phrase
  written without a trailing ``_`` is a stem in TABARI: ``ARGENTIN`` also matches "Argentina".
* agents: ``PHRASE {PLURAL} [~CODE]`` (suffix agent: country code + agent code) or ``[CODE~]``
  (prefix agent); ``{}`` means no plural; ``!SET! = A, B`` substitution sets used inside phrases.

Comments (``#`` to end of line, ``<!-- -->`` lines) and blank lines are skipped. Malformed lines
are skipped and counted in ``warnings``, never raised: these files are hand-edited and imperfect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newswire.model import InputError

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_PLURAL_RE = re.compile(r"\{([^}]*)\}")
_SUBST_RE = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")


def in_period(start: str | None, end: str | None, day: str | None) -> bool:
    """Whether ISO ``day`` falls from ``start`` to ``end`` (inclusive; None: open). With no day, only what
    is still open counts: an undated article speaks of the present."""
    if day is None:
        return end is None
    return (start is None or start <= day) and (end is None or day <= end)


@dataclass(frozen=True)
class DatedCode:
    """One code of an actor, valid from ``start`` to ``end`` (ISO dates, inclusive; None: open)."""

    code: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, date: str | None) -> bool:
        return in_period(self.start, self.end, date)


@dataclass
class PetrarchActor:
    """An actor block: its root name, synonyms (phrases as written, words joined by spaces) and codes."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    stems: set[str] = field(default_factory=set)  # phrases written without a trailing "_"

    def code_on(self, date: str | None) -> str | None:
        """The code valid on ``date``; an undated code when nothing dated fits; else the latest."""
        if not self.codes:
            return None
        dated = [c for c in self.codes if c.start or c.end]
        if date:
            for c in dated:
                if c.valid_on(date):
                    return c.code
        undated = [c for c in self.codes if not (c.start or c.end)]
        if undated:
            return undated[0].code
        if date is None:
            open_ended = [c for c in dated if c.end is None]
            if open_ended:
                return open_ended[-1].code
        return max(dated, key=lambda c: c.end or "9999").code


@dataclass(frozen=True)
class PetrarchAgent:
    """An agent phrase (words joined by spaces), its plural (None: no plural form) and code."""

    phrase: str
    plural: str | None
    code: str
    prefix: bool = False  # [CODE~]: the agent code goes before the actor's code


@dataclass
class ActorFile:
    actors: list[PetrarchActor]
    warnings: list[str]


@dataclass
class AgentFile:
    agents: list[PetrarchAgent]
    warnings: list[str]


def _phrase(raw: str) -> str:
    """``SERGEY_LAVROV_`` -> ``SERGEY LAVROV``: underscores and spaces both join words."""
    return " ".join(raw.replace("_", " ").split())


def _is_stem(raw: str) -> bool:
    """TABARI: a phrase without a trailing ``_`` matches any word starting with its last word."""
    return not raw.strip().endswith("_")


def _date(raw: str) -> str | None:
    """``080601`` -> 2008-06-01, ``19940922`` -> 1994-09-22; None when it is not a date."""
    raw = raw.strip()
    if len(raw) == 6 and raw.isdigit():
        yy = int(raw[:2])
        year = 2000 + yy if yy < 50 else 1900 + yy
        raw = f"{year}{raw[2:]}"
    if len(raw) != 8 or not raw.isdigit():
        return None
    month, day = int(raw[4:6]), int(raw[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def parse_code(raw: str) -> DatedCode | None:
    """One bracketed code: ``RUSGOV >080601``, ``RUSGOV 19940922-20040712``, ``HOB < 950601``."""
    raw = raw.strip()
    if not raw or raw.startswith("---"):
        return None
    parts = raw.split(None, 1)
    code = parts[0].upper()
    if not re.fullmatch(r"[A-Z0-9]+(/[A-Z0-9]+)*", code):
        return None
    if len(parts) == 1:
        return DatedCode(code)
    spec = parts[1].replace(" ", "")
    if spec.startswith(">"):
        start = _date(spec[1:])
        return DatedCode(code, start=start) if start else None
    if spec.startswith("<"):
        end = _date(spec[1:])
        return DatedCode(code, end=end) if end else None
    if "-" in spec:
        a, b = spec.split("-", 1)
        start, end = _date(a), _date(b)
        return DatedCode(code, start, end) if start and end else None
    day = _date(spec)
    return DatedCode(code, day, day) if day else None


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _lines(path: str | Path) -> list[str]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read dictionary: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.splitlines()


def read_petrarch_actors(path: str | Path) -> ActorFile:
    """Read a TABARI/PETRARCH ``.actors`` file into actor blocks (see the module's notes)."""
    actors: list[PetrarchActor] = []
    warnings: list[str] = []
    current: PetrarchActor | None = None
    previous_codes: list[DatedCode] = []
    bracketed = False  # the current block wrote a code, even [---] or an unreadable one

    def close() -> None:
        nonlocal current, previous_codes
        if current is not None:
            if not current.codes and not bracketed:
                current.codes = list(previous_codes)  # "same as above"
            previous_codes = current.codes
            actors.append(current)
        current = None

    for number, raw_line in enumerate(_lines(path), 1):
        stripped = raw_line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!--") or stripped.startswith("-->"):
            continue
        line = _strip_comment(raw_line)
        if not line.strip():
            continue
        codes_raw = _CODE_RE.findall(line)
        head = _CODE_RE.sub(" ", line)
        codes = [c for c in (parse_code(r) for r in codes_raw) if c]
        bad = [r for r in codes_raw if parse_code(r) is None and not r.strip().startswith("---")]
        if bad:
            warnings.append(f"{path}:{number}: unreadable code [{bad[0]}]")
        if line[0] in " \t" and not head.strip():  # a code line of the current block
            if current is None:
                warnings.append(f"{path}:{number}: code line outside an entry")
            else:
                current.codes.extend(codes)
                bracketed = bracketed or bool(codes_raw)
            continue
        if head.lstrip().startswith("+"):
            if current is None:
                warnings.append(f"{path}:{number}: synonym outside an entry")
                continue
            phrase = _phrase(head.lstrip()[1:])
            if phrase:
                current.synonyms.append(phrase)
                if _is_stem(head.lstrip()[1:]):
                    current.stems.add(phrase)
            current.codes.extend(codes)
            bracketed = bracketed or bool(codes_raw)
            continue
        phrase = _phrase(head)
        if not phrase:
            warnings.append(f"{path}:{number}: no name")
            continue
        close()
        current = PetrarchActor(phrase, [], codes, {phrase} if _is_stem(head) else set())
        bracketed = bool(codes_raw)
    close()
    return ActorFile(actors, warnings)


def _plural(word: str) -> str:
    """Regular English plural of the last word, as PETRARCH 0.5 generates it."""
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    return word + "S"


def read_petrarch_agents(path: str | Path) -> AgentFile:
    """Read a TABARI/PETRARCH ``.agents`` file, expanding ``!SET!`` substitutions and plurals."""
    agents: list[PetrarchAgent] = []
    warnings: list[str] = []
    sets: dict[str, list[str]] = {}
    for number, raw_line in enumerate(_lines(path), 1):
        stripped = raw_line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!--"):
            continue
        line = _strip_comment(raw_line).strip()
        if not line:
            continue
        m = _SUBST_RE.match(line)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE_RE.findall(line)
        if not codes:
            warnings.append(f"{path}:{number}: agent without a code")
            continue
        code_raw = codes[0].replace(" ", "")
        prefix = code_raw.endswith("~") and not code_raw.startswith("~")
        code = code_raw.strip("~").upper()
        if not re.fullmatch(r"[A-Z0-9]+", code):
            warnings.append(f"{path}:{number}: unreadable agent code [{codes[0]}]")
            continue
        head = _CODE_RE.sub(" ", line)
        plural_m = _PLURAL_RE.search(head)
        explicit_plural = plural_m.group(1).strip() if plural_m else None
        head = _PLURAL_RE.sub(" ", head)
        variants = [head]
        for name, words in sets.items():
            if name in head:
                variants = [v.replace(name, w) for v in variants for w in words]
        for variant in variants:
            if "!" in variant:
                warnings.append(f"{path}:{number}: unknown substitution set in {variant.strip()}")
                continue
            phrase = _phrase(variant)
            if not phrase:
                continue
            if plural_m is None:
                words = phrase.split()
                plural = " ".join(words[:-1] + [_plural(words[-1])])
            elif explicit_plural:
                plural = _phrase(explicit_plural)
            else:
                plural = None
            agents.append(PetrarchAgent(phrase, plural, code, prefix))
    return AgentFile(agents, warnings)


def looks_like_agents(path: str | Path) -> bool:
    """True when a PETRARCH file is an agents file: its codes start or end with ``~``."""
    tilde = plain = 0
    for line in _lines(path)[:400]:
        for code in _CODE_RE.findall(_strip_comment(line)):
            if "~" in code:
                tilde += 1
            else:
                plain += 1
    return tilde > plain
