"""SumBasic (Nenkova & Vanderwende 2005): Sumy's stock summarizer."""

from __future__ import annotations

from sumy.summarizers.sum_basic import SumBasicSummarizer

from summarize.algorithms._common import LanguageTools, with_ratings

#: Pure Python, quadratic: re-rates every sentence after each pick.
MAX_SENTENCES = 300


def build(tools: LanguageTools) -> SumBasicSummarizer:
    """Sumy's SumBasicSummarizer for ``tools.language``."""
    summarizer = with_ratings(SumBasicSummarizer)(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
