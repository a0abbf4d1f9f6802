"""The CAMEO code table and its PLOVER mapping, read from the data files and checked at load.

Both tables are facts users may edit (``data/cameo.tsv``, ``data/cameo_plover.tsv``), so a bad row
stops loading with the file, line and reason instead of coding events with wrong scores.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newswire.data import DataError

QUAD_CLASSES = {1, 2, 3, 4}


TableError = DataError  # a code table or pattern file is malformed: the file, line and reason


@dataclass(frozen=True)
class CodeInfo:
    """What one CAMEO code means: its name, scores and PLOVER translation (None when PLOVER drops it)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    mode: str | None
    context: str | None


def _data_path(name: str) -> Path:
    return Path(str(resources.files("newswire") / "data" / name))


def _rows(path: Path):
    """Tab-separated rows after the header, with their line numbers; '#' lines are comments."""
    with open(path, encoding="utf-8") as f:
        lines = [(n, line.rstrip("\n")) for n, line in enumerate(f, 1)
                 if line.strip() and not line.startswith("#")]
    if not lines:
        raise TableError(f"{path}: empty table")
    header = lines[0][1].split("\t")
    for n, line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        yield n, dict(zip(header, (c.strip() for c in cells), strict=False))


def _by_prefix(table: dict, code: str):
    """The entry of the longest prefix of ``code`` (two digits at least) in ``table``, or None: a code without
    a row of its own inherits its parent's ("1712" from "171", else "17")."""
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            return table[code[:k]]
    return None


class CodeTable:
    """CAMEO codes with Goldstein, QuadClass and PLOVER type/mode; a missing PLOVER row inherits its parent's."""

    def __init__(self, cameo_path: Path | None = None, plover_path: Path | None = None,
                 threats_path: Path | None = None, promises_path: Path | None = None) -> None:
        cameo_path = cameo_path or _data_path("cameo.tsv")
        plover_path = plover_path or _data_path("cameo_plover.tsv")
        threats_path = threats_path or _data_path("cameo_threats.tsv")
        promises_path = promises_path or _data_path("cameo_promises.tsv")
        self._cameo: dict[str, tuple[str, float, int]] = {}
        for n, row in _rows(cameo_path):
            code = row.get("code", "")
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise TableError(f"{cameo_path}:{n}: bad CAMEO code {code!r}")
            try:
                goldstein = float(row["goldstein"])
                quad = int(row["quad_class"])
            except (KeyError, ValueError) as exc:
                raise TableError(f"{cameo_path}:{n}: bad goldstein or quad_class for {code}") from exc
            if quad not in QUAD_CLASSES or not -10 <= goldstein <= 10:
                raise TableError(f"{cameo_path}:{n}: quad_class must be 1-4 and goldstein -10..10 ({code})")
            self._cameo[code] = (row.get("name", ""), goldstein, quad)
        self._plover: dict[str, tuple[str, str | None, str | None]] = {}
        for n, row in _rows(plover_path):
            code, plover = row.get("code", ""), row.get("plover", "")
            if code not in self._cameo:
                raise TableError(f"{plover_path}:{n}: CAMEO code {code!r} is not in {cameo_path.name}")
            if not plover.isalpha() or not plover.isupper():
                raise TableError(f"{plover_path}:{n}: bad PLOVER type {plover!r} for {code}")
            self._plover[code] = (plover, row.get("mode") or None, row.get("context") or None)
        self._threats = self._becomes(threats_path, "threat", "13")
        self._promises = self._becomes(promises_path, "promise", "03")

    def _becomes(self, path: Path, column: str, family: str) -> dict[str, str]:
        """A table of what acts become when announced (prefix -> a code of ``family``), checked against cameo.tsv."""
        out: dict[str, str] = {}
        for n, row in _rows(path):
            prefix, code = row.get("prefix", ""), row.get(column, "")
            if prefix not in self._cameo or code not in self._cameo or not code.startswith(family):
                raise TableError(f"{path}:{n}: need a CAMEO prefix and a {family}x {column} code, got "
                                 f"{prefix!r} -> {code!r}")
            out[prefix] = code
        return out

    def __contains__(self, code: object) -> bool:
        return code in self._cameo

    def threat(self, code: str) -> str | None:
        """The THREATEN code an act becomes when its doer announces it (cameo_threats.tsv), or None."""
        return _by_prefix(self._threats, code)

    def promise(self, code: str) -> str | None:
        """The CAMEO intent (03x) an act becomes when its doer announces it (cameo_promises.tsv), or None."""
        return _by_prefix(self._promises, code)

    def info(self, code: str) -> CodeInfo:
        """The code's facts; KeyError for a code not in the table."""
        name, goldstein, quad = self._cameo[code]
        plover, mode, context = _by_prefix(self._plover, code) or (None, None, None)
        return CodeInfo(code, name, goldstein, quad, plover, mode, context)


class OpenTable(CodeTable):
    """The bundled table that also accepts any other numeric code, for dictionaries with codes of their own.

    PETRARCH's validation dictionaries use made-up codes ("903", "1717") and keep CAMEO 01x statements,
    which newswire's own coding drops. A code the table knows keeps its facts; any other code (and one
    PLOVER drops) gets plover "CAMEO", Goldstein 0 and the QuadClass of its two-digit root (1 when none),
    so running such a dictionary never invents a PLOVER type.
    """

    def __contains__(self, code: object) -> bool:
        # PETRARCH's test dictionaries also use a letter after the digits ("174K")
        return isinstance(code, str) and bool(re.fullmatch(r"\d{2,4}[A-Z]?", code))

    def info(self, code: str) -> CodeInfo:
        if code not in self:
            raise KeyError(code)
        if super().__contains__(code):
            known = super().info(code)
            if known.plover is not None:
                return known
            return CodeInfo(code, known.name, known.goldstein, known.quad_class, "CAMEO", None, None)
        root = code[:2]
        quad = self._cameo[root][2] if super().__contains__(root) else 1
        return CodeInfo(code, "", 0.0, quad, "CAMEO", None, None)


@functools.lru_cache(maxsize=1)
def default_table() -> CodeTable:
    """The bundled tables, loaded once per process."""
    return CodeTable()


@functools.lru_cache(maxsize=1)
def coder_groups() -> dict[str, dict[str, frozenset[str]]]:
    """The PLOVER types, CAMEO codes and sectors the coder treats alike (``data/coder_groups.yaml``), checked
    against the bundled tables: ``coder_groups()["plover"]["cooperative"]`` is {"AGREE", "CONSULT", ...}."""
    from newswire.data import read_yaml

    name = "coder_groups.yaml"
    data = read_yaml(name)
    table = default_table()
    known = {"plover": {p for p, _, _ in table._plover.values()}, "cameo": set(table._cameo),
             "sectors": None}
    if not isinstance(data, dict) or set(data) != set(known):
        raise DataError(name, f"expected the sections {', '.join(sorted(known))}")
    out: dict[str, dict[str, frozenset[str]]] = {}
    for section, groups in data.items():
        if not isinstance(groups, dict):
            raise DataError(name, f"{section}: expected groups of codes")
        out[section] = {}
        for group, codes in groups.items():
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise DataError(name, f"{section}.{group}: expected a list of codes")
            unknown = [c for c in codes if known[section] is not None and c not in known[section]]
            if unknown or (section == "sectors" and not all(c.isalpha() and c.isupper() for c in codes)):
                raise DataError(name, f"{section}.{group}: unknown codes {unknown or codes}")
            out[section][group] = frozenset(codes)
    return out
