"""Joining two stories that are one event, compared as wholes.

Placement is online: an event whose first reports happen to share few words
starts two stories, and a later report close to both cannot join them by
itself. After a report is placed, its story (with the report in it) is compared
with each other story the report was compared with, as wholes: the mean cosine
over every pair of their reports (average link), a report pair from one outlet
counted down. Average link is the dot product of the two groups' mean vectors,
so the cost is linear in the reports compared, which placement has already read.
Two stories of two reports or more are joined when that mean reaches what a
report joining a story needs at the same distance in time, of which the part
asked for the time between them is eased (:data:`MERGE_EASING`). One member
close to another story never joins them: only the whole story's mean counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: Of what joining needs more for the time between two stories (than at the same
#: moment), their mean cosine needs only this share: a mean over every pair of two
#: stories of two reports or more is steadier than one report's, so a saga told over
#: days holds together. What separates one subject's events of the same day (two
#: state elections on one evening) is not eased. (Undated reports have no time apart.)
MERGE_EASING = 0.5
#: Stories with fewer reports than this are left to placement: a story of one report
#: is joined by the rule for one report.
MERGE_LEAST = 2


@dataclass(frozen=True)
class Member:
    """One report of a story as the whole-story comparison sees it."""

    vector: dict[str, float]
    #: Its feed (None: imported, the outlet not known).
    outlet: int | None
    #: (published, added) epoch seconds.
    when: tuple[float | None, float]


def _mean(members: Sequence[Member]) -> dict[str, float]:
    total: dict[str, float] = {}
    for member in members:
        for term, weight in member.vector.items():
            total[term] = total.get(term, 0.0) + weight
    count = len(members)
    return {term: weight / count for term, weight in total.items()}


class _Whole:
    """The home side of a whole-story comparison: its members, their mean vector and outlets."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.members = members
        self.mean = _mean(members)
        self.outlets = Counter(m.outlet for m in members if m.outlet is not None)


def _dot(mean: dict[str, float], members: Sequence[Member]) -> float:
    """The dot product of ``mean`` with the mean vector of ``members``.

    Only the terms of ``mean`` count, so the other side's mean is made of those
    alone; each of its terms sums its members' weights in their order, the terms
    kept in the order they first come, and the product iterates the side with
    fewer terms: the same additions in the same order as over both full means.
    """
    vectors = [member.vector for member in members]
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            if term in mean:
                total[term] = total.get(term, 0.0) + weight
    count = len(vectors)
    theirs = {term: weight / count for term, weight in total.items()}
    size = len(mean)
    if size > max(map(len, vectors)) and size > len(set().union(*vectors)):
        return sum(w * mean[t] for t, w in theirs.items())  # their full mean is the smaller
    return sum(w * theirs[t] for t, w in mean.items() if t in theirs)


def _link(ours: _Whole, theirs: Sequence[Member], penalty: float) -> float:
    score = _dot(ours.mean, theirs)
    same = sum(ours.outlets[m.outlet] for m in theirs if m.outlet is not None)
    return score - penalty * same / (len(ours.members) * len(theirs))


def average_link(ours: Sequence[Member], theirs: Sequence[Member], penalty: float) -> float:
    """Mean cosine over every pair of one report of ``ours`` and one of ``theirs``,
    less ``penalty`` for each pair from one outlet."""
    if not ours or not theirs:
        return 0.0
    return _link(_Whole(ours), theirs, penalty)


Needed = Callable[[float, bool, int], float]
Gap = Callable[[tuple[float | None, float], tuple[float | None, float]], float]


def mergeable(
    home: Sequence[Member],
    others: Mapping[int, Sequence[Member]],
    needed: Needed,
    gap: Gap,
    penalty: float,
) -> list[int]:
    """The ids of ``others`` that read as one event with ``home`` as wholes.

    ``needed(gap, dated, reports)`` is what a report needs to join a story;
    ``gap`` says how far apart two reports are. Two stories are as far apart as
    their nearest reports, and dated when every pair is. What is needed must not
    fall as the gap grows.
    """
    merge: list[int] = []
    if len(home) < MERGE_LEAST:
        return merge
    whole: _Whole | None = None  # home's mean, made once for every story compared
    home_dated = all(m.when[0] is not None for m in home)
    for story_id in sorted(others):
        theirs = others[story_id]
        if len(theirs) < MERGE_LEAST:
            continue
        if whole is None:
            whole = _Whole(home)
        score = _link(whole, theirs, penalty)
        dated = home_dated and all(m.when[0] is not None for m in theirs)
        reports = min(len(home), len(theirs))
        level = needed(0.0, dated, reports)
        if score < level:  # short of it at no distance in time, so short of it at any
            continue
        nearest = min(gap(a.when, b.when) for a in home for b in theirs)
        rise = needed(nearest, dated, reports) - level
        if score < level + MERGE_EASING * rise:
            continue
        merge.append(story_id)
    return merge
