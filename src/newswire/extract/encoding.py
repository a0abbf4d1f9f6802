"""Bytes → str: declared encodings first, detection when they are missing or wrong.

Detection is a guess, and a wrong one puts wrong letters into names ("Müller" read as "M³ller")
and from there into entities, speakers and the database; so a guessed encoding is chosen among
those that fit the bytes by what the text's language is usually published in
(``data/encodings.yaml``), and always said in a warning that goes into the record.
"""

from __future__ import annotations

import codecs
from functools import cache

from charset_normalizer import from_bytes

from newswire.data import read_yaml
from newswire.extract.language import detect_language, language_code
from newswire.model import InputError
from newswire.sources.detect import binary_kind, bomless_utf16

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """The text and warnings: by BOM, then the declared charset, then UTF-8, then a guess (warned about)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), []
    utf16 = bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), [f"no byte-order mark: encoding guessed as {utf16}"]
    if binary_kind(data):
        raise InputError("binary data, not text")
    why = "not UTF-8 and no charset declared"
    if declared:
        try:
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            why = f"declared charset {declared} does not fit the bytes"  # mislabelled: detect
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, [f"{why}; decoded as UTF-8"] if declared else []
    guessed = guess_encoding(data)
    if guessed is None:
        raise InputError("undecodable text (no encoding fits)")
    return data.decode(guessed, errors="replace"), [f"{why}: encoding guessed as {guessed}"]


def guess_encoding(data: bytes) -> str | None:
    """The encoding, among those charset-normalizer finds fit best, that the text's language is written in.

    Latin-script text often fits several code pages equally well (cp1252, cp1257 and cp775 all read
    plain ASCII alike and differ only on the accented letters, the ones in names); charset-normalizer's
    own ranking among them is a coin toss on short text. The language, read from its best decoding,
    is not: the ASCII words carry it.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    fitting = {_codec(name) for m in matches if m.chaos <= best.chaos for name in m.could_be_from_charset}
    usual = news_encodings().get(detect_language(str(best)), ())
    return next((enc for enc in usual if enc in fitting), _codec(best.encoding))


def _codec(name: str) -> str:
    return codecs.lookup(name).name


@cache
def news_encodings() -> dict[str, tuple[str, ...]]:
    """data/encodings.yaml, checked: language code → the encodings its news uses, as codec names."""
    table = read_yaml("encodings.yaml")
    if not isinstance(table, dict):
        raise ValueError("encodings.yaml: expected a mapping of language codes to lists of encodings")
    checked: dict[str, tuple[str, ...]] = {}
    for language, names in table.items():
        if not isinstance(language, str) or language_code(language) != language:
            raise ValueError(f"encodings.yaml: {language!r} is not a language code the detector gives")
        if not isinstance(names, list) or not names:
            raise ValueError(f"encodings.yaml: {language}: expected a non-empty list of encodings")
        try:
            checked[language] = tuple(_codec(str(name)) for name in names)
        except LookupError as exc:
            raise ValueError(f"encodings.yaml: {language}: {exc}") from None
    return checked
