"""The reader's `r` with a sync account: it syncs, even with no feed of the library's own."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reader_support import ARTICLES, build_app, settle, wait_until

from newsreader.store import Library
from tui.screens.reader import ReaderScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
# the sync tests' loopback server (tests/sync is not on the path of the reader tests)
from greader_server import GReaderServer

pytestmark = pytest.mark.asyncio


@pytest.fixture
def greader(monkeypatch: pytest.MonkeyPatch) -> Iterator[GReaderServer]:
    server = GReaderServer().start()
    monkeypatch.setenv("NEWSREADER_GREADER_PASSWORD", server.password)
    yield server
    server.stop()


async def test_r_syncs_an_account_when_the_library_has_no_feeds(
    library_path: Path, greader: GReaderServer
) -> None:
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 3)
    with Library(library_path) as library:
        assert library.list_feeds() == []
        library.set_sync_account("greader", greader.url, greader.username)
    app = build_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        # the refresh runs in a thread of its own: wait for its report
        await wait_until(
            pilot, lambda: any(" new, " in n.message for n in app._notifications), "a report"
        )
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert not any("No feeds to refresh" in m for m in messages)
        assert any(m.startswith("3 new, 0 updated") for m in messages), messages
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.article_list.total == len(ARTICLES) + 3
    assert greader.calls_to("stream/items/contents")  # the articles came from the server
