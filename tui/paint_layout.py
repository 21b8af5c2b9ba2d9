"""Where the reader's first frame puts the first view, cell by cell, without Textual.

:func:`first_frame_spans` lays out the topic bar, the list's border (with its live
title) and its visible rows as Textual's first frame draws them, each run of cells
named by its role (``row.title.cursor-unread``, ``border``...). The early paint
(:mod:`tui.early_paint`) writes these runs in the colours the last Textual run used
for each role; the same runs are checked against what Textual drew before any colour
is kept, so a layout that differs from Textual's is never painted.

Only what is certain is laid out: a title with a wide or zero-width character, a
list longer than the rows read, or a terminal too small gives None (nothing painted).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsreader.models import ArticleRow, StoryRow, TopicCount
from newsreader.safetext import one_line
from tui.row_cells import age, column_widths, fit_cells

#: Below this many columns the list takes the whole width (the reader screen's rule).
NARROW_WIDTH = 100
#: The list's share of a wide screen, and its least width (reader.tcss).
LIST_SHARE, LIST_MIN = 0.5, 40
#: The topic bar's numbered slots (the topic bar's).
SLOTS = 9
#: Characters known to take one cell in every terminal the reader supports.
ONE_CELL = frozenset("●★…✓─│╭╮╰╯⏎↑↓←→⇥")
#: Roles whose cells Textual's first frame may or may not draw as laid out here.
OPTIONAL = frozenset({"list.bar"})


class Span:
    """A run of one-cell characters at (``x``, ``y``) drawn in the style of ``role``.

    A plain class: a NamedTuple compiles its methods from source as it is made, and
    this module is loaded on the way to the early paint."""

    __slots__ = ("x", "y", "text", "role")

    def __init__(self, x: int, y: int, text: str, role: str) -> None:
        self.x, self.y, self.text, self.role = x, y, text, role

    def __repr__(self) -> str:
        return f"Span({self.x!r}, {self.y!r}, {self.text!r}, {self.role!r})"


def one_cell_text(text: str) -> bool:
    """True when every character of ``text`` is sure to take exactly one cell."""
    return (
        text.isascii()
        and text.isprintable()
        or all((ch.isascii() and ch.isprintable()) or ch in ONE_CELL or _latin(ch) for ch in text)
    )


def _latin(ch: str) -> bool:
    """Letters and signs of the Latin-1 and Latin Extended blocks (one cell, not combining)."""
    return "\u00a0" <= ch <= "\u024f" and ch.isprintable()


def list_width(columns: int) -> int:
    """The list's outer width on a terminal ``columns`` wide."""
    if columns < NARROW_WIDTH:
        return columns
    return max(LIST_MIN, int(columns * LIST_SHARE))


def topic_runs(topics: Sequence[TopicCount], width: int) -> list[tuple[str, str]] | None:
    """The topic bar's text as (text, role) runs in ``width`` cells, as the bar draws it
    when no topic is active (the first view's)."""
    if not topics:
        return [("No topics yet", "topics.none")]
    labels: list[tuple[str, str]] = []
    for number, topic in enumerate(topics[:SLOTS], start=1):
        label = f" {number} {one_line(topic.name)}"
        labels.append(
            (label + f" {topic.total:,} ", "topics.text")
            if topic.total
            else (label + " ", "topics.dim")
        )
    runs: list[tuple[str, str]] = []
    used = 0
    for shown, (label, role) in enumerate(labels):
        left = len(labels) - shown - 1
        more = f" +{left} more (t)" if left else ""
        if used + len(label) + 1 + len(more) > width and shown:
            runs.append((f" +{len(labels) - shown} more (t)", "topics.more"))
            used += len(runs[-1][0])
            break
        runs += [(label, role), (" ", "topics.text")]
        used += len(label) + 1
    if used > width or not all(one_cell_text(text) for text, _ in runs):
        return None
    return runs


def row_runs(
    row: ArticleRow | StoryRow, width: int, now: datetime, cursor: bool
) -> list[tuple[str, str]]:
    """One list row as (text, role) runs, ``width`` cells (as the list draws it)."""
    if isinstance(row, StoryRow):
        title = f"{row.size:>3}× {row.title[: width * 4]}"
        source, read, starred, when = ", ".join(row.sources[:8]), True, False, row.last_seen
    else:
        title, source, read, starred, when = row.title, row.source, row.read, row.starred, row.when
    state = ("cursor-" if cursor else "") + ("read" if read else "unread")
    title_width, source_width = column_widths(width)
    runs = [
        (" " if read else "●", f"row.title.{state}"),
        (" ", f"row.gap.{state}"),
        (fit_cells(one_line(title[: width * 4]), title_width), f"row.title.{state}"),
        (" ", f"row.gap.{state}"),
    ]
    if source_width:
        runs += [
            (fit_cells(one_line(source[: width * 4]), source_width), f"row.meta.{state}"),
            (" ", f"row.gap.{state}"),
        ]
    runs += [
        (age(when, now).rjust(4), f"row.meta.{state}"),
        (" ", f"row.gap.{state}"),
        ("★" if starred else " ", f"row.star.{state}"),
    ]
    return runs


def first_frame_spans(
    columns: int,
    lines: int,
    total: int,
    rows: Sequence[ArticleRow | StoryRow],
    topics: Sequence[TopicCount],
    now: datetime,
) -> list[Span] | None:
    """The first frame's topic bar and list (not the article pane nor the key hints),
    for the first view (``total`` articles, the first ``rows``, the cursor on the first,
    ``topics`` counted); None when it cannot be laid out for certain."""
    outer = list_width(columns)
    content_height = lines - 4  # the topic bar, the hints and the list's two border rows
    if content_height < 1 or outer < 12 or not total:
        return None
    shown = min(total, content_height)
    if len(rows) < shown:
        return None
    bar = 1 if total > content_height else 0
    width = outer - 2 - bar
    spans = [Span(0, 0, " ", "topics.pad"), Span(columns - 1, 0, " ", "topics.pad")]
    runs = topic_runs(topics, columns - 2)
    if runs is None:
        return None
    x = 1
    for text, role in runs:
        spans.append(Span(x, 0, text, role))
        x += len(text)
    if x < columns - 1:
        spans.append(Span(x, 0, " " * (columns - 1 - x), "topics.fill"))
    title = f"Articles {total:,}"
    fill = outer - 5 - len(title)
    if fill < 1:
        return None
    spans += [
        Span(0, 1, "╭─", "border"),
        Span(2, 1, f" {title} ", "border.title"),
        Span(4 + len(title), 1, "─" * fill + "╮", "border"),
        Span(0, lines - 2, "╰" + "─" * (outer - 2) + "╯", "border"),
    ]
    for index in range(content_height):
        y = 2 + index
        spans.append(Span(0, y, "│", "border"))
        if index >= shown:
            spans.append(Span(1, y, " " * width, "list.blank"))
        else:
            x = 1
            for text, role in row_runs(rows[index], width, now, index == 0):
                if not one_cell_text(text):
                    return None
                spans.append(Span(x, y, text, role))
                x += len(text)
            if x != 1 + width:
                return None
        if bar:
            spans.append(Span(outer - 2, y, " ", "list.bar"))
        spans.append(Span(outer - 1, y, "│", "border"))
    return spans
