"""Two-way state through the loopback server: libraries converging, offline actions,
conflicts, failures that change nothing, a re-subscribed feed, long id listings."""

from __future__ import annotations

from newsreader.models import ArticleQuery
from newsreader.store import transaction
from newsreader.sync import sync_library


def _by_title(library):
    return {row.title: row for row in library.list_articles(limit=100_000)}


def _flags(library):
    return {title: (row.read, row.starred) for title, row in _by_title(library).items()}


def test_two_libraries_converge_through_the_server(greader, make_library, settings):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 6)
    laptop, server_box = make_library("laptop"), make_library("server")
    assert sync_library(laptop, settings).ok and sync_library(server_box, settings).ok
    on_laptop = _by_title(laptop)
    laptop.set_read(on_laptop["Harbour News story 0"].id)
    laptop.set_starred(on_laptop["Harbour News story 1"].id)
    on_box = _by_title(server_box)
    server_box.set_read(on_box["Harbour News story 2"].id)
    server_box.set_starred(on_box["Harbour News story 3"].id)

    assert sync_library(laptop, settings).ok
    assert sync_library(server_box, settings).ok
    assert sync_library(laptop, settings).ok

    assert _flags(laptop) == _flags(server_box)
    flags = _flags(laptop)
    assert flags["Harbour News story 0"] == (True, False)
    assert flags["Harbour News story 1"] == (False, True)
    assert flags["Harbour News story 2"] == (True, False)
    assert flags["Harbour News story 3"] == (False, True)
    assert flags["Harbour News story 4"] == (False, False)
    assert laptop.pending_count() == server_box.pending_count() == 0


def test_offline_actions_are_queued_with_the_change_and_pushed_later(
    greader, make_library, settings
):
    feed = greader.add_feed("http://feeds.test/harbour", "Harbour News", 4)
    library = make_library()
    assert sync_library(library, settings).ok
    greader.down = True
    rows = _by_title(library)
    library.set_read(rows["Harbour News story 0"].id)
    library.set_starred(rows["Harbour News story 1"].id)
    library.mark_feed_read(library.list_feeds()[0].id)

    offline = sync_library(library, settings)

    assert not offline.ok and "nothing changed here" in offline.line()
    assert library.pending_count() == 3
    assert all(not e.read and not e.starred for e in greader.entries_of(feed.id))
    greader.down = False
    assert sync_library(library, settings).ok
    assert library.pending_count() == 0
    server = {e.title: (e.read, e.starred) for e in greader.entries_of(feed.id)}
    assert server["Harbour News story 1"] == (True, True)
    assert all(read for read, _ in server.values())


def test_an_action_rolled_back_with_its_change_leaves_no_outbox_entry(
    make_library, greader, settings
):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 2)
    library = make_library()
    assert sync_library(library, settings).ok
    article = library.list_articles()[0]
    try:
        with transaction(library.conn):
            library.set_read(article.id)
            raise KeyboardInterrupt  # the process stops before the commit
    except KeyboardInterrupt:
        pass
    assert library.pending_count() == 0
    assert not library.get_article(article.id).read
    library.set_read(article.id)
    assert library.pending_count() == 1


def test_marks_are_sent_one_tag_per_call_in_bounded_batches(greader, make_library, settings):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 250)
    library = make_library()
    assert sync_library(library, settings).ok
    rows = library.list_articles(limit=1000)
    for row in rows[:230]:
        library.set_read(row.id)
    for row in rows[:3]:
        library.set_starred(row.id)
    library.set_read(rows[240].id)
    library.set_read(rows[240].id, False)

    assert sync_library(library, settings).ok

    calls = greader.calls_to("/edit-tag")
    # 230 reads in calls of 100, 100 and 30; 3 stars; the read-then-unread article once (r=read)
    assert len(calls) == 5
    for call in calls:
        tags = [key for key, _ in call.form if key in ("a", "r")]
        assert len(tags) == 1
        assert len([key for key, _ in call.form if key == "i"]) <= settings.sync.mark_batch
    unread = [(e.title, e.read) for e in greader.entries.values() if not e.read]
    assert len(unread) == 20


def test_a_pending_local_action_wins_and_the_server_wins_otherwise(greader, make_library, settings):
    feed = greader.add_feed("http://feeds.test/harbour", "Harbour News", 3)
    library = make_library()
    assert sync_library(library, settings).ok
    first, second, third = greader.entries_of(feed.id)
    rows = _by_title(library)
    library.set_read(rows[first.title].id)  # pending here...
    first.starred = True  # ...while another client stars it and reads the others
    second.read = True
    third.read = True
    library.set_read(rows[third.title].id, True)
    library.set_read(rows[third.title].id, False)  # pending: unread again here

    assert sync_library(library, settings).ok

    flags = _flags(library)
    assert flags[first.title] == (True, True)  # our read and their star
    assert flags[second.title] == (True, False)  # the server's change
    assert flags[third.title] == (False, False)  # our pending unread won
    assert not third.read and first.read


def test_the_server_down_mid_sync_changes_nothing_and_keeps_the_outbox(
    greader, make_library, settings
):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 3)
    library = make_library()
    assert sync_library(library, settings).ok
    library.set_starred(library.list_articles()[0].id)
    greader.add_feed("http://feeds.test/science", "Science Daily", 300)
    before = (_flags(library), [f.url for f in library.list_feeds()])
    for answered in range(1, 6):
        greader.fail_after = answered  # push done, then the pull is cut at every call
        report = sync_library(library, settings)
        assert not report.ok, answered
        assert (_flags(library), [f.url for f in library.list_feeds()]) == before
    greader.fail_after = None
    assert sync_library(library, settings).ok
    assert library.count_articles() == 303


def test_a_half_answered_page_changes_nothing(greader, make_library, settings):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 3)
    library = make_library()
    greader.truncate = "/stream/items/contents"
    report = sync_library(library, settings)
    assert not report.ok and "cut short" in report.error
    assert library.list_feeds() == [] and library.count_articles() == 0
    greader.truncate = None
    assert sync_library(library, settings).ok and library.count_articles() == 3


def test_a_401_logs_in_again_once(greader, make_library, settings, monkeypatch):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 2)
    library = make_library()
    assert sync_library(library, settings).ok
    logins = len(greader.calls_to("/ClientLogin"))
    greader.expire_sessions()

    assert sync_library(library, settings).ok
    assert len(greader.calls_to("/ClientLogin")) == logins + 1

    greader.expire_sessions()
    greader.password = "changed-on-the-server"
    refused = sync_library(library, settings)
    assert not refused.ok and "refused the login" in refused.error
    assert len(greader.calls_to("/ClientLogin")) == logins + 2


def test_no_password_anywhere_is_one_clear_error(greader, make_library, settings, monkeypatch):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 1)
    library = make_library()
    monkeypatch.delenv("NEWSREADER_GREADER_PASSWORD")
    report = sync_library(library, settings)
    assert not report.ok and "NEWSREADER_GREADER_PASSWORD" in report.error
    assert library.count_articles() == 0


def test_a_feed_subscribed_again_with_new_ids_keeps_its_articles_and_marks(
    greader, make_library, settings
):
    feed = greader.add_feed("http://feeds.test/harbour", "Harbour News", 4)
    library = make_library()
    assert sync_library(library, settings).ok
    rows = _by_title(library)
    library.set_read(rows["Harbour News story 0"].id)
    library.set_starred(rows["Harbour News story 1"].id)
    assert sync_library(library, settings).ok
    ids_before = {row.id for row in rows.values()}

    again = greader.resubscribe(feed.id)  # every item unread and unstarred, under new ids

    assert sync_library(library, settings).ok
    assert {row.id for row in library.list_articles()} == ids_before  # no duplicates
    assert [f.url for f in library.list_feeds()] == ["http://feeds.test/harbour"]
    flags = _flags(library)
    assert flags["Harbour News story 0"] == (True, False)
    assert flags["Harbour News story 1"] == (False, True)
    server = {e.title: (e.read, e.starred) for e in greader.entries_of(again.id)}
    assert server["Harbour News story 0"] == (True, False)
    assert server["Harbour News story 1"] == (False, True)
    library.set_read(rows["Harbour News story 3"].id)
    assert sync_library(library, settings).ok
    assert {e.title: e.read for e in greader.entries_of(again.id)}["Harbour News story 3"]


def test_ten_thousand_unread_ids_come_through_continuation(greader, make_library, settings):
    greader.max_page = 1000  # a server that caps its pages
    feed = greader.add_feed("http://feeds.test/wire", "Wire", 0)
    for n in range(10_000):
        greader.add_entry(feed.id, f"Wire item {n}", f"http://feeds.test/wire/{n}", f"Item {n}")
    library = make_library()

    report = sync_library(library, settings)

    assert report.ok, report.error
    assert library.count_articles(ArticleQuery(unread=True)) == 10_000
    pages = greader.calls_to("/stream/items/ids")
    assert len(pages) >= 10  # at most 1,000 ids a page: continuation
    newest = greader.entries_of(feed.id)[-1]
    newest.read = True
    assert sync_library(library, settings).ok
    assert library.count_articles(ArticleQuery(unread=True)) == 9_999


def test_an_offset_continuation_as_on_miniflux_lists_every_id(greader, make_library, settings):
    greader.offset_continuation = True
    greader.max_page = 700
    feed = greader.add_feed("http://feeds.test/wire", "Wire", 0)
    for n in range(1_500):
        greader.add_entry(feed.id, f"Wire item {n}", f"http://feeds.test/wire/{n}", f"Item {n}")
    library = make_library()
    assert sync_library(library, settings).ok
    assert library.count_articles() == 1_500


def test_marking_a_feed_read_sends_microseconds_of_what_this_library_held(
    greader, make_library, settings
):
    feed = greader.add_feed("http://feeds.test/harbour", "Harbour News", 3)
    library = make_library()
    assert sync_library(library, settings).ok
    library.mark_feed_read(library.list_feeds()[0].id)
    late = greader.add_entry(feed.id, "Arrived after", "http://feeds.test/harbour/late", "Late")

    assert sync_library(library, settings).ok

    (call,) = greader.calls_to("/mark-all-as-read")
    ts = int(dict(call.form)["ts"])
    assert ts == max(e.id for e in greader.entries_of(feed.id) if e is not late)
    assert not late.read  # not seen here: still unread everywhere
    assert _flags(library)["Arrived after"] == (False, False)
    assert all(e.read for e in greader.entries_of(feed.id) if e is not late)
