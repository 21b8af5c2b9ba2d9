"""An article as story grouping sees it: its most telling terms, weighted by TF-IDF.

Terms are lightly stemmed content words and specific numbers; title words and
names (capitalised words inside a sentence) count more. Weights are sublinear
TF times IDF, with rarity taken from the library's own document counts plus a
prior that makes everyday news words common from the first article on. A
vector keeps the heaviest :data:`SIGNATURE_TERMS` terms, L2-normalised, so two
articles compare by the cosine of their vectors.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

from newsreader.topics.sections import common_words
from newsreader.topics.words import STOP_WORDS, stem

#: Terms kept per article in its vector (and in the story index).
SIGNATURE_TERMS = 30
#: Counts of title words are multiplied by this...
TITLE_BOOST = 2.0
#: ...and counts of names (a capital inside a sentence) by this.
NAME_BOOST = 2.0
#: Pseudo-documents behind the rarity estimate; everyday news words are in a share of them.
PRIOR_DOCUMENTS = 20
PRIOR_COMMON_SHARE = 0.4
#: Only the lead counts: the first this many words of the text (news states its event
#: first; later paragraphs give background that every report of a saga shares).
LEAD_WORDS = 150
#: A title with at least this share of capitalised words is in title case: its
#: capitals say nothing about names.
TITLE_CASE_SHARE = 0.6

_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019.\-][A-Za-z0-9\u00c0-\u024f]+)*")
_CONTRACTION = re.compile(r"(n't|'m|'re|'ve|'ll|'d)$")
#: A word, and the sentence end (or line break) within three characters before it.
_MARKED_WORD = re.compile(r"([.!?\"\u201c\u201d:\n]\s{0,2})?(" + _WORD.pattern + ")")


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


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    """Runs of ``size`` words of ``text`` (lower case): what a rewrite keeps of its source."""
    words = [w.lower() for w in _WORD.findall(text)]
    return set(zip(*(words[i:] for i in range(size)), strict=False))


def containment(ours: Set[tuple[str, ...]], theirs: Set[tuple[str, ...]]) -> float:
    """The share of ``ours`` found in ``theirs`` (0.0 when ``ours`` is empty)."""
    return len(ours & theirs) / len(ours) if ours else 0.0


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


@lru_cache(maxsize=512)
def rewrite_marks(text: str) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """(four-word runs, specific numbers) of ``text``: what tells a rewrite of it.

    Remembered for recent texts: a new report is compared with its story's recent
    reports, which were new reports a moment before.
    """
    return frozenset(shingles(text)), frozenset(specific_numbers(text))


@dataclass(frozen=True)
class TextMarks:
    """What placement reads of an article's title and text alone, made at once (by a
    worker process): :func:`signature` of the title and lead and of all the text, and
    :func:`rewrite_marks`."""

    lead: Signature
    whole: Signature
    runs: frozenset[tuple[str, ...]]
    numbers: frozenset[str]


def text_marks(title: str, text: str) -> TextMarks:
    """The :class:`TextMarks` of an article (made once: not remembered)."""
    runs, numbers = rewrite_marks.__wrapped__(f"{title}\n{text}")
    lead = signature.__wrapped__(title, text)
    return TextMarks(lead, signature.__wrapped__(title, text, whole=True), runs, numbers)


def _title_case(title: str) -> bool:
    words = [w for w in _WORD.findall(title) if len(w) > 3]
    capitals = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and capitals >= TITLE_CASE_SHARE * len(words)


def _lead_words(text: str) -> list[tuple[str, str]]:
    """The first :data:`LEAD_WORDS` words of ``text`` (all when fewer), each with the
    sentence end before it (see :data:`_MARKED_WORD`).

    Only a head of the text is scanned, long enough to hold them (a word is seldom
    longer than a dozen characters); a match cut by the head's end is never kept.
    """
    size = LEAD_WORDS * 10
    while True:
        found = _MARKED_WORD.findall(text, 0, size)
        if len(found) > LEAD_WORDS:
            return found[:LEAD_WORDS]
        if size >= len(text):
            return found
        size *= 2


@lru_cache(maxsize=512)
def signature(title: str, text: str, whole: bool = False) -> Signature:
    """Count the content terms of an article's title and lead (``whole``: all its text);
    names and title words count more.

    Remembered for recent articles. Do not change the counts of a returned signature.
    """
    counts: dict[str, float] = defaultdict(float)
    terms = _TERMS
    sources = (
        (title, _MARKED_WORD.findall(title), TITLE_BOOST, not _title_case(title)),
        (text, _MARKED_WORD.findall(text) if whole else _lead_words(text), 1.0, True),
    )
    for source, found, boost, names in sources:
        if found and _WORD.match(source):  # the first word opens the text
            found[0] = ("\n", found[0][1])
        named = boost * NAME_BOOST
        for mark, raw in found:
            try:
                word = terms[raw]
            except KeyError:
                if len(terms) >= _TERM_CACHE_SIZE:
                    terms.clear()
                word = terms[raw] = _term(raw)
            if word is not None:
                # a capital counts as a name inside a sentence, not after its end
                counts[word] += named if names and not mark and raw[0].isupper() else boost
    return Signature(dict(counts))


def ranked(
    sig: Signature, documents: int, term_documents: dict[str, int]
) -> list[tuple[str, float]]:
    """The signature's terms with their TF-IDF weights, heaviest first."""
    common = common_words()
    total = documents + PRIOR_DOCUMENTS
    prior = PRIOR_DOCUMENTS * PRIOR_COMMON_SHARE
    log = math.log
    idf_of: dict[float, float] = {}  # many terms share a document count
    scored: list[tuple[float, str]] = []
    for term, count in sig.counts.items():
        df = term_documents.get(term, 0) + (prior if term in common else 0.0)
        idf = idf_of.get(df)
        if idf is None:
            idf = idf_of[df] = log((total + 1.0) / (df + 1.0))
        scored.append((-(1.0 + log(count)) * idf, term))
    scored.sort()
    return [(term, -negative) for negative, term in scored]


def normalised(top: list[tuple[str, float]]) -> dict[str, float]:
    """Weights scaled to unit length, zero weights left out."""
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top if w > 0}


def weigh(
    sig: Signature,
    documents: int,
    term_documents: dict[str, int],
    limit: int | None = SIGNATURE_TERMS,
) -> dict[str, float]:
    """TF-IDF weights of the signature's top ``limit`` terms (None: all), L2-normalised."""
    return normalised(ranked(sig, documents, term_documents)[:limit])


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors (their cosine)."""
    if len(a) > len(b):
        a, b = b, a
    return sum([w * b[t] for t, w in a.items() if t in b])
