"""KL-Sum (Haghighi & Vanderwende 2009): Sumy's stock summarizer."""

from __future__ import annotations

from sumy.summarizers.kl import KLSummarizer

from summarize.algorithms._common import LanguageTools, with_ratings

#: Sumy's KL-Sum is pure Python and about cubic in the sentence count.
MAX_SENTENCES = 150


def build(tools: LanguageTools) -> KLSummarizer:
    """Sumy's KLSummarizer for ``tools.language``."""
    summarizer = with_ratings(KLSummarizer)(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
