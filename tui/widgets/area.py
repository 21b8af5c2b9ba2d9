"""The line-API views' shared parts: their size, their repaints, the parts of a pass.

Textual answers ``scrollable_content_region`` by looking the widget up in the
screen's compositor every time (and builds the compositor's map first when it is
out of date): a widget asking for it per line pays that on every line. The same
size is the widget's own size (set by the compositor at each layout) less its
padding, border and scrollbars.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.dress import DressedLines

#: What the lines of one pass share.
Parts = TypeVar("Parts")


def content_size(widget: Widget) -> Size:
    """The width and height ``widget``'s lines are drawn in."""
    width, height = widget.outer_size
    gutter = widget.gutter
    return Size(max(0, width - gutter.width), max(0, height - gutter.height))


def refresh_rows(widget: Widget, rows: Iterable[int]) -> None:
    """Repaint the rows ``rows`` of ``widget``'s content (0: its first visible row),
    each run of adjacent rows as one region, in one ``refresh``."""
    width = widget.outer_size.width
    regions: list[Region] = []
    start = last = None
    for row in sorted(set(rows)):
        if last is not None and row == last + 1:
            last = row
            continue
        if start is not None and last is not None:
            regions.append(Region(0, start, width, last - start + 1))
        start = last = row
    if start is not None and last is not None:
        regions.append(Region(0, start, width, last - start + 1))
    if regions:
        widget.refresh(*regions)


class PassView(ScrollView, DressedLines, Generic[Parts]):
    """A line-API view whose lines share parts worked out once for each pass of drawing
    (:meth:`pass_parts`), rather than once a line, dressed by :class:`DressedLines`."""

    _pass: Parts | None = None

    def pass_parts(self) -> Parts:
        """What the lines of a pass share (a subclass says)."""
        raise NotImplementedError

    def parts(self) -> Parts:
        """The parts of the pass under way, or worked out now outside a pass."""
        return self._pass if self._pass is not None else self.pass_parts()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines Textual asks for, their shared parts worked out once."""
        self._pass = self.pass_parts()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None
