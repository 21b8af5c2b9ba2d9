"""NewsRank's arithmetic in plain Python (see :mod:`summarize.algorithms.newsrank`).

Cosine similarity of (1 + log tf) x idf sentence vectors,
position prior plus forward centrality times quality, and greedy picks with a
redundancy penalty. No n x n matrix is made: the forward centrality comes from suffix
sums along each term's posting list, and only the picked sentences' rows of
similarities are computed: linear work, and no numpy to import.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import itemgetter, mul, truediv

#: 1 + log(k) for the term counts a sentence has (one entry per count up to 63).
_ONE_PLUS_LOG = [0.0, *(1.0 + math.log(k) for k in range(1, 64))]


class TermVectors:
    """The sentences' unit (1 + log tf) x idf vectors, as posting lists per term."""

    def __init__(self, counts: Mapping[tuple[int, str], int], sentences: int) -> None:
        """``counts``: (sentence index, term) -> count, in sentence order and then order of
        the terms' first use in the sentence; ``sentences``: how many there are."""
        pairs = list(counts)
        terms = list(map(itemgetter(1), pairs))
        idf = {term: math.log((sentences + 1.0) / (d + 0.5)) for term, d in Counter(terms).items()}
        ks = counts.values()
        # weights, squares and sums in C, each sentence's in the order of its terms
        if max(ks, default=0) < len(_ONE_PLUS_LOG):
            tf = list(map(_ONE_PLUS_LOG.__getitem__, ks))
        else:
            tf = [1.0 + math.log(k) for k in ks]
        weights = list(map(mul, tf, map(idf.__getitem__, terms)))
        #: term -> [(sentence, weight)] in sentence order
        self.postings: dict[str, list[tuple[int, float]]] = {}
        #: sentence -> [(term, weight)]
        self.vectors: list[list[tuple[str, float]]] = [[] for _ in range(sentences)]
        add = self.postings.setdefault
        start = 0
        for i, size in Counter(map(itemgetter(0), pairs)).items():
            end = start + size
            mine = weights[start:end]
            norm = math.sqrt(sum(map(mul, mine, mine))) or 1.0
            vector = list(
                zip(terms[start:end], map(truediv, mine, repeat(norm, size)), strict=True)
            )
            self.vectors[i] = vector
            for term, w in vector:
                add(term, []).append((i, w))
            start = end

    def forward_centrality(self) -> list[float]:
        """Each sentence's summed cosine similarity to the sentences after it."""
        centrality = [0.0] * len(self.vectors)
        for posting in self.postings.values():
            later = 0.0  # the weights of the sentences after this one, summed
            for i, w in reversed(posting):
                centrality[i] += w * later
                later += w
        return centrality

    def similarities(self, i: int) -> list[float]:
        """Sentence ``i``'s cosine similarity to every sentence (0 to itself)."""
        row = [0.0] * len(self.vectors)
        for term, w in self.vectors[i]:
            for j, wj in self.postings[term]:
                row[j] += w * wj
        row[i] = 0.0
        return row


def salience(
    lengths: Sequence[int], centrality: Sequence[float], position_weight: float, min_words: int
) -> list[float]:
    """Each sentence's score: quality x (w x 1/(i+1) + (1-w) x scaled forward centrality)."""
    n = len(lengths)
    low, high = min(centrality), max(centrality)
    spread = high - low
    scaled = [(c - low) / spread if spread > 0 else 0.0 for c in centrality]
    w = position_weight
    return [
        min(1.0, lengths[i] / min_words) * (w * (1.0 / (i + 1)) + (1.0 - w) * scaled[i])
        for i in range(n)
    ]


def greedy_picks(
    scores: Sequence[float], vectors: TermVectors, count: int, redundancy: float
) -> list[int]:
    """Greedy picks, each scored minus ``redundancy`` x its largest similarity to those picked."""
    n = len(scores)
    penalty = [0.0] * n
    available = [True] * n
    chosen: list[int] = []
    for _ in range(min(count, n)):
        best, best_value = -1, -math.inf
        for i in range(n):
            if available[i]:
                value = scores[i] - redundancy * penalty[i]
                if value > best_value:
                    best, best_value = i, value
        if best < 0:  # every value is -inf or nan: take the first still available
            best = available.index(True)
        chosen.append(best)
        available[best] = False
        row = vectors.similarities(best)
        penalty = [p if p >= s else s for p, s in zip(penalty, row, strict=True)]
    return sorted(chosen)
