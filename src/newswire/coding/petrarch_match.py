"""PETRARCH-1 (TABARI-style) verb patterns matched in order over the sentence's words.

A PETRARCH-1 pattern ``- LOWER WORDS * UPPER WORDS [code]`` is linear, not a tree query: the words after
``*`` must follow the verb in that order inside its verb phrase, the words before ``*`` precede it (read
from the verb backwards). The connector between two elements says how close they sit: ``_`` means the
next word, a blank allows any words in between ("RECENTLY_*" needs "recently allowed", not "recently did
allow"). ``&SET`` matches any phrase of a synonym set (plurals added, as PETRARCH does, unless the set
or phrase ends in ``_``); ``^`` skips one noun phrase; ``$``, ``+`` and ``%`` match a noun phrase and say
it holds the source, the target or a compound actor. Among a verb's patterns the first matching one in
the file wins; the verb alone (its block's code) only when none matches.

PETRARCH's noun phrases come from the Penn parse ("(NP ..." with "NP PP NP" merged into one); here they
are spaCy's noun chunks, a chunk and its attached prepositional phrase merged, temporal phrases left out
("next week" is no noun phrase to PETRARCH: NP-TMP).

This module only reads patterns and finds matches; :mod:`newswire.coding.petrarch_rules` turns the noun
phrases a match binds into actors.
"""

from __future__ import annotations

from dataclasses import dataclass

from newswire.data import ordered

SLOTS = ("$", "+", "%", "^")
# names, not words: the kinds of a pattern element
WORD, SET, SLOT = "word", "set", "slot"
_SIBILANT_ENDINGS = ordered("sibilant_endings")  # "taxes", "churches"
# a rank above every pattern's: the bare verb's default code is only the fallback
DEFAULT_RANK = 0
PATTERN_RANK = 1_000_000


@dataclass(frozen=True)
class Elem:
    """One element of an ordered pattern: a word, a synonym set (its phrases) or a slot mark."""

    kind: str
    value: str | tuple[tuple[str, ...], ...]
    adjacent: bool  # "_" before it: it must sit right next to the previous element (or the verb)


@dataclass(frozen=True)
class Sequence:
    """A PETRARCH-1 pattern in order: ``lower`` after the verb, ``upper`` before it (nearest the verb first).

    ``forms``: the verb's word forms PETRARCH recognises (its own list or the regular ones), lower case;
    ``rank``: the earlier in the file, the higher (PETRARCH takes the first matching pattern).
    """

    upper: tuple[Elem, ...] = ()
    lower: tuple[Elem, ...] = ()
    forms: frozenset[str] = frozenset()
    rank: int = DEFAULT_RANK


def plural(word: str) -> str:
    """The plural PETRARCH adds to a synonym phrase (its last word), spelt as English spells it:
    POLICY → POLICIES, ENVOY → ENVOYS, CROSS → CROSSES (PETRARCH's own rule writes "ENVOIES", "CROSES")."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(_SIBILANT_ENDINGS):
        return word + "es"
    return word + "s"


def read_synsets(lines: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Every ``&NAME`` block: its phrases as lower-case word tuples, nested sets expanded, plurals added."""
    raw: dict[str, list[tuple[str, bool]]] = {}
    current = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&") and len(s.split()) == 1:
            current = s.upper().rstrip("_")
            raw[current] = []
            noplural_set = s.endswith("_")
            continue
        if current and s.startswith("+"):
            phrase = s[1:].strip()
            raw[current].append((phrase, noplural_set or phrase.endswith("_")))
        elif not s:
            current = None
    out: dict[str, tuple[tuple[str, ...], ...]] = {}

    def expand(name: str, seen: frozenset[str]) -> list[tuple[str, ...]]:
        phrases: list[tuple[str, ...]] = []
        for phrase, noplural in raw.get(name, []):
            if phrase.startswith("&"):
                nested = phrase.upper().rstrip("_")
                if nested not in seen:
                    phrases.extend(expand(nested, seen | {nested}))
                continue
            words = tuple(phrase.replace("_", " ").lower().split())
            if not words:
                continue
            phrases.append(words)
            if not noplural:
                phrases.append(words[:-1] + (plural(words[-1]),))
        return phrases

    for name in raw:
        out[name] = tuple(dict.fromkeys(expand(name, frozenset({name}))))
    return out


def verb_forms(entry: str) -> tuple[str, str | None, frozenset[str]]:
    """A verb line ("EXPEL {EXPELS EXPELLED}", "+BREAK_DOWN {...}", "ABANDON") as (verb, particle, forms).

    Forms are what PETRARCH recognises: the listed ones, else the regular -S/-ES, -ED/-D and -ING."""
    head, _, braces = entry.partition("{")
    first = head.split()[0] if head.split() else ""
    if "+" in first[1:]:
        # "WIRE_+TAP": the verb is the word marked "+"; the words before it are not a particle
        verb = next(w for w in first.split("_") if w.startswith("+")).strip("+").lower()
        return verb, None, frozenset({verb} | _regular(verb))
    words = first.strip("+").lower().split("_")
    verb, particle = words[0], " ".join(words[1:]) or None
    forms = {verb}
    if braces:
        listed = braces.split("}")[0].split()
        forms |= {w.strip("+").lower().split("_")[0] for w in listed if w.strip("+")}
    else:
        forms |= _regular(verb)
    return verb, particle, frozenset(forms)


def _regular(verb: str) -> set[str]:
    if not verb:
        return set()
    third = verb + "es" if verb[-1] in "sxz" else verb + "s"
    if verb.endswith("e"):
        return {third, verb + "d", verb[:-1] + "ing"}
    return {third, verb + "ed", verb + "ing"}


def _split(text: str) -> list[tuple[str, str]]:
    """Pattern text as (word, connector before it) pairs; "_" joins, blanks separate."""
    out: list[tuple[str, str]] = []
    connector = " "
    word = ""
    for ch in text:
        if ch in " _":
            if word:
                out.append((word, connector))
                word = ""
                connector = ch
            elif ch == "_":
                connector = "_"
        else:
            word += ch
    if word:
        out.append((word, connector))
    return out


def _elem(word: str, connector: str, sets: dict) -> Elem | None:
    if word in SLOTS:
        return Elem(SLOT, word, connector == "_")
    if word.startswith("&"):
        phrases = sets.get(word.upper().rstrip("_"))
        if not phrases:
            return None
        return Elem(SET, phrases, connector == "_")
    return Elem(WORD, word.lower(), connector == "_")


def parse_pattern(body: str, sets: dict, forms: frozenset[str], rank: int) -> Sequence | None:
    """``LOWER * UPPER`` (PETRARCH's "- " and code already cut off) as a Sequence; None when a synonym
    set is unknown (the pattern can never match, as PETRARCH skips it)."""
    body = body.replace("_ ", " ").rstrip().rstrip("_")
    if "*" not in body:
        return None
    before, after = body.split("*", 1)
    before = before.strip()
    # the connector between the last upper word and "*" is the character just before "*"
    upper_pairs = _split(before)
    star_left = "_" if before.endswith("_") else " "
    upper: list[Elem] = []
    # nearest the verb first: each element's adjacency is the connector to its right
    rights = [c for _, c in upper_pairs[1:]] + [star_left] if upper_pairs else []
    for (word, _), right in zip(reversed(upper_pairs), reversed(rights), strict=True):
        e = _elem(word, right, sets)
        if e is None:
            return None
        upper.append(e)
    lower: list[Elem] = []
    for word, connector in _split(after):
        e = _elem(word, connector, sets)
        if e is None:
            return None
        lower.append(e)
    return Sequence(tuple(upper), tuple(lower), forms, rank)


# ---- matching -----------------------------------------------------------------------------------


def noun_phrases(sent) -> dict[int, tuple[int, int]]:
    """Token index → (start, end) of the PETRARCH-like noun phrase holding it, in the sentence."""
    spans: list[list[int]] = []
    for chunk in sent.noun_chunks:
        if chunk.root.dep_ == "npadvmod" or chunk.root.ent_type_ in ("DATE", "TIME"):
            continue  # "next week": a temporal phrase (NP-TMP), no actor phrase
        spans.append([chunk.start, chunk.end])
    merged: list[list[int]] = []
    for span in spans:
        if merged:
            prev = merged[-1]
            doc = sent.doc
            # "Tabaski with Eriador", "the leaders of Gondor": NP PP NP is one phrase to PETRARCH
            if span[0] == prev[1] + 1 and doc[prev[1]].dep_ == "prep" and prev[0] <= doc[prev[1]].head.i < prev[1]:
                prev[1] = span[1]
                continue
        merged.append(span)
    out: dict[int, tuple[int, int]] = {}
    for start, end in merged:
        for i in range(start, end):
            out[i] = (start, end)
    return out


def lower_tokens(verb) -> list:
    """The words after the verb inside its phrase: its subtree to the right, less coordinated verbs."""
    skip: set[int] = set()
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > verb.i:
            skip.update(t.i for t in c.subtree)
            skip.update(t.i for t in verb.children if t.dep_ == "cc" and verb.i < t.i < c.i)
    doc = verb.doc
    return [t for t in doc[verb.i + 1:verb.right_edge.i + 1] if t.i not in skip]


def upper_tokens(verb) -> list:
    """The words before the verb back to the sentence start or a comma, nearest the verb first."""
    out = []
    for i in range(verb.i - 1, verb.sent.start - 1, -1):
        t = verb.doc[i]
        if t.text == ",":
            break
        out.append(t)
    return out


def _phrase_at(toks, p: int, words: tuple[str, ...], reverse: bool) -> int:
    """How many tokens the phrase takes from p (0: no match)."""
    seq = tuple(reversed(words)) if reverse else words
    if p + len(seq) > len(toks):
        return 0
    return len(seq) if all(toks[p + k].lower_ == w for k, w in enumerate(seq)) else 0


def _match(elems, k: int, toks, p: int, phrases: dict, reverse: bool, bound: dict) -> dict | None:
    """Backtracking match of elems[k:] from toks[p:]; the slot marks bound to noun-phrase spans."""
    if k == len(elems):
        return bound
    e = elems[k]
    last = p if e.adjacent else len(toks) - 1
    for q in range(p, last + 1):
        if q >= len(toks):
            break
        if e.kind == WORD:
            n = 1 if toks[q].lower_ == e.value else 0
        elif e.kind == SET:
            n = max((_phrase_at(toks, q, ph, reverse) for ph in e.value), default=0)
        else:
            span = phrases.get(toks[q].i)
            if span is None:
                continue
            # consume to the phrase's end in the reading direction
            edge = span[0] if reverse else span[1] - 1
            n = abs(edge - toks[q].i) + 1
            n = min(n, len(toks) - q)
        if n:
            new = bound
            if e.kind == SLOT and e.value != "^":
                span = phrases[toks[q].i]
                new = {**bound, e.value: span}
            found = _match(elems, k + 1, toks, q + n, phrases, reverse, new)
            if found is not None:
                return found
    return None


def match(verb, seq: Sequence) -> dict | None:
    """Whether the pattern holds around this verb token: None if not, else the slot marks ("$", "+",
    "%") bound to (start, end) token spans of their noun phrases."""
    if seq.forms and verb.lower_ not in seq.forms:
        return None
    phrases = noun_phrases(verb.sent) if any(e.kind == SLOT for e in seq.upper + seq.lower) else {}
    bound: dict | None = {}
    if seq.upper:
        bound = _match(seq.upper, 0, upper_tokens(verb), 0, phrases, True, {})
        if bound is None:
            return None
    if seq.lower:
        bound = _match(seq.lower, 0, lower_tokens(verb), 0, phrases, False, bound)
    return bound


def linear_actor_spans(verb) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """PETRARCH's fallback places: noun phrases before the verb (sentence order) and after it (in order)."""
    phrases = noun_phrases(verb.sent)
    before = sorted({phrases[t.i] for t in upper_tokens(verb) if t.i in phrases})
    after = sorted({phrases[t.i] for t in lower_tokens(verb) if t.i in phrases})
    return before, after
