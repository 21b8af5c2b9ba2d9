"""Reading ahead: the articles around the cursor are loaded before they are asked for,
so the next one is shown with the cursor's move, without a trip to the library."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reader_support import build_app, settle
from textual.message import Message
from textual.worker import Worker, WorkerState

from newsreader.models import Article
from summarize.types import Summary
from tui.read_ahead import AHEAD, BEHIND, NEAR_AHEAD, NEAR_BEHIND, Loaded, ReadAhead, around, near
from tui.screens.reader import ReaderScreen


def _loaded(article_id: int, summary: Summary | None = None) -> Loaded:
    article = Article(
        id=article_id,
        title=f"Article {article_id}",
        source="Somewhere",
        url=None,
        published=None,
        added=datetime(2026, 1, 1, tzinfo=UTC),
        read=False,
        starred=False,
        text="Text.",
    )
    return Loaded(article, summary, "lead", 3)


def test_around_the_cursor_the_next_rows_first_within_the_list() -> None:
    after = [50 + step for step in range(1, AHEAD + 1)]
    before = [50 - step for step in range(1, BEHIND + 1)]
    assert around(50, 100) == after + before
    assert around(0, 100) == list(range(1, AHEAD + 1))
    assert around(99, 100) == [99 - step for step in range(1, BEHIND + 1)]
    assert around(0, 1) == []


def test_the_rows_next_to_the_cursor_are_part_of_its_window() -> None:
    after = [50 + step for step in range(1, NEAR_AHEAD + 1)]
    before = [50 - step for step in range(1, NEAR_BEHIND + 1)]
    assert near(50, 100) == after + before
    assert set(near(50, 100)) <= set(around(50, 100))
    assert near(99, 100) == [99 - step for step in range(1, NEAR_BEHIND + 1)]


def test_a_read_is_missing_only_while_a_row_is_neither_kept_nor_asked_for() -> None:
    ahead = ReadAhead()
    assert ahead.missing([1, 2])
    ahead.wanted([1])
    assert ahead.missing([1, 2]) and not ahead.missing([1])
    ahead.keep(_loaded(2))
    assert not ahead.missing([1, 2])


def test_what_is_wanted_is_asked_for_once_and_kept_in_bounds() -> None:
    ahead = ReadAhead(kept=2)
    assert ahead.wanted([1, 2]) == [1, 2]
    assert ahead.wanted([1, 2, 3]) == [3]  # asked for already: not again
    assert ahead.asked(2) and 2 not in ahead
    for article_id in (1, 2, 3):
        ahead.keep(_loaded(article_id))
    assert 1 not in ahead and 2 in ahead and 3 in ahead  # the oldest went
    assert not ahead.asked(3)
    got = ahead.get(3)
    assert got is not None and got.article.id == 3
    ahead.forget()
    assert 3 not in ahead and ahead.wanted([3]) == [3]


def test_a_summary_made_later_is_kept_with_its_article() -> None:
    ahead = ReadAhead()
    ahead.keep(_loaded(7))
    summary = Summary(sentences=(), algorithm="lead", note="")
    ahead.summary_made(7, summary, "lead", 4)
    ahead.summary_made(8, summary, "lead", 4)  # not kept: nothing happens
    got = ahead.get(7)
    assert got is not None and got.summary is summary and got.sentences == 4
    assert ahead.get(8) is None


def _finished(names: tuple[str, ...], into: list[str]) -> Callable[[Message], None]:
    """A message hook that notes each worker named in ``names`` that finished."""

    def seen(message: Message) -> None:
        if (
            isinstance(message, Worker.StateChanged)
            and message.worker.name in names
            and message.state == WorkerState.SUCCESS
        ):
            into.append(message.worker.name)

    return seen


@pytest.mark.asyncio
async def test_the_next_article_comes_without_loading_it(library_path: Path) -> None:
    loads: list[str] = []
    app = build_app(library_path)
    async with app.run_test(
        size=(120, 40), message_hook=_finished(("Loading the article",), loads)
    ) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        before = len(loads)
        await pilot.press("j")
        await settle(pilot)
        assert screen.article is not None and screen.article.id == 2
        await pilot.press("j", "j", "k", "k")
        await settle(pilot)
        assert screen.article is not None and screen.article.id == 2
        assert len(loads) == before  # every one of them had been read ahead


@pytest.mark.asyncio
async def test_moving_row_by_row_reads_ahead_in_batches(library_path: Path) -> None:
    reads: list[str] = []
    hook = _finished(("Reading ahead", "Loading the article"), reads)
    app = build_app(library_path)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        before = len(reads)
        for expected in range(2, 9):  # seven rows down, each waited for
            await pilot.press("j")
            await settle(pilot)
            assert screen.article is not None and screen.article.id == expected
        # One read brings the rows ahead of the cursor for several moves, not one a move.
        assert len(reads) - before <= 2
