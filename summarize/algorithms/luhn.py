"""Luhn (1958), significant-word clusters: Sumy's stock summarizer."""

from __future__ import annotations

from sumy.summarizers.luhn import LuhnSummarizer

from summarize.algorithms._common import LanguageTools, with_ratings

#: Linear in the text; capped like the rest.
MAX_SENTENCES = 1000


def build(tools: LanguageTools) -> LuhnSummarizer:
    """Sumy's LuhnSummarizer for ``tools.language``."""
    summarizer = with_ratings(LuhnSummarizer)(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
