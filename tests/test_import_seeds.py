"""The five seed articles (../shared/data/seeds) come out with the promised titles, dates, text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.config import Settings
from newsreader.importers.files import walk
from newsreader.importers.readers import importable
from newsreader.importers.runner import Importer
from newsreader.models import Article, ArticleQuery

TITLES = {
    "000": "The Secretary of State spoke to the Russian Foreign Minister by phone on Friday in"
    " the highest…",
    "001": "US Secretary of State Antony Blinken met with Russian Foreign Minister Sergey Lavrov"
    " on Friday",
    "002": "The US has offered Russia a prisoner swap in a bid to free two Americans, including"
    " basketball…",
    "003": "The Russian foreign minister and the US secretary of state spoke by phone on Wednesday",
    "004": "Phase of Moscow-Washington Talks Focuses on Detainee Releases",
}

#: Boilerplate that must not survive, per seed (checked as whole lines and anywhere).
GONE_LINES = {
    "000": ["The AP contributed."],
    "001": ["Advertisement"],
    "003": [
        "Read more",
        "The Russian foreign minister and the US secretary of state spoke by phone on Wednesday",
    ],
    "004": [
        "No time to read?",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "Rewritten: Phase of Moscow-Washington Talks Focuses on Detainee Releases",
    ],
}
GONE_ANYWHERE = {
    "000": ["contributed"],
    "001": ["Advertisement", "date 2022-07-29", "2022-07-29"],
    "003": ["©", "Getty Images", "John McDonnell", "Marco Rubio testifies before the House"],
    "004": [
        "No time to read",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "Rewritten",
        "1980s Kazan",
        "Alexander Dolgopolov",
        "Berlin life",
    ],
}
#: Content that must survive, per seed: the article's first and last words.
KEPT = {
    "000": [
        "The Secretary of State spoke to the Russian Foreign Minister by phone on Friday",
        "He was sentenced to 25 years in prison for scheming to sell millions of dollars in"
        " weapons.",
    ],
    "001": [
        "US Secretary of State Antony Blinken met with Russian Foreign Minister Sergey Lavrov"
        " on Friday.",
        "The top US diplomat did not say if he thought Moscow was more likely",
        "it will face further hefty expenses.",
    ],
    "002": [
        "The US has offered Russia a prisoner swap in a bid to free two Americans",
        "plotted to illegally sell millions of dollars in weapons.",
    ],
    "003": [
        "Russian Foreign Minister Sergey Lavrov discussed Ukraine peace negotiations",
        "Russia and Ukraine held their first direct negotiations in three years",
        "an issue it says must be addressed in the ongoing talks.",
    ],
    "004": [
        "The initial move toward resuming talks between Moscow and Washington",
        "benefit international stability and security in the broader Western alliance.",
    ],
}
#: How each seed's text starts (title lines, date marker and debris gone).
FIRST_PARAGRAPH = {
    "001": "US Secretary of State Antony Blinken met with Russian Foreign Minister Sergey Lavrov"
    " on Friday.",
    "003": "Russian Foreign Minister Sergey Lavrov discussed Ukraine peace negotiations in a phone"
    " call with US Secretary of State Marco Rubio on Wednesday.",
    "004": "The initial move toward resuming talks between Moscow and Washington could hinge on"
    " the safety and timely release of American citizens detained on Russian soil.",
}


def _seed_files(shared_data: Path) -> dict[str, Path]:
    return {path.name[:3]: path for path in sorted((shared_data / "seeds").glob("*.txt"))}


@pytest.fixture
def imported(shared_data: Path, library) -> dict[str, Article]:
    """Each seed imported through the real import loop, by its number."""
    importer = Importer(library, Settings())
    articles = {}
    for number, path in _seed_files(shared_data).items():
        report = importer.import_file(path)
        assert report.skipped == [] and len(report.added) == 1, report.lines()
        article = library.get_article(report.article_ids[0])
        assert article is not None
        articles[number] = article
    return articles


def test_the_five_seeds_are_there(shared_data: Path) -> None:
    assert sorted(_seed_files(shared_data)) == sorted(TITLES)


def test_titles(imported: dict[str, Article]) -> None:
    assert {number: article.title for number, article in imported.items()} == TITLES


def test_long_first_sentences_are_cut_at_a_word_with_an_ellipsis(imported) -> None:
    for number in ("000", "002"):
        title = imported[number].title
        assert title.endswith("…") and len(title) <= 100
        assert imported[number].text.startswith(title[:-1].rstrip())


def test_dates(imported: dict[str, Article]) -> None:
    assert imported["001"].published == datetime(2022, 7, 29, tzinfo=UTC)
    for number in ("000", "002", "003", "004"):
        assert imported[number].published is None, number


def test_boilerplate_is_gone(imported: dict[str, Article]) -> None:
    for number, lines in GONE_LINES.items():
        paragraphs = imported[number].text.split("\n\n")
        for line in lines:
            assert line not in paragraphs, (number, line)
    for number, fragments in GONE_ANYWHERE.items():
        for fragment in fragments:
            assert fragment not in imported[number].text, (number, fragment)


def test_content_is_kept(imported: dict[str, Article]) -> None:
    for number, fragments in KEPT.items():
        for fragment in fragments:
            assert fragment in imported[number].text, (number, fragment)
    for number, first in FIRST_PARAGRAPH.items():
        assert imported[number].text.split("\n\n")[0].startswith(first), number


def test_paragraphs_are_kept_one_blank_line_apart(imported: dict[str, Article]) -> None:
    # One paragraph per line of the file, minus title, caption, boilerplate and navigation.
    counts = {number: len(article.text.split("\n\n")) for number, article in imported.items()}
    assert counts == {"000": 15, "001": 15, "002": 14, "003": 12, "004": 6}
    for number, article in imported.items():
        paragraphs = article.text.split("\n\n")
        assert all(p and p.strip() == p and "\n" not in p for p in paragraphs), number
        assert "  " not in article.text, number


def test_source_and_kind(imported: dict[str, Article]) -> None:
    for article in imported.values():
        assert article.source == "seeds"
        assert article.source_kind == "import"


def test_a_second_import_adds_nothing(shared_data: Path, library) -> None:
    importer = Importer(library, Settings())
    first = [importer.import_file(path) for path in _seed_files(shared_data).values()]
    again = [importer.run_entry(entry) for entry in walk([str(shared_data / "seeds")], importable)]
    assert sum(len(report.added) for report in first) == 5
    assert sum(len(report.added) for report in again) == 0
    assert sum(len(report.present) for report in again) == 5
    assert library.count_articles(ArticleQuery()) == 5
