"""Reduction (a TextRank-like graph of shared words): Sumy's stock summarizer."""

from __future__ import annotations

from sumy.summarizers.reduction import ReductionSummarizer

from summarize.algorithms._common import LanguageTools, with_ratings

#: Pure Python, quadratic in sentences.
MAX_SENTENCES = 300


def build(tools: LanguageTools) -> ReductionSummarizer:
    """Sumy's ReductionSummarizer for ``tools.language``."""
    summarizer = with_ratings(ReductionSummarizer)(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
