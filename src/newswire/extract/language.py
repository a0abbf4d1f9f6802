"""Which language an article is in (py3langid: small, offline, fast)."""

from __future__ import annotations

import py3langid


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" for text too short to tell."""
    sample = text[:5000]
    if len(sample.split()) < 5:
        return "en"
    lang, _score = py3langid.classify(sample)
    return lang
