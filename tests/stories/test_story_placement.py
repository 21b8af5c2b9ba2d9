"""Placement as a whole: fixture events placed dated and undated, hard negatives, long
stories, headlines, bounded comparisons, migrations that keep grouping, and copies."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from stories_support import (
    EVENT,
    T0,
    add,
    add_as_then,
    check_consistent,
    fixture_reports,
    place_fixture,
)

from newsreader.store import Library, schema
from newsreader.store.story_index import PUBLISHED
from newsreader.stories import grouping
from newsreader.stories.grouping import place_article


def test_undated_import_gives_no_giant_story(library: Library):
    """Reports imported without dates, all arriving at once, are not chained into one
    story: no story is larger than the largest true event, and nearly every story holds
    reports of one event only."""
    items = fixture_reports()
    story = place_fixture(library, items, dated=False)
    true_sizes = Counter(item["group"] for item in items)
    found = Counter(story.values())
    assert max(found.values()) <= max(true_sizes.values())
    groups_in: dict[int, set[str]] = {}
    for item in items:
        groups_in.setdefault(story[item["id"]], set()).add(item["group"])
    mixed = [s for s, groups in groups_in.items() if len(groups) > 1]
    assert len(mixed) <= len(found) // 20
    assert len(found) <= 2 * len(true_sizes)  # and reports of one event do find each other
    check_consistent(library)


def test_hard_negatives_stay_apart_with_and_without_dates(tmp_path: Path):
    """Two storms in one week, two rate decisions and two state elections on one day:
    different events on the same subject are different stories, dated or not."""
    pairs = [("storm-hester", "storm-ingrid"), ("ecb-cut", "boe-hold"), ("fed-hold", "boe-hold")]
    pairs += [("election-saxony", "election-brandenburg")]
    for dated in (True, False):
        with Library(tmp_path / f"{dated}.sqlite") as library:
            items = fixture_reports({group for pair in pairs for group in pair})
            story = place_fixture(library, items, dated)
            group_of = {item["id"]: item["group"] for item in items}
            for first, second in pairs:
                ours = {story[k] for k, g in group_of.items() if g == first}
                theirs = {story[k] for k, g in group_of.items() if g == second}
                assert not ours & theirs, f"{first} and {second} share a story (dated={dated})"


def test_long_running_story_stays_together_without_absorbing_neighbours(library: Library):
    """A ten-day strike told by eleven reports over four developments is one story; the
    events reported around it are not taken in."""
    items = fixture_reports()
    story = place_fixture(library, items, dated=True)
    strike = {story[i["id"]] for i in items if i["group"] == "strike-elmhurst"}
    assert len(strike) == 1
    others = [i["id"] for i in items if i["group"] != "strike-elmhurst"]
    assert others and all(story[k] not in strike for k in others)


def test_story_headline_follows_the_newest_report(library: Library):
    """A story's headline is its newest report's: "strike ends" after "talks resume"."""
    first = add(
        library,
        EVENT[0][0],
        "Talks to resume Wednesday in Port Ostrel ferry strike",
        EVENT[0][2],
        T0,
    )
    place_article(library, first)
    later = add(
        library,
        EVENT[1][0],
        "Port Ostrel ferry strike ends as crews accept 4% rise",
        EVENT[1][2] + " The strike ended on Thursday.",
        T0 + timedelta(hours=30),
    )
    place_article(library, later)
    story_id = library.get_article(first).story_id
    assert library.get_article(later).story_id == story_id
    row = next(r for r in library.list_stories() if r.id == story_id)
    assert row.title == "Port Ostrel ferry strike ends as crews accept 4% rise"
    library.delete_article(later)
    row = next(r for r in library.list_stories() if r.id == story_id)
    assert row.title == "Talks to resume Wednesday in Port Ostrel ferry strike"


def test_placement_compares_a_bounded_number_of_articles(library: Library):
    """However many recent articles share a new one's terms, placing it meets at most
    a fixed number in the index and compares at most a fixed number of reports."""
    words = ["harbour", "ferry", "crews", "strike", "pay", "union", "terminal", "sailing"]
    met, compared = [], []
    for n in range(160):
        name = f"Quell{n:03d}"
        text = " ".join(words) + f" {name} said {n * 7 + 100} crew members joined."
        article_id = add(library, f"Outlet {n % 9}", f"{name} ferry strike", text, when=None)
        placed = place_article(library, article_id)
        met.append(placed.candidates)
        compared.append(placed.reports_compared)
    searches = 3  # an undated report reads three kinds of index entries
    assert max(met) <= grouping.SEARCH_TERMS * searches * 2 * grouping.POSTING_LIMIT
    assert max(compared) <= grouping.CANDIDATE_STORIES * grouping.NEAREST_REPORTS
    assert max(met[-40:]) <= max(met[40:80])  # it stops growing with the library


def test_headline_migration_upgrades_a_library_of_the_previous_version(tmp_path, monkeypatch):
    """Upgrading to the newest-headline schema retitles existing stories by their newest
    report, and later changes keep following it."""
    version = schema.MIGRATIONS.index(schema.STORY_HEADLINE_NEWEST)
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr("newsreader.store.db.MIGRATIONS", schema.MIGRATIONS[:version])
        patch.setattr("newsreader.store.db.SCHEMA_VERSION", version)
        with Library(path) as old:
            first = add_as_then(old, *EVENT[0], T0)
            second = add_as_then(old, *EVENT[1], T0 + timedelta(hours=3))
            story_id = old.conn.execute(
                "INSERT INTO stories (title, first_seen, last_seen) VALUES ('x', 0, 0)"
            ).lastrowid
            old.conn.execute(
                "UPDATE articles SET story_id = ? WHERE id IN (?, ?)", (story_id, first, second)
            )
            assert old.list_stories()[0].title == EVENT[0][1]  # the earliest, as it was
    with Library(path) as library:
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert library.list_stories()[0].title == EVENT[1][1]
        check_consistent(library)


def test_vector_migration_keeps_grouping_going(tmp_path, monkeypatch):
    """A library indexed before story vectors were kept gets each article's vector from
    its index entries, so a new report still finds the story."""
    version = schema.MIGRATIONS.index(schema.STORY_VECTORS)
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr("newsreader.store.db.MIGRATIONS", schema.MIGRATIONS[:version])
        patch.setattr("newsreader.store.db.SCHEMA_VERSION", version)
        with Library(path) as old:
            first = add_as_then(old, *EVENT[0], T0)
            weights = {"ferri": 0.6, "ostrel": 0.8}
            old.conn.executemany(
                "INSERT INTO story_terms (term, kind, sort_time, article_id, weight)"
                " VALUES (?, ?, ?, ?, ?)",
                [(t, PUBLISHED, T0.timestamp(), first, w) for t, w in weights.items()],
            )
            old.conn.execute("INSERT INTO stories (title, first_seen, last_seen) VALUES ('x',0,0)")
            old.conn.execute("UPDATE articles SET story_id = 1 WHERE id = ?", (first,))
    with Library(path) as library:
        assert library.article_vectors([first]) == {first: weights}
        second = add(library, *EVENT[1], T0 + timedelta(hours=2))
        placed = place_article(library, second)
        assert placed is not None and placed.reports_compared == 1
        check_consistent(library)


def test_the_same_text_from_two_feeds_is_one_story_marked_a_copy(library: Library):
    """Identical text carried by two feeds is kept twice; the later copy joins the first's
    story and is marked a rewrite of it, dated or not."""
    for when in (T0, None):
        first = add(library, "Harbour Courier feed", *EVENT[0][1:], when)
        place_article(library, first)
        copy = add(library, "Northmark Wire feed", *EVENT[0][1:], when)
        assert copy != first
        placed = place_article(library, copy)
        assert placed is not None and placed.story_id == library.get_article(first).story_id
        assert library.rewrite_of(copy) == first
        library.delete_article(first)
        library.delete_article(copy)
    check_consistent(library)
