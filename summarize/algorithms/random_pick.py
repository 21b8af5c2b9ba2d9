"""Random sentences: Sumy's stock baseline (named ``random`` in the registry)."""

from __future__ import annotations

from sumy.summarizers.random import RandomSummarizer

from summarize.algorithms._common import LanguageTools, with_ratings

#: Linear; capped like the rest.
MAX_SENTENCES = 2000


def build(tools: LanguageTools) -> RandomSummarizer:
    """Sumy's RandomSummarizer (the stemmer is unused)."""
    return with_ratings(RandomSummarizer)(tools.stemmer)
