"""Latent semantic analysis (Steinberger & Jezek 2004): Sumy's stock summarizer."""

from __future__ import annotations

from sumy.summarizers.lsa import LsaSummarizer

from summarize.algorithms._common import LanguageTools, with_ratings

#: The SVD is cubic in the sentence count.
MAX_SENTENCES = 1000


def build(tools: LanguageTools) -> LsaSummarizer:
    """Sumy's LsaSummarizer for ``tools.language``."""
    summarizer = with_ratings(LsaSummarizer)(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
