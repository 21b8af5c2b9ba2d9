"""Vectorised sentence-by-term arithmetic shared by the fast rankers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

#: Terms in more sentences than this go through a dense matrix product, the rest
#: through their posting lists (pairs of sentences sharing the term).
_DENSE_DF = 48


def term_counts(
    sentences_words: Sequence[Sequence[str]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Sparse (sentence, term, count) triples of a tokenised document and the vocabulary size.

    Each (sentence, term) pair occurs once.
    """
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    counts: list[int] = []
    for i, words in enumerate(sentences_words):
        for term, count in Counter(words).items():
            rows.append(i)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
    return (
        np.asarray(rows, dtype=np.int64),
        np.asarray(cols, dtype=np.int64),
        np.asarray(counts, dtype=np.float64),
        len(vocabulary),
    )


def gram_matrix(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int, n_cols: int
) -> np.ndarray:
    """``X @ X.T`` for the sparse matrix X given by (rows, cols, values) triples."""
    gram = np.zeros((n_rows, n_rows))
    if len(rows) == 0:
        return gram
    df = np.bincount(cols, minlength=n_cols)
    dense = df[cols] > _DENSE_DF
    if dense.any():
        terms, column = np.unique(cols[dense], return_inverse=True)
        block = np.zeros((n_rows, len(terms)))
        block[rows[dense], column] = values[dense]
        gram += block @ block.T
    sparse = ~dense
    if sparse.any():
        r, c, v = rows[sparse], cols[sparse], values[sparse]
        order = np.argsort(c, kind="stable")
        r, c, v = r[order], c[order], v[order]
        group_size = df[c]
        # index of the first posting of each posting's term
        first = np.searchsorted(c, c, side="left")
        total = int(group_size.sum())
        left = np.repeat(np.arange(len(r)), group_size)
        offsets = np.arange(total) - np.repeat(np.cumsum(group_size) - group_size, group_size)
        right = np.repeat(first, group_size) + offsets
        gram += np.bincount(
            r[left] * n_rows + r[right], weights=v[left] * v[right], minlength=n_rows * n_rows
        ).reshape(n_rows, n_rows)
    return gram
