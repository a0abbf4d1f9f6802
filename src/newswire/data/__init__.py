"""Knowledge as data: actor dictionaries, event patterns, code tables and lexicons live in this folder
as YAML and TSV files that users can read and edit. This module is the one way they are read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent


def read_yaml(path: str | Path, error: type[Exception] = ValueError) -> Any:
    """A YAML file parsed: a name relative to this folder, or any path. An unreadable or invalid
    file raises ``error`` with the file's name, so a damaged data file fails loudly at load time."""
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = DATA / path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path.name}: cannot be read: {exc}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{path.name}: not valid YAML: {exc}") from exc
