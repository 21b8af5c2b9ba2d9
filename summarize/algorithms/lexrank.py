"""LexRank (Erkan & Radev 2004) as Sumy computes it, with the matrix built by numpy.

:class:`FastLexRankSummarizer` selects exactly the sentences Sumy's
``LexRankSummarizer`` selects (same words, stop words, stemmer, tf, idf,
threshold, power method and tie order); only the quadratic pure-Python
similarity loop is replaced by sparse products.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer

from summarize.algorithms._common import LanguageTools, RatingsRecorder
from summarize.algorithms._matrix import gram_matrix, term_counts

MAX_SENTENCES = 2000


class FastLexRankSummarizer(RatingsRecorder, LexRankSummarizer):
    """Sumy's LexRank with a vectorised similarity matrix."""

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        sentences_words = [self._to_words_set(s) for s in sentences]
        if not sentences_words:
            return ()
        matrix = self.fast_matrix(sentences_words, self.threshold)
        scores = self.power_method(matrix, self.epsilon)
        ratings = dict(zip(sentences, scores, strict=True))
        return self._get_best_sentences(sentences, sentences_count, ratings)

    @staticmethod
    def fast_matrix(sentences_words: list[list[str]], threshold: float) -> np.ndarray:
        """Sumy's thresholded, row-normalised idf-modified-cosine matrix."""
        n = len(sentences_words)
        rows, cols, counts, n_terms = term_counts(sentences_words)
        if len(rows) == 0:
            matrix = np.zeros((n, n))
        else:
            max_tf = np.zeros(n)
            np.maximum.at(max_tf, rows, counts)
            tf = counts / max_tf[rows]
            df = np.bincount(cols, minlength=n_terms)
            idf = np.log(n / (1.0 + df))
            weights = tf * idf[cols]
            norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
            numerators = gram_matrix(rows, cols, weights, n, n_terms)
            denominators = np.outer(norms, norms)
            positive = denominators > 0
            cosine = np.zeros((n, n))
            cosine[positive] = numerators[positive] / denominators[positive]
            matrix = (cosine > threshold).astype(np.float64)
        degrees = matrix.sum(axis=1)
        degrees[degrees == 0] = 1
        normalised: np.ndarray = matrix / degrees[:, np.newaxis]
        return normalised


def build(tools: LanguageTools) -> FastLexRankSummarizer:
    """LexRank for ``tools.language``."""
    summarizer = FastLexRankSummarizer(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
