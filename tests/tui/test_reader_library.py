"""The reader on a library of 1,200 articles with the real summariser (no stand-in).

The bundled sample library (stored as a first run stores it, summaries made at
import) plus 1,176 generated articles: paging to the far end and back, the cursor
kept on its article beyond the first page across filters, stale answers of a
filter toggled and cleared before they arrive, and summaries made by the real
summariser in the reader.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
from reader_support import NOW, settle

from newsreader.models import ArticleQuery, NewArticle
from newsreader.sample import ensure_sample_library
from newsreader.store import Library
from summarize import DEFAULT_ALGORITHM
from tui.app import make_app
from tui.loaders import PAGE_SIZE

pytestmark = pytest.mark.asyncio

WIDE = (120, 40)
GENERATED = 1176


def _generated(count: int) -> list[NewArticle]:
    rng = random.Random(7)
    words = ["harbour", "council", "ferry", "bridge", "storm", "market", "library", "school"]
    words += ["river", "train", "museum", "festival", "budget", "island", "lighthouse", "choir"]
    articles = []
    for n in range(count):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(6, 12))).capitalize() + "."
            for _ in range(6)
        ]
        articles.append(
            NewArticle(
                title=f"Generated report {n}: " + " ".join(rng.sample(words, 4)),
                text=" ".join(sentences),
                source_name=f"Outlet {n % 7}",
                url=f"https://news.example/generated/{n}",
                published=NOW - timedelta(days=30, minutes=n),  # older than the samples
                topics=(rng.choice(["world", "culture", "sport"]),),
            )
        )
    return articles


@pytest.fixture
def big_library(isolated_home: Path) -> Path:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        assert ensure_sample_library(library) == 24
        library.add_articles(_generated(GENERATED))
    return path


def _app(path: Path):
    return make_app(path, now=lambda: NOW)  # the real summariser and algorithms


def _fits(summary, text: str) -> bool:
    return bool(summary.sentences) and all(
        text[s.start : s.end] == s.text for s in summary.sentences
    )


async def test_paging_to_the_end_and_back_with_real_summaries(big_library: Path) -> None:
    app = _app(big_library)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        lst = screen.article_list
        assert lst.total == 24 + GENERATED
        first = screen.article
        assert first is not None and first.source_kind == "import"
        summary = screen.article_view.summary  # stored when the samples were imported
        assert summary.algorithm == DEFAULT_ALGORITHM and _fits(summary, first.text)
        await pilot.press("G")  # the last row: its page is loaded on the way
        await settle(pilot)
        assert lst.cursor == lst.total - 1 >= 5 * PAGE_SIZE
        with Library(big_library) as library:
            oldest = library.list_articles(ArticleQuery(), limit=1, offset=lst.total - 1)[0]
        assert lst.selected.id == oldest.id and screen.article.id == oldest.id
        made = screen.article_view.summary  # made now, by the real summariser
        assert made is not None and _fits(made, screen.article.text)
        await pilot.press("k", "k")
        await settle(pilot)
        assert screen.article.id == lst.row_at(lst.total - 3).id
        await pilot.press("g")
        await settle(pilot)
        assert screen.article.id == first.id
        while lst.cursor < PAGE_SIZE + 10:  # page down into the second page (keyset paging)
            await pilot.press("pagedown")
            await settle(pilot)
        with Library(big_library) as library:
            expected = library.list_articles(ArticleQuery(), limit=1, offset=lst.cursor)[0]
        assert lst.selected.id == expected.id == screen.article.id


async def test_the_cursor_beyond_the_first_page_stays_across_filters(big_library: Path) -> None:
    app = _app(big_library)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        lst = screen.article_list
        lst.move_to(PAGE_SIZE * 2 + 17)
        await settle(pilot)
        kept = lst.selected.id
        await pilot.press("u")  # unread only: every article is unread, the cursor stays
        await settle(pilot)
        assert screen.filters.unread and lst.selected.id == kept
        assert lst.cursor == PAGE_SIZE * 2 + 17 and screen.article.id == kept
        await pilot.press("u")
        await settle(pilot)
        assert lst.selected.id == kept


async def test_stale_answers_are_dropped(big_library: Path) -> None:
    app = _app(big_library)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        for key in ("1", "2", "0", "u", "u", "1", "0"):  # faster than the answers come
            await pilot.press(key)
        await settle(pilot)
        lst = screen.article_list
        assert not screen.filters.active and lst.total == 24 + GENERATED
        assert screen.article is not None and screen.article.id == lst.selected.id
        bar = screen.query_one("#topics")
        assert bar.active == ()


async def test_a_longer_summary_and_another_algorithm_are_made_in_the_reader(
    big_library: Path,
) -> None:
    app = _app(big_library)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("plus")
        await settle(pilot)
        summary = screen.article_view.summary
        assert len(summary.sentences) == 4 and _fits(summary, screen.article.text)
        await pilot.press("a")  # the next algorithm
        await settle(pilot)
        other = screen.article_view.summary
        assert other.algorithm == screen.prefs.algorithm != DEFAULT_ALGORITHM
        assert _fits(other, screen.article.text)
        with Library(big_library) as library:  # made once, kept in the library's cache
            assert library.cached_summary(screen.article.id, other.algorithm, 4) is not None
