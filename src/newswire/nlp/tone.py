"""Tone with VADER: an article's tone on GDELT's scale, and the polarity of a short phrase.

GDELT's tone is the share of positive words minus the share of negative words, in percent
(-100..+100; news mostly falls within ±10). VADER's ``pos``/``neg`` are exactly such shares of
the text, so ``(pos - neg) * 100`` keeps GDELT's meaning; VADER's ``compound`` would saturate
at ±1 on any long article and is not used.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from newswire.components import component
from newswire.model import Analysis, Tone


@functools.lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def article_tone(text: str) -> Tone:
    """Score a body paragraph by paragraph (VADER is tuned for short texts), weighted by length."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    words = sum(len(p.split()) for p in paragraphs)
    if not words:
        return Tone(0.0, 0.0, 0.0, 0)
    analyzer = _analyzer()
    pos = neg = 0.0
    for p in paragraphs:
        scores = analyzer.polarity_scores(p)
        weight = len(p.split()) / words
        pos += scores["pos"] * weight
        neg += scores["neg"] * weight
    return Tone(round((pos - neg) * 100, 4), round(pos * 100, 4), round(neg * 100, 4), words)


def polarity(text: str) -> float:
    """VADER's compound score of a short phrase (-1..+1): how negative or positive a characterisation is."""
    return _analyzer().polarity_scores(text)["compound"]


@component("tone")
def _tone(context) -> Callable[[Analysis], None]:
    """The article's tone on GDELT's scale, stored with it (not part of the analysis record)."""

    def run(analysis: Analysis) -> None:
        analysis.tone = article_tone(analysis.article.body)

    return run
