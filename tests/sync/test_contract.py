"""Contract tests: the sync scenarios against the loopback server and a real one.

Each scenario runs against the loopback server always, and against a real
Google Reader API server (FreshRSS, Miniflux) marked ``real_server`` when
``NEWSREADER_TEST_GREADER_URL``, ``_USER`` and ``_PASSWORD`` are set (skipped
with that reason otherwise). The real server must be able to fetch feeds from
127.0.0.1 (run it on this machine); use a throwaway account: the tests
subscribe it to feeds served here and unsubscribe them at the end.

Another client of the account (a phone, say) is played by the protocol client
itself, making the same calls any Google Reader client makes.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from article_pages import PARAGRAPHS, article_page
from local_http import FeedServer

from newsreader.config import Settings
from newsreader.feeds import fetch_feeds
from newsreader.store import Library
from newsreader.sync import sync_library
from newsreader.sync.credentials import session_file
from newsreader.sync.greader import READ, STARRED, GReaderClient

ENV = "NEWSREADER_TEST_GREADER_"


def rss(title: str, items: list[dict[str, str]]) -> str:
    """A small RSS 2.0 document."""
    body = "".join(
        "<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>" for item in items
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://127.0.0.1/</link>{body}</channel></rss>"
    )


@dataclass
class Backend:
    """A server to run a scenario against, and a second client of the same account."""

    url: str
    user: str
    password: str
    feeds: FeedServer
    #: The loopback server, to fill a feed it 'fetches'; None for a real server.
    loopback: object | None

    def client(self) -> GReaderClient:
        return GReaderClient(self.url, self.user, lambda: self.password)

    def new_feed(self, title: str, entries: int, pages: bool = False) -> tuple[str, str]:
        """Serve a feed of ``entries`` teasers here and subscribe the account to it.

        With ``pages``, the article page each teaser links to is served too.
        """
        path = f"/feed-{uuid.uuid4().hex[:10]}.xml"
        if pages:
            for n in range(entries):
                page = article_page(title, n)
                self.feeds.add(f"{path}/{n}", page, content_type="text/html; charset=utf-8")
        items = [
            {
                "title": f"{title} item {n}",
                "link": self.feeds.url(f"{path}/{n}"),
                "guid": f"{path}-{n}",
                "description": f"The {title} report number {n} tells of the harbour's day {n}.",
            }
            for n in range(entries)
        ]
        url = self.feeds.add(path, rss(title, items))
        if self.loopback is not None:
            self.loopback.fetchable[url] = (  # type: ignore[attr-defined]
                title,
                [(i["title"], i["link"], i["description"]) for i in items],
            )
        with self.client() as client:
            stream = client.quickadd(url)
        assert stream is not None, f"the server could not subscribe to {url}"
        return url, stream

    def cleanup(self) -> None:
        """Unsubscribe every feed served from here."""
        prefix = self.feeds.url("/")
        with self.client() as client:
            for sub in client.subscriptions():
                if sub.url.startswith(prefix):
                    client.edit_subscription(sub.stream, "unsubscribe")


def _real() -> tuple[str, str, str] | None:
    values = [os.environ.get(ENV + key, "") for key in ("URL", "USER", "PASSWORD")]
    return (values[0], values[1], values[2]) if all(values) else None


@pytest.fixture(
    params=["loopback", pytest.param("real", marks=pytest.mark.real_server)],
)
def backend(request, monkeypatch) -> Iterator[Backend]:
    feeds = FeedServer().start()
    if request.param == "real":
        real = _real()
        if real is None:
            feeds.stop()
            pytest.skip(f"no real server: set {ENV}URL, {ENV}USER and {ENV}PASSWORD")
        url, user, password = real
        loopback = None
        stop = feeds.stop
    else:
        from greader_server import GReaderServer

        server = GReaderServer().start()
        url, user, password, loopback = server.url, server.username, server.password, server

        def stop() -> None:
            feeds.stop()
            server.stop()

    monkeypatch.setenv("NEWSREADER_GREADER_PASSWORD", password)
    chosen = Backend(url, user, password, feeds, loopback)
    try:
        yield chosen
    finally:
        try:
            chosen.cleanup()
        finally:
            stop()


@pytest.fixture
def libraries(tmp_path: Path, backend: Backend) -> Iterator:
    opened: list[Library] = []

    def make(name: str) -> Library:
        library = Library(tmp_path / name / "library.sqlite")
        library.set_sync_account("greader", backend.url, backend.user)
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


def _synced(library: Library, settings: Settings | None = None) -> None:
    report = sync_library(library, settings or Settings())
    assert report.ok, report.error


def _mine(library: Library, url: str) -> dict[str, tuple[bool, bool]]:
    feed = library.feed_by_url(url)
    assert feed is not None, f"{url} not in the library"
    rows = library.list_articles(limit=10_000)
    return {r.title: (r.read, r.starred) for r in rows if r.source == feed.title}


def _server_flags(backend: Backend, stream: str) -> dict[int, tuple[bool, bool]]:
    with backend.client() as client:
        ids = client.item_ids(stream)
        unread = set(client.item_ids(stream, exclude=READ))
        starred = set(client.item_ids(STARRED))
    return {i: (i not in unread, i in starred) for i in ids}


def test_first_sync_and_two_libraries_converge(backend, libraries):
    url, _ = backend.new_feed("Harbour", 5)
    laptop, desktop = libraries("laptop"), libraries("desktop")
    _synced(laptop)
    _synced(desktop)
    assert len(_mine(laptop, url)) == 5 and _mine(laptop, url) == _mine(desktop, url)
    rows = {r.title: r.id for r in laptop.list_articles(limit=10_000)}
    laptop.set_read(rows["Harbour item 0"])
    laptop.set_starred(rows["Harbour item 1"])
    _synced(laptop)
    _synced(desktop)
    flags = _mine(desktop, url)
    assert flags["Harbour item 0"] == (True, False)
    assert flags["Harbour item 1"] == (False, True)
    assert _mine(laptop, url) == flags


def test_actions_queued_offline_are_sent_later_and_unread_is_r_read(backend, libraries):
    url, stream = backend.new_feed("Offline", 3)
    library = libraries("one")
    _synced(library)
    rows = {r.title: r.id for r in library.list_articles(limit=10_000)}
    library.set_read(rows["Offline item 0"])
    library.set_read(rows["Offline item 1"])
    library.set_read(rows["Offline item 1"], False)  # read, then unread again, offline
    assert library.pending_count() == 2
    _synced(library)
    assert library.pending_count() == 0
    server = _server_flags(backend, stream)
    assert sorted(server.values()) == [(False, False), (False, False), (True, False)]


def test_a_conflict_keeps_the_local_action_and_the_other_clients_change(backend, libraries):
    url, stream = backend.new_feed("Conflict", 2)
    library = libraries("one")
    _synced(library)
    rows = {r.title: r.id for r in library.list_articles(limit=10_000)}
    library.set_read(rows["Conflict item 0"])  # pending here
    with backend.client() as phone:
        ids = phone.item_ids(stream)
        phone.edit_tag(ids, add=STARRED)  # the phone stars both
        phone.edit_tag(ids, add=READ)  # and reads both
    library.set_read(rows["Conflict item 1"], True)
    library.set_read(rows["Conflict item 1"], False)  # pending: unread here
    _synced(library)
    flags = _mine(library, url)
    assert flags == {"Conflict item 0": (True, True), "Conflict item 1": (False, True)}


def test_a_stale_login_logs_in_again_once(backend, libraries):
    url, _ = backend.new_feed("Login", 1)
    library = libraries("one")
    _synced(library)
    kept = session_file(library.path)
    assert kept is not None and kept.exists()
    kept.write_text(kept.read_text().replace('"auth": "', '"auth": "stale'))
    report = sync_library(library, Settings())
    assert report.ok, report.error
    assert "stale" not in kept.read_text()


def test_mark_feed_read_reaches_the_server_in_microseconds(backend, libraries):
    url, stream = backend.new_feed("Marked", 3)
    library = libraries("one")
    _synced(library)
    feed = library.feed_by_url(url)
    assert feed is not None
    assert library.mark_feed_read(feed.id) == 3
    _synced(library)
    assert all(read for read, _ in _server_flags(backend, stream).values())
    assert all(read for read, _ in _mine(library, url).values())


def test_a_feed_subscribed_again_gets_new_ids_and_keeps_the_marks(backend, libraries):
    url, stream = backend.new_feed("Again", 3)
    library = libraries("one")
    _synced(library)
    rows = {r.title: r.id for r in library.list_articles(limit=10_000)}
    library.set_starred(rows["Again item 2"])
    _synced(library)
    with backend.client() as phone:
        old_ids = set(phone.item_ids(stream))
        assert phone.edit_subscription(stream, "unsubscribe")
        again = phone.quickadd(url)
        assert again is not None and again != stream
        assert not old_ids & set(phone.item_ids(again))
    _synced(library)
    assert len(_mine(library, url)) == 3  # matched by link, not stored twice
    assert _mine(library, url)["Again item 2"] == (False, True)
    starred = [flags for flags in _server_flags(backend, again).values() if flags[1]]
    assert len(starred) == 1


def test_a_failing_quickadd_keeps_the_feed_here(backend, libraries):
    library = libraries("one")
    dead = backend.feeds.url("/no-such-feed.xml")
    library.add_feed(dead, "Nowhere")
    report = sync_library(library, Settings())
    assert report.ok, report.error
    assert any("could not subscribe" in note for note in report.notes)
    assert library.feed_by_url(dead) is not None
    assert library.pending_count() == 0


def test_mark_all_read_reaches_the_server(backend, libraries):
    url, stream = backend.new_feed("Everything", 3)
    library = libraries("one")
    _synced(library)
    assert library.mark_all_read() >= 3  # a real account may hold other unread articles
    assert library.pending_count() == 1
    _synced(library)
    assert library.pending_count() == 0
    assert all(read for read, _ in _server_flags(backend, stream).values())
    assert all(read for read, _ in _mine(library, url).values())


def test_a_refresh_stores_synced_teasers_with_their_pages_text(backend, libraries):
    url, _ = backend.new_feed("Ferry", 2, pages=True)
    library = libraries("one")
    report = fetch_feeds(library, Settings())
    assert report.ok, report.errors
    feed = library.feed_by_url(url)
    assert feed is not None
    (result,) = [r for r in report.feeds if r.feed_id == feed.id]
    assert (result.new, result.pages) == (2, 2)
    for row in library.list_articles(limit=10_000):
        if row.source == feed.title:
            assert PARAGRAPHS[2] in library.get_article(row.id).text
