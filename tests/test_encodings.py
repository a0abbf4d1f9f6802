"""Text that is not UTF-8: names come out with their own letters, and a guessed encoding is said.

Saved pages and corpora still come in Latin-1, Windows code pages and UTF-16 without a byte-order
mark. A wrong guess does not fail loudly: "Müller" becomes "M³ller" in entities, speakers and the
database, so the record must carry a warning whenever the encoding was guessed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newswire
from newswire.extract import extract
from newswire.model import Document
from newswire.sources.detect import binary_kind

NEWSWIRE = Path(sys.executable).with_name("newswire")

STORY = ("Frédérique Müller-Çelik, the French foreign minister, met her Turkish counterpart in Zürich on "
         "Tuesday to discuss the return of Syrian refugees.\n\n"
         "\u201cWe will not sign an agreement that sends people back into danger,\u201d Müller-Çelik told "
         "reporters after the meeting.\n\n"
         "José Peña, a spokesman for the UN refugee agency, said the talks would resume in March.\n")
LATIN1_STORY = STORY.replace("\u201c", '"').replace("\u201d", '"')  # Latin-1 has no curly quotes


def _saved(tmp_path: Path, text: str, encoding: str) -> Path:
    path = tmp_path / f"story-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    return path


def _check_record(record: dict, text: str) -> None:
    assert record["body"] == text.strip()
    names = {e["text"] for e in record["entities"]}
    assert {"Frédérique Müller-Çelik", "José Peña", "Zürich"} <= names
    assert {q["speaker"] for q in record["quotes"]} == {"Müller-Çelik", "José Peña"}
    assert any("encoding guessed as cp1252" in w for w in record["warnings"])


@pytest.mark.parametrize(("text", "encoding"), [(LATIN1_STORY, "latin-1"), (STORY, "cp1252")])
def test_latin1_and_windows_1252_names_come_out_right_with_a_warning(tmp_path, text, encoding):
    [analysis] = newswire.analyze([str(_saved(tmp_path, text, encoding))])
    _check_record(analysis.to_dict(), text)


@pytest.mark.slow
def test_cli_json_record_has_the_right_names_and_says_the_encoding_was_guessed(tmp_path):
    path = _saved(tmp_path, STORY, "cp1252")
    run = subprocess.run([str(NEWSWIRE), "analyze", str(path), "--json"], capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    _check_record(json.loads(run.stdout), STORY)
    assert "encoding guessed as cp1252" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(("text", "encoding"), [
    ("Minister spraw zagranicznych Radosław Sikorski wezwał ambasadora Rosji.", "cp1250"),
    ("Dışişleri Bakanı Hakan Fidan, Türkiye'nin İsveç'in NATO üyeliğini onayladığını söyledi.", "cp1254"),
    ("José Peña and Søren Ørsted met in Malmö.", "latin-1"),
    ("Frédérique Müller-Çelik said the talks in Zürich had failed.", "latin-1"),
])
def test_the_guess_is_the_encoding_of_the_texts_language(text, encoding):
    article = extract(Document(name="corpus.csv:2", kind="body", data=text.encode(encoding)))
    assert article.body == text
    assert any(f"encoding guessed as {encoding.replace('latin-1', 'cp1252')}" in w for w in article.warnings)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read(tmp_path, encoding):
    path = _saved(tmp_path, STORY, encoding)
    assert binary_kind(path.read_bytes()[:8192]) is None
    rejected = []
    [analysis] = newswire.analyze([str(path)], on_reject=rejected.append)
    record = analysis.to_dict()
    assert rejected == []
    assert record["body"] == STORY.strip()
    assert "José Peña" in {e["text"] for e in record["entities"]}
    assert any(encoding in w for w in record["warnings"])
