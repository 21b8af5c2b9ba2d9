"""What the reader lays out: titles get the room, long titles and texts are never cut
or frozen on, and the page shows everything on a short terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import NOW, build_app, settle

from newsreader.models import NewArticle
from newsreader.store import Library
from tui.widgets.article_list import column_widths

LONG_TITLE = (
    "Harbour council approves the long-awaited floating library extension after a"
    " nine-hour session in which every ferry operator, two lighthouse keepers and the"
    " mayor's own choir spoke for and against the plan to moor it beside the old docks"
)


def test_the_title_gets_at_least_half_of_a_row() -> None:
    for width in (38, 58, 78, 98, 150):  # the list's rows at 80 to 200 columns
        title, source = column_widths(width)
        assert title >= width / 2, width
        assert source <= 16


def _library(path: Path, text: str, title: str = LONG_TITLE) -> Path:
    with Library(path) as library:
        library.add_articles(
            [
                NewArticle(title=title, text=text, source_name="Coast Gazette", published=NOW),
                NewArticle(
                    title="Second article",
                    text="A short text. It has two sentences.",
                    source_name="Metro Ledger",
                    published=NOW.replace(hour=1),
                ),
            ]
        )
    return path


def _page(view) -> str:
    """Every line the article pane would draw, top to bottom (scrolling through it)."""
    lines = []
    view.scroll_end()
    total = int(view.virtual_size.height)
    view.scroll_to(y=0, animate=False, immediate=True)
    height = view.scrollable_content_region.height
    for top in range(0, total, height):
        view.scroll_to(y=top, animate=False, immediate=True)
        # Each line as drawn, less the pane's left edge (its border cell).
        lines.extend(view.render_line(y).text.lstrip("▊").rstrip() for y in range(height))
    return "\n".join(lines)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.asyncio
async def test_rows_and_header_show_long_titles(isolated_home: Path, size) -> None:
    text = " ".join(f"Sentence {n} of the article says a little more." for n in range(60))
    app = build_app(_library(isolated_home / "library.sqlite", text))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lst = app.screen.article_list
        row = lst.render_line(0).text
        shown = row[2:].split("…")[0]
        assert LONG_TITLE.startswith(shown.rstrip()) and len(shown) >= lst.content_region.width / 2
        await pilot.press("enter")
        await settle(pilot)
        page = _page(app.screen.article_view)
        assert " ".join(page.split()).startswith(" ".join(LONG_TITLE.split()))  # whole, wrapped
        summary_end = page.index("sentences ─╯")  # the summary box closes on the page
        assert page.index("No time to read?") < summary_end < page.index("Sentence 59")


@pytest.mark.asyncio
async def test_a_huge_title_and_text_are_laid_out_only_as_far_as_shown(isolated_home: Path) -> None:
    title = "Enormous " * 1_000_000  # 9 MB
    text = ("An endless paragraph of words " * 300_000).strip() + "."  # 9 MB, one line
    app = build_app(_library(isolated_home / "library.sqlite", text, title))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        assert view.section_text("header").startswith("Enormous Enormous")
        await pilot.press("space", "space")  # the capped title fills a screen; then the text
        await settle(pilot)
        height = view.scrollable_content_region.height
        assert any("An endless paragraph" in view.render_line(y).text for y in range(height))
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.article.title == "Second article"
