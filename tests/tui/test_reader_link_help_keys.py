"""Pilot tests of the reader's link, help, keymap, palette and narrow-terminal keys, and of
hostile text shown as plain text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from reader_keys_support import WIDE, reader, shown_text, stored
from reader_support import ARTICLES, NOW, build_app, settle, wait_until
from rich.console import Console

from newsreader.config import ReaderSettings, Settings
from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library
from tui.keymap import KEYS
from tui.screens.reader import ReaderScreen
from tui.widgets.help_overlay import HelpOverlay
from tui.widgets.help_table import HelpTable

pytestmark = pytest.mark.asyncio


def _fake_browser(folder: Path) -> Path:
    """A browser command that writes the argument it was given to ``opened.txt``."""
    script = folder / "fake-browser"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$#:$1" > "$(dirname "$0")/opened.txt"\n')
    script.chmod(0o755)
    return script


async def _wait_for_file(pilot, path: Path) -> str:
    # the browser runs in the background: wait until it has written
    await wait_until(
        pilot, lambda: path.exists() and path.read_text().endswith("\n"), f"{path} written"
    )
    return path.read_text()


async def test_open_and_copy_link(library_path: Path) -> None:
    script = _fake_browser(library_path.parent)
    settings = Settings(reader=ReaderSettings(browser=f"{script} {{url}}", console_browser=False))
    app = build_app(library_path, settings)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        opened = await _wait_for_file(pilot, library_path.parent / "opened.txt")
        assert opened == "1:https://news.example/0\n"  # one argument: the link
        await pilot.press("j", "y")
        await settle(pilot)
        assert app.clipboard == "https://news.example/1"


async def test_only_http_links_open(isolated_home: Path) -> None:
    script = _fake_browser(isolated_home)
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        library.add_article(
            NewArticle(
                title="Local",
                text="Some text here.",
                source_name="x",
                url="file:///etc/passwd",
                published=NOW,
            )
        )
    settings = Settings(reader=ReaderSettings(browser=f"{script} {{url}}", console_browser=False))
    app = build_app(path, settings)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert any("Only http and https" in n.message for n in app._notifications)
    assert not (isolated_home / "opened.txt").exists()


async def test_help_and_quit(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert app.screen.query_one(HelpOverlay).display  # over the reader, shown
        await settle(pilot)
        drawn = app.screen.query_one("#help-table", HelpTable)  # the lines it draws
        shown = "\n".join(drawn.render_line(y).text for y in range(drawn.size.height))
        for key in KEYS:  # every binding is listed by its id, with its keys
            assert key.id in shown or key.id.startswith("topic_"), key.id
        assert "topic_1…9" in shown and "next_unread" in shown
        assert re.search(r"^\s*n\s+Next unread article", shown, re.MULTILINE)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert not app.screen.query_one(HelpOverlay).display
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_keymap_from_settings_remaps_a_binding(library_path: Path) -> None:
    app = build_app(library_path, Settings(keys={"star": "f", "nonsense": "x"}))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")  # the help shows the user's key
        table = app.screen.query_one("#help-table", HelpTable).table
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(table)
        assert re.search(r"^\s*f\s+Star / unstar", console.export_text(), re.MULTILINE)
        await pilot.press("escape")
        await pilot.press("s")
        await settle(pilot)
        assert not stored(library_path, 1).starred
        await pilot.press("f")
        await settle(pilot)
        assert stored(library_path, 1).starred
        assert any("nonsense" in n.message for n in app._notifications)


async def test_command_palette_lists_reader_keys(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Star / unstar" in titles and "Pick a topic (fuzzy search)" in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Star / unstar")
        command.callback()
        await settle(pilot)
        assert stored(library_path, 1).starred


async def test_narrow_terminal_toggles_list_and_article(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.narrow
        assert screen.article_list.display and not screen.article_view.display
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.display and not screen.article_list.display
        await pilot.press("escape")  # back to the list, filters untouched
        assert screen.pane == "list" and screen.article_list.display


async def test_hostile_text_is_shown_as_plain_text(library_path: Path) -> None:
    hostile = next(i for i, a in enumerate(ARTICLES) if a[0].startswith("[bold red]"))
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        screen.article_list.move_to(hostile)
        await settle(pilot)
        lst = screen.article_list
        row_text = lst.render_line(hostile - int(lst.scroll_offset.y)).text
        assert row_text.lstrip("● ").startswith("[bold red]x[/]")
        assert "Odd Source" in row_text
        header = shown_text(app, "header")
        body = shown_text(app, "body")
        assert "[link=file:///etc/passwd]click[/link]" in header
        assert "[bold]tag[/bold]" in header
        assert "[bold red]x[/]" in body and "W" * 10_000 in body
        for shown in (row_text, header, body, shown_text(app, "summary")):
            assert not any(ord(c) < 32 and c not in "\n" or 0x7F <= ord(c) <= 0x9F for c in shown)
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)
        assert screen.article_view.text_scroll.max_scroll_x == 0  # the long word wraps
        assert await _unchanged_store(library_path)


async def _unchanged_store(library_path: Path) -> bool:
    with Library(library_path) as library:
        return library.count_articles(ArticleQuery()) == len(ARTICLES)
