"""Verb and noun patterns: the one model newswire's YAML files and PETRARCH dictionaries both load into.

A pattern says: this trigger word (a verb lemma, optionally with a particle, or a noun), when its
object phrase holds one of these words and/or it governs this prepositional phrase, yields this
CAMEO code. The coder picks, per trigger, the matching pattern with the most constraints, so a bare
``expel`` (166) gives way to ``expel`` + object ``diplomat`` (161). A pattern whose code is None
(PETRARCH's ``---``) matches and suppresses coding on purpose.

Words match a token's lower-cased text or its lemma, so PETRARCH's inflected forms work unchanged.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from newswire.coding.tables import CodeTable, TableError, default_table
from newswire.data import ordered, read_yaml

# Where a target is looked for when a pattern names no prepositions.
DEFAULT_TARGET_PREPS = ordered("target_prepositions")
# "clause": optional, but required when the trigger takes a "to"-clause ("refused to visit a cemetery"
# rejects no one; "refused to meet Ukraine" rejects Ukraine).
TARGET_MODES = ("required", "optional", "clause")  # names, not words: the values of "target"


@dataclass(frozen=True)
class Pattern:
    trigger: str  # lemma, lower case
    pos: str  # "verb" or "noun"
    code: str | None  # None: matched on purpose and not coded
    particle: str | None = None  # "out" in "pull out"
    object: tuple[tuple[str, ...], ...] = ()  # alternatives; every word of one must be in the object phrase
    prep: str | None = None  # a prepositional phrase the trigger must govern
    prep_object: tuple[tuple[str, ...], ...] = ()  # alternatives for that phrase's words
    target_preps: tuple[str, ...] = DEFAULT_TARGET_PREPS
    target: str = "required"  # "optional": the event stands without a target actor
    threat: str | None = None  # code when announced as possible or planned: a THREATEN that occurred
    confidence: float = 0.85
    origin: str = ""  # "file:line" for messages
    # the code between people when no violence is in sight ("Trump attacked Biden" is criticism, 111);
    # None: not coded then; False: no such rule
    person: str | None | bool = False
    object_target: bool = True  # False: the direct object is a topic, never the target ("discuss X")
    subject: tuple[tuple[str, ...], ...] = ()  # words before the trigger in its sentence (PETRARCH's before *)
    reverse: str | None = None  # the code of the answering event, target to source (PETRARCH's "032:033")
    reciprocal: bool = False  # coordinated sources act on each other (PETRARCH's "%")
    # nouns: the only light verbs whose subject is the source ("make/issue a threat", not "have a threat of
    # jail", where the subject is threatened); empty: every light verb of cues.yaml
    light: frozenset[str] = frozenset()
    # PETRARCH's "$" (source) and "+" (target) slots: "subject", "object", or a preposition whose object
    # holds the actor ("+ * FROM $": freed from Y, Y is the source); None: found from the parse
    source_slot: str | None = None
    target_slot: str | None = None
    # a PETRARCH-1 pattern matched in word order (newswire.coding.petrarch_match.Sequence); set only by
    # read_petrarch_verbs for linear dictionaries, and then the only constraint checked besides the particle
    sequence: object | None = None

    @property
    def specificity(self) -> int:
        """How many constraints the pattern adds; the most specific matching pattern wins (PETRARCH-1
        patterns: the first in the file, the verb's bare code last)."""
        if self.sequence is not None:
            return self.sequence.rank
        return (2 * bool(self.particle) + (1 + max(map(len, self.object)) if self.object else 0)
                + (1 if self.prep else 0) + (max(map(len, self.prep_object)) if self.prep_object else 0)
                + (1 + max(map(len, self.subject)) if self.subject else 0) + 2 * self.reciprocal)


@dataclass
class Cues:
    """Words that steer coding without being events: light verbs, modality, reporting verbs."""

    light_verbs: frozenset[str] = frozenset()
    planned_verbs: frozenset[str] = frozenset()
    possible_verbs: frozenset[str] = frozenset()
    possible_nouns: frozenset[str] = frozenset()
    planned_modals: frozenset[str] = frozenset()
    possible_modals: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()
    control_verbs: frozenset[str] = frozenset()
    planned_adjectives: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    demand_modals: frozenset[str] = frozenset()
    reciprocal_words: frozenset[str] = frozenset()
    violence_words: frozenset[str] = frozenset()
    verbal_objects: frozenset[str] = frozenset()
    commission_verbs: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    deed_nouns: frozenset[str] = frozenset()
    earlier_deeds: frozenset[str] = frozenset()
    enabling_verbs: frozenset[str] = frozenset()
    law_nouns: frozenset[str] = frozenset()
    message_nouns: frozenset[str] = frozenset()
    request_verbs: frozenset[str] = frozenset()
    permission_verbs: frozenset[str] = frozenset()
    instigation_nouns: frozenset[str] = frozenset()
    instigation_prepositions: frozenset[str] = frozenset()
    statistic_nouns: frozenset[str] = frozenset()
    career_verbs: frozenset[str] = frozenset()
    allegation_verbs: frozenset[str] = frozenset()
    allegation_nouns: frozenset[str] = frozenset()
    necessity_verbs: frozenset[str] = frozenset()
    promise_verbs: frozenset[str] = frozenset()
    announcing_verbs: frozenset[str] = frozenset()
    characterising_verbs: frozenset[str] = frozenset()
    critical_words: frozenset[str] = frozenset()
    projectiles: frozenset[str] = frozenset()
    concurring_verbs: frozenset[str] = frozenset()
    opinion_nouns: frozenset[str] = frozenset()
    meeting_nouns: frozenset[str] = frozenset()
    generic_people: frozenset[str] = frozenset()
    police_acts: frozenset[str] = frozenset()
    court_acts: frozenset[str] = frozenset()


@dataclass
class PatternSet:
    """Patterns indexed by (pos, trigger lemma), plus the cues the coder reads."""

    patterns: list[Pattern] = field(default_factory=list)
    cues: Cues = field(default_factory=Cues)

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for p in self.patterns:
            self._index[(p.pos, p.trigger)].append(p)

    def add(self, patterns: list[Pattern]) -> None:
        for p in patterns:
            self.patterns.append(p)
            self._index[(p.pos, p.trigger)].append(p)

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self._index.get((pos, lemma), [])

    def __len__(self) -> int:
        return len(self.patterns)


def _words(value, where: str) -> tuple[tuple[str, ...], ...]:
    """A YAML word list ("diplomat", "embassy staff") as alternatives of lower-case word tuples."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TableError(f"{where}: expected a word or a list of words, got {value!r}")
    return tuple(tuple(v.lower().split()) for v in value)


# names, not words: the keys a pattern entry may have
_KEYS = {"verb", "noun", "code", "object", "prep", "prep_object", "target_preps", "target", "threat",
         "confidence", "note", "person", "object_target", "subject", "light"}


def pattern_from_entry(entry: dict, where: str, table: CodeTable) -> Pattern:
    """One YAML entry as a Pattern, with every field checked (unknown CAMEO code: clear error)."""
    if not isinstance(entry, dict):
        raise TableError(f"{where}: a pattern must be a mapping, got {entry!r}")
    unknown = set(entry) - _KEYS
    if unknown:
        raise TableError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    kinds = [k for k in ("verb", "noun") if k in entry]
    if len(kinds) != 1 or not isinstance(entry[kinds[0]], str) or not entry[kinds[0]].strip():
        raise TableError(f"{where}: a pattern needs exactly one of 'verb' or 'noun' (a word)")
    words = entry[kinds[0]].lower().split()
    code = _code(entry.get("code", "missing"), where, table, "code")
    threat = _code(entry["threat"], where, table, "threat") if entry.get("threat") is not None else None
    if threat is not None and not threat.startswith("13"):
        raise TableError(f"{where}: 'threat' must be a THREATEN code (13x), got {threat}")
    target = entry.get("target", "required")
    if target not in TARGET_MODES:
        raise TableError(f"{where}: 'target' must be one of {TARGET_MODES}, got {target!r}")
    preps = entry.get("target_preps")
    if preps is not None and (not isinstance(preps, list) or not all(isinstance(p, str) for p in preps)):
        raise TableError(f"{where}: 'target_preps' must be a list of prepositions")
    conf = entry.get("confidence", 0.85)
    if not isinstance(conf, int | float) or not 0 < conf <= 1:
        raise TableError(f"{where}: 'confidence' must be a number in (0, 1]")
    person: str | None | bool = False
    if "person" in entry:
        person = _code(entry["person"], where, table, "person")
    object_target = entry.get("object_target", True)
    if not isinstance(object_target, bool):
        raise TableError(f"{where}: 'object_target' must be true or false")
    prep = entry.get("prep")
    if prep is not None and (not isinstance(prep, str) or len(prep.split()) != 1):
        raise TableError(f"{where}: 'prep' must be one preposition")
    light = entry.get("light", [])
    if not isinstance(light, list) or not all(isinstance(w, str) and len(w.split()) == 1 for w in light):
        raise TableError(f"{where}: 'light' must be a list of single verbs")
    if light and kinds[0] != "noun":
        raise TableError(f"{where}: 'light' applies to noun patterns only")
    return Pattern(
        trigger=words[0], pos=kinds[0], code=code, particle=" ".join(words[1:]) or None,
        object=_words(entry.get("object"), where), prep=prep.lower() if prep else None,
        prep_object=_words(entry.get("prep_object"), where),
        target_preps=tuple(p.lower() for p in preps) if preps is not None else DEFAULT_TARGET_PREPS,
        target=target, threat=threat, confidence=float(conf), origin=where, person=person,
        object_target=object_target, subject=_words(entry.get("subject"), where),
        light=frozenset(w.lower() for w in light),
    )


def _code(value, where: str, table: CodeTable, name: str) -> str | None:
    if value is None:
        return None  # explicit null: matched on purpose, not coded
    if value == "missing":
        raise TableError(f"{where}: missing '{name}' (a CAMEO code as a string, e.g. \"161\", or null)")
    code = str(value)
    if code not in table:
        raise TableError(f"{where}: unknown CAMEO code {code!r} in '{name}'")
    if table.info(code).plover is None:
        raise TableError(f"{where}: CAMEO code {code} has no PLOVER type (PLOVER drops it); it cannot be emitted")
    return code


def load_pattern_file(path: Path, table: CodeTable | None = None) -> list[Pattern]:
    """Patterns from one YAML file: a top-level list, or a mapping with a ``patterns`` list."""
    table = table or default_table()
    data = read_yaml(path)
    if isinstance(data, dict):
        data = data.get("patterns")
    if not isinstance(data, list):
        raise TableError(f"{path}: expected a list of patterns (or a 'patterns:' list)")
    return [pattern_from_entry(e, f"{path.name}#{i + 1}", table) for i, e in enumerate(data)]


def load_cues(path: Path) -> Cues:
    """The cue lists (light verbs, modality, reporting verbs); every key is required to be a word list."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise TableError(f"{path}: expected a mapping of cue lists")
    fields = Cues.__dataclass_fields__
    unknown = set(data) - set(fields)
    if unknown:
        raise TableError(f"{path}: unknown cue list(s) {sorted(unknown)}; allowed: {sorted(fields)}")
    values: dict = {}
    for key, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise TableError(f"{path}: '{key}' must be a list of words")
        values[key] = frozenset(w.lower() for w in words)
    return Cues(**values)


def patterns_dir() -> Path:
    return Path(str(resources.files("newswire") / "data" / "patterns"))


@functools.lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """newswire's own patterns (every ``data/patterns/*.yaml`` but ``cues.yaml``) and cues, loaded once."""
    folder = patterns_dir()
    patterns: list[Pattern] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name != "cues.yaml":
            patterns.extend(load_pattern_file(path))
    return PatternSet(patterns, load_cues(folder / "cues.yaml"))
