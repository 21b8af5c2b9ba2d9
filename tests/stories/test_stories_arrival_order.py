"""Stories of undated reports: the order reports arrive in stands in for the time
between them. Reports of one event arriving next to each other join more easily;
the same reports far apart in arrival are judged on their words alone."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import combinations
from pathlib import Path

from store_support import store_fixture_report

from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.stories.grouping import ARRIVAL_NEAR, place_articles

FIXTURES = Path(__file__).resolve().parents[2] / "bench" / "fixtures"


def fixture(name: str) -> list[dict]:
    """A story fixture's records, oldest first."""
    lines = (FIXTURES / name).read_text("utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    return sorted(items, key=lambda item: datetime.fromisoformat(item["published"]))


def import_undated(library: Library, items: list[dict]) -> dict[str, int]:
    """Store ``items`` without their dates in the order given, then place them; the
    story of each record by its id."""
    ids = {item["id"]: store_fixture_report(library, item, dated=False) for item in items}
    place_articles(library, list(ids.values()))
    stories = {}
    for key, article_id in ids.items():
        story = library.get_article(article_id).story_id
        assert story is not None
        stories[key] = story
    return stories


def stories_of(items: list[dict], story: dict[str, int], group: str) -> set[int]:
    return {story[item["id"]] for item in items if item["group"] == group}


def test_an_undated_saga_arriving_in_order_is_one_story_beside_its_neighbour(
    library: Library,
):
    """A listeria recall that widens, shuts a factory and brings an apology, its four
    reports imported without dates in the order they were written: one story, though
    each tells a new development in words of its own. A yoghurt recall of the same
    week, arriving among them, shares the subject, not the event: a story of its own."""
    items = fixture("story-sagas.jsonl")
    story = import_undated(library, items)
    recall = stories_of(items, story, "halvard-recall")
    assert len(recall) == 1
    assert not recall & stories_of(items, story, "maple-row-recall")


def test_the_same_reports_far_apart_in_arrival_are_judged_on_their_words(library: Library):
    """The recall's reports with more than ARRIVAL_NEAR other reports arriving between
    each two: their order says nothing of the time between them, and what they share
    in words does not make them one story."""
    saga = [item for item in fixture("story-sagas.jsonl") if item["group"] == "halvard-recall"]
    others = fixture("story-heldout.jsonl")
    gap = ARRIVAL_NEAR + 5
    assert len(others) >= gap * (len(saga) - 1)
    items: list[dict] = []
    for n, report in enumerate(saga):
        items.append(report)
        items += others[n * gap : (n + 1) * gap] if n < len(saga) - 1 else []
    story = import_undated(library, items)
    assert len(stories_of(items, story, "halvard-recall")) > 1


def test_a_feed_report_arriving_next_to_imported_files_is_not_eased_into_their_story(
    library: Library,
):
    """Files of three outlets imported without dates, then the dated reports of four
    outlets' feeds: a feed's report arriving next to the files says nothing of when
    they were written, so it joins only on what it shares. The Riksbank's cut stays
    apart from Norges Bank's hold of the same week, the wind auction apart from the
    ferry fire."""
    feeds = {"Finance Daily", "Harbour Wire", "Nordic Broadcast", "Sports Desk"}
    items = fixture("story-outlets.jsonl")
    ids = {
        item["id"]: store_fixture_report(library, item, dated=False)
        for item in items
        if item["source"] not in feeds
    }
    place_articles(library, list(ids.values()))
    for item in items:
        if item["source"] in feeds:
            new = NewArticle(
                title=item["title"],
                text=item["text"],
                source_name=item["source"],
                source_kind="feed",
                published=datetime.fromisoformat(item["published"]),
            )
            ids[item["id"]] = library.add_article(new).article_id
            place_articles(library, [ids[item["id"]]])
    story = {key: library.get_article(article_id).story_id for key, article_id in ids.items()}
    groups = {item["id"]: item["group"] for item in items}
    wrong = {
        frozenset((groups[a], groups[b]))
        for a, b in combinations(ids, 2)
        if story[a] == story[b] and groups[a] != groups[b]
    }
    assert frozenset(("riksbank-cut", "norges-bank-hold")) not in wrong
    assert frozenset(("baltic-wind-auction", "gotland-ferry-fire")) not in wrong
