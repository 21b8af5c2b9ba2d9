"""The story view's store: pages of stories by keyset as by offset, and the kept count."""

from __future__ import annotations

from pathlib import Path

from store_support import add_stories, library_before, reports

from newsreader.store import Library, schema

STORIES = 1_050
PAGE = 200


def library_of_stories(path: Path, count: int = STORIES) -> Library:
    """A library of ``count`` one-report stories."""
    library = Library(path)
    add_stories(library, count)
    return library


def keyset_pages(library: Library) -> list[int]:
    """The ids of every story, page after page by keyset."""
    page = library.list_stories(limit=PAGE)
    ids = [story.id for story in page]
    while page:
        following = library.list_stories_after(page[-1], PAGE)
        assert following is not None
        ids += [story.id for story in following]
        page = following
    return ids


def test_keyset_pages_are_the_offset_pages(tmp_path: Path) -> None:
    with library_of_stories(tmp_path / "library.sqlite") as library:
        everything = library.list_stories(limit=STORIES + 10)
        assert len(everything) == STORIES == library.count_stories()
        assert everything[0].last_seen == everything[1].last_seen  # ties are ordered by id
        by_offset = [
            story
            for offset in range(0, STORIES, PAGE)
            for story in library.list_stories(limit=PAGE, offset=offset)
        ]
        assert by_offset == everything
        assert keyset_pages(library) == [story.id for story in everything]
        middle = everything[PAGE - 1]
        assert library.list_stories_after(middle, PAGE) == everything[PAGE : 2 * PAGE]


def test_a_story_gone_or_moved_is_no_key(tmp_path: Path) -> None:
    with library_of_stories(tmp_path / "library.sqlite", 30) as library:
        stories = library.list_stories(limit=30)
        gone, moved, target = stories[10], stories[20], stories[25]
        (report,) = library.get_story(gone.id).articles  # type: ignore[union-attr]
        library.delete_article(report.id)
        assert library.list_stories_after(gone, 5) is None
        library.merge_stories(target.id, [stories[0].id])  # target gets a newer report
        assert library.list_stories_after(target, 5) is None
        now = library.list_stories(limit=30)
        at = now.index(moved)  # others went and moved: a story in place is still a key
        assert library.list_stories_after(moved, 5) == now[at + 1 : at + 6]
        assert library.count_stories() == 28 and library.consistency_problems() == []


def test_the_count_follows_new_merged_and_removed_stories(tmp_path: Path) -> None:
    with library_of_stories(tmp_path / "library.sqlite", 12) as library:
        library.add_new_articles(reports(2, first=200))
        assert library.count_stories() == 12  # stored, not placed in a story yet
        add_stories(library, 3, first=100, joins={2: 1})
        assert library.count_stories() == 14
        first, second = library.list_stories(limit=2)
        library.merge_stories(first.id, [second.id])
        assert library.count_stories() == 13
        for story in library.list_stories(limit=3):
            for report in library.get_story(story.id).articles:  # type: ignore[union-attr]
                library.delete_article(report.id)
        assert library.count_stories() == 10 == len(library.list_stories(limit=100))
        assert library.consistency_problems() == []


def test_upgrading_a_library_counts_its_stories(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = library_before(path, schema.STORY_COUNT)
    conn.executemany(
        "INSERT INTO stories (id, title, first_seen, last_seen, size) VALUES (?, ?, 0, ?, 1)",
        [(n, f"Story {n}", float(n)) for n in range(1, 6)],
    )
    conn.close()
    with Library(path) as library:
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert library.count_stories() == 5
        library.conn.execute("DELETE FROM stories WHERE id = 1")  # the triggers keep it
        assert library.count_stories() == 4
        assert [story.id for story in library.list_stories(limit=10)] == [5, 4, 3, 2]
