"""Reading PETRARCH verb dictionaries (``CAMEO.2.0.txt`` and the like) into newswire's pattern model.

The format, as PETRARCH's ``read_verb_dictionary`` defines it:

* ``&NAME`` starts a synonym set; its ``+WORD`` lines follow until a blank line;
* ``---  NAME  [code]  ---`` starts a verb block whose verbs (``EXPEL {EXPELS EXPELLED}``,
  ``+KICK_OUT``) share the default code (``[---]``: no code);
* ``- words * words (PREP words) [code]  # comment`` is a pattern: ``*`` is the verb, words after it
  must be in the object phrase, ``(PREP ...)`` is a prepositional phrase, ``{A B}`` a phrase,
  ``&NAME`` any word of a synonym set; ``$``/``+``/``%`` mark source and target slots.

Words before ``*`` must come before the verb in its sentence ("HEAVILY UNJUSTLY *", "DID N'T *"); a
code pair ``[031:032]`` adds the answering event (target to source, 032); ``%`` (a compound actor)
makes coordinated subjects act on each other (and requires them). ``$`` (source) and ``+`` (target) slots
name where the actor sits: before ``*`` the subject, after it the object of the preposition just before
the slot ("+ * FROM $": "X was freed from Y" has Y as the source), else the object phrase.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from newswire.coding import petrarch_match as pm
from newswire.coding.patterns import Pattern
from newswire.coding.tables import CodeTable, TableError, default_table
from newswire.data import words

_BLOCK = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")
MAX_ALTERNATIVES = 64


def _code(raw: str, table: CodeTable) -> str | None | bool:
    """A PETRARCH code ("166", "042:043", "---") as newswire's: None for no code, False when unusable."""
    code = raw.split(":")[0].strip()
    if not code or code.startswith("-"):
        return None
    if code not in table or table.info(code).plover is None:
        return False
    return code


def _reverse(raw: str, table: CodeTable) -> str | None:
    """The second code of a pair ("031:032" → "032"), when newswire can emit it."""
    parts = raw.split(":")
    if len(parts) < 2:
        return None
    code = parts[1].strip()
    if not code or code.startswith("-") or code not in table or table.info(code).plover is None:
        return None
    return code


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&") and len(s.split()) == 1:
            current = s.upper()
            sets[current] = []
        elif current and s.startswith("+"):
            sets[current].append(s[1:].replace("_", " ").lower())
        elif not s:
            current = None
    return sets


def _alternatives(words: list[str], sets: dict[str, list[str]]) -> tuple[tuple[str, ...], ...]:
    """Object words as alternatives of word tuples, synonym sets expanded (bounded)."""
    choices = []
    for w in words:
        if w.startswith("&"):
            options = sets.get(w.upper())
            if not options:
                return ()
            choices.append(options)
        else:
            choices.append([w.lower()])
    out = []
    for combo in itertools.islice(itertools.product(*choices), MAX_ALTERNATIVES):
        out.append(tuple(x for part in combo for x in part.split()))
    return tuple(out)


def _parse_rest(rest: str):
    """Words after '*': object words, and the first prepositional phrase as (prep, words)."""
    prep = None
    prep_words: list[str] = []
    obj: list[str] = []
    for m in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", rest):
        paren, brace, word = m.groups()
        if paren is not None:
            parts = paren.replace("{", " ").replace("}", " ").split()
            if parts and prep is None:
                prep, prep_words = parts[0].lower(), [p for p in parts[1:] if p not in "$+%^"]
        elif brace is not None:
            obj.extend(brace.split())
        elif word not in ("$", "+", "%", "^", "*"):
            obj.append(word)
    return obj, prep, prep_words


SLOT_PREPS = words("petrarch_slot_prepositions")


def _slots(before: str, rest: str) -> tuple[str | None, str | None]:
    """Where a pattern's "$" (source) and "+" (target) sit: "subject" before "*", after it the preposition
    just before the slot ("* FROM $"), skipping "^" (any noun phrase), else "object"."""
    out: dict[str, str] = {}
    for mark in ("$", "+"):
        if mark in before.split():
            out[mark] = "subject"
    words = rest.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split()
    for i, w in enumerate(words):
        if w in ("$", "+") and w not in out:
            prev = next((p for p in reversed(words[:i]) if p not in ("^", "$", "+")), "")
            prev = prev.lower().strip("_")
            out[w] = prev if prev in SLOT_PREPS else "object"
    return out.get("$"), out.get("+")


def is_linear(lines: list[str]) -> bool:
    """Whether a dictionary is PETRARCH-1 style (TABARI's linear patterns): no pattern marks a
    prepositional phrase with "(...)", as PETRARCH-2's tree patterns (CAMEO.2.0.txt) do."""
    return not any(s.lstrip().startswith("-") and not s.lstrip().startswith("---") and "(" in s.split("#", 1)[0]
                   for s in lines)


def read_petrarch_verbs(path: str | Path, table: CodeTable | None = None, strict: bool = False,
                        ordered: bool | None = None) -> list[Pattern]:
    """Every verb pattern of a PETRARCH verb dictionary as newswire Patterns.

    Codes newswire cannot emit (not in the CAMEO table, or dropped by PLOVER: 01x) are skipped;
    with ``strict`` they raise TableError naming the line.

    ``ordered``: match patterns as PETRARCH-1 does, words in order around the verb, the first matching
    pattern winning, only the verb forms PETRARCH knows (see :mod:`newswire.coding.petrarch_match`);
    None: when the dictionary is PETRARCH-1 style (:func:`is_linear`). Otherwise patterns are read as
    PETRARCH-2's: the words must be in the object phrase, the most specific pattern wins.
    """
    table = table or default_table()
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise TableError(f"{path}: cannot read: {exc}") from exc
    if ordered is None:
        ordered = is_linear(lines)
    if ordered:
        return _read_ordered(lines, path, table, strict)
    sets = _synsets(lines)
    patterns: list[Pattern] = []
    verbs: list[tuple[str, str | None]] = []
    for kind, where, _n, st, code, raw in _entries(lines, path, table, strict):
        if kind == "block":
            verbs = []
        elif kind == "pattern":
            body = st
            before, rest = body.split("*", 1) if "*" in body else ("", "")
            source_slot, target_slot = _slots(before.replace("_", " "), rest.replace("_", " "))
            obj, prep, prep_words = _parse_rest(rest.replace("_", " "))
            pre = [w for w in before.replace("_", " ").split() if w not in ("$", "+", "%", "^")]
            obj_alts = _alternatives(obj, sets) if obj else ()
            prep_alts = _alternatives(prep_words, sets) if prep_words else ()
            pre_alts = _alternatives(pre, sets) if pre else ()
            if (obj and not obj_alts) or (prep_words and not prep_alts) or (pre and not pre_alts):
                continue  # an unknown synonym set: the pattern can never match
            for verb, particle in verbs:
                patterns.append(Pattern(trigger=verb, pos="verb", code=code, particle=particle, object=obj_alts,
                                        prep=prep, prep_object=prep_alts, target="optional", origin=where,
                                        subject=pre_alts, reverse=_reverse(raw, table),
                                        reciprocal="%" in before, source_slot=source_slot,
                                        target_slot=target_slot))
        else:  # a verb line; code is the block's default
            word = st.lstrip("+").split("{")[0].split()[0].lower()
            parts = word.split("_")
            verbs.append((parts[0], " ".join(parts[1:]) or None))
            if code not in (None, False):
                patterns.append(Pattern(trigger=parts[0], pos="verb", code=code,
                                        particle=" ".join(parts[1:]) or None, target="optional",
                                        origin=where, reverse=_reverse(raw, table)))
    return patterns


def _entries(lines: list[str], path: Path, table: CodeTable, strict: bool):
    """The verb blocks of a PETRARCH verb dictionary, one tuple (kind, where, line number, text, code, raw code)
    per block header ("block"), pattern ("pattern": text is the pattern's body) or verb line ("verb": code is
    the block's default). Both readers below share it; unusable codes are skipped, or raise with ``strict``."""
    default: str | None | bool = None
    default_raw = ""
    in_block = False
    for n, line in enumerate(lines, 1):
        st = line.split("#", 1)[0].strip()
        where = f"{path.name}:{n}"
        m = _BLOCK.match(st)
        if m:
            in_block = True
            default, default_raw = _code(m.group(2), table), m.group(2)
            if default is False and strict:
                raise TableError(f"{where}: unusable CAMEO code {m.group(2)!r}")
            yield "block", where, n, st, default, default_raw
            continue
        if not in_block or not st:
            continue
        if st.startswith("-"):
            pmatch = _PATTERN.match(st)
            if not pmatch:
                if strict:
                    raise TableError(f"{where}: cannot read pattern {st!r}")
                continue
            code = _code(pmatch.group(2), table)
            if code is False:
                if strict:
                    raise TableError(f"{where}: unusable CAMEO code {pmatch.group(2)!r}")
                continue
            yield "pattern", where, n, pmatch.group(1), code, pmatch.group(2)
        elif st[0].isalpha() or st.startswith("+"):
            yield "verb", where, n, st, default, default_raw


def _read_ordered(lines: list[str], path: Path, table: CodeTable, strict: bool) -> list[Pattern]:
    """A PETRARCH-1 dictionary: each pattern as a :class:`petrarch_match.Sequence` per verb of its block."""
    sets = pm.read_synsets(lines)
    patterns: list[Pattern] = []
    verbs: list[tuple[str, str | None, frozenset[str]]] = []
    for kind, where, n, st, code, raw in _entries(lines, path, table, strict):
        if kind == "block":
            verbs = []
        elif kind == "pattern":
            body = st
            before, rest = body.split("*", 1) if "*" in body else (body, "")
            source_slot, target_slot = _slots(before.replace("_", " "), rest.replace("_", " "))
            for verb, particle, forms in verbs:
                seq = pm.parse_pattern(body, sets, forms, pm.PATTERN_RANK - n)
                if seq is None:
                    break  # no "*" or an unknown synonym set: PETRARCH skips the pattern
                patterns.append(Pattern(trigger=verb, pos="verb", code=code, particle=particle, target="optional",
                                        origin=where, reverse=_reverse(raw, table),
                                        reciprocal="%" in before.split(), sequence=seq,
                                        source_slot=source_slot, target_slot=target_slot))
        else:
            m_code = re.search(r"\[([^\]]*)\]", st)
            verb, particle, forms = pm.verb_forms(st.split("[")[0])
            if not verb:
                continue
            verbs.append((verb, particle, forms))
            own = _code(m_code.group(1), table) if m_code else code
            rev = _reverse(m_code.group(1) if m_code else raw, table)
            if own not in (None, False):
                patterns.append(Pattern(trigger=verb, pos="verb", code=own, particle=particle, target="optional",
                                        origin=where, reverse=rev, sequence=pm.Sequence(forms=forms)))
    return patterns
