"""How a row of the article list is cut into cells: no Textual here.

The list widget (:mod:`tui.widgets.article_list`) draws its rows with these, and so
does the early paint (:mod:`tui.early_paint`), which lays the first rows out before
Textual is imported.
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size

#: The source column at its widest; it narrows, then goes, before the title does.
SOURCE_WIDTH = 16
#: Cells a row spends on the unread mark, the age and the star, with the spaces between.
FIXED_CELLS = 2 + 1 + 4 + 2


def fit_cells(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    length = len(text) if text.isascii() else cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    if text.isascii():
        return text[: width - 1] + "…"
    return set_cell_size(text, width - 1) + "…"


def column_widths(width: int) -> tuple[int, int]:
    """(title, source) widths of a row ``width`` cells wide (source 0: not shown).

    The title gets at least half of the row: the source column takes at most a fifth
    (and :data:`SOURCE_WIDTH`), and is left out when that would be under 6 cells.
    """
    source = min(SOURCE_WIDTH, width // 5)
    if source < 6:
        source = 0
    return max(1, width - FIXED_CELLS - (source + 1 if source else 0)), source


def age(when: datetime, now: datetime) -> str:
    """A short age such as ``5m``, ``3h``, ``2d``, ``6w``, ``1y``."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = max(0.0, (now - when).total_seconds())
    for unit, size in (("y", 365 * 86400), ("w", 7 * 86400), ("d", 86400), ("h", 3600)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds // 60)}m"
