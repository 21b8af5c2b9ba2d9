"""Pilot tests: every reader key, asserting on the reader's state and the library."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from reader_support import ARTICLES, NOW, build_app, fixed_summarizer, settle, wait_until
from rich.console import Console

from newsreader.config import ReaderSettings, Settings
from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library
from tui.keymap import KEYS
from tui.screens.reader import ReaderScreen
from tui.screens.topic_picker import TopicPicker
from tui.widgets.help_overlay import HelpOverlay
from tui.widgets.help_table import HelpTable
from tui.widgets.search_bar import SearchBar
from tui.widgets.topic_bar import TopicBar

pytestmark = pytest.mark.asyncio

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


async def test_start_shows_list_and_first_article_with_summary(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.article_list.total == len(ARTICLES)
        assert selected_id(app) == 1
        assert screen.article is not None and screen.article.title == ARTICLES[0][0]
        summary = screen.article_view.summary
        assert summary is not None and summary.algorithm == "lead"
        assert len(summary.sentences) == 3
        assert "The floating library opened on Monday." in shown_text(app, "summary")


async def test_move_keys(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert selected_id(app) == 3
        assert reader(app).article.id == 3
        await pilot.press("down")
        await pilot.press("k")
        await pilot.press("up")
        await settle(pilot)
        assert selected_id(app) == 2
        await pilot.press("G")
        await settle(pilot)
        assert selected_id(app) == len(ARTICLES)
        assert reader(app).article.id == len(ARTICLES)
        await pilot.press("g")
        await settle(pilot)
        assert selected_id(app) == 1


async def test_open_marks_read_and_switches_pane(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.pane == "article"
        assert screen.pane == "article"
        assert stored(library_path, 2).read
        assert screen.article_list.selected.read
        await pilot.press("tab")
        assert screen.pane == "list"
        await pilot.press("j", "l")
        await settle(pilot)
        assert screen.pane == "article"
        assert stored(library_path, 3).read
        await pilot.press("h")
        assert screen.pane == "list"


async def test_keys_scroll_the_text_in_the_article_pane(library_path: Path) -> None:
    hostile = next(i for i, a in enumerate(ARTICLES) if a[0].startswith("[bold red]"))
    app = build_app(library_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        reader(app).article_list.move_to(hostile)
        await settle(pilot)
        scroll = reader(app).article_view.text_scroll
        assert scroll.max_scroll_y > 0
        await pilot.press("space")  # space pages the text with the list focused
        await pilot.pause()
        first_page = scroll.scroll_y
        assert first_page > 0 and reader(app).pane == "list"
        await pilot.press("tab", "pagedown")  # in the text, pgdn pages the text
        await pilot.pause()
        assert scroll.scroll_y > first_page
        await pilot.press("pageup")
        await pilot.pause()
        assert scroll.scroll_y == pytest.approx(first_page)
        await pilot.press("j")  # in the article pane j scrolls, the cursor stays
        await pilot.pause()
        assert selected_id(app) == hostile + 1
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0


async def test_home_end_and_page_keys_move_the_cursor_in_the_list(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=(120, 8)) as pilot:  # a list a few rows high
        await settle(pilot)
        lst = reader(app).article_list
        height = lst.scrollable_content_region.height
        assert 1 < height < len(ARTICLES)
        await pilot.press("end")
        await settle(pilot)
        assert lst.cursor == len(ARTICLES) - 1 and selected_id(app) == len(ARTICLES)
        assert lst.scroll_offset.y <= lst.cursor < lst.scroll_offset.y + height
        await pilot.press("home")
        await settle(pilot)
        assert lst.cursor == 0 and lst.scroll_offset.y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert lst.cursor == height - 1
        assert lst.scroll_offset.y <= lst.cursor < lst.scroll_offset.y + height
        await pilot.press("pageup")
        await settle(pilot)
        assert lst.cursor == 0


async def test_next_article_keys_work_from_the_text(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.pane == "article"
        await pilot.press("J")
        await settle(pilot)
        assert selected_id(app) == 2 and screen.article.id == 2
        assert screen.pane == "article"  # still reading
        assert stored(library_path, 2).read  # opened by J while reading: read
        await pilot.press("J", "K")
        await settle(pilot)
        assert selected_id(app) == 2 and stored(library_path, 3).read
        await pilot.press("escape")  # back to the list, filters untouched
        await settle(pilot)
        assert screen.pane == "list"
        await pilot.press("J")
        await settle(pilot)
        assert selected_id(app) == 3


async def test_next_unread_skips_read_articles(library_path: Path) -> None:
    with Library(library_path) as library:
        for article_id in (2, 3, 5):
            library.set_read(article_id, True)
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert selected_id(app) == 4
        await pilot.press("n")
        await settle(pilot)
        assert selected_id(app) == 6
        await pilot.press("p")
        await settle(pilot)
        assert selected_id(app) == 4
        await pilot.press("G", "n")  # nothing after the last one: the cursor stays
        await settle(pilot)
        assert selected_id(app) == len(ARTICLES)
        assert any("No unread article after" in n.message for n in app._notifications)


async def test_escape_goes_back_then_clears_filters(library_path: Path) -> None:
    for size in (WIDE, (80, 24)):
        app = build_app(library_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = reader(app)
            await pilot.press("u", "enter")
            await settle(pilot)
            assert screen.pane == "article" and screen.filters.unread
            await pilot.press("escape")
            await settle(pilot)
            assert screen.pane == "list", size
            assert screen.filters.unread  # the first escape only goes back
            await pilot.press("escape")
            await settle(pilot)
            assert not screen.filters.active


async def test_mark_read_when_leaving_after_a_while(library_path: Path) -> None:
    clock = [100.0]
    settings = Settings(reader=ReaderSettings(mark_read="leave", mark_read_after=3.0))
    app = build_app(library_path, settings, monotonic=lambda: clock[0])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # opening does not mark it with this rule
        await settle(pilot)
        assert not stored(library_path, 1).read
        clock[0] += 1.0
        await pilot.press("J")  # left after one second: still unread
        await settle(pilot)
        assert not stored(library_path, 1).read
        clock[0] += 5.0
        await pilot.press("J")  # left after five seconds: read
        await settle(pilot)
        assert stored(library_path, 2).read and not stored(library_path, 3).read
        assert reader(app).article_list.row_at(1).read


async def test_mark_read_never(library_path: Path) -> None:
    app = build_app(library_path, Settings(reader=ReaderSettings(mark_read="never")))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "J", "J")
        await settle(pilot)
        assert not any(stored(library_path, n).read for n in (1, 2, 3))
        await pilot.press("m")
        await settle(pilot)
        assert stored(library_path, 3).read


async def test_a_flag_that_was_not_saved_is_not_shown(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        with Library(library_path) as library:  # every flag write now fails, as on a full disk
            library.conn.execute(
                "CREATE TRIGGER no_flags BEFORE UPDATE OF starred ON articles"
                " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        await pilot.press("s")
        await settle(pilot)
        assert not stored(library_path, 1).starred
        assert not reader(app).article_list.selected.starred
        assert any("disk is full" in n.message for n in app._notifications)


async def test_topic_keys_combine_and_clear(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        bar = screen.query_one("#topics")
        first = bar.name_at(1)
        expected = sum(1 for a in ARTICLES if first in a[2])
        await pilot.press("1")
        await settle(pilot)
        assert screen.filters.topics == (first,)
        assert screen.article_list.total == expected < len(ARTICLES)
        assert bar.name_at(1) == first  # active topics stay first
        second = bar.name_at(2)
        await pilot.press("2")
        await settle(pilot)
        both = sum(1 for a in ARTICLES if first in a[2] and second in a[2])
        assert screen.filters.topics == (first, second)
        assert screen.article_list.total == both
        await pilot.press("1")
        await settle(pilot)
        assert screen.filters.topics == (second,)
        await pilot.press("0")
        await settle(pilot)
        assert screen.filters.topics == ()
        assert screen.article_list.total == len(ARTICLES)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.filters.active


async def test_topic_numbers_stay_where_they_are(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bar = reader(app).query_one(TopicBar)
        before = [bar.name_at(n) for n in range(1, 10)]
        assert before[0] and before[1]
        for key in ("1", "2", "1"):  # with 1 and 2 on, 1 off: 2 is still 2
            await pilot.press(key)
            await settle(pilot)
            assert [bar.name_at(n) for n in range(1, 10)] == before
        assert reader(app).filters.topics == (before[1],)
        assert "✓" in bar.render().plain.split(f" 2 {before[1]}")[0][-2:]


async def test_the_topic_bar_says_when_topics_do_not_fit(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=(50, 20)) as pilot:
        await settle(pilot)
        bar = reader(app).query_one(TopicBar)
        shown = bar.render().plain
        assert len(shown) <= bar.content_region.width
        hidden = int(re.search(r"\+(\d+) more \(t\)", shown).group(1))
        numbers = re.findall(r"(?:^|\s)✓?([1-9]) [^\d\s]", shown.split("+")[0])
        assert hidden == len(bar.numbered) - len(numbers) > 0
        assert [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


async def test_topic_picker_fuzzy(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TopicPicker)
        await pilot.press("f", "r", "m", "n", "g", "enter")  # fuzzy: farming
        await settle(pilot)
        screen = reader(app)
        assert screen.filters.topics == ("farming",)
        assert screen.article_list.total == sum(1 for a in ARTICLES if "farming" in a[2])
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert reader(app).filters.topics == ("farming",)


async def test_search(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.display and app.screen.focused is bar.input
        await pilot.press(*"glacier", "enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.filters.search == "glacier"
        assert screen.article_list.total == 1
        assert selected_id(app) == 2
        await pilot.press("slash")
        assert bar.input.value == "glacier"  # the search shown is the one to change
        await pilot.press("ctrl+u", "enter")  # empty search clears it
        await settle(pilot)
        assert screen.filters.search is None
        assert screen.article_list.total == len(ARTICLES)
        assert not bar.display and app.screen.focused is None
        before = selected_id(app)
        await pilot.press("slash", *"tram", "escape")  # esc leaves the filters as they were
        await settle(pilot)
        assert not bar.display and screen.filters.search is None
        await pilot.press("j")  # the keys are the reader's again
        await settle(pilot)
        assert selected_id(app) == before + 1


async def test_search_line_reopens_in_its_focused_style(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        unfocused = bar.input.rich_style
        await pilot.press("slash")
        await settle(pilot)
        first = (bar.input.has_focus, bar.input.rich_style, bar.input.styles.border)
        assert first[0] and first[1] != unfocused  # the field shows it has the keys
        for close in (("enter",), ("escape",), (*"tram", "enter")):
            await pilot.press(*close)
            await settle(pilot)
            assert not bar.display and app.screen.focused is None
            await pilot.press("slash")
            await settle(pilot)
            again = (bar.input.has_focus, bar.input.rich_style, bar.input.styles.border)
            assert again == first


async def test_read_star_and_their_filters(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("m")
        await settle(pilot)
        assert stored(library_path, 1).read
        await pilot.press("m")
        await settle(pilot)
        assert not stored(library_path, 1).read
        await pilot.press("m", "j", "s")
        await settle(pilot)
        assert stored(library_path, 2).starred
        assert screen.article_list.selected.starred
        await pilot.press("u")
        await settle(pilot)
        assert screen.filters.unread
        assert screen.article_list.total == len(ARTICLES) - 1
        await pilot.press("u", "apostrophe")
        await settle(pilot)
        assert screen.filters.starred and not screen.filters.unread
        assert screen.article_list.total == 1 and selected_id(app) == 2
        await pilot.press("s")
        await settle(pilot)
        assert not stored(library_path, 2).starred


async def test_summary_length_algorithm_and_mode(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("plus")
        await settle(pilot)
        assert screen.prefs.sentences == 4
        assert len(screen.article_view.summary.sentences) == 4
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert screen.prefs.sentences == 2
        assert len(screen.article_view.summary.sentences) == 2
        await pilot.press("a")
        await settle(pilot)
        assert screen.prefs.algorithm == "tail"
        summary = screen.article_view.summary
        assert summary.algorithm == "tail"
        assert summary.sentences[-1].text == "Critics worry about storms."
        await pilot.press("a")
        await settle(pilot)
        assert screen.prefs.algorithm == "lead"
        await pilot.press("z")
        assert screen.prefs.mode == "summary"
        assert shown_text(app, "summary") and not shown_text(app, "body")
        await pilot.press("z")
        assert screen.prefs.mode == "text"
        assert not shown_text(app, "summary") and shown_text(app, "body")
        await pilot.press("z")
        assert screen.prefs.mode == "both"


async def test_summary_panel_waits_while_summary_is_made(library_path: Path) -> None:
    release = threading.Event()

    def slow_summarizer(library: Library, article, algorithm: str, sentences: int):
        release.wait(timeout=30)  # held until the test has looked at the waiting screen
        return fixed_summarizer(library, article, algorithm, sentences)

    app = build_app(library_path, summarizer=slow_summarizer)
    async with app.run_test(size=WIDE) as pilot:
        try:
            await pilot.pause()
            while reader(app).article is None:  # the article comes before its summary
                await pilot.pause()
            assert "Summarising with lead" in shown_text(app, "summary")
            assert reader(app).article_view.summary is None
            assert ARTICLES[0][4].split(".")[0] in shown_text(app, "body")
        finally:
            release.set()
        await settle(pilot)
        assert "Summarising" not in shown_text(app, "summary")
        assert "The floating library opened on Monday." in shown_text(app, "summary")


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


async def test_the_topic_bar_is_blank_until_its_counts_come() -> None:
    from textual.app import App, ComposeResult

    class BarApp(App[None]):
        def compose(self) -> ComposeResult:
            yield TopicBar()

    async with BarApp().run_test(size=(60, 3)) as pilot:
        bar = pilot.app.query_one(TopicBar)
        assert bar.render().plain == ""  # not "no topics" while they are being counted
        bar.show([], ())
        assert bar.render().plain == "No topics yet"
