"""The help's table of keys, laid out once per width and drawn line by line.

A Rich table is measured and rendered again on every repaint when shown by a
``Static`` (twice for its height alone): most of what ``?`` cost. Here it is
rendered into lines when the width is first seen, and the lines are reused.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from tui.keymap import KEYS, display, effective_keys
from tui.widgets.kept import KeptLines


def help_table(keymap: dict[str, str]) -> Table:
    """A table of every binding: group, keys, what it does, its id for ``[keys]``."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
    table.add_column(Text("Keys"), no_wrap=True)
    table.add_column(Text("Does"))
    table.add_column(Text("id ([keys])"), style="dim", no_wrap=True)
    group = ""
    for key in KEYS:
        if key.id.startswith("topic_") and key.id != "topic_1" and key.id != "topic_picker":
            continue
        if key.group != group:
            group = key.group
            table.add_row(Text(group, style="bold underline"), Text(""), Text(""))
        keys = display(effective_keys(key, keymap))
        description = key.description
        ident = key.id
        if key.id == "topic_1":
            keys, ident = "1 … 9", "topic_1…9"
            description = "Toggle a numbered topic (several combine)"
        table.add_row(Text(keys), Text(description), Text(ident))
    return table


class HelpTable(KeptLines):
    """Shows ``table`` (a Rich table of plain cells), as tall as its lines."""

    DEFAULT_CSS = "HelpTable { height: auto; }"

    def __init__(self, table: Table, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table = table
        self._width = -1
        self._lines: list[Strip] = []

    def lines_at(self, width: int) -> list[Strip]:
        """The table's lines at ``width`` cells (rendered once per width)."""
        if width != self._width:
            console = self.app.console
            options = console.options.update_width(max(1, width))
            rendered = console.render_lines(self.table, options, pad=True)
            self._lines = [Strip(Segment.simplify(line)) for line in rendered]
            self._width = width
        return self._lines

    def lines_key(self) -> Hashable:
        """What the lines are drawn from besides the size and styles: the table, made once."""
        return id(self.table)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines_at(width))

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the table in the widget's colours."""
        width = self.content_region.width or self.size.width
        lines = self.lines_at(width)
        base = self.rich_style
        if y >= len(lines):
            return Strip.blank(width, base)
        return lines[y].adjust_cell_length(width, base).apply_style(base)
