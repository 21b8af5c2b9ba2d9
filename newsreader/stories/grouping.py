"""Placing a new article in a story: incremental same-event grouping.

An article joins a story when it is close to the story as a whole, not to one
of its reports: its similarity to a story is the mean cosine (average link) of
its term vector (:mod:`newsreader.stories.terms`) with the story's reports
nearest to it in time, each weighted down by its distance in time. A chain of
reports each close to the last therefore never pulls unrelated ones together,
and a long-running story is judged by its recent reports. The similarity
needed grows with the time between the article and the story's nearest report,
fastest over the first day: reports of one event by several outlets come within
hours and word it each their own way, while another event of the same subject
shares its names and usually comes a day or more later. The specific terms the
article shares with the story, or lacks, move that need
(:mod:`newsreader.stories.evidence`).

Cost per article is bounded whatever the library's size: the index is read for
at most :data:`SEARCH_TERMS` terms, :data:`POSTING_LIMIT` entries each on each
side of the article's time (nearest first); the :data:`CANDIDATE_ARTICLES`
best matches name the candidate stories, of which at most
:data:`CANDIDATE_STORIES` are compared, with at most :data:`NEAREST_REPORTS`
reports each.

Time is publication time when both reports are dated, else arrival time.
Undated reports are bounded by arrival order, not time: an undated report meets
only articles among the last :data:`ARRIVAL_WINDOW` to arrive (however long
ago they came: a folder imported weeks after a feed brought the same event),
so a library imported without dates does not become one pool of candidates. When either is
undated, the time between them is not known, but the order they came in says
something of it (an import or a feed brings reports in the order they were
written more often than not): an undated report arriving next to a story's
undated reports eases joining it a little, unless their specifics conflict (a
dated report's place in the order says nothing of when an undated one was
written: a feed's reports stored before a folder is imported), and the specific
terms shared with a story weigh as much as its reports are near in arrival.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

from newsreader.store import Library, transaction
from newsreader.store.story_index import Report
from newsreader.store.story_search import LATE_ARRIVAL, PUBLISHED, UNDATED, TermSearch
from newsreader.stories.evidence import (
    SCORE_CONFLICT,
    StoryEvidence,
    scores_conflict,
    specific_terms,
    told_scores,
)
from newsreader.stories.merging import MERGE_LEAST, Member, mergeable
from newsreader.stories.rewrites import LOOK_FOR_REWRITE, RewriteMemory, is_rewrite
from newsreader.stories.terms import (
    SIGNATURE_TERMS,
    TextMarks,
    cosine,
    normalised,
    ranked,
    signature,
)

#: Reports further apart than this (by publication, else arrival) are different stories.
WINDOW_DAYS = 7.0
#: An undated report meets only articles among this many last arrivals.
ARRIVAL_WINDOW = 2000
#: The heaviest this many terms of a new article look for candidates...
SEARCH_TERMS = 12
#: ...reading at most this many index entries per term on each side of its time.
POSTING_LIMIT = 20
#: The best-matching articles met in the index; their stories are the candidates...
CANDIDATE_ARTICLES = 20
#: ...of which at most this many are compared...
CANDIDATE_STORIES = 5
#: ...each by its reports nearest in time, at most this many.
NEAREST_REPORTS = 8
#: Mean cosine with a story's reports at or above which a report published at the
#: same moment joins it...
SAME_STORY = 0.17
#: ...growing by this much over the first day between the report and the story
#: (reports of one event from different outlets come within hours of each other and
#: share few words; a new development of the same subject comes a day or more later)...
FIRST_DAY_RISE = 0.08
#: ...and by this much per day after that (a long-running story holds over days).
DECAY_PER_DAY = 0.03
#: The mean cosine needed when the time between them is not known (either is undated)...
SAME_STORY_UNDATED = 0.28
#: ...less up to this much for an undated report arriving next to one of the story's
#: undated reports, nothing from ARRIVAL_NEAR arrivals apart on (in between, in proportion), unless
#: their specific terms conflict (:mod:`newsreader.stories.evidence`): another event
#: of the same subject and days comes in next to it too. A story report ARRIVAL_NEAR
#: arrivals away counts half in the specific terms shared (as one HALF_WEIGHT_DAYS
#: away does when both are dated): what two reports far apart in a library's order
#: share is most often their subject.
ARRIVAL_EASE, ARRIVAL_NEAR = 0.06, 60
#: Taken off the cosine with a report from the same feed: an outlet seldom writes
#: two separate reports of one event (it updates the one), but it follows a saga
#: with a report for each new development. (An imported file's source is its
#: folder, which says nothing of its outlet.)
SAME_SOURCE_PENALTY = 0.3
#: A story report this many days away counts half as much in the mean.
HALF_WEIGHT_DAYS = 1.0

_DAY = 86400.0


@dataclass(frozen=True)
class Placement:
    """Where an article went, and how much it was compared with to get there."""

    story_id: int
    #: The report of the story it is most like (None: a new story).
    matched: int | None
    #: Its similarity to the story it joined (the weighted mean cosine).
    similarity: float
    rewrite_of: int | None
    #: Articles met in the index (sharing one of its telling terms).
    candidates: int = 0
    #: Stories compared, and reports of theirs compared, in full.
    stories_compared: int = 0
    reports_compared: int = 0
    #: Other stories found to be the same event and merged into this one.
    merged: tuple[int, ...] = ()


def _gap(a: tuple[float | None, float], b: tuple[float | None, float]) -> float:
    """Seconds between two reports: by publication when both are dated, else by arrival."""
    (published_a, added_a), (published_b, added_b) = a, b
    if published_a is not None and published_b is not None:
        return abs(published_a - published_b)
    return abs(added_a - added_b)


def _dated(a: tuple[float | None, float], b: tuple[float | None, float]) -> bool:
    return a[0] is not None and b[0] is not None


def _searches(
    article_id: int, published: float | None, sort_time: float, added: float
) -> list[TermSearch]:
    """Which index entries a new report can share a story with (see :func:`_gap`).

    A dated report meets dated ones published near it and undated ones that
    arrived near it; an undated report meets everything that arrived near it
    (a dated article arriving long after its publication is indexed under its
    arrival too, for these), among the last :data:`ARRIVAL_WINDOW` arrivals.
    """
    window = WINDOW_DAYS * _DAY
    recent = max(1, article_id - ARRIVAL_WINDOW)  # 1 on: a search by arrival (ids start at 1)
    if published is None:  # bounded by arrival order alone, read nearest in time first
        return [
            TermSearch(kind, -math.inf, added, math.inf, recent)
            for kind in (PUBLISHED, UNDATED, LATE_ARRIVAL)
        ]
    undated = TermSearch(UNDATED, added - window, added, added + window, recent)
    return [TermSearch(PUBLISHED, sort_time - window, sort_time, sort_time + window), undated]


def _too_far(article_id: int, published: float | None, report: Report, gap: float) -> bool:
    """True when a report is too far from the new one to be of its story: by time when
    the new one is dated, by arrival order when it is not (an undated import arriving
    weeks after a feed's reports of its event still meets them)."""
    if published is None:
        return abs(article_id - report.article_id) > ARRIVAL_WINDOW
    return gap > WINDOW_DAYS * _DAY


def _weight(gap: float) -> float:
    return 1.0 / (1.0 + gap / (HALF_WEIGHT_DAYS * _DAY))


def _needed(gap: float, dated: bool, reports: int) -> float:
    """The mean cosine a report needs to join a story ``gap`` seconds from it, compared
    with ``reports`` of its reports.

    Reports close in time that share rare terms are likely one event; the further
    apart, the more the text must carry (most of all over the first day), less so
    when it agrees with several of the story's reports (a mean of several cosines
    says more than one). When the time between them is not known, that evidence
    is missing.
    """
    if not dated:
        return SAME_STORY_UNDATED
    days = gap / _DAY
    rise = FIRST_DAY_RISE * min(days, 1.0) + DECAY_PER_DAY * days
    return SAME_STORY + rise / math.sqrt(max(1, reports))


@dataclass
class _Candidate:
    """A candidate story as compared with the new report."""

    story_id: int
    reports: list[tuple[Report, float, float]]  # report, cosine, gap in seconds
    dated: bool = True  # every report compared is dated, as is the new one
    evidence: StoryEvidence = field(default_factory=StoryEvidence)

    def similarity(self) -> float:
        total = sum(_weight(gap) for _, _, gap in self.reports)
        return sum(_weight(gap) * cos for _, cos, gap in self.reports) / total

    def nearest_gap(self) -> float:
        return min(gap for _, _, gap in self.reports)

    def evidence_shift(
        self,
        article_id: int,
        documents: int,
        term_documents: Mapping[str, int],
        vector: dict[str, float],
        specific: list[str],
        undated: bool,
    ) -> float:
        """What the evidence beyond the cosine adds to what joining needs: the specific
        terms (:meth:`StoryEvidence.shift`), weighed by the time between the report and
        the story, or by their order of arrival when that time is not known (then
        :data:`ARRIVAL_EASE` too, when the report, ``undated``, arrived next to one of
        the story's undated reports)."""
        if self.dated:
            weight = _weight(self.nearest_gap())
            return self.evidence.shift(documents, term_documents, vector, specific, weight)
        apart = min(abs(article_id - report.article_id) for report, _, _ in self.reports)
        weight = min(_weight(self.nearest_gap()), 1.0 / (1.0 + apart / ARRIVAL_NEAR))
        shift = self.evidence.shift(documents, term_documents, vector, specific, weight)
        order = [abs(article_id - r.article_id) for r, _, _ in self.reports if r.published is None]
        near = min(order) if undated and order else ARRIVAL_NEAR
        if near < ARRIVAL_NEAR and not self.evidence.conflicts(vector, specific):
            shift -= ARRIVAL_EASE * (1.0 - near / ARRIVAL_NEAR)
        return shift


def _scores_of(library: Library, candidate: _Candidate) -> Iterator[frozenset[str]]:
    """The scores each report of the candidate compared tells (:func:`told_scores`), read
    from its text as asked for."""
    for report, _, _ in candidate.reports:
        found = library.grouping_input(report.article_id)
        if found is not None:
            yield told_scores(found[0], found[1])


def place_article(
    library: Library,
    article_id: int,
    marks: TextMarks | None = None,
    memory: RewriteMemory | None = None,
) -> Placement | None:
    """Put one stored article into a story (joining a close one or starting its own).

    Returns None when the article is not in the library. ``marks`` are the
    article's :class:`~newsreader.stories.terms.TextMarks` when they were made
    already (by a worker process); ``memory`` keeps what the rewrite check read of
    earlier articles (:class:`~newsreader.stories.rewrites.RewriteMemory`). See the
    module's documentation for how a story is chosen and what the cost is bounded by.
    """
    found = library.placement_input(article_id)
    if found is None:
        return None
    title, text, sort_time, current, published, added, outlet = found
    sig = marks.lead if marks is not None else signature(title, text)
    documents, term_documents = library.term_counts_of(sig.counts)
    vector = normalised(ranked(sig, documents, term_documents)[:SIGNATURE_TERMS])
    window = WINDOW_DAYS * _DAY
    telling = dict(islice(vector.items(), SEARCH_TERMS))
    met = library.story_candidates(
        telling, _searches(article_id, published, sort_time, added), article_id, POSTING_LIMIT
    )
    best = heapq.nsmallest(CANDIDATE_ARTICLES, met, key=lambda a: (-met[a], a))
    homes = library.article_homes(best)
    story_order = list(dict.fromkeys(homes[a] for a in best if a in homes and homes[a] != current))
    stories = story_order[:CANDIDATE_STORIES]
    reports = library.reports_near(stories, sort_time, NEAREST_REPORTS)
    vectors = library.report_vectors(reports)
    me = (published, added)
    specific = specific_terms(vector)
    candidates: dict[int, _Candidate] = {}
    for report in reports:
        gap = _gap(me, (report.published, report.added))
        if report.article_id == article_id or _too_far(article_id, published, report, gap):
            continue
        score = cosine(vector, vectors.get(report.article_id, {}))
        if outlet is not None and report.outlet == outlet:
            score -= SAME_SOURCE_PENALTY
        candidate = candidates.setdefault(report.story_id, _Candidate(report.story_id, []))
        candidate.reports.append((report, score, gap))
        candidate.evidence.add(vectors.get(report.article_id, {}), vector, specific)
        candidate.dated = candidate.dated and _dated(me, (report.published, report.added))
    accepted: dict[int, float] = {}
    ours_scores: frozenset[str] | None = None  # read when a story is close enough
    for candidate_id, candidate in candidates.items():
        mean_cosine = candidate.similarity()
        needed = _needed(candidate.nearest_gap(), candidate.dated, len(candidate.reports))
        needed += candidate.evidence_shift(
            article_id, documents, term_documents, vector, specific, published is None
        )
        if mean_cosine < needed:
            continue
        if mean_cosine < needed + SCORE_CONFLICT:
            if ours_scores is None:
                ours_scores = told_scores(title, text)
            if ours_scores and scores_conflict(ours_scores, _scores_of(library, candidate)):
                continue
        accepted[candidate_id] = mean_cosine
    story_id: int | None = current
    matched = rewrite_of = None
    similarity = 0.0
    merge: list[int] = []
    if accepted:
        story_id = max(accepted, key=lambda s: (accepted[s], -s))
        similarity = accepted[story_id]
        home = candidates[story_id]
        top_report, top_cosine, _ = max(home.reports, key=lambda r: (r[1], -r[0].article_id))
        matched = top_report.article_id
        earlier = (top_report.sort_time, top_report.article_id) < (sort_time, article_id)
        looked_for = top_cosine >= LOOK_FOR_REWRITE and earlier
        rarity = (documents, term_documents)
        if looked_for and is_rewrite(library, found, rarity, matched, marks, memory):
            rewrite_of = matched
        merge = _mergeable(vector, (published, added, outlet), home, candidates, vectors)
        if merge:  # two stories giving different scores tell two matches, however alike
            if ours_scores is None:
                ours_scores = told_scores(title, text)
            told = ours_scores.union(*_scores_of(library, home))
            merge = [
                s for s in merge if not scores_conflict(told, _scores_of(library, candidates[s]))
            ]
    placed = library.place_in_story(
        article_id,
        story_id,
        rewrite_of,
        sort_time,
        vector,
        sig.counts,
        added if published is not None and abs(added - sort_time) > window else None,
    )
    if merge:
        library.merge_stories(placed, merge)
    return Placement(
        placed,
        matched,
        similarity,
        rewrite_of,
        candidates=len(met),
        stories_compared=len(candidates),
        reports_compared=sum(len(c.reports) for c in candidates.values()),
        merged=tuple(merge),
    )


def _members(reports: Iterable[Report], vectors: dict[int, dict[str, float]]) -> list[Member]:
    return [
        Member(vectors.get(r.article_id, {}), r.outlet, (r.published, r.added)) for r in reports
    ]


def _mergeable(
    vector: dict[str, float],
    new: tuple[float | None, float, int | None],
    home: _Candidate,
    candidates: dict[int, _Candidate],
    vectors: dict[int, dict[str, float]],
) -> list[int]:
    """Other stories compared that, as wholes, read as one event with the new report's
    home (the new report counted in it): see :mod:`newsreader.stories.merging`."""
    others = {  # stories of fewer reports are left to placement: no members made for them
        story_id: _members((r for r, _, _ in other.reports), vectors)
        for story_id, other in candidates.items()
        if other is not home and len(other.reports) >= MERGE_LEAST
    }
    if not others:
        return []
    ours = [Member(vector, new[2], (new[0], new[1]))]
    ours += _members((r for r, _, _ in home.reports), vectors)
    return mergeable(ours, others, _needed, _gap, SAME_SOURCE_PENALTY)


def place_articles(library: Library, article_ids: Iterable[int]) -> list[Placement]:
    """Place several stored articles in order, in one transaction (term counts batched).

    Articles no longer in the library are skipped.
    """
    placed = []
    with transaction(library.conn), library.batched_term_counts():
        for article_id in article_ids:
            found = place_article(library, article_id)
            if found is not None:
                placed.append(found)
    return placed
