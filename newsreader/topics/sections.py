"""The section of an article (world, politics, business, ...), from its words.

Offline and instant: each section has a hand-written vocabulary of weighted
words and phrases (``data/sections.json``). An article's score for a section
is the sum of the weights of the vocabulary it uses, damped by repetition,
with the title counting three times. Sections in the configured taxonomy that
have no vocabulary are recognised by their own name. A model learned from the
user's library (:mod:`newsreader.topics.learn`) can be blended in.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import Protocol

from newsreader.topics.words import STOP_WORDS, stems

TITLE_WEIGHT = 3
MAX_PHRASE = 4
#: Below this share of the best score over the runner-up, no section is given.
MIN_SCORE = 2.0
#: Vocabulary of at least this weight is a section's own ("football", "inflation");
#: lighter words ("home", "table", "record") are shared with ordinary news.
STRONG_WEIGHT = 3.0
#: Without a learned model, a section needs this many of its own words or phrases
#: in the article: no section is better than a wrong one...
MIN_STRONG_TERMS = 1
#: ... in an article of at least this many words (a headline alone has too few).
STRONG_FROM_WORDS = 40


class SectionModel(Protocol):
    """A learned model that scores sections from stems (see learn.py)."""

    def log_scores(self, terms: Counter[str]) -> dict[str, float]: ...


@dataclass(frozen=True)
class SectionResult:
    """A section decision: the section (None when unsure), how sure, every score."""

    section: str | None
    confidence: float
    scores: dict[str, float]


@lru_cache(maxsize=1)
def builtin_vocabulary() -> dict[str, dict[tuple[str, ...], float]]:
    """Section -> phrase (tuple of stems) -> weight, from the shipped data file."""
    raw = json.loads(
        resources.files("newsreader.topics").joinpath("data/sections.json").read_text("utf-8")
    )
    vocabulary: dict[str, dict[tuple[str, ...], float]] = {}
    for section, tiers in raw["sections"].items():
        table: dict[tuple[str, ...], float] = {}
        for weight, phrases in tiers.items():
            for phrase in phrases.split(","):
                key = tuple(stems(phrase))
                if key:
                    table[key] = max(table.get(key, 0.0), float(weight))
        vocabulary[section] = table
    return vocabulary


def bag_of_stems(
    title_words: list[str], text_words: list[str], text_counts: Counter[str] | None = None
) -> Counter[str]:
    """The stems a learned model sees, with their counts (a title word counts
    :data:`TITLE_WEIGHT` times); stop words, numbers and words of two letters are left out.

    ``text_counts`` is ``Counter(text_words)`` when the caller has it already (it is
    not changed).
    """
    counts = Counter(text_words) if text_counts is None else text_counts
    useless = _useless_among(counts.keys())
    bag = Counter({word: count for word, count in counts.items() if word not in useless})
    for word in title_words:
        if _useful(word):
            bag[word] += TITLE_WEIGHT
    return bag


#: Words judged of no use to the model, and of use: a news vocabulary repeats, so most
#: of an article's words are judged by two set operations. Each holds at most
#: :data:`_JUDGED_SIZE` words (words past that are judged each time); nothing is ever
#: removed, so threads can share them.
_USELESS: set[str] = set()
_USEFUL: set[str] = set()
_JUDGED_SIZE = 100_000


def _useless_among(words: AbstractSet[str]) -> set[str]:
    """The words of ``words`` that :func:`_useful` says no to."""
    useless = set(words & _USELESS)
    # set(words).difference walks the article's words, not the sets judged (a view's "-" would)
    for word in set(words).difference(_USEFUL, useless):
        judged = _USEFUL if _useful(word) else _USELESS
        if judged is _USELESS:
            useless.add(word)
        if len(judged) < _JUDGED_SIZE:
            judged.add(word)
    return useless


def _useful(word: str) -> bool:
    return len(word) > 2 and word not in STOP_WORDS and not word[0].isdigit()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The single-word phrases of the section vocabularies: words frequent in any news,
    so weak evidence of a story and never a tag alone."""
    return frozenset(
        phrase[0] for table in builtin_vocabulary().values() for phrase in table if len(phrase) == 1
    )


#: (taxonomy, title and text fingerprints) -> (section, confidence) by the shipped
#: vocabulary alone; emptied when it grows past :data:`_DECISIONS_SIZE`.
_DECISIONS: dict[tuple[object, ...], tuple[str | None, float]] = {}
_DECISIONS_SIZE = 50_000


class SectionClassifier:
    """Scores an article against each section of a taxonomy."""

    def __init__(
        self,
        sections: tuple[str, ...],
        vocabulary: dict[str, dict[tuple[str, ...], float]] | None = None,
        model: SectionModel | None = None,
        model_weight: float = 0.7,
    ) -> None:
        vocabulary_given = vocabulary
        vocabulary = builtin_vocabulary() if vocabulary is None else vocabulary
        self.sections = tuple(sections)
        self.model = model
        self.model_weight = model_weight
        # phrase -> [(section, weight)]
        self._index: dict[tuple[str, ...], list[tuple[str, float]]] = {}
        for section in self.sections:
            table = vocabulary.get(section.lower()) or {tuple(stems(section)): 3.0}
            for phrase, weight in table.items():
                self._index.setdefault(phrase, []).append((section, weight))
        # decisions are remembered only for the shipped vocabulary without a model
        self._memo_key = self.sections if vocabulary_given is None and model is None else None
        # the first 1..n-1 words of every indexed phrase of n words
        self._prefixes = {phrase[:k] for phrase in self._index for k in range(1, len(phrase))}
        self._firsts = {prefix[0] for prefix in self._prefixes}
        self._one_words = {phrase[0] for phrase in self._index if len(phrase) == 1}

    def decide(self, title: str, text: str) -> tuple[str | None, float]:
        """(section, confidence) of :meth:`classify`, remembered for texts seen before.

        Self-training classifies the whole library again each time it retrains;
        with the shipped vocabulary and no model the answer for a text never
        changes, so it is kept (by the text's hash) instead of worked out again.
        """
        if self._memo_key is None:
            result = self.classify(title, text)
            return result.section, result.confidence
        key = (self._memo_key, len(title), len(text), hash(title), hash(text))
        found = _DECISIONS.get(key)
        if found is None:
            result = self.classify(title, text)
            found = (result.section, result.confidence)
            if len(_DECISIONS) >= _DECISIONS_SIZE:
                _DECISIONS.clear()
            _DECISIONS[key] = found
        return found

    def lexicon_scores(self, title: str, text: str) -> dict[str, float]:
        """Each section's vocabulary score for the article."""
        return self._lexicon_scores(stems(title), stems(text))

    def _lexicon_scores(self, title_words: list[str], text_words: list[str]) -> dict[str, float]:
        return self._lexicon(title_words, text_words)[0]

    def _lexicon(
        self,
        title_words: list[str],
        text_words: list[str],
        text_counts: Counter[str] | None = None,
    ) -> tuple[dict[str, float], Counter[str]]:
        """Each section's score, and how many of its own (strong) terms were used."""
        counts: Counter[tuple[str, ...]] = Counter()
        self._count_phrases(title_words, TITLE_WEIGHT, counts)
        self._count_phrases(text_words, 1, counts, text_counts)
        scores = dict.fromkeys(self.sections, 0.0)
        strong: Counter[str] = Counter()
        index = self._index
        for phrase, count in counts.items():
            damped = 1.0 + math.log(count)
            for section, weight in index[phrase]:
                scores[section] += weight * damped
                if weight >= STRONG_WEIGHT:
                    strong[section] += 1
        return scores, strong

    def _count_phrases(
        self,
        words: list[str],
        multiplier: int,
        counts: Counter[tuple[str, ...]],
        singles: Counter[str] | None = None,
    ) -> None:
        """Count the 1- to MAX_PHRASE-word phrases of ``words`` that are indexed.

        Each counts ``multiplier`` times. A longer phrase is looked at only where
        its first words are the start of an indexed phrase; phrases of one word
        are counted in sorted order (the same sums in every process), longer ones
        in text order.
        """
        if singles is None:  # one pass in C; phrases of one word are most of the index
            singles = Counter(words)
        for word in sorted(singles.keys() & self._one_words):
            counts[(word,)] += multiplier * singles[word]
        index, prefixes = self._index, self._prefixes
        alive: Sequence[int] = list(
            compress(range(len(words)), map(self._firsts.__contains__, words))
        )
        for n in range(2, MAX_PHRASE + 1):
            if not alive:
                return
            longer = []
            last = len(words) - n
            for i in alive:
                if i > last:
                    break
                phrase = tuple(words[i : i + n])
                if phrase in index:
                    counts[phrase] += multiplier
                if phrase in prefixes:
                    longer.append(i)
            alive = longer

    def classify(self, title: str, text: str) -> SectionResult:
        """The article's section; None when no section's vocabulary is used enough."""
        return self.classify_stems(stems(title), stems(text))[0]

    def classify_stems(
        self,
        title_words: list[str],
        text_words: list[str],
        bag: Counter[str] | None = None,
        text_counts: Counter[str] | None = None,
    ) -> tuple[SectionResult, SectionResult]:
        """(decision, the vocabulary's decision alone) from the stems of a title and text.

        Both are the same without a model. ``bag`` is :func:`bag_of_stems` of the
        same words and ``text_counts`` is ``Counter(text_words)``, when the caller has
        them already.
        """
        scores, strong = self._lexicon(title_words, text_words, text_counts)
        alone = self._decision(scores, strong, len(text_words), learned=False)
        if self.model is None:
            return alone, alone
        if bag is None:
            bag = bag_of_stems(title_words, text_words)
        blended = self._blend(scores, bag)
        return self._decision(blended, strong, len(text_words), learned=True), alone

    def _decision(
        self, scores: dict[str, float], strong: Counter[str], text_words: int, learned: bool
    ) -> SectionResult:
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        if not ranked or ranked[0][1] < MIN_SCORE:
            return SectionResult(None, 0.0, scores)
        best, top = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        if not learned and text_words >= STRONG_FROM_WORDS and strong[best] < MIN_STRONG_TERMS:
            return SectionResult(None, 0.0, scores)  # only words shared with ordinary news
        return SectionResult(best, (top - runner) / top, scores)

    def _blend(self, scores: dict[str, float], terms: Counter[str]) -> dict[str, float]:
        """Lexicon shares blended with the learned model's probabilities."""
        assert self.model is not None
        learned = self.model.log_scores(terms)
        if not learned:
            return scores
        top = max(learned.values())
        probs = {s: math.exp(v - top) for s, v in learned.items()}
        total_p = sum(probs.values()) or 1.0
        total_s = sum(scores.values())
        w = self.model_weight
        if total_s <= 0:
            # no vocabulary word at all: the learned model decides when it is fairly sure
            return {s: 2 * MIN_SCORE * probs.get(s, 0.0) / total_p for s in scores}
        return {
            s: total_s * ((1 - w) * scores[s] / total_s + w * probs.get(s, 0.0) / total_p)
            for s in scores
        }
