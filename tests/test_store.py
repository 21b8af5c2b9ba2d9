"""The library store: schema, storing, listing, counting, flags."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library, LibraryError, schema, transaction

BASE = datetime(2026, 1, 1, tzinfo=UTC)


def article(n: int, **changes) -> NewArticle:
    values = dict(
        title=f"Title {n}",
        text=f"Body of article number {n}. It has words like harbour and council.",
        source_name="Test Outlet",
        published=BASE + timedelta(hours=n),
    )
    values.update(changes)
    return NewArticle(**values)


def test_new_library_has_current_schema_wal_and_foreign_keys(library: Library) -> None:
    conn = library.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_reopening_keeps_articles(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with Library(path) as lib:
        lib.add_article(article(1))
    with Library(path) as lib:
        assert [row.title for row in lib.list_articles()] == ["Title 1"]


def test_schema_upgrades_forward_keeping_data(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "lib.sqlite"
    with Library(path) as lib:
        lib.add_article(article(1))
    v2 = "CREATE TABLE upgrade_marker (x INTEGER);"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    monkeypatch.setattr("newsreader.store.db.MIGRATIONS", [*schema.MIGRATIONS])
    monkeypatch.setattr("newsreader.store.db.SCHEMA_VERSION", len(schema.MIGRATIONS))
    with Library(path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
        assert lib.conn.execute("SELECT count(*) FROM upgrade_marker").fetchone()[0] == 0
        assert lib.count_articles() == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="newer"):
        Library(path)


def test_foreign_sqlite_file_and_garbage_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a newsreader library"):
        Library(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"\x00\xffnot a database at all" * 100)
    with pytest.raises(LibraryError):
        Library(garbage)


def test_same_text_is_stored_once(library: Library) -> None:
    first = library.add_article(article(1))
    again = library.add_article(
        article(
            1,
            title="Another title",
            text="  body OF article number 1.\n It has words like harbour   and council. ",
        )
    )
    assert first.status == "added"
    assert again == first.__class__(first.article_id, "present")
    assert library.count_articles() == 1


def test_guid_updates_in_place(library: Library) -> None:
    first = library.add_article(article(1, guid="g1", source_kind="feed"))
    same = library.add_article(article(1, guid="g1", source_kind="feed"))
    changed = library.add_article(
        article(1, guid="g1", source_kind="feed", text="A corrected body about the harbour.")
    )
    assert same.status == "present"
    assert changed.status == "updated" and changed.article_id == first.article_id
    stored = library.get_article(first.article_id)
    assert stored is not None and stored.text == "A corrected body about the harbour."
    assert [row.id for row in library.list_articles(ArticleQuery(search="corrected"))] == [
        first.article_id
    ]
    assert library.list_articles(ArticleQuery(search="council")) == []


def test_empty_title_or_text_is_refused(library: Library) -> None:
    with pytest.raises(ValueError):
        library.add_article(article(1, title="   "))
    with pytest.raises(ValueError):
        library.add_article(article(1, text="\n\n"))
    assert library.count_articles() == 0


def test_failed_batch_writes_nothing(library: Library) -> None:
    with pytest.raises(ValueError):
        library.add_articles([article(1), article(2), article(3, text="")])
    assert library.count_articles() == 0
    assert library.list_articles() == []
    assert library.topic_counts() == []


def test_a_feed_s_failing_article_is_left_out_and_the_others_stored(library: Library) -> None:
    feed = [
        article(1, guid="g1", source_kind="feed", source_name="Feed"),
        article(2, guid="g2", source_kind="feed", source_name="Feed", title="  "),
        article(3, guid="g3", source_kind="feed", source_name="Feed", topics=("Harbour",)),
    ]
    outcomes = library.add_feed_articles(feed)
    assert isinstance(outcomes[1], ValueError)
    assert [outcome.status for outcome in (outcomes[0], outcomes[2])] == ["added", "added"]
    assert [row.title for row in library.list_articles()] == ["Title 3", "Title 1"]
    assert [(count.name, count.total) for count in library.topic_counts()] == [("Harbour", 1)]
    assert library.count_pending_enrichment() == 2
    assert library.consistency_problems() == []
    again = library.add_feed_articles([feed[0], feed[2]])
    assert [outcome.status for outcome in again] == ["present", "present"]


def test_list_is_newest_first_and_pages(library: Library) -> None:
    for n in range(10):
        library.add_article(article(n))
    titles = [row.title for row in library.list_articles(limit=4, offset=2)]
    assert titles == ["Title 7", "Title 6", "Title 5", "Title 4"]
    assert library.index_of(ArticleQuery(), library.list_articles()[3].id) == 3


def test_future_publication_dates_do_not_stick_to_the_top(library: Library) -> None:
    library.add_article(article(1, published=datetime(2999, 1, 1, tzinfo=UTC)))
    library.add_article(article(2, published=None))
    assert [row.title for row in library.list_articles()] == ["Title 2", "Title 1"]


def test_topic_filters_combine_as_all_of(library: Library) -> None:
    library.add_article(article(1, topics=("world", "Russia")))
    library.add_article(article(2, topics=("world",)))
    library.add_article(article(3, topics=("sport",)))
    assert {r.title for r in library.list_articles(ArticleQuery(topics=("world",)))} == {
        "Title 1",
        "Title 2",
    }
    assert [r.title for r in library.list_articles(ArticleQuery(topics=("world", "russia")))] == [
        "Title 1"
    ]
    assert library.list_articles(ArticleQuery(topics=("no such topic",))) == []
    assert library.count_articles(ArticleQuery(topics=("World",))) == 2


def test_read_and_star_flags_drive_filters_and_counters(library: Library) -> None:
    ids = [library.add_article(article(n, topics=("world",))).article_id for n in range(4)]
    library.set_read(ids[0])
    library.set_read(ids[1])
    library.set_read(ids[1], False)
    library.set_starred(ids[2])
    unread = ArticleQuery(unread=True)
    assert {r.id for r in library.list_articles(unread)} == set(ids[1:])
    assert library.count_articles(unread) == 3
    assert [r.id for r in library.list_articles(ArticleQuery(starred=True))] == [ids[2]]
    assert library.count_articles(ArticleQuery(starred=True)) == 1
    assert library.count_articles(ArticleQuery(topics=("world",), unread=True)) == 3
    (world,) = library.topic_counts()
    assert (world.name, world.total, world.unread) == ("world", 4, 3)


def test_delete_updates_counters_and_search(library: Library) -> None:
    kept = library.add_article(article(1, topics=("world",))).article_id
    gone = library.add_article(article(2, topics=("world",), text="Unique zebra text.")).article_id
    library.store_summary(gone, "x", 3, "{}")
    library.delete_article(gone)
    assert library.count_articles() == 1
    assert library.topic_counts()[0].total == 1
    assert library.list_articles(ArticleQuery(search="zebra")) == []
    assert library.count_articles(ArticleQuery(search="zebra")) == 0
    assert library.count_articles(ArticleQuery(search="harbour")) == 1
    assert library.cached_summary(gone, "x", 3) is None
    assert library.get_article(kept) is not None


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ('"', 0),  # no word at all: nothing to look for
        ("AND OR NOT", 0),  # operators are words to look for, and the text has none of them
        ("harbour)", 1),
        ("NEAR(council", 0),  # NEAR is a word to look for, not an operator
        ("*", 0),
        ("col:umn", 0),
        ("^harbour", 1),
        ("'; DROP TABLE articles; --", 0),
        ("harb*", 1),  # a trailing star is a prefix
        ("harbour zebra", 0),  # every word must match
    ],
)
def test_search_takes_any_user_input_literally(library: Library, query: str, matches: int) -> None:
    library.add_article(article(1))
    found = library.list_articles(ArticleQuery(search=query))
    assert len(found) == library.count_articles(ArticleQuery(search=query)) == matches
    assert library.count_articles() == 1


def test_search_matches_words_and_prefixes(library: Library) -> None:
    library.add_article(article(1, title="Harbour council votes"))
    library.add_article(article(2, text="Nothing about that here at all."))
    assert [r.title for r in library.list_articles(ArticleQuery(search="COUNCIL votes"))] == [
        "Harbour council votes"
    ]
    assert len(library.list_articles(ArticleQuery(search="harb*"))) == 1
    assert library.list_articles(ArticleQuery(search="harb")) == []


def test_hostile_strings_are_stored_without_failure(library: Library) -> None:
    result = library.add_article(
        article(1, title="Bad \ud800 title", text="Nul\x00 byte and lone \udfff surrogate.")
    )
    stored = library.get_article(result.article_id)
    assert stored is not None
    assert "\x00" not in stored.text and "\udfff" not in stored.text
    assert stored.title.startswith("Bad ")


def test_nested_transaction_is_one_unit(library: Library) -> None:
    with pytest.raises(RuntimeError), transaction(library.conn):
        library.add_article(article(1))
        raise RuntimeError("interrupted")
    assert library.count_articles() == 0


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flags=st.lists(
        st.tuples(st.booleans(), st.booleans(), st.sets(st.sampled_from(["a", "b", "c"]))),
        min_size=1,
        max_size=12,
    ),
    query_topics=st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True),
    unread=st.booleans(),
    starred=st.booleans(),
)
def test_counts_match_listing(tmp_path_factory, flags, query_topics, unread, starred) -> None:
    path = tmp_path_factory.mktemp("prop") / "lib.sqlite"
    with Library(path) as lib:
        for n, (read, star, topics) in enumerate(flags):
            article_id = lib.add_article(article(n, topics=tuple(sorted(topics)))).article_id
            lib.set_read(article_id, read)
            lib.set_starred(article_id, star)
        query = ArticleQuery(topics=tuple(query_topics), unread=unread, starred=starred)
        listed = lib.list_articles(query, limit=100)
        expected = [
            n
            for n, (read, star, topics) in enumerate(flags)
            if set(query_topics) <= topics and not (unread and read) and not (starred and not star)
        ]
        assert len(listed) == len(expected) == lib.count_articles(query)
        for count in lib.topic_counts():
            members = [f for f in flags if count.name in f[2]]
            assert count.total == len(members)
            assert count.unread == sum(1 for f in members if not f[0])


WHITE = st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000")


@given(st.text(alphabet=st.characters(codec="utf-8") | WHITE))
def test_content_hash_is_the_hash_of_text_with_white_space_folded(text: str) -> None:
    """Libraries made by earlier versions deduplicate against the same hashes."""
    import hashlib
    import re

    from newsreader.store.rows import content_hash

    folded = re.sub(r"\s+", " ", text).strip().casefold()
    assert content_hash(text) == hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def test_a_library_with_feed_topics_passes_its_checks(library: Library) -> None:
    library.add_feed("http://127.0.0.1/harbour.xml", "Harbour", topics=("world", "local"))
    assert library.consistency_problems() == []
    assert library.feed_topics(library.list_feeds()[0].id) == ("world", "local")


def test_feed_topics_survive_the_upgrade_that_reorders_their_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    before = schema.MIGRATIONS.index(schema.FEED_TOPICS_KEY_FIRST)
    for step in schema.MIGRATIONS[:before]:
        conn.executescript(step)
    conn.execute("INSERT INTO sources (kind, name) VALUES ('feed', 'Harbour')")
    conn.execute(
        "INSERT INTO feeds (source_id, url, title) VALUES (1, 'http://127.0.0.1/h.xml', 'Harbour')"
    )
    conn.executemany(
        "INSERT INTO feed_topics (feed_id, position, name) VALUES (1, ?, ?)",
        [(0, "world"), (1, "local")],
    )
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    with Library(path) as lib:
        assert lib.feed_topics(1) == ("world", "local")
        assert lib.consistency_problems() == []
