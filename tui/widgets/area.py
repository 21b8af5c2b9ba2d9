"""The size a line-API widget draws in, without asking the compositor.

Textual answers ``scrollable_content_region`` by looking the widget up in the
screen's compositor every time (and builds the compositor's map first when it is
out of date): a widget asking for it per line pays that on every line. The same
size is the widget's own size (set by the compositor at each layout) less its
padding, border and scrollbars.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def content_size(widget: Widget) -> Size:
    """The width and height ``widget``'s lines are drawn in."""
    width, height = widget.outer_size
    gutter = widget.gutter
    return Size(max(0, width - gutter.width), max(0, height - gutter.height))
