"""Knowledge as data: actor dictionaries, event patterns, code tables and lexicons live in this folder
as YAML and TSV files that users can read and edit. This module is the one way they are read.

* :func:`read_yaml` reads any of them; a damaged file raises :class:`DataError`, which names the file (and the
  line, where the file says one).
* :func:`lexicon` is ``lexicon.yaml``: the English function and cue words the stages look for, each list
  under a name. :func:`words` and :func:`mapping` give one entry, checked at load time.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from newswire.model import InputError

DATA = Path(__file__).resolve().parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it: people.yaml is large


class DataError(InputError, ValueError):
    """A data file that cannot be used: unreadable, not valid YAML, or an entry of the wrong shape.

    The one error of every loader here (the actor dictionary, patterns, code tables, dates, places, the
    text-page and word lexicons), so a damaged file fails loudly at load time with its name and line.
    """

    def __init__(self, source: str, message: str | None = None, line: int | None = None) -> None:
        self.source, self.line = source, line
        if message is None:  # one ready message that already names the file
            super().__init__(source)
        else:
            super().__init__(f"{source}:{line}: {message}" if line else f"{source}: {message}")


def read_yaml(path: Any, source: str | None = None) -> Any:
    """A YAML file parsed: a name relative to this folder, or any path (or importlib resource).

    An unreadable or invalid file raises :class:`DataError` naming ``source`` (default: the file's name) and,
    for invalid YAML, the line.
    """
    if isinstance(path, str | Path):
        path = Path(path)
        if not path.is_absolute() and not path.exists():
            path = DATA / path
    name = source or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(name, f"cannot be read: {exc}") from None
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError(name, f"not valid YAML: {str(exc).splitlines()[0]}", line) from None
    except ValueError as exc:  # PyYAML reads 2020-13-01 as a date and fails
        raise DataError(name, f"invalid value: {exc} (dates are YYYY-MM-DD)") from None


@functools.cache
def month_spellings() -> tuple[str, ...]:
    """Every spelling of a month name in ``dates.yaml`` ("January", "Jan", "Sept", ...): the one list of month
    names, read by the date resolver (:mod:`newswire.nlp.dates`) and by the page readers' date patterns."""
    data = read_yaml("dates.yaml")
    months = data.get("months") if isinstance(data, dict) else None
    if not isinstance(months, dict) or not all(isinstance(v, list) and v for v in months.values()):
        raise DataError("dates.yaml", "'months' must map month numbers to lists of spellings")
    return tuple(str(name) for names in months.values() for name in names)


# -- the word lexicon -----------------------------------------------------------------------------------
LEXICON = "lexicon.yaml"


@functools.cache
def lexicon(path: str | Path = LEXICON) -> dict[str, tuple[str, ...] | dict[str, str]]:
    """Every entry of the word lexicon: a list becomes a tuple of words in the file's order, a mapping a dict.

    Checked here, once: each entry a list of distinct lower-case strings or a mapping of such strings.
    """
    name = Path(path).name
    file = Path(path) if Path(path).is_absolute() else DATA / path
    try:
        text = file.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(name, f"cannot be read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(name, f"not valid YAML: {str(exc).splitlines()[0]}", mark.line + 1 if mark else None) from None
    if not isinstance(root, yaml.MappingNode):
        raise DataError(name, "must be a mapping of entry names to word lists", 1)
    out: dict[str, tuple[str, ...] | dict[str, str]] = {}
    for key, value in root.value:
        entry, line = key.value, key.start_mark.line + 1
        if entry in out:
            raise DataError(name, f"entry {entry!r} is given twice", line)
        if isinstance(value, yaml.SequenceNode):
            words = [_word(name, entry, item) for item in value.value]
            repeated = sorted({w for w in words if words.count(w) > 1})
            if repeated:
                raise DataError(name, f"{entry}: {', '.join(repeated)} given twice", line)
            out[entry] = tuple(words)
        elif isinstance(value, yaml.MappingNode):
            out[entry] = {_word(name, entry, k): _word(name, entry, v) for k, v in value.value}
        else:
            raise DataError(name, f"{entry}: expected a list of words or a mapping", line)
    return out


def _word(name: str, entry: str, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        raise DataError(name, f"{entry}: expected a word", node.start_mark.line + 1)
    word = node.value.strip()
    if word != word.lower():
        raise DataError(name, f"{entry}: {word!r} is not lower case (words are matched lower-cased)",
                        node.start_mark.line + 1)
    return word


def words(entry: str) -> frozenset[str]:
    """One word list of the lexicon, as a set (a mapping gives its keys)."""
    return frozenset(_entry(entry))


def ordered(entry: str) -> tuple[str, ...]:
    """One word list of the lexicon in the file's order (where the order is a preference)."""
    return tuple(_entry(entry))


def mapping(entry: str) -> dict[str, str]:
    """One mapping of the lexicon (word → class)."""
    value = _entry(entry)
    if not isinstance(value, dict):
        raise DataError(LEXICON, f"{entry}: expected a mapping, the file gives a list")
    return dict(value)


def _entry(entry: str):
    try:
        return lexicon()[entry]
    except KeyError:
        raise DataError(LEXICON, f"no entry {entry!r} (the code asks for it)") from None
