"""TextRank (Mihalcea & Tarau 2004) as Sumy computes it, with the matrix built by numpy.

:class:`FastTextRankSummarizer` selects exactly the sentences Sumy's
``TextRankSummarizer`` selects: the edge weights (shared word count over the
sum of log lengths) are the same floating-point numbers, so the power method
returns the same ranks.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sumy.summarizers.text_rank import TextRankSummarizer

from summarize.algorithms._common import LanguageTools, RatingsRecorder
from summarize.algorithms._matrix import gram_matrix, term_counts

MAX_SENTENCES = 2000


class FastTextRankSummarizer(RatingsRecorder, TextRankSummarizer):
    """Sumy's TextRank with a vectorised weight matrix."""

    def _create_matrix(self, document: Any) -> np.ndarray:
        sentences_words = [self._to_words_set(s) for s in document.sentences]
        n = len(sentences_words)
        rows, cols, counts, n_terms = term_counts(sentences_words)
        shared = gram_matrix(rows, cols, counts, n, n_terms)  # exact integers
        log_lengths = np.array([math.log(len(w)) if w else 0.0 for w in sentences_words])
        norm = log_lengths[:, np.newaxis] + log_lengths[np.newaxis, :]
        weights = np.zeros((n, n))
        linked = shared > 0
        weights[linked] = shared[linked]
        divide = linked & (norm != 0.0)
        weights[divide] = shared[divide] / norm[divide]
        weights /= weights.sum(axis=1)[:, np.newaxis] + self._ZERO_DIVISION_PREVENTION
        damping = float(self.damping)
        matrix: np.ndarray = np.full((n, n), (1.0 - damping) / n) + damping * weights
        return matrix


def build(tools: LanguageTools) -> FastTextRankSummarizer:
    """TextRank for ``tools.language``."""
    summarizer = FastTextRankSummarizer(tools.stemmer)
    summarizer.stop_words = tools.stop_words
    return summarizer
