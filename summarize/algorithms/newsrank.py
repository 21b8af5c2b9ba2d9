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
chosen, with the figures: ``bench/summary_quality.py``). The arithmetic
(:mod:`summarize.algorithms._plain_rank`) walks each term's posting list and never
makes the n x n similarity matrix: linear in the words, plus one row of similarities
per sentence picked.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, repeat
from typing import Any

from summarize.algorithms._common import LanguageTools
from summarize.algorithms._plain_rank import TermVectors, greedy_picks, salience

MAX_SENTENCES = 2000
#: Ranks the light document of :func:`summarize.algorithms._document.plain_document`
#: (sentences with ``words``), so that the default summary loads no Sumy.
PLAIN_DOCUMENT = True
#: Words whose content stem is remembered (a news vocabulary is far smaller).
_STEM_MEMO_SIZE = 100_000


class NewsRankSummarizer:
    """Lead-aware directed centrality with redundancy-aware greedy selection.

    Sumy's summarizer interface: called with a document (anything whose ``sentences``
    have ``words``, a Sumy document too) and a sentence count.
    """

    #: Share of the score given to the position prior (the rest is centrality).
    position_weight = 0.5
    #: Content words below which a sentence's score is scaled down.
    min_words = 6
    #: How much similarity to an already chosen sentence costs.
    redundancy = 0.25

    def __init__(self, stemmer: Callable[[str], str], stop_words: Iterable[str] = ()) -> None:
        if not callable(stemmer):
            raise TypeError("the stemmer must be callable")
        self._stemmer = stemmer
        self.stop_words = frozenset(stop_words)
        self.last_ratings: dict[int, float] = {}
        self._stems: dict[str, str] = {}

    def _stem_if_content(self, word: str) -> str:
        word = word.lower()
        if word in self.stop_words or not any(c.isalnum() for c in word):
            return ""
        return str(self._stemmer(word))

    def content_counts(
        self, sentences: Sequence[Any]
    ) -> tuple[Counter[tuple[int, str]], list[int]]:
        """How often each sentence uses each content stem, as (sentence index, stem) -> count
        in sentence order and then order of first use; and how many content words each
        sentence has (stop words and bare punctuation are not content).

        The whole document is counted at once: the stems are looked up and counted in C,
        where a count per sentence would pay a counter's set-up 20 times an article.
        """
        word_lists = [sentence.words for sentence in sentences]
        memo = self._stems
        missing = set(chain.from_iterable(word_lists)).difference(memo)
        if missing:
            if len(memo) + len(missing) >= _STEM_MEMO_SIZE:
                memo.clear()
                missing = set(chain.from_iterable(word_lists))
            for word in missing:
                memo[word] = self._stem_if_content(word)
        owners = chain.from_iterable(map(repeat, range(len(word_lists)), map(len, word_lists)))
        stems = map(memo.__getitem__, chain.from_iterable(word_lists))
        counts = Counter(zip(owners, stems, strict=True))
        # "" stands for every word that is not content
        lengths = [len(words) - counts.pop((i, ""), 0) for i, words in enumerate(word_lists)]
        return counts, lengths

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        if not sentences:
            return ()
        count = len(sentences) if callable(sentences_count) else int(sentences_count)
        counts, lengths = self.content_counts(sentences)
        vectors = TermVectors(counts, len(sentences))
        centrality = vectors.forward_centrality()
        ratings = salience(lengths, centrality, self.position_weight, self.min_words)
        picks = greedy_picks(ratings, vectors, count, self.redundancy)
        self.last_ratings = {id(s): ratings[i] for i, s in enumerate(sentences)}
        return tuple(sentences[i] for i in picks)


@functools.lru_cache(maxsize=8)
def _summarizer(tools: LanguageTools) -> NewsRankSummarizer:
    return NewsRankSummarizer(tools.stemmer, tools.stop_words)


def build(tools: LanguageTools) -> NewsRankSummarizer:
    """NewsRank for ``tools.language`` (one per language, so its word cache is kept)."""
    return _summarizer(tools)
