"""Evidence beyond the cosine: specific terms shared with a story ease joining it, a
story's own specifics missing from a report that has others of its own hold it off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import store_fixture_report

from newsreader.store import Library
from newsreader.stories import evidence
from newsreader.stories.evidence import StoryEvidence, everyday_terms, specific_terms
from newsreader.stories.grouping import place_articles

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "bench" / "fixtures"


def vector(*terms: str) -> dict[str, float]:
    """A vector of ``terms``, heaviest first (weights need not be unit for these checks)."""
    return {term: 1.0 - n / 100 for n, term in enumerate(terms)}


def test_everyday_words_are_not_specific_but_names_are():
    everyday = everyday_terms()
    assert {"bank", "profit", "senat", "citi"} <= everyday  # stems of everyday words
    assert specific_terms(vector("bank", "nordair", "senat", "kruger", "ceasefir")) == [
        "nordair",
        "kruger",
        "ceasefir",
    ]


def evidence_of(ours: dict[str, float], *stories: dict[str, float]) -> float:
    found = StoryEvidence()
    specific = specific_terms(ours)
    for theirs in stories:
        found.add(theirs, ours, specific)
    return found.shift(1000, {}, ours, specific, 1.0)


def test_shared_specifics_lower_what_joining_needs_up_to_a_cap():
    report = vector("nordair", "gardermoen", "lykke", "pilot", "flight")
    one = evidence_of(report, vector("nordair", "pilot", "strike"))
    many = evidence_of(report, vector("nordair", "gardermoen", "lykke", "pilot"))
    everyday_only = evidence_of(report, vector("pilot", "flight", "strike"))
    assert everyday_only == 0.0
    assert one == pytest.approx(-evidence.SHARED_EASE)
    assert many == pytest.approx(-evidence.SHARED_EASE * min(3, evidence.SHARED_CAP))


def test_a_term_the_story_made_common_still_counts_as_its_own():
    """A nine-report story makes its name common in a small library; not counting its
    own reports, the name is still rare."""
    report = vector("nordair", "pilot")
    story = [vector("nordair", "pilot", "strike")] * 4
    found = StoryEvidence()
    for theirs in story:
        found.add(theirs, report, specific_terms(report))
    counts = {"nordair": 4 + evidence.RARE_FLOOR}
    assert found.shift(10, counts, report, specific_terms(report), 1.0) < 0
    counts = {"nordair": 4 + evidence.RARE_FLOOR + 1}
    assert found.shift(10, counts, report, specific_terms(report), 1.0) == 0.0


def test_specifics_in_conflict_raise_what_joining_needs():
    """The story's reports all name Ferreira, the report names Halvorsen instead: another
    match of the same player."""
    report = vector("kovac", "halvorsen", "semi-fin")
    story = [vector("kovac", "ferreira", "quarter-fin"), vector("ferreira", "quarter-fin", "kovac")]
    shift = evidence_of(report, *story)
    assert shift == pytest.approx(evidence.CONFLICT * 2 - evidence.SHARED_EASE)
    # terms only one story report has are no conflict
    assert evidence_of(report, story[0]) == pytest.approx(-evidence.SHARED_EASE)


def test_scores_are_read_as_written_and_differ_only_when_none_is_shared():
    text = "Rovers won 3-1 (2 - 0 at half-time); 10-year-old fans, 2026-03-14, 4-5%, 1.5-2"
    assert evidence.scores(text) == {"3-1", "2-0"}
    assert evidence.scores("Strand beat Okafor 6-3, 6\u20134 to reach") == {"6-3 6-4"}
    ranges = "10-15 people, aged 18-24, 3-4 years, 20-30 mph, between 5-7, 2-3 per cent"
    assert evidence.scores(f"{ranges}; City came from 2-0 down to win 3-2") == {"2-0", "3-2"}
    quarter, semi = frozenset({"4-6 7-6 6-3"}), frozenset({"6-3 6-4"})
    assert evidence.scores_conflict(quarter, [semi])  # one set alike, two matches
    assert not evidence.scores_conflict(frozenset({"6-3"}), [semi])  # its first set
    match = frozenset({"2-1"})
    assert evidence.scores_conflict(match, [frozenset({"3-0"}), frozenset()])
    assert not evidence.scores_conflict(match, [frozenset({"3-0"}), frozenset({"2-1", "1-0"})])
    assert not evidence.scores_conflict(match, [frozenset(), frozenset()])  # none gives one
    assert not evidence.scores_conflict(frozenset(), [frozenset({"3-0"})])


def place(library: Library, items: list[dict], dated: bool) -> dict[str, int]:
    ids = {}
    for item in items:
        ids[item["id"]] = store_fixture_report(library, item, dated=dated)
    place_articles(library, list(ids.values()))
    return {key: library.get_article(a).story_id for key, a in ids.items()}


@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize(
    "groups",
    [
        ("launch-orchard-phone", "launch-kestrel-phone"),
        ("football-rovers-league", "football-rovers-cup"),
    ],
)
def test_one_subjects_two_events_stay_apart_and_each_holds(
    tmp_path: Path, dated: bool, groups: tuple[str, str]
):
    """Two phone launches, one club's league match and cup tie days apart share the
    subject's names: two stories, each of its reports together."""
    lines = (FIXTURES / "story-events.jsonl").read_text("utf-8").splitlines()
    items = [item for line in lines if (item := json.loads(line))["group"] in groups]
    with Library(tmp_path / "library.sqlite") as library:
        story = place(library, items, dated)
    by_group: dict[str, set[int]] = {}
    for item in items:
        by_group.setdefault(item["group"], set()).add(story[item["id"]])
    first, second = (by_group[g] for g in groups)
    assert not first & second
    assert len(first) == 1 and len(second) == 1


def test_two_matches_of_one_player_told_with_their_scores_stay_apart(tmp_path: Path):
    """One player's quarter-final and semi-final two days apart, imported without dates:
    the same names, the same tournament, but each report gives its match's score and
    none the other's. Two stories, each of its reports together."""
    groups = ("tennis-kovac-qf", "tennis-kovac-sf")
    lines = (FIXTURES / "story-events.jsonl").read_text("utf-8").splitlines()
    items = [item for line in lines if (item := json.loads(line))["group"] in groups]
    with Library(tmp_path / "library.sqlite") as library:
        story = place(library, items, dated=False)
    first, second = ({story[i["id"]] for i in items if i["group"] == g} for g in groups)
    assert not first & second
    assert len(first) == 1 and len(second) == 1


@pytest.mark.parametrize("dated", [True, False])
def test_a_story_with_one_matchs_score_never_takes_in_the_next_match(tmp_path: Path, dated: bool):
    """A quarter-final told by three outlets, one giving the score, and the semi-final
    two days later told by three more, one giving its score: the semi-final's reports
    without a score are close to both, and the two stories, compared as wholes, read as
    one; their scores say they are two matches."""
    groups = ("queens-quarterfinal", "queens-semifinal")
    lines = (FIXTURES / "story-outlets.jsonl").read_text("utf-8").splitlines()
    items = [item for line in lines if (item := json.loads(line))["group"] in groups]
    with Library(tmp_path / "library.sqlite") as library:
        story = place(library, items, dated)
    first, second = ({story[i["id"]] for i in items if i["group"] == g} for g in groups)
    assert not first & second


def test_a_report_tells_the_score_of_its_lead_not_those_of_other_matches_further_down():
    """A cup semi-final's report gives the other semi-final's score further down; the
    club's league defeat four days later leads with that same score line. What each
    tells as its own is the score of its headline and first paragraph."""
    semi = "Rovers reach the final\nRovers beat Lisk 2-1.\nAmberlin beat Dunmere 3-0 on Friday."
    league = "Rovers lose at Dunmere\nDunmere beat Rovers 3-0.\nAmberlin drew 1-1."
    assert evidence.told_scores(*semi.split("\n", 1)) == {"2-1"}
    assert evidence.told_scores(*league.split("\n", 1)) == {"3-0"}
    assert evidence.scores(semi) & evidence.scores(league)  # the texts share a score
    assert evidence.scores_conflict(
        evidence.told_scores(*league.split("\n", 1)), [evidence.told_scores(*semi.split("\n", 1))]
    )
    assert evidence.told_scores("Rovers win the final", "Rovers won.\nIt ended 2-1.") == {"2-1"}


def test_a_clubs_cup_tie_and_its_next_league_match_stay_apart_undated(library: Library):
    """The sample library's Rovers reports, imported without dates one after the other:
    the cup semi-final won 2-1 and the league defeat 3-0 four days later share the club,
    its manager and a winger, and the semi-final's report gives the other semi's 3-0 too;
    the scores they lead with tell two matches."""
    lines = (ROOT / "assets" / "sample-library.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    rovers = [r for r in records if r["url"].split("/")[-1].startswith(("rovers-", "dunmere-city"))]
    assert len(rovers) == 2
    story = place(library, [{**r, "id": r["url"]} for r in rovers], dated=False)
    assert len(set(story.values())) == 2
