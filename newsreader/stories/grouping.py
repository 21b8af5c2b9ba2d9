"""Placing a new article in a story: incremental same-event grouping.

Each article is reduced to a signature: its most telling terms, weighted by
TF-IDF (the title and names counting more, rarity taken from the library's own
term counts with a prior that makes everyday news words common from the start),
L2-normalised. The signature goes into an inverted index ordered by time, so a
new article is compared only with articles within :data:`WINDOW_DAYS` of it that
share one of its terms: the cost follows the recent articles it meets, not the
library's size. It joins the story of the most similar one when the cosine
reaches :data:`SAME_STORY`, and is marked a rewrite of an earlier article when
the cosine reaches :data:`REWRITE`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from newsreader.store import Library
from newsreader.store.stories import LATE_ARRIVAL, PUBLISHED, UNDATED, TermSearch
from newsreader.topics.sections import builtin_vocabulary
from newsreader.topics.words import STOP_WORDS, stem

#: Articles further apart than this (by publication, else arrival) are different stories.
WINDOW_DAYS = 3.0
#: Terms kept per article in the index.
SIGNATURE_TERMS = 30
#: The heaviest this many of them look for candidates.
SEARCH_TERMS = 20
#: Cosine at or above which two articles report the same event.
SAME_STORY = 0.22
#: Cosine at or above which the later article is a rewrite of the earlier.
#: The cosine needed grows by this much per day between the two reports.
DECAY_PER_DAY = 0.2
#: Cosine added per specific number (``420``, ``5.8``, ``$1.2bn``) two reports share...
NUMBER_BONUS = 0.05
#: ...when they share at least this many...
MIN_NUMBERS = 2
#: ...counting at most this many.
MAX_NUMBERS = 4
#: Candidates whose indexed cosine reaches this are compared again in full, with
#: today's term rarity (the index holds each article's top terms as weighed when it came).
LOOK_CLOSER = 0.1
#: At most this many candidates are compared in full.
CLOSER_LIMIT = 20
REWRITE = 0.85
BIGRAMS = False
TITLE_BOOST = 2
NAME_BOOST = 2.0
#: Pseudo-documents behind the rarity estimate; everyday news words are in a share of them.
PRIOR_DOCUMENTS = 20
PRIOR_COMMON_SHARE = 0.4

_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019.\-][A-Za-z0-9\u00c0-\u024f]+)*")
_CONTRACTION = re.compile(r"(n't|'m|'re|'ve|'ll|'d)$")
_SENTENCE_END = re.compile(r"[.!?\"\u201c\u201d:\n]\s*$")


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def specific_numbers(text: str) -> set[str]:
    """Numbers that pin down an event: two or more digits or a decimal, years left out."""
    found = set()
    for raw in _NUMBER.findall(text):
        number = raw.replace(",", "").rstrip(".")
        digits = number.replace(".", "")
        if len(digits) < 2 and "." not in number:
            continue
        if len(number) == 4 and number.isdigit() and number.startswith(("19", "20")):
            continue
        found.add(number)
    return found


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Single words of the section vocabularies: frequent in any news, so weak evidence."""
    return frozenset(
        phrase[0] for table in builtin_vocabulary().values() for phrase in table if len(phrase) == 1
    )


@dataclass(frozen=True)
class Signature:
    """An article's terms with their counts (boosted), before rarity weighting."""

    counts: dict[str, float]


#: Each word as found in a text -> its term, or None when it is no evidence; words
#: repeat across articles. Emptied when it grows past :data:`_TERM_CACHE_SIZE`.
_TERMS: dict[str, str | None] = {}
_TERM_CACHE_SIZE = 200_000


def _term(raw: str) -> str | None:
    """The index term of a word as written, or None (too short, a stop word, a year...)."""
    word = stem(raw.lower().replace("\u2019", "'"))
    if len(word) < 3 or word in STOP_WORDS or _CONTRACTION.search(word):
        return None
    if word.isdigit() and len(word) == 4 and word.startswith(("19", "20")):
        return None  # years: every report of anything mentions them
    return word


@lru_cache(maxsize=512)
def signature(title: str, text: str) -> Signature:
    """Count the content terms of an article; names and title words count more.

    Remembered for recent articles: a new article is compared in full with the
    recent ones it meets, whose signatures were just made. Do not change the
    counts of a returned signature.
    """
    counts: dict[str, float] = defaultdict(float)
    terms = _TERMS
    for source, boost in ((title, TITLE_BOOST), (text, 1)):
        previous: str | None = None
        for match in _WORD.finditer(source):
            raw = match.group(0)
            try:
                word = terms[raw]
            except KeyError:
                if len(terms) >= _TERM_CACHE_SIZE:
                    terms.clear()
                word = terms[raw] = _term(raw)
            if word is None:
                previous = None
                continue
            weight = float(boost)
            if raw[0].isupper():
                start = match.start()
                if start > 0 and not _SENTENCE_END.search(source[max(0, start - 3) : start]):
                    weight *= NAME_BOOST
            counts[word] += weight
            if BIGRAMS and previous is not None:
                counts[f"{previous} {word}"] += boost
            previous = word
    return Signature(dict(counts))


def _ranked(
    sig: Signature, documents: int, term_documents: dict[str, int]
) -> list[tuple[str, float]]:
    """The signature's terms with their TF-IDF weights, heaviest first."""
    common = _common_words()
    total = documents + PRIOR_DOCUMENTS
    scored: dict[str, float] = {}
    for term, count in sig.counts.items():
        prior = PRIOR_DOCUMENTS * PRIOR_COMMON_SHARE if term in common else 0.0
        df = term_documents.get(term, 0) + prior
        idf = math.log((total + 1.0) / (df + 1.0))
        scored[term] = (1.0 + math.log(count)) * idf
    return sorted(scored.items(), key=lambda item: (-item[1], item[0]))


def _normalised(top: list[tuple[str, float]]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top if w > 0}


def weigh(
    sig: Signature,
    documents: int,
    term_documents: dict[str, int],
    limit: int | None = SIGNATURE_TERMS,
) -> dict[str, float]:
    """TF-IDF weights of the signature's top ``limit`` terms (None: all), L2-normalised."""
    return _normalised(_ranked(sig, documents, term_documents)[:limit])


@dataclass(frozen=True)
class Placement:
    """Where an article went: its story, the article it matched, and whether a rewrite."""

    story_id: int
    matched: int | None
    similarity: float
    rewrite_of: int | None
    #: Recent articles it was compared with (sharing at least one term).
    candidates: int = 0


def _similarity(
    library: Library,
    full: dict[str, float],
    documents: int,
    known: dict[str, int],
    title: str,
    text: str,
) -> float:
    """Cosine of the new article's full vector with another article's, rarity as of now."""
    sig = signature(title, text)
    missing = [term for term in sig.counts if term not in known]
    if missing:
        _, more = library.term_rarity(missing)
        known.update(more)
    other = weigh(sig, documents, known, None)
    if len(other) < len(full):
        return sum(w * full.get(t, 0.0) for t, w in other.items())
    return sum(w * other.get(t, 0.0) for t, w in full.items())


def _gap(a: tuple[float | None, float], b: tuple[float | None, float]) -> float:
    """Seconds between two reports: by publication when both are dated, else by arrival."""
    (published_a, added_a), (published_b, added_b) = a, b
    if published_a is not None and published_b is not None:
        return abs(published_a - published_b)
    return abs(added_a - added_b)


def _searches(published: float | None, sort_time: float, added: float) -> list[TermSearch]:
    """Which index entries a new report can share a story with (see :func:`_gap`).

    A dated report meets dated ones published near it and undated ones that
    arrived near it; an undated report meets everything that arrived near it
    (a dated article arriving long after its publication is indexed under its
    arrival too, for these).
    """
    window = WINDOW_DAYS * 86400.0
    if published is None:
        return [((PUBLISHED, UNDATED, LATE_ARRIVAL), added - window, added + window)]
    return [
        ((PUBLISHED,), sort_time - window, sort_time + window),
        ((UNDATED,), added - window, added + window),
    ]


def place_article(library: Library, article_id: int) -> Placement | None:
    """Put one stored article into a story (joining a recent one or starting its own).

    Reports are near in time when published within :data:`WINDOW_DAYS` of each
    other; when either has no date, when they arrived within that window. An old
    article arriving now is therefore also indexed under its arrival time (read
    only by undated reports).
    """
    found = library.grouping_input(article_id)
    if found is None:
        return None
    title, text, sort_time, current, published, added = found
    sig = signature(title, text)
    documents, term_documents = library.term_rarity(sig.counts)
    ranked = _ranked(sig, documents, term_documents)
    weights = _normalised(ranked[:SIGNATURE_TERMS])
    window = WINDOW_DAYS * 86400.0
    arrival = added if published is not None and abs(added - sort_time) > window else None
    telling = dict(islice(weights.items(), SEARCH_TERMS))
    scores = library.story_candidates(telling, _searches(published, sort_time, added), article_id)
    near = sorted(
        (c for c, score in scores.items() if score >= LOOK_CLOSER), key=lambda c: -scores[c]
    )[:CLOSER_LIMIT]
    placement = library.article_placement(near)
    me = (published, added)
    full = _normalised(ranked)
    numbers = specific_numbers(f"{title}\n{text}")
    matches = {}
    for candidate, (_, other_published, other_added) in placement.items():
        gap = _gap(me, (other_published, other_added))
        other = library.grouping_input(candidate)
        if gap > window or other is None:
            continue
        score = _similarity(library, full, documents, term_documents, other[0], other[1])
        shared = len(numbers & specific_numbers(f"{other[0]}\n{other[1]}"))
        if shared >= MIN_NUMBERS:  # one shared number is too often a day of the month
            score += NUMBER_BONUS * min(shared, MAX_NUMBERS)
        if score >= SAME_STORY + DECAY_PER_DAY * gap / 86400.0:
            matches[candidate] = score
    best_id, best = None, 0.0
    for candidate, score in sorted(matches.items()):
        if score > best:
            best_id, best = candidate, score
    story_id: int | None = current
    rewrite_of = None
    merge: set[int] = set()
    if best_id is not None:
        other_story, other_published, other_added = placement[best_id]
        if other_story is not None:
            story_id = other_story
        # Reports that match this one but sit in other stories: one event after all.
        merge = {s for c in matches if (s := placement[c][0]) is not None} - {story_id}
        other_time = other_published if other_published is not None else other_added
        if best >= REWRITE and (other_time, best_id) < (sort_time, article_id):
            rewrite_of = best_id
    placed = library.place_in_story(
        article_id, story_id, rewrite_of, sort_time, weights, sig.counts, arrival
    )
    if merge:
        library.merge_stories(placed, {s for s in merge if s is not None})
    return Placement(placed, best_id, best, rewrite_of, len(scores))
