"""Knowledge as data: actor dictionaries, event patterns, code tables and lexicons live in this folder
as YAML and TSV files that users can read and edit. This module is the one way they are read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it: people.yaml is large


def read_yaml(path: Any, error: type[Exception] = ValueError, source: str | None = None) -> Any:
    """A YAML file parsed: a name relative to this folder, or any path (or importlib resource).

    An unreadable or invalid file raises ``error`` naming ``source`` (default: the file's name), so a
    damaged data file fails loudly at load time.
    """
    if isinstance(path, str | Path):
        path = Path(path)
        if not path.is_absolute() and not path.exists():
            path = DATA / path
    name = source or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{name}: cannot be read: {exc}") from None
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise error(f"{name}: not valid YAML: {str(exc).splitlines()[0]}") from None
    except ValueError as exc:  # PyYAML reads 2020-13-01 as a date and fails
        raise error(f"{name}: invalid value: {exc} (dates are YYYY-MM-DD)") from None
