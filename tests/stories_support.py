"""Shared helpers of the story tests: two reports of one event and an unrelated one,
storing and placing articles, the story-events fixture, and the consistency check."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.stories.grouping import place_articles

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

EVENT = [
    (
        "Harbour Courier",
        "Ferry crews strike over pay at Port Ostrel",
        "Ferry crews at Port Ostrel walked out on Monday in a dispute over pay, stranding "
        "thousands of passengers. The Seafarers Union said 420 crew members joined the strike "
        "after talks with Tidewater Lines collapsed. Union leader Marta Quell said the company "
        "had offered a 2% rise. Tidewater Lines said it regretted the disruption.",
    ),
    (
        "Northmark Wire",
        "Tidewater Lines ferries halted as crews walk out",
        "Tidewater Lines cancelled every sailing from Port Ostrel on Monday after 420 crew "
        "members went on strike over pay. Marta Quell of the Seafarers Union said a 2% offer "
        "was an insult. Passengers were stranded at the terminal, and Tidewater Lines said it "
        "regretted the disruption and hoped talks would resume.",
    ),
]
OTHER = (
    "Lisk Observer",
    "Lisk orchestra names new conductor",
    "The Lisk Philharmonic named Ilse Brandt its principal conductor on Tuesday. Brandt, "
    "who has led orchestras in Amberlin, will start next season with a cycle of "
    "symphonies. The board said her appointment followed a two-year search.",
)


def add(
    library: Library, source: str, title: str, text: str, when: datetime | None = T0, **extra
) -> int:
    return library.add_article(
        NewArticle(title=title, text=text, source_name=source, published=when, **extra)
    ).article_id


def add_as_then(library: Library, source: str, title: str, text: str, when: datetime | None) -> int:
    """Store an article in a library of an earlier schema, with SQL of that time."""
    source_id = library.source_id("import", source)
    added = datetime.now(UTC).timestamp()
    published = when.timestamp() if when else None
    cursor = library.conn.execute(
        "INSERT INTO articles (source_id, title, published, added, sort_time, text,"
        " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (source_id, title, published, added, min(published or added, added), text, title),
    )
    return int(cursor.lastrowid or 0)


def check_consistent(library: Library) -> None:
    """Every story matches its members: size, time span, newest report's title; no empty
    story."""
    members: dict[int, list[int]] = {}
    for article_id, story_id in library.story_members():
        if story_id is not None:
            members.setdefault(story_id, []).append(article_id)
    stories = {row[0]: row for row in library.story_rows_raw()}
    assert set(stories) == set(members), "stories and their members disagree"
    for story_id, (_, title, size, first, last) in stories.items():
        assert size == len(members[story_id])
        story = library.get_story(story_id)
        assert story is not None and {a.id for a in story.articles} == set(members[story_id])
        times = [a.when.timestamp() for a in story.articles]
        assert abs(min(times) - first) < 1e-3 and abs(max(times) - last) < 1e-3
        newest = max(story.articles, key=lambda a: (a.when, a.id))
        assert title == newest.title


FIXTURES = ROOT / "bench" / "fixtures" / "story-events.jsonl"


def fixture_reports(groups: set[str] | None = None) -> list[dict]:
    items = [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines()]
    return [item for item in items if groups is None or item["group"] in groups]


def place_fixture(library: Library, items: list[dict], dated: bool) -> dict[str, int]:
    """Store and place the fixture reports in order; their story by fixture id."""
    ids = {}
    for item in items:
        when = datetime.fromisoformat(item["published"]) if dated else None
        ids[item["id"]] = add(library, item["source"], item["title"], item["text"], when)
    place_articles(library, list(dict.fromkeys(ids.values())))
    return {key: library.get_article(article_id).story_id for key, article_id in ids.items()}
