"""Bytes → str: declared encodings first, detection when they are missing or wrong."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newswire.model import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first few KB mean this is not text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode text: BOM, then the declared charset, then UTF-8, then charset-normalizer's best guess."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if looks_binary(data):
        raise InputError("binary data, not text")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # mislabelled: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    detected = detect_encoding(data)
    if detected is None:
        raise InputError("undecodable text (no encoding fits)")
    return data.decode(detected, errors="replace")


def detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess; among equally good single-byte guesses, windows-1252.

    Latin-script text often fits several code pages equally well (cp1250, cp1252, cp1257 read
    plain English identically); the usual mislabel is windows-1252, as browsers assume.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return "cp1252" if "cp1252" in tied else best.encoding
