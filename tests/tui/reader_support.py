"""Helpers for the TUI tests. A deterministic reader: fixed fictional articles, a frozen clock,
a lead-sentences summarizer, and a helper that waits until every worker is done."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from newsreader.config import Settings
from newsreader.models import Article, NewArticle
from newsreader.store import Library
from summarize.types import Summary, SummarySentence
from tui.app import ReaderApp, make_app
from tui.screens.stories import StoryScreen

NOW = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)
ALGORITHMS = ("lead", "tail")

HOSTILE_TITLE = "[bold red]x[/] \x1b[2J \x1b]52;c;aGk=\x07 [link=file:///etc/passwd]click[/link]"
HOSTILE_TEXT = (
    "Markup stays text: [bold red]x[/] and [link=file:///etc/passwd]click[/link]. "
    "Escapes go: \x1b]8;;http://evil/\x1b\\ here \x1b[2J and \x1b]52;c;aGk=\x07 gone. "
    "A lone surrogate \ud800 is replaced. " + "W" * 10_000 + " ends the long word."
)

#: (title, source, topics, hours before NOW, text)
ARTICLES: list[tuple[str, str, tuple[str, ...], int, str]] = [
    (
        "Harbour city opens a floating library",
        "Coast Gazette",
        ("culture", "cities"),
        1,
        "The floating library opened on Monday. It holds four thousand books. "
        "Readers arrive by ferry. The mayor called it a small wonder. Critics worry about storms.",
    ),
    (
        "Glacier valley trains resume after snow",
        "Mountain Post",
        ("transport", "weather"),
        3,
        "Trains through the glacier valley resumed today. Snow had closed the line for a week. "
        "Engineers cleared six avalanches. Tourists returned within hours.",
    ),
    (
        "Orchard robots learn to pick pears",
        "Field Weekly",
        ("technology", "farming"),
        5,
        "A cooperative tested robots in its pear orchards. The machines picked gently. "
        "Growers said the trial saved labour. A second season is planned.",
    ),
    (
        "Choir of lighthouse keepers tours inland",
        "Coast Gazette",
        ("culture",),
        8,
        "Twelve lighthouse keepers formed a choir. They now tour inland towns. "
        "Their songs describe storms and quiet nights. Tickets sold out quickly.",
    ),
    (
        "City council votes on bicycle bridges",
        "Metro Ledger",
        ("cities", "transport"),
        12,
        "The council approved three bicycle bridges. Construction starts in spring. "
        "Cyclists welcomed the vote. Drivers asked for more parking.",
    ),
    (
        "Weather service names the windy season",
        "Mountain Post",
        ("weather",),
        20,
        "Forecasters gave the windy season a name. It starts in late autumn. "
        "Sailors are advised to plan ahead. Farmers expect dry fields.",
    ),
    (
        "Seed bank adds rare mountain barley",
        "Field Weekly",
        ("farming", "science"),
        30,
        "The seed bank stored a rare barley. It grows only above two thousand metres. "
        "Scientists hope to breed hardier crops. The samples came from three valleys.",
    ),
    (HOSTILE_TITLE, "Odd \x1b[31mSource", ("technology", "[bold]tag[/bold]"), 40, HOSTILE_TEXT),
    (
        "Night market returns to the old docks",
        "Metro Ledger",
        ("cities", "culture"),
        50,
        "The night market returned to the old docks. Forty stalls sell food and crafts. "
        "Musicians play until midnight. Neighbours asked for quieter bins.",
    ),
    (
        "Tram drivers test a new timetable",
        "Metro Ledger",
        ("transport",),
        70,
        "Tram drivers began testing a new timetable. Waits should fall at rush hour. "
        "The union reviewed the shifts. A decision comes next month.",
    ),
]


def fictional_articles() -> list[NewArticle]:
    """The test articles, with fixed dates and links."""
    return [
        NewArticle(
            title=title,
            text=text,
            source_name=source,
            topics=topics,
            url=f"https://news.example/{n}",
            published=NOW - timedelta(hours=hours),
        )
        for n, (title, source, topics, hours, text) in enumerate(ARTICLES)
    ]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n")


def lead_summary(text: str, sentences: int) -> Summary:
    """The first ``sentences`` sentences of ``text``, found by punctuation (a stand-in)."""
    chosen: list[SummarySentence] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = len(text) if match is None else match.start() + len(match.group(0).rstrip())
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            begin = start + left
            chosen.append(SummarySentence(piece, begin, begin + len(piece), 1 / (len(chosen) + 1)))
        if match is None or len(chosen) >= sentences:
            break
        start = match.end()
    return Summary(tuple(chosen[:sentences]), "lead")


def fixed_summarizer(library: Library, article: Article, algorithm: str, sentences: int) -> Summary:
    """Deterministic: the first sentences (``lead``) or the last ones (``tail``)."""
    summary = lead_summary(article.text, 100)
    every = summary.sentences
    chosen = every[:sentences] if algorithm == "lead" else every[-sentences:]
    return replace(summary, sentences=chosen, algorithm=algorithm)


def write_library(path: Path) -> Path:
    """A library at ``path`` holding :data:`ARTICLES` (ids 1..N, newest first)."""
    with Library(path) as library:
        library.add_articles(fictional_articles())
    return path


def build_app(library_path: Path, settings: Settings | None = None, **options: Any) -> ReaderApp:
    """The reader on ``library_path`` with the frozen clock and test summarizer."""
    options = {"summarizer": fixed_summarizer, "algorithms": ALGORITHMS, **options}
    return make_app(library_path, settings, now=lambda: NOW, **options)


async def settle(pilot: Pilot, rounds: int = 50) -> None:
    """Wait until no worker runs and every answer has been handled."""
    app = pilot.app
    quiet = 0
    for _ in range(rounds):
        # A worker cancelled because a newer job of its group took its place is no error.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
        quiet = 0 if busy else quiet + 1
        if quiet >= 2:
            return
    raise AssertionError("the reader did not settle")


#: How long a pilot test waits for something a thread or another process does
#: (far beyond what it takes on a loaded machine; reached only when it never happens).
PATIENCE_SECONDS = 120.0


async def open_story_view(pilot: Pilot) -> StoryScreen:
    """Start the reader, press T and wait for the story view's answers."""
    await settle(pilot)
    await pilot.press("T")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StoryScreen)
    return screen


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen")
        await pilot.pause(0.01)


async def press_settled(pilot: Pilot, *keys: str) -> None:
    """Press ``keys`` in turn, the reader settled after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def assert_new_colours_drawn(pilot: Pilot, widgets: Sequence[Widget]) -> None:
    """Change the theme; each of ``widgets`` then draws the new colours, as Textual's own
    ``Widget.render_lines`` draws it (lines kept through restyles must not outlive that)."""
    app = pilot.app
    before = [w.render_lines(Region(0, 0, *w.outer_size)) for w in widgets]
    app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
    await settle(pilot)
    for widget, drawn in zip(widgets, before, strict=True):
        whole = Region(0, 0, *widget.outer_size)
        now = widget.render_lines(whole)
        assert now == Widget.render_lines(widget, whole), widget
        assert now != drawn, widget
