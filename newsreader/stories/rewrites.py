"""Telling a rewrite (or copy) of an earlier report: syndicated wire copy retold by
another outlet, or carried word for word by a second feed."""

from __future__ import annotations

import math
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from typing import NamedTuple

from newsreader.store import Library
from newsreader.store.story_index import PlacementInput
from newsreader.stories.terms import (
    RewriteView,
    TermFactors,
    TextMarks,
    containment,
    cosine,
    normalised,
    ranked,
    rewrite_view,
    term_priors,
)

#: Cosine of all terms (rarity as of now) with the closest earlier report at or above
#: which the new one is its rewrite (or copy)...
REWRITE = 0.85
#: ...or at least this share of its four-word runs is found in that report...
REWRITE_KEPT = 0.5
#: ...looked at when the indexed vectors' cosine reaches this. Specific numbers both
#: give (``420``, ``5.8``, ``$1.2bn``) add to the cosine, when two or more are shared.
LOOK_FOR_REWRITE = 0.5
NUMBER_BONUS, MIN_NUMBERS, MAX_NUMBERS = 0.05, 2, 4


#: Earlier reports whose marks a :class:`RewriteMemory` keeps (the last remembered): a
#: report is compared with reports among the last ``ARRIVAL_WINDOW`` arrivals when
#: undated, and with the reports of a week when dated, which a first refresh of many
#: feeds brings thousands of arrivals apart (one wire report in two feeds far apart in
#: the list). Each takes about 2.5 KB (:class:`KeptMarks`): about 10 MB in all.
REMEMBERED_REPORTS = 4096


class KeptMarks(NamedTuple):
    """What the rewrite check reads of an earlier report, kept small: its whole text's
    terms (joined by NUL, one string) with their counts, its four-word runs and its
    specific numbers. Its :class:`~newsreader.stories.terms.TermFactors` are made from
    these (:meth:`factors`) when it is compared, as its signature makes them."""

    terms: str
    #: Whole counts as two-byte integers (counts are sums of whole boosts), else floats.
    counts: array[int] | array[float]
    runs: array[int]
    numbers: frozenset[str]

    def factors(self) -> TermFactors:
        """The whole text's :class:`~newsreader.stories.terms.TermFactors`."""
        terms = tuple(self.terms.split("\0")) if self.terms else ()
        log = math.log
        frequencies = array("d", [1.0 + log(count) for count in self.counts])
        return TermFactors(terms, frequencies, term_priors(terms))


def kept_marks(view: TextMarks | RewriteView) -> KeptMarks:
    """The :class:`KeptMarks` of an article's marks or rewrite view (terms hold no NUL:
    they are runs of letters, digits and a few joining marks)."""
    counts = view.whole.counts
    values = list(counts.values())
    whole = all(value.is_integer() and 0 < value <= 0xFFFF for value in values)
    kept = array("H", map(int, values)) if whole else array("d", values)
    return KeptMarks("\0".join(counts), kept, array("I", view.runs), view.numbers)


class RewriteMemory:
    """The :class:`KeptMarks` of the reports remembered last, by article id (at most
    :data:`REMEMBERED_REPORTS`): what a later report's rewrite check reads of the earlier
    one it matched, without reading its text again. Each is kept with a hash of the
    title and text it was made from, so a report whose text changed since is read anew.
    """

    def __init__(self, size: int = REMEMBERED_REPORTS) -> None:
        self.size = size
        self._kept: OrderedDict[int, tuple[int, KeptMarks]] = OrderedDict()

    def remember(self, article_id: int, title: str, text: str, marks: KeptMarks) -> None:
        """Keep ``marks`` of the article with this title and text (the oldest kept go)."""
        self._kept[article_id] = (hash((title, text)), marks)
        self._kept.move_to_end(article_id)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def recall(self, article_id: int, title: str, text: str) -> KeptMarks | None:
        """The marks kept of the article, if they were made from this title and text."""
        found = self._kept.get(article_id)
        if found is None or found[0] != hash((title, text)):
            return None
        return found[1]


def with_rarity_of(library: Library, known: dict[str, int], terms: Iterable[str]) -> dict[str, int]:
    """``known`` document counts with those of ``terms`` not known yet read in."""
    missing = [term for term in terms if term not in known]
    if not missing:
        return known
    found = library.term_counts_of(missing)[1]
    return found if found is known else {**known, **found}  # a batch's counts: the same


def is_rewrite(
    library: Library,
    found: PlacementInput,
    rarity: tuple[int, dict[str, int]],
    other_id: int,
    marks: TextMarks | None = None,
    memory: RewriteMemory | None = None,
) -> bool:
    """True when the new article rewrites (or copies) an earlier one.

    A rewrite keeps its source's words (most of its four-word runs are found in
    the source) or retells its source's facts: its vector of all terms is nearly
    the source's (rarity as of now, ``rarity`` holding what is known of it),
    counting the specific figures both give. Each text is read once (``marks``
    and ``memory`` when made already, else :func:`rewrite_view`, the earlier
    report's then kept in ``memory``), and the vectors are weighed only when the
    runs do not settle it.
    """
    other = library.grouping_input(other_id)
    if other is None:
        return False
    ours: TextMarks | RewriteView = marks or rewrite_view(found.title, found.text)
    theirs = memory.recall(other_id, other[0], other[1]) if memory is not None else None
    if theirs is None:
        theirs = kept_marks(rewrite_view(other[0], other[1]))
        if memory is not None:
            memory.remember(other_id, other[0], other[1], theirs)
    if containment(ours.runs, theirs.runs) >= REWRITE_KEPT:
        return True
    documents, known = rarity
    ours_factors = ours.whole.term_factors()
    known = with_rarity_of(library, known, ours_factors.terms)
    full = normalised(ranked(ours_factors, documents, known))
    theirs_factors = theirs.factors()
    known = with_rarity_of(library, known, theirs_factors.terms)
    score = cosine(full, normalised(ranked(theirs_factors, documents, known)))
    shared = len(ours.numbers & theirs.numbers)
    if shared >= MIN_NUMBERS:  # one shared number is too often a day of the month
        score += NUMBER_BONUS * min(shared, MAX_NUMBERS)
    return score >= REWRITE
