"""Stories: reports of one event by several outlets within hours join, worded as each
outlet words it; the same subject's other events of the same week stay apart."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from store_support import store_fixture_report

from newsreader.models import StorySentence
from newsreader.store import Library
from newsreader.stories.grouping import place_articles

HELDOUT = Path(__file__).resolve().parents[2] / "bench" / "fixtures" / "story-heldout.jsonl"


def store_dated(library: Library) -> tuple[list[dict], dict[str, int]]:
    """Store the held-out reports (not placed yet): the reports oldest first, their ids."""
    items = [json.loads(line) for line in HELDOUT.read_text("utf-8").splitlines() if line]
    items.sort(key=lambda item: datetime.fromisoformat(item["published"]))
    ids = {}
    for item in items:
        ids[item["id"]] = store_fixture_report(library, item)
    return items, ids


def place_dated(library: Library) -> dict[str, set[int]]:
    """Store and place the held-out reports oldest first; each event's stories."""
    items, ids = store_dated(library)
    place_articles(library, list(ids.values()))
    stories: dict[str, set[int]] = {}
    for item in items:
        story = library.get_article(ids[item["id"]]).story_id
        assert story is not None
        stories.setdefault(item["group"], set()).add(story)
    return stories


def test_same_day_reports_of_one_decision_are_one_story_beside_two_others(library: Library):
    """Five outlets' reports of the ECB's decision, written each in its own words over
    one afternoon, are one story; the Bank of Canada's cut the day before and the
    Reserve Bank of Australia's hold five days later are stories of their own."""
    decisions = {"ecb-holds", "boc-cuts", "rba-holds"}
    stories = place_dated(library)
    assert len(stories["ecb-holds"]) == 1
    for other in decisions - {"ecb-holds"}:
        assert not stories[other] & stories["ecb-holds"], f"{other} joined the ECB's story"


def test_a_storm_told_over_three_days_is_one_story_beside_the_next_storm(library: Library):
    """Storm Elspeth's six reports, from the first gusts to power coming back three days
    later, are one story, though its first reports and its later ones share few words
    (two stories until they are compared as wholes); Storm Fergus a week later is a
    story of its own."""
    stories = place_dated(library)
    assert len(stories["storm-elspeth"]) == 1
    assert not stories["storm-elspeth"] & stories["storm-fergus"]


def test_a_story_joined_from_two_keeps_its_newest_headline_and_is_summarised_again(
    library: Library,
):
    """When Storm Elspeth's last report brings her stories together, the story's headline
    is that newest report's, and the summary kept before it is dropped, to be made
    again from all its reports."""
    items, ids = store_dated(library)
    last = max(
        (item for item in items if item["group"] == "storm-elspeth"),
        key=lambda item: item["published"],
    )
    cut = items.index(last)
    place_articles(library, [ids[item["id"]] for item in items[:cut]])
    before = {library.get_article(ids[i["id"]]).story_id for i in items[:cut]}
    for story_id in before:
        assert story_id is not None
        library.store_story_summary(story_id, [StorySentence("Kept.", ids[last["id"]], "x")])
    place_articles(library, [ids[item["id"]] for item in items[cut:]])
    home = library.get_article(ids[last["id"]]).story_id
    story = library.get_story(home)
    elspeth = [i for i in items if i["group"] == "storm-elspeth"]
    assert {library.get_article(ids[i["id"]]).story_id for i in elspeth} == {home}
    assert story.row.title == last["title"]
    assert story.summary == ()
    assert library.unsummarised_stories([home]) == [home]
