"""Telling a rewrite (or copy) of an earlier report: syndicated wire copy retold by
another outlet, or carried word for word by a second feed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsreader.store import Library
from newsreader.store.story_index import PlacementInput
from newsreader.stories.terms import (
    RewriteView,
    TextMarks,
    containment,
    cosine,
    normalised,
    ranked,
    rewrite_view,
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
    recent: Mapping[tuple[str, str], TextMarks] | None = None,
) -> bool:
    """True when the new article rewrites (or copies) an earlier one.

    A rewrite keeps its source's words (most of its four-word runs are found in
    the source) or retells its source's facts: its vector of all terms is nearly
    the source's (rarity as of now, ``rarity`` holding what is known of it),
    counting the specific figures both give. Each text is read once (``marks``
    and ``recent`` when made already, else :func:`rewrite_view`), and the vectors
    are weighed only when the runs do not settle it.
    """
    other = library.grouping_input(other_id)
    if other is None:
        return False
    ours: TextMarks | RewriteView = marks or rewrite_view(found.title, found.text)
    theirs: TextMarks | RewriteView | None = recent.get(other[:2]) if recent else None
    if theirs is None:
        theirs = rewrite_view(other[0], other[1])
    if containment(ours.runs, theirs.runs) >= REWRITE_KEPT:
        return True
    documents, known = rarity
    known = with_rarity_of(library, known, ours.whole.counts)
    full = normalised(ranked(ours.whole, documents, known))
    known = with_rarity_of(library, known, theirs.whole.counts)
    score = cosine(full, normalised(ranked(theirs.whole, documents, known)))
    shared = len(ours.numbers & theirs.numbers)
    if shared >= MIN_NUMBERS:  # one shared number is too often a day of the month
        score += NUMBER_BONUS * min(shared, MAX_NUMBERS)
    return score >= REWRITE
