"""Stories compared as wholes: two stories of one event are joined, one close member is
not enough."""

from __future__ import annotations

import math

from newsreader.stories.merging import MERGE_EASING, Member, average_link, mergeable

DAY = 86400.0


def unit(**weights: float) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / norm for term, w in weights.items()}


def member(when: float | None = 0.0, outlet: int | None = None, **weights: float) -> Member:
    return Member(unit(**weights), outlet, (when, when or 0.0))


def needed(gap: float, dated: bool, reports: int) -> float:
    """A simple rule: 0.7 at the same moment, rising by 0.1 a day; 0.8 undated."""
    return 0.7 + 0.1 * gap / DAY if dated else 0.8


def gap(a: tuple[float | None, float], b: tuple[float | None, float]) -> float:
    return abs((a[0] or a[1]) - (b[0] or b[1]))


STRIKE = [member(nordair=2, pilots=1, strike=1), member(nordair=2, walkout=1, pilots=1)]
TALKS = [member(nordair=2, talks=1, pilots=1), member(nordair=1, mediator=1, pilots=1)]
#: One report shares a story's words; the other is about something else.
MIXED = [member(nordair=2, pilots=1, strike=1), member(harbour=1, dredging=2, port=1)]


def test_average_link_is_the_mean_cosine_over_all_pairs():
    pairs = [
        sum(w * b.vector.get(t, 0.0) for t, w in a.vector.items()) for a in STRIKE for b in TALKS
    ]
    assert math.isclose(average_link(STRIKE, TALKS, 0.0), sum(pairs) / len(pairs))


def test_average_link_is_the_mean_cosine_whichever_side_has_more_terms():
    """A story of many terms against one of few, either way round."""
    wide = [member(nordair=2, pilots=1, strike=1, union=1, wages=1), member(nordair=1, talks=2)]
    narrow = [member(nordair=1, pilots=1), member(pilots=2, strike=1)]
    for ours, theirs in ((wide, narrow), (narrow, wide)):
        pairs = [
            sum(w * b.vector.get(t, 0.0) for t, w in a.vector.items()) for a in ours for b in theirs
        ]
        assert math.isclose(average_link(ours, theirs, 0.0), sum(pairs) / len(pairs))


def test_pairs_from_one_outlet_count_down():
    ours = [member(outlet=1, nordair=1, pilots=1)]
    theirs = [member(outlet=1, nordair=1, pilots=1), member(outlet=2, nordair=1, pilots=1)]
    assert math.isclose(average_link(ours, theirs, 0.3), 1.0 - 0.3 / 2)


def test_two_stories_of_one_event_are_merged():
    assert mergeable(STRIKE, {7: TALKS}, needed, gap, 0.3) == [7]


def test_one_close_member_does_not_merge_a_story():
    """MIXED holds a copy of a strike report, but as a whole it is not the strike."""
    assert average_link(STRIKE, MIXED[:1], 0.0) > 0.7
    assert mergeable(STRIKE, {7: MIXED}, needed, gap, 0.3) == []


def test_stories_days_apart_or_undated_need_what_joining_needs_there():
    """STRIKE and TALKS are one event at the same moment; five days apart, or with no
    dates, the rule asks more than their mean cosine (0.77)."""
    later = [Member(m.vector, m.outlet, (5 * DAY, 5 * DAY)) for m in TALKS]
    assert mergeable(STRIKE, {7: later}, needed, gap, 0.3) == []
    undated = [Member(m.vector, m.outlet, (None, 0.0)) for m in TALKS]
    assert mergeable(STRIKE, {7: undated}, needed, gap, 0.3) == []
    assert mergeable(STRIKE, {7: TALKS, 8: later}, needed, gap, 0.3) == [7]


def test_dated_stories_days_apart_merge_below_what_one_report_needs_undated_ones_do_not():
    """Two dated stories' mean over four pairs is steadier than one report's cosine:
    of what joining needs more for their time apart, they need only a share. Without
    dates, what joining needs."""
    score = average_link(STRIKE, TALKS, 0.3)
    level = score - 0.1

    def rising(gap: float, dated: bool, reports: int) -> float:
        return level + 0.1 * gap / DAY if dated else level + 0.2

    # what joining needs is over the score, its rise eased is under it
    days = 1.0 / MERGE_EASING**0.5
    later = [Member(m.vector, m.outlet, (days * DAY, days * DAY)) for m in TALKS]
    assert rising(days * DAY, True, 2) > score
    assert mergeable(STRIKE, {7: later}, rising, gap, 0.3) == [7]
    undated = [Member(m.vector, m.outlet, (None, 0.0)) for m in TALKS]
    assert mergeable(STRIKE, {7: undated}, rising, gap, 0.3) == []


def test_a_story_of_one_report_is_left_to_placement():
    """A report's own story is joined by the rule for one report, never merged."""
    assert mergeable(STRIKE, {7: TALKS[:1]}, needed, gap, 0.3) == []
    assert mergeable(STRIKE[:1], {7: TALKS}, needed, gap, 0.3) == []
