"""An article as story grouping sees it: its most telling terms, weighted by TF-IDF.

Terms are content words, Snowball-stemmed (so "battered" meets "batters" and
"striking" meets "strike": reports of one event by different outlets inflect its
words each their own way), and specific numbers; title words and names
(capitalised words inside a sentence) count more. Weights are sublinear
TF times IDF, with rarity taken from the library's own document counts plus a
prior that makes everyday news words common from the first article on. A
vector keeps the heaviest :data:`SIGNATURE_TERMS` terms, L2-normalised, so two
articles compare by the cosine of their vectors.
"""

from __future__ import annotations

import math
import re
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import Stemmer

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

#: A word: letters and digits, joined by single apostrophes, dots and hyphens (possessive:
#: what follows a run can never extend it, so the engine keeps no backtracking points).
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]++(?:['\u2019.\-][A-Za-z0-9\u00c0-\u024f]++)*+")
_CONTRACTION = re.compile(r"(n't|'m|'re|'ve|'ll|'d)$")


class TermFactors(NamedTuple):
    """What :func:`ranked` weighs of a signature with the library's rarity, term by term
    in the signature's order: a few compact arrays (many are remembered at once)."""

    terms: tuple[str, ...]
    #: Sublinear term frequency of each.
    frequencies: array[float]
    #: Prior documents of each (everyday news words are common from the start).
    priors: array[float]


@dataclass(frozen=True)
class Signature:
    """An article's terms with their counts (boosted), before rarity weighting."""

    counts: dict[str, float]

    def term_factors(self) -> TermFactors:
        """The :class:`TermFactors` of the signature (made once: a signature is often
        weighed more than once)."""
        made: TermFactors | None = self.__dict__.get("_factors")
        if made is None:
            log = math.log
            terms = tuple(self.counts)
            made = self.__dict__["_factors"] = TermFactors(
                terms,
                array("d", [1.0 + log(count) for count in self.counts.values()]),
                term_priors(terms),
            )
        return made


def term_priors(terms: Iterable[str]) -> array[float]:
    """The prior documents of each term (:attr:`TermFactors.priors`)."""
    common = _common_terms()
    prior = PRIOR_DOCUMENTS * PRIOR_COMMON_SHARE
    return array("d", [prior if term in common else 0.0 for term in terms])


_SNOWBALL = Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _common_terms() -> frozenset[str]:
    """The everyday news words (:func:`common_words`) as terms."""
    return frozenset(_SNOWBALL.stemWord(word) for word in common_words())


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
    if any(c.isdigit() for c in word):
        return word  # a figure ("90mph", "4.5") is kept as written
    return str(_SNOWBALL.stemWord(word))


def shingles(text: str, size: int = 4) -> frozenset[int]:
    """Runs of ``size`` words of ``text`` (lower case), as :func:`run_keys`: what a
    rewrite keeps of its source."""
    return run_keys(list(map(str.lower, _WORD.findall(text))), size)


def run_keys(words: Sequence[str], size: int = 4) -> frozenset[int]:
    """Each run of ``size`` consecutive ``words`` as a checksum of its words (CRC-32).

    The same in every process (a worker process makes them for the enriching one),
    and a small fraction of the cost of tuples of words to send between processes
    and to compare; two different runs share a key about once in four billion.
    """
    crc = zlib.crc32
    return frozenset(
        crc("\x1f".join(run).encode("utf-8", "surrogatepass"))
        for run in zip(*(words[i:] for i in range(size)), strict=False)
    )


def containment(ours: frozenset[int], theirs: Iterable[int]) -> float:
    """The share of ``ours`` found in ``theirs`` (0.0 when ``ours`` is empty)."""
    return len(ours.intersection(theirs)) / len(ours) if ours else 0.0


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
def rewrite_marks(text: str) -> tuple[frozenset[int], frozenset[str]]:
    """(four-word runs, specific numbers) of ``text``: what tells a rewrite of it.

    Remembered for recent texts: a new report is compared with its story's recent
    reports, which were new reports a moment before.
    """
    return shingles(text), frozenset(specific_numbers(text))


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 3]
    capitals = sum(1 for w in long if w[0].isupper())
    return len(long) >= 3 and capitals >= TITLE_CASE_SHARE * len(long)


#: A word with its separator before it, split out: ``re.split`` gives the separators
#: and the words of a text in turn.
_SPLIT = re.compile(f"({_WORD.pattern})")
#: A separator ending with a sentence end (or line break) and at most two spaces: the
#: word after it opens a sentence, so its capital says nothing of a name.
_SENTENCE_END = re.compile(r"[.!?\"\u201c\u201d:\n]\s{0,2}\Z")


class _Opens(dict[str, bool]):
    """Separator -> whether the word after it opens a sentence (separators repeat)."""

    def __missing__(self, separator: str) -> bool:
        if len(self) >= _TERM_CACHE_SIZE:
            self.clear()
        # "" is only ever before a text's first word
        opens = self[separator] = not separator or _SENTENCE_END.search(separator) is not None
        return opens


_OPENS = _Opens()


def _words(text: str, limit: int = 0) -> tuple[list[str], list[str]]:
    """The words of ``text`` (its first ``limit``; 0: all) and the separator before each."""
    parts = _SPLIT.split(text, limit)
    return parts[1::2], parts[0:-1:2]


def _index_terms(words: list[str]) -> list[str]:
    """Each word's term ("": none), remembered in :data:`_TERMS`."""
    terms = _TERMS
    found = list(map(terms.get, words))
    if None in found:  # words not seen before
        if len(terms) + len(words) >= _TERM_CACHE_SIZE:
            terms.clear()
        for index, term in enumerate(found):
            if term is None:
                raw = words[index]
                found[index] = terms[raw] = _term(raw) or ""
    return found  # type: ignore[return-value]


def _add_counts(
    counts: dict[str, float], words: list[str], separators: list[str], boost: float, names: bool
) -> None:
    """Add ``boost`` for each word's term, twice that for a name (``names``: a capital
    inside a sentence)."""
    get = counts.get
    if not names:
        for term in _index_terms(words):
            if term:
                counts[term] = get(term, 0.0) + boost
        return
    opens = _OPENS
    name_boost = boost * NAME_BOOST
    for term, raw, separator in zip(_index_terms(words), words, separators, strict=True):
        if term:
            name = raw[0].isupper() and not opens[separator]
            counts[term] = get(term, 0.0) + (name_boost if name else boost)


@lru_cache(maxsize=512)
def signature(title: str, text: str, whole: bool = False) -> Signature:
    """Count the content terms of an article's title and lead (its first
    :data:`LEAD_WORDS` words; ``whole``: all its text); names and title words count more.

    Remembered for recent articles. Do not change the counts of a returned signature.
    """
    if whole:
        return rewrite_view(title, text).whole
    counts: dict[str, float] = {}
    title_words, title_separators = _words(title)
    _add_counts(counts, title_words, title_separators, TITLE_BOOST, not _title_case(title_words))
    _add_counts(counts, *_words(text, LEAD_WORDS), 1.0, True)
    return Signature(counts)


class RewriteView(NamedTuple):
    """What telling a rewrite compares of an article's title and text."""

    #: The counts of all its terms (its :func:`signature` of the whole text).
    whole: Signature
    #: Its four-word runs and its specific numbers (:func:`rewrite_marks` of
    #: ``f"{title}\n{text}"``).
    runs: frozenset[int]
    numbers: frozenset[str]


@lru_cache(maxsize=512)
def rewrite_view(title: str, text: str) -> RewriteView:
    """The :class:`RewriteView` of an article, its text read once.

    Remembered for recent articles: a new report is compared with its story's recent
    reports, which were new reports a moment before. Do not change what it returns.
    """
    return _view(title, text, None)


def _view(title: str, text: str, lead: Signature | None) -> RewriteView:
    """The :class:`RewriteView` of an article, whose lead :func:`signature` is ``lead``
    when it was made already: the whole text's counts are then the lead's with the words
    after the lead added, in the order the text gives them (so the sums are those of
    counting the whole text)."""
    title_words, title_separators = _words(title)
    text_words, text_separators = _words(text)
    if lead is None:
        counts: dict[str, float] = {}
        title_case = _title_case(title_words)
        _add_counts(counts, title_words, title_separators, TITLE_BOOST, not title_case)
        _add_counts(counts, text_words, text_separators, 1.0, True)
    else:
        counts = dict(lead.counts)
        _add_counts(counts, text_words[LEAD_WORDS:], text_separators[LEAD_WORDS:], 1.0, True)
    # no word or number spans the line break between title and text
    lower = list(map(str.lower, title_words + text_words))
    runs = run_keys(lower)
    numbers = frozenset(specific_numbers(title) | specific_numbers(text))
    return RewriteView(Signature(counts), runs, numbers)


@dataclass(frozen=True)
class TextMarks:
    """What placement reads of an article's title and text alone, made at once (by a
    worker process): :func:`signature` of the title and lead and of all the text, and
    :func:`rewrite_marks`."""

    lead: Signature
    whole: Signature
    runs: frozenset[int]
    numbers: frozenset[str]


def text_marks(title: str, text: str) -> TextMarks:
    """The :class:`TextMarks` of an article (made once: not remembered)."""
    lead = signature.__wrapped__(title, text)
    view = _view(title, text, lead)
    return TextMarks(lead, view.whole, view.runs, view.numbers)


def ranked(
    sig: Signature | TermFactors, documents: int, term_documents: dict[str, int]
) -> list[tuple[str, float]]:
    """The signature's terms (or its :class:`TermFactors`) with their TF-IDF weights,
    heaviest first."""
    top = documents + PRIOR_DOCUMENTS + 1.0
    log = math.log
    get = term_documents.get
    terms, frequencies, priors = sig.term_factors() if isinstance(sig, Signature) else sig
    dfs = [get(term, 0) + prior for term, prior in zip(terms, priors, strict=True)]
    idf_of = {df: log(top / (df + 1.0)) for df in set(dfs)}  # many terms share a count
    scored = [
        (-tf * idf_of[df], term) for term, tf, df in zip(terms, frequencies, dfs, strict=True)
    ]
    scored.sort()
    return [(term, -negative) for negative, term in scored]


def normalised(top: list[tuple[str, float]]) -> dict[str, float]:
    """Weights scaled to unit length, zero weights left out."""
    norm = math.sqrt(sum([w * w for _, w in top])) or 1.0
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
