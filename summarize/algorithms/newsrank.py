"""NewsRank: the project's default summarizer for news (draft; design notes below)."""

from __future__ import annotations

import math

import numpy as np
from sumy.summarizers._summarizer import AbstractSummarizer

from summarize.algorithms._common import LanguageTools, RatingsRecorder
from summarize.algorithms._matrix import gram_matrix, term_counts

MAX_SENTENCES = 2000


class NewsRankSummarizer(RatingsRecorder, AbstractSummarizer):
    """Position-augmented directed centrality with redundancy-aware selection."""

    position_weight = 0.5
    position_decay = 1.0
    beta = 0.3
    backward = -0.5
    forward = 1.0
    min_words = 6
    redundancy = 0.5
    coverage = 0.0
    stop_words: frozenset[str] = frozenset()

    def __init__(self, stemmer, stop_words=frozenset()):  # noqa: ANN001
        super().__init__(stemmer)
        self.stop_words = frozenset(stop_words)
        self.last_ratings = {}

    def _content_words(self, sentence) -> list[str]:  # noqa: ANN001
        words = (self.normalize_word(w) for w in sentence.words)
        stop = self.stop_words
        return [self.stem_word(w) for w in words if w not in stop and any(c.isalnum() for c in w)]

    def similarity(self, sentences_words: list[list[str]]) -> np.ndarray:
        """Cosine similarity of tf-idf sentence vectors, diagonal zero."""
        n = len(sentences_words)
        rows, cols, counts, n_terms = term_counts(sentences_words)
        if len(rows) == 0:
            return np.zeros((n, n))
        df = np.bincount(cols, minlength=n_terms)
        idf = np.log((n + 1.0) / (df + 0.5))
        weights = (1.0 + np.log(counts)) * idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
        norms[norms == 0] = 1.0
        weights = weights / norms[rows]
        sim = gram_matrix(rows, cols, weights, n, n_terms)
        np.fill_diagonal(sim, 0.0)
        return sim

    def scores(self, sentences_words: list[list[str]], sim: np.ndarray) -> np.ndarray:
        """Each sentence's salience: position prior plus directed centrality, times quality."""
        n = len(sentences_words)
        position = 1.0 / np.power(np.arange(1, n + 1, dtype=np.float64), self.position_decay)
        if n > 1:
            off = sim[~np.eye(n, dtype=bool)]
            lo, hi = off.min(), off.max()
            edges = np.maximum(sim - (lo + self.beta * (hi - lo)), 0.0)
            later = np.triu(edges, 1).sum(axis=1)
            earlier = np.tril(edges, -1).sum(axis=1)
            centrality = self.forward * later + self.backward * earlier
            span = centrality.max() - centrality.min()
            centrality = (centrality - centrality.min()) / span if span > 0 else centrality * 0
        else:
            centrality = np.zeros(n)
        lengths = np.array([len(w) for w in sentences_words], dtype=np.float64)
        quality = np.minimum(1.0, lengths / self.min_words) if self.min_words else np.ones(n)
        w = self.position_weight
        return quality * (w * position + (1.0 - w) * centrality)

    def select(
        self, scores: np.ndarray, sim: np.ndarray, count: int, words: list[list[str]] | None = None
    ) -> list[int]:
        """Greedy picks, each scored minus ``redundancy`` x its similarity to the picked."""
        chosen: list[int] = []
        penalty = np.zeros(len(scores))
        available = np.ones(len(scores), dtype=bool)
        gains = None
        if self.coverage and words is not None:
            from collections import Counter
            freq = Counter(w for ws in words for w in set(ws))
            total = sum(freq.values()) or 1
            sets = [set(ws) for ws in words]
            covered: set[str] = set()
        for _ in range(min(count, len(scores))):
            value = scores - self.redundancy * penalty
            if self.coverage and words is not None:
                gains = np.array([sum(freq[t] for t in s - covered) / total for s in sets])
                top = gains.max()
                if top > 0:
                    value = value + self.coverage * gains / top
            value = np.where(available, value, -np.inf)
            best = int(np.argmax(value))
            chosen.append(best)
            available[best] = False
            penalty = np.maximum(penalty, sim[best])
            if self.coverage and words is not None:
                covered |= sets[best]
        return chosen

    def __call__(self, document, sentences_count):  # noqa: ANN001, ANN204
        sentences = document.sentences
        if not sentences:
            return ()
        sentences_words = [self._content_words(s) for s in sentences]
        sim = self.similarity(sentences_words)
        scores = self.scores(sentences_words, sim)
        count = int(sentences_count) if not callable(sentences_count) else len(sentences)
        chosen = set(self.select(scores, sim, count, sentences_words))
        self.last_ratings = {id(s): float(scores[i]) for i, s in enumerate(sentences)}
        return tuple(s for i, s in enumerate(sentences) if i in chosen)


def build(tools: LanguageTools) -> NewsRankSummarizer:
    """NewsRank for ``tools.language``."""
    return NewsRankSummarizer(tools.stemmer, tools.stop_words)


_ = math
