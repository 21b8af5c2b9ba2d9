"""Learning sections from the user's own library (self-training).

The shipped vocabulary labels the articles it is sure about; a small
multinomial naive Bayes model is trained on those labels and then blended
with the vocabulary, so that words the vocabulary never listed (names of
players, products, parties in the user's news) start to count. The model is
plain data (JSON), kept in the library, retrained as the library grows.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsreader.topics.sections import SectionClassifier, bag_of_stems
from newsreader.topics.words import stems

#: Articles whose vocabulary decision is at least this sure become training data.
MIN_CONFIDENCE = 0.3
#: A word must appear in this many training articles to be kept.
MIN_DOCUMENTS = 3
MAX_TERMS = 20_000
#: Fewer confident articles than this per section: no model (too little to learn from).
MIN_PER_SECTION = 5


@dataclass(frozen=True)
class NaiveBayes:
    """A multinomial naive Bayes over stems, with uniform section priors."""

    sections: tuple[str, ...]
    #: term -> log P(term | section), in ``sections`` order.
    term_logs: dict[str, tuple[float, ...]]
    #: log P(unseen term | section) is not used: unseen terms are skipped.
    documents: int

    #: (term -> row, rows of ``term_logs`` as a matrix), made on the first score.
    _arrays: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def log_scores(self, terms: Counter[str]) -> dict[str, float]:
        """Log-likelihood of each section for a bag of stems (known terms only)."""
        import numpy as np  # heavy: loaded on the first score, not with the module

        if not self._arrays:
            self._arrays["rows"] = {term: row for row, term in enumerate(self.term_logs)}
            self._arrays["matrix"] = np.array(list(self.term_logs.values()), dtype=float).reshape(
                len(self.term_logs), len(self.sections)
            )
        rows: dict[str, int] = self._arrays["rows"]
        known = sorted(terms.keys() & rows.keys())  # sorted: the same sums in every process
        if not known:
            return dict.fromkeys(self.sections, 0.0)
        found = list(map(rows.__getitem__, known))
        counts = list(map(terms.__getitem__, known))
        weights = 1.0 + np.log(np.asarray(counts, dtype=float))  # damp repetition
        totals = weights @ self._arrays["matrix"][found]
        return dict(zip(self.sections, totals.tolist(), strict=True))

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (for a worker process) without the arrays made from it."""
        return {**self.__dict__, "_arrays": {}}

    def to_json(self) -> str:
        """Serialise for the library."""
        return json.dumps(
            {
                "sections": self.sections,
                "documents": self.documents,
                "terms": {t: [round(v, 4) for v in logs] for t, logs in self.term_logs.items()},
            }
        )

    @classmethod
    def from_json(cls, payload: str) -> NaiveBayes:
        """Read back :meth:`to_json`."""
        data = json.loads(payload)
        return cls(
            sections=tuple(data["sections"]),
            documents=int(data["documents"]),
            term_logs={t: tuple(v) for t, v in data["terms"].items()},
        )


def features(title: str, text: str) -> Counter[str]:
    """The bag of stems the model sees (stop words and numbers left out)."""
    return bag_of_stems(stems(title), stems(text))


def train(
    labelled: Iterable[tuple[Counter[str], str]], sections: tuple[str, ...]
) -> NaiveBayes | None:
    """Train on (bag of stems, section) pairs; None when a section has too few."""
    counts: dict[str, dict[str, float]] = {s: {} for s in sections}
    per_section: Counter[str] = Counter()
    df: Counter[str] = Counter()
    for bag, section in labelled:
        if section not in counts:
            continue
        per_section[section] += 1
        df.update(bag.keys())
        for term, count in bag.items():
            table = counts[section]
            table[term] = table.get(term, 0.0) + 1.0 + math.log(count)  # damp repetition
    present = tuple(s for s in sections if per_section[s] >= MIN_PER_SECTION)
    if len(present) < 2:
        return None
    vocabulary = [t for t, n in df.most_common(MAX_TERMS) if n >= MIN_DOCUMENTS]
    size = len(vocabulary)
    term_logs: dict[str, list[float]] = {t: [] for t in vocabulary}
    for section in present:
        table = counts[section]
        total = sum(table.get(t, 0.0) for t in vocabulary)
        for term in vocabulary:
            term_logs[term].append(math.log((table.get(term, 0.0) + 1.0) / (total + size)))
    return NaiveBayes(
        sections=present,
        documents=sum(per_section[s] for s in present),
        term_logs={t: tuple(v) for t, v in term_logs.items()},
    )


def train_self(
    classifier: SectionClassifier,
    articles: Iterable[tuple[str, str]],
    min_confidence: float = MIN_CONFIDENCE,
) -> NaiveBayes | None:
    """Label ``(title, text)`` articles with the vocabulary; train on the sure ones."""
    labelled = []
    for title, text in articles:
        section, confidence = classifier.decide(title, text)
        if section is not None and confidence >= min_confidence:
            labelled.append((features(title, text), section))
    return train(labelled, classifier.sections)
