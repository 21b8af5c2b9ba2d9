"""Edmundson (1969): cue, title and location methods; Sumy's stock summarizer.

Sumy needs three word lists and ships only Czech examples, so the defaults are:
null words = the language's stop words; bonus words = the ten most frequent
content words of the document (Edmundson's "key" idea, computed per text);
stigma words = a short list of words that mark boilerplate and hedging in news.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sumy.summarizers.edmundson import EdmundsonSummarizer

from summarize.algorithms._common import LanguageTools, RatingsRecorder

#: Pure Python, linear; capped like the rest.
MAX_SENTENCES = 1000

BONUS_WORD_COUNT = 10
STIGMA_WORDS = (
    "advertisement",
    "subscribe",
    "newsletter",
    "click",
    "cookie",
    "cookies",
    "copyright",
    "allegedly",
    "reportedly",
    "perhaps",
    "maybe",
    "hardly",
    "impossible",
)


class DefaultWordsEdmundsonSummarizer(RatingsRecorder, EdmundsonSummarizer):
    """Edmundson with word lists derived from the document when none are set."""

    def __init__(self, tools: LanguageTools) -> None:
        super().__init__(tools.stemmer)
        self._tools = tools
        self.null_words = tools.stop_words or {"the"}
        self.stigma_words = STIGMA_WORDS

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        stop = self._tools.stop_words
        counts = Counter(
            w for w in (word.lower() for word in document.words) if w.isalpha() and w not in stop
        )
        bonus = [w for w, _ in counts.most_common(BONUS_WORD_COUNT)]
        self.bonus_words = bonus or ["news"]
        return tuple(super().__call__(document, sentences_count))


def build(tools: LanguageTools) -> DefaultWordsEdmundsonSummarizer:
    """Edmundson with the default word lists for ``tools.language``."""
    return DefaultWordsEdmundsonSummarizer(tools)
