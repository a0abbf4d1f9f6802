"""Which language an article is in: py3langid (small, offline, fast), with more evidence on short text.

py3langid is reliable on a paragraph, not on a headline: on "Germany banned Iranian airline Mahan Air."
it says Malay, led by the names. Names say nothing about the language a text is written in, so on
short text its guess stands only when it is confident or the rest of the words back it. In order:

1. a language the page or corpus declares (an HTML ``lang`` attribute, a corpus column) decides;
2. function words (spaCy's stop-word lists) of the guessed language or of English, whichever are more;
3. the classifier again, on the words that are not capitalised (not names), where the guess must be
   clearly likelier than English: English is the language newswire analyses and most news is in, and
   one or two words are weak evidence either way.

Long text and confident guesses keep the classifier's answer: there it is right, and declarations
are often a site template's default.
"""

from __future__ import annotations

import importlib
import re
from functools import cache

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

SHORT_WORDS = 30  # below this many words the classifier's guess alone is not trusted ...
CONFIDENT = 0.9  # ... unless it is this sure (short English text is never guessed otherwise this surely)
ENGLISH_PRIOR = 3.0  # on short text another language must be this many times likelier than English
_WORD = re.compile(r"\w[\w'’-]*")


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid with probabilities normalised, so that two languages' scores can be compared."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words for a language ("en", "de"); none for a language spaCy has no list for."""
    try:
        return frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)
    except ImportError:
        return frozenset()


def language_code(label: str | None) -> str | None:
    """The code a declaration names, as the classifier spells it ("en-US", "eng", "English" → "en").

    None for what names no language the classifier knows ("und", "x-default", a typo).
    """
    primary = re.split(r"[-_]", (label or "").strip())[0].lower()
    if len(primary) in (2, 3):  # by code: a name lookup would read "en" as the En language
        language = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    else:
        try:
            language = pycountry.languages.lookup(primary)
        except LookupError:
            language = None
    code = language and (getattr(language, "alpha_2", None) or language.alpha_3)
    return code if code in _identifier().labels else None


def detect_language(text: str, declared: str | None = None) -> str:
    """ISO 639-1 code of the text's language; ``declared`` is what the page or corpus says it is in."""
    sample = text[:5000]
    guess, confidence = _identifier().classify(sample)
    words = _WORD.findall(sample)
    if len(words) >= SHORT_WORDS or confidence >= CONFIDENT:
        return guess
    declared = language_code(declared)
    if declared:
        return declared
    if guess == "en":
        return guess
    lowered = [w.lower() for w in words]
    english = sum(w in _stop_words("en") for w in lowered)
    other = sum(w in _stop_words(guess) for w in lowered)
    if english != other:
        return "en" if english > other else guess
    unnamed = " ".join(w for w in words if not w[0].isupper())
    if not unnamed:  # nothing but names: no evidence against English
        return "en"
    scores = dict(_identifier().rank(unnamed))
    return guess if scores[guess] > ENGLISH_PRIOR * scores["en"] else "en"
