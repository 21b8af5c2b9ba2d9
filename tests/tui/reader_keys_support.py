"""Shared helpers of the reader key tests: the terminal size, the reader screen, the
selected article, what the library stored and what the article pane shows."""

from __future__ import annotations

from pathlib import Path

from newsreader.store import Library
from tui.screens.reader import ReaderScreen

WIDE = (120, 40)


def reader(app) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def selected_id(app) -> int:
    row = reader(app).article_list.selected
    assert row is not None
    return row.id


def stored(library_path: Path, article_id: int):
    with Library(library_path) as library:
        return library.get_article(article_id)


def shown_text(app, section: str) -> str:
    """The plain text of the article pane's header, summary box or body."""
    return app.screen.article_view.section_text(section)
