"""The store's side of sync: the schema upgrade, and what the outbox holds when."""

from __future__ import annotations

import sqlite3

from newsreader.models import NewArticle
from newsreader.store import Library, schema
from newsreader.store.db import _statements
from newsreader.store.sync_merge import RemoteFeed, RemoteItem


def test_a_library_of_the_previous_version_upgrades_and_keeps_its_articles(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for script in schema.MIGRATIONS[: schema.SCHEMA_VERSION - 1]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION - 1}")
    conn.execute("INSERT INTO sources (kind, name) VALUES ('import', 'notes')")
    conn.execute(
        "INSERT INTO articles (source_id, title, added, sort_time, text, content_hash)"
        " VALUES (1, 'Kept', 1, 1, 'A kept text.', 'h')"
    )
    conn.commit()
    conn.close()
    with Library(path) as library:
        version = library.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == schema.SCHEMA_VERSION
        assert library.sync_account() is None
        assert [row.title for row in library.list_articles()] == ["Kept"]
        library.set_read(library.list_articles()[0].id)
        assert library.pending_count() == 0


def _synced_library(library: Library) -> list[int]:
    library.set_sync_account("greader", "http://127.0.0.1:1/api/greader.php", "reader")
    feeds = [RemoteFeed("feed/1", "http://feeds.test/a", "A")]
    items = [
        RemoteItem(10 + n, "feed/1", 1000 + n, f"Story {n}", f"Text {n}.", f"http://a/{n}")
        for n in range(3)
    ]
    return library.apply_pull(feeds, items, [10, 11, 12], []).new_ids


def test_without_an_account_nothing_is_queued(library):
    feed = library.add_feed("http://feeds.test/a", "A")
    article = library.add_article(NewArticle("T", "Some text.", "A", "feed")).article_id
    library.set_read(article)
    library.set_starred(article)
    library.mark_all_read()
    library.remove_feed(feed.id)
    assert library.pending_count() == 0


def test_local_only_articles_are_not_queued_but_synced_ones_are(library):
    ids = _synced_library(library)
    local = library.add_article(NewArticle("Local", "Only here.", "notes")).article_id
    library.set_read(local)
    assert library.pending_count() == 0
    library.set_read(ids[0])
    library.set_read(ids[0], False)  # replaces the pending read: one action per flag
    library.set_starred(ids[1])
    actions = library.pending_actions()
    assert [(a.action, a.value, a.items) for a in actions] == [
        ("read", False, (10,)),
        ("starred", True, (11,)),
    ]


def test_subscribing_and_unsubscribing_are_queued_once(library):
    before = library.add_feed("http://feeds.test/old", "Old")
    _synced_library(library)
    assert [(a.action, a.url) for a in library.pending_actions()] == [
        ("subscribe", "http://feeds.test/old")
    ]
    library.remove_feed(before.id)  # never reached the server: nothing to send
    assert library.pending_actions() == []
    synced = library.find_feed("http://feeds.test/a")
    library.remove_feed(synced.id)
    assert [(a.action, a.stream) for a in library.pending_actions()] == [("unsubscribe", "feed/1")]


def test_removing_the_account_keeps_articles_and_forgets_the_rest(library):
    ids = _synced_library(library)
    library.set_read(ids[0])
    assert library.remove_sync_account() == 1
    assert library.sync_account() is None and library.pending_count() == 0
    assert library.synced_feeds() == {} and library.known_items() == set()
    assert library.count_articles() == 3


def test_a_pull_counts_as_the_synced_feeds_fetch(library):
    _synced_library(library)
    feed = library.list_feeds()[0]
    assert feed.last_fetched is not None
    later = feed.last_fetched.timestamp() + 60
    library.apply_pull([RemoteFeed("feed/1", "http://feeds.test/a", "A")], [], [], [], now=later)
    fetched = library.list_feeds()[0].last_fetched
    assert fetched is not None and fetched.timestamp() == later
