"""A first sync, and a sync with nothing new, against the loopback server."""

from __future__ import annotations

from newsreader.models import ArticleQuery
from newsreader.sync import sync_library


def test_first_sync_pulls_subscriptions_articles_and_state(greader, make_library, settings):
    harbour = greader.add_feed("http://feeds.test/harbour", "Harbour News", 5, label="Local")
    greader.add_feed("http://feeds.test/science", "Science Daily", 3)
    entries = greader.entries_of(harbour.id)
    entries[0].read = True
    entries[1].read, entries[1].starred = True, True
    library = make_library()

    report = sync_library(library, settings)

    assert report.ok, report.error
    feeds = {feed.url: feed for feed in library.list_feeds()}
    assert set(feeds) == {"http://feeds.test/harbour", "http://feeds.test/science"}
    assert feeds["http://feeds.test/harbour"].topics == ("Local",)
    # the read, unstarred entry is not pulled; the starred read one is, read
    assert library.count_articles() == 7
    assert library.count_articles(ArticleQuery(unread=True)) == 6
    starred = library.list_articles(ArticleQuery(starred=True))
    assert [row.title for row in starred] == ["Harbour News story 1"]
    assert starred[0].read
    assert "harbour board met on day 1" in (library.get_article(starred[0].id).text)
    assert library.sync_account().last_sync is not None
    assert library.consistency_problems() == []


def test_sync_with_nothing_new_makes_three_calls_and_changes_nothing(
    greader, make_library, settings
):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 4)
    library = make_library()
    assert sync_library(library, settings).ok
    before = [(r.id, r.read, r.starred) for r in library.list_articles()]

    again = sync_library(library, settings)

    assert again.ok and again.calls <= 3
    assert again.new_ids == [] and again.merge.read_changed == 0
    assert [(r.id, r.read, r.starred) for r in library.list_articles()] == before
