"""The size a line-API widget draws in, without asking the compositor.

Textual answers ``scrollable_content_region`` by looking the widget up in the
screen's compositor every time (and builds the compositor's map first when it is
out of date): a widget asking for it per line pays that on every line. The same
size is the widget's own size (set by the compositor at each layout) less its
padding, border and scrollbars.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Region, Size
from textual.widget import Widget


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
