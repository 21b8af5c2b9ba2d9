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
    """One side of a whole-story comparison: its members, their mean vector and outlets."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.members = members
        self.mean = _mean(members)
        self.outlets = Counter(m.outlet for m in members if m.outlet is not None)


#: Other stories' sides made lately, by their members' vectors (the objects themselves,
#: which each side holds, so an id names one live vector) and outlets: the reports of a
#: story near a new report are mostly those near the one before it. Emptied when full.
_WHOLES: dict[tuple[tuple[int, int | None], ...], _Whole] = {}
_WHOLES_SIZE = 1024


def _whole_of(members: Sequence[Member]) -> _Whole:
    key = tuple((id(m.vector), m.outlet) for m in members)
    found = _WHOLES.get(key)
    if found is None:
        if len(_WHOLES) >= _WHOLES_SIZE:
            _WHOLES.clear()
        found = _WHOLES[key] = _Whole(members)
    return found


def _link(ours: _Whole, theirs: _Whole, penalty: float) -> float:
    a, b = ours.mean, theirs.mean
    if len(a) > len(b):
        a, b = b, a
    score = sum(w * b[t] for t, w in a.items() if t in b)
    same = sum(ours.outlets[m.outlet] for m in theirs.members if m.outlet is not None)
    return score - penalty * same / (len(ours.members) * len(theirs.members))


def average_link(ours: Sequence[Member], theirs: Sequence[Member], penalty: float) -> float:
    """Mean cosine over every pair of one report of ``ours`` and one of ``theirs``,
    less ``penalty`` for each pair from one outlet."""
    if not ours or not theirs:
        return 0.0
    return _link(_Whole(ours), _Whole(theirs), penalty)


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
    their nearest reports, and dated when every pair is.
    """
    merge = []
    whole: _Whole | None = None  # home's mean, made once for every story compared
    for story_id in sorted(others):
        theirs = others[story_id]
        if min(len(home), len(theirs)) < MERGE_LEAST:
            continue
        pairs = [(a.when, b.when) for a in home for b in theirs]
        nearest = min(gap(a, b) for a, b in pairs)
        dated = all(a[0] is not None and b[0] is not None for a, b in pairs)
        if whole is None:
            whole = _Whole(home)
        score = _link(whole, _whole_of(theirs), penalty)
        reports = min(len(home), len(theirs))
        level = needed(0.0, dated, reports)
        rise = needed(nearest, dated, reports) - level
        if score < level + MERGE_EASING * rise:
            continue
        merge.append(story_id)
    return merge
