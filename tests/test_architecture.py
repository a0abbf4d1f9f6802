"""The package's structure, read from its source with ``ast``: imports point one way, and knowledge is data.

Layers, bottom to top (a module may import its own layer and those below, never one above):

    model, config, data (the lexicon), components  ←  sources  ←  extract  ←  nlp (language)  ←  actors
    ←  coding, quotes  ←  pipeline  ←  ingest, spark  ←  api, the package  ←  cli, web

The store sits beside them and depends only on the bottom layer; ingest, spark, api, cli and web use it.
Imports inside functions count too: a deferred import is still an arrow.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newswire"

LAYERS: list[set[str]] = [
    {"newswire.model", "newswire.config", "newswire.data", "newswire.components"},
    {"newswire.sources"},
    {"newswire.extract"},
    {"newswire.nlp"},
    {"newswire.actors"},
    {"newswire.coding", "newswire.quotes"},
    {"newswire.pipeline"},
    {"newswire.ingest", "newswire.spark", "newswire.watch"},
    {"newswire.api", "newswire"},
    {"newswire.cli", "newswire.web"},
]
STORE = "newswire.store"
STORE_USERS = {"newswire.ingest", "newswire.spark", "newswire.watch", "newswire.api", "newswire.cli", "newswire.web"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def unit(module: str) -> str:
    """The part of the package a module belongs to: ``newswire.actors.resolve`` → ``newswire.actors``."""
    parts = module.split(".")
    return ".".join(parts[:2])


def imports(path: Path) -> set[str]:
    """Every newswire module ``path`` imports, at the top or inside a function (TYPE_CHECKING blocks aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for n in ast.walk(node)}
    out: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "newswire"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "newswire":
                continue
            for alias in node.names:  # "from newswire.coding import coder" imports a module
                sub = f"{base}.{alias.name}"
                out.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists() else base)
    return out


@functools.cache  # read once for the three tests that ask
def modules() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int | None:
    u = unit(module)
    for i, names in enumerate(LAYERS):
        if u in names or module in names:
            return i
    return None


def test_every_module_has_a_place_in_the_layers():
    homeless = [m for m in modules() if unit(m) != STORE and layer(m) is None]
    assert not homeless, f"modules in no layer (add them to LAYERS): {homeless}"


def test_no_import_runs_back_up_the_layers():
    upward = []
    for module, targets in modules().items():
        for target in targets:
            if unit(target) == STORE:
                if unit(module) != STORE and unit(module) not in STORE_USERS and module not in STORE_USERS:
                    upward.append(f"{module} → {target} (only {sorted(STORE_USERS)} use the store)")
                continue
            if unit(module) == STORE:
                if layer(target) != 0:
                    upward.append(f"{module} → {target} (the store depends only on the bottom layer)")
                continue
            if layer(target) > layer(module):
                upward.append(f"{module} (layer {layer(module)}) → {target} (layer {layer(target)})")
    assert not upward, "imports that run back up:\n" + "\n".join(sorted(upward))


def test_there_is_no_import_cycle():
    graph = modules()
    # a package's __init__ is imported with each of its modules, so it is a node of its own
    seen: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if seen.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in seen:
                visit(nxt)
        stack.pop()
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_the_checker_sees_an_upward_import(tmp_path):
    """The reader of imports finds deferred and relative imports (else the tests above could not fail)."""
    sample = PACKAGE / "nlp" / "_probe_for_test.py"
    sample.write_text("def f():\n    from newswire.coding import coder\n    from ..pipeline import Pipeline\n")
    try:
        found = imports(sample)
    finally:
        sample.unlink()
    assert found == {"newswire.coding.coder", "newswire.pipeline"}
    assert layer("newswire.coding.coder") > layer("newswire.nlp._probe_for_test")


# -- knowledge is data ------------------------------------------------------------------------------
WORD = re.compile(r"^[a-z][a-z'’ .-]*$")
MIN_WORDS = 3
# the stages that read English: their word lists belong in data/ (the store, web and CLI name columns)
LANGUAGE_STAGES = ("sources", "extract", "nlp", "actors", "coding", "quotes.py", "pipeline.py", "model.py")
WHY = re.compile(r"#\s*(?:names, not words|regex needs structure):\s*\S")


def _spacy_labels() -> set[str]:
    from spacy.glossary import GLOSSARY

    return set(GLOSSARY)


def word_lists(path: Path) -> list[tuple[int, list[str]]]:
    """Literal collections of three or more English words in ``path`` that carry no one-line why."""
    labels = _spacy_labels()
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    literal_types = {id(n) for sub in ast.walk(tree) if isinstance(sub, ast.Subscript)
                     and ast.unparse(sub.value).endswith("Literal") for n in ast.walk(sub.slice)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Set | ast.Tuple | ast.List | ast.Dict) or id(node) in literal_types:
            continue  # Literal["occurred", "planned", ...] names the values of a type
        if isinstance(node, ast.Dict) and not all(isinstance(v, ast.Constant) for v in node.values):
            continue  # a record being built ({"text": self.text, ...}), not a table of words
        elts = node.keys if isinstance(node, ast.Dict) else node.elts
        strings = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        words = [s for s in strings if WORD.match(s) and s not in labels]
        if len(words) < MIN_WORDS or len(words) < len(elts) / 2:
            continue
        context = lines[max(0, node.lineno - 3): node.end_lineno]
        if not any(WHY.search(line) for line in context):
            found.append((node.lineno, words))
    return found


def regex_word_lists(path: Path) -> list[tuple[int, str]]:
    """Regular expressions with an alternation of three or more words and no one-line why."""
    lines = path.read_text(encoding="utf-8").splitlines()
    alternation = re.compile(r"(?<![\\\w])[a-z]{2,}(?:\|[a-z]{2,}){2,}")
    found = []
    for i, line in enumerate(lines):
        if alternation.search(line.split("#")[0]) and not any(WHY.search(x) for x in lines[max(0, i - 3): i + 1]):
            found.append((i + 1, line.strip()))
    return found


def _language_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if str(p.relative_to(PACKAGE)).split("/")[0] in LANGUAGE_STAGES]


@pytest.mark.parametrize("path", _language_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_word_list_in_code(path):
    """Words the stages look for live in data files (``data/lexicon.yaml`` and friends), not in Python."""
    found = word_lists(path) + regex_word_lists(path)
    assert not found, "word lists in code (move them to data/, or say why on the line above):\n" + "\n".join(
        f"{path.name}:{n}: {w}" for n, w in found)


def test_the_word_list_reader_finds_a_word_list():
    sample = PACKAGE / "nlp" / "_probe_for_test.py"
    sample.write_text('TITLES = {"minister", "president", "chancellor"}\n'
                      'DEPS = ("nsubj", "dobj", "pobj")\n'
                      'MONTH = r"\\b(?:january|february|march)\\b"\n')
    try:
        assert [n for n, _ in word_lists(sample)] == [1]  # dependency labels are spaCy's, not words
        assert [n for n, _ in regex_word_lists(sample)] == [3]
    finally:
        sample.unlink()
