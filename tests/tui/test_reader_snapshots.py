"""Snapshot tests of the reader (pytest-textual-snapshot): a fixed library, a frozen
clock and a deterministic summarizer; each snapshot waits for every worker.

Update after an intended change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import build_app, settle
from textual.pilot import Pilot

SMALL = (80, 24)
LARGE = (120, 40)


def _after(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_main_screen(snap_compare, library_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(library_path), terminal_size=size, run_before=_after())


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_main_screen_with_topic_filter(
    snap_compare, library_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(build_app(library_path), terminal_size=size, run_before=_after("1"))


def test_narrow_article_pane(snap_compare, library_path: Path) -> None:
    assert snap_compare(
        build_app(library_path), terminal_size=SMALL, run_before=_after("j", "enter")
    )


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_help_screen(snap_compare, library_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        build_app(library_path), terminal_size=size, run_before=_after("question_mark")
    )


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_reading_an_article_with_no_color(
    snap_compare, library_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: the cursor (list in front, then the article) is in reverse video."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        build_app(library_path), terminal_size=size, run_before=_after("j", "enter")
    )


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_feed_view(snap_compare, library_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(library_path), terminal_size=size, run_before=_after("f"))
