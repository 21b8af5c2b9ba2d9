"""NewsRank: the project's default summarizer for news.

News puts the story first, so Sumy's position-blind rankers lose to simply taking
the lead (Lead-3). NewsRank keeps
the lead's strength and fixes its failures (a repeated opening line, a byline or
a one-word caption among the first sentences, a second sentence that restates
the first) with four parts, chosen by measurement (``bench/summary_quality.py``):

1. **Position**: a prior of ``1 / (i + 1)`` for the i-th sentence (0-based).
2. **Centrality as coverage**: PacSum's position-augmented directed centrality
   (Zheng & Lapata 2019) over tf-idf cosine similarities, in its forward-only form:
   a sentence scores the sum of its similarities to the sentences *after* it, i.e.
   how much of the rest of the article it announces. Scaled to [0, 1].
3. **Quality**: sentences with fewer than ``min_words`` content words (bylines,
   captions, "Advertisement") are scaled down in proportion.
4. **Redundancy**: sentences are picked greedily, each candidate's score reduced by
   ``redundancy`` x its largest similarity to a sentence already picked (MMR).

score(i) = quality(i) x (0.5 x position(i) + 0.5 x centrality(i)).

The knobs sit in the middle of a range where ROUGE barely moves (how they were
chosen, with the figures: ``bench/summary_quality.py``). Everything is numpy over
sparse tf-idf, linear in the words plus quadratic (dense n x n) in the sentences,
which is capped at MAX_SENTENCES.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from sumy.summarizers._summarizer import AbstractSummarizer

from summarize.algorithms._common import LanguageTools
from summarize.algorithms._matrix import gram_matrix, term_counts

MAX_SENTENCES = 2000


class NewsRankSummarizer(AbstractSummarizer):
    """Lead-aware directed centrality with redundancy-aware greedy selection."""

    #: Share of the score given to the position prior (the rest is centrality).
    position_weight = 0.5
    #: Content words below which a sentence's score is scaled down.
    min_words = 6
    #: How much similarity to an already chosen sentence costs.
    redundancy = 0.25

    def __init__(self, stemmer: Callable[[str], str], stop_words: Iterable[str] = ()) -> None:
        super().__init__(stemmer)
        self.stop_words = frozenset(stop_words)
        self.last_ratings: dict[int, float] = {}
        self._content_stem = functools.lru_cache(maxsize=100_000)(self._stem_if_content)

    def _stem_if_content(self, word: str) -> str:
        word = str(self.normalize_word(word))
        if word in self.stop_words or not any(c.isalnum() for c in word):
            return ""
        return str(self.stem_word(word))

    def content_words(self, sentence: Any) -> list[str]:
        """Stemmed words of ``sentence`` that are not stop words or bare punctuation."""
        stems = map(self._content_stem, sentence.words)
        return [s for s in stems if s]

    @staticmethod
    def similarity(sentences_words: list[list[str]]) -> np.ndarray:
        """Cosine similarity of (1 + log tf) x idf sentence vectors; diagonal zero."""
        n = len(sentences_words)
        rows, cols, counts, n_terms = term_counts(sentences_words)
        if len(rows) == 0:
            return np.zeros((n, n))
        df = np.bincount(cols, minlength=n_terms)
        idf = np.log((n + 1.0) / (df + 0.5))
        weights = (1.0 + np.log(counts)) * idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
        norms[norms == 0] = 1.0
        sim = gram_matrix(rows, cols, weights / norms[rows], n, n_terms)
        np.fill_diagonal(sim, 0.0)
        return sim

    def scores(self, sentences_words: list[list[str]], sim: np.ndarray) -> np.ndarray:
        """Each sentence's salience: position prior plus forward centrality, times quality."""
        n = len(sentences_words)
        position = 1.0 / np.arange(1, n + 1, dtype=np.float64)
        centrality = np.triu(sim, 1).sum(axis=1)
        spread = centrality.max() - centrality.min()
        centrality = (centrality - centrality.min()) / spread if spread > 0 else centrality * 0.0
        lengths = np.array([len(w) for w in sentences_words], dtype=np.float64)
        quality = np.minimum(1.0, lengths / self.min_words)
        w = self.position_weight
        salience: np.ndarray = quality * (w * position + (1.0 - w) * centrality)
        return salience

    def select(self, scores: np.ndarray, sim: np.ndarray, count: int) -> list[int]:
        """Greedy picks, each scored minus ``redundancy`` x its similarity to those picked."""
        chosen: list[int] = []
        penalty = np.zeros(len(scores))
        available = np.ones(len(scores), dtype=bool)
        for _ in range(min(count, len(scores))):
            value = np.where(available, scores - self.redundancy * penalty, -np.inf)
            best = int(np.argmax(value))
            chosen.append(best)
            available[best] = False
            penalty = np.maximum(penalty, sim[best])
        return sorted(chosen)

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        if not sentences:
            return ()
        count = len(sentences) if callable(sentences_count) else int(sentences_count)
        sentences_words = [self.content_words(s) for s in sentences]
        sim = self.similarity(sentences_words)
        scores = self.scores(sentences_words, sim)
        self.last_ratings = {id(s): float(scores[i]) for i, s in enumerate(sentences)}
        return tuple(sentences[i] for i in self.select(scores, sim, count))


@functools.lru_cache(maxsize=8)
def _summarizer(tools: LanguageTools) -> NewsRankSummarizer:
    return NewsRankSummarizer(tools.stemmer, tools.stop_words)


def build(tools: LanguageTools) -> NewsRankSummarizer:
    """NewsRank for ``tools.language`` (one per language, so its word cache is kept)."""
    return _summarizer(tools)
