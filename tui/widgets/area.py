"""The line-API views' shared parts: their size, their repaints and their lines.

Textual answers ``scrollable_content_region`` by looking the widget up in the
screen's compositor every time (and builds the compositor's map first when it is
out of date): a widget asking for it per line pays that on every line. The same
size is the widget's own size (set by the compositor at each layout) less its
padding, border and scrollbars.

Textual's styles cache dresses every line a widget draws (its border's sides,
padding, tint, opacity, the app's line filters), reading a dozen style rules per
line: a fifth of a millisecond a line, most of what a key costs. A
:class:`PassView` with no padding, outline, tint or opacity (the list and the pane)
dresses its lines itself, as that cache would (its border's sides, the filters),
with what every line shares read once a pass, and keeps each dressed line for as
long as the widget draws the same strip there. The top and bottom border rows
(titles) are still drawn by Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Self, TypeVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual._border import get_box
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

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


#: What dressing a content line takes: (the widget's width, the content's width, the
#: content's background, the border's left and right cells, the filters, the background,
#: the widget's height).
_Dress = tuple[
    int, int, RichStyle, Segment | None, Segment | None, tuple[LineFilter, ...], Color, int
]


class PassView(ScrollView, Generic[Parts]):
    """A line-API view whose lines share parts worked out once for each pass of drawing
    (:meth:`pass_parts`), rather than once a line, and dresses its own lines."""

    _pass: Parts | None = None
    #: The dressed line at each row: (the content strip, the dress, the dressed strip).
    _dressed: dict[int, tuple[Strip, _Dress, Strip]] | None = None

    def __init__(self, *, id: str | None = None) -> None:
        #: The rows repainted since they were last drawn (a whole repaint drops them all).
        self._dirty: set[int] = set()
        super().__init__(id=id)

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
            dress = self._dress()
            if dress is None:
                return super().render_lines(crop)
            return self._dressed_lines(crop, dress)
        finally:
            self._pass = None

    def _dress(self) -> _Dress | None:
        """What every content line of this pass is dressed with; None when the widget's
        styles ask for more than border sides and filters (Textual dresses its lines)."""
        styles = self.styles
        if (
            self.BLANK
            or any(styles.padding)
            or any(edge for edge, _ in styles.outline)
            or styles.tint.a
            or styles.opacity != 1.0
            or styles.text_opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or self.hover_style.link_id
        ):
            return None
        base_background, background = self.background_colors
        inner, outer = (
            Style(background=base_background + background),
            Style(background=base_background),
        )
        (_, (right, right_colour), _, (left, left_colour)) = styles.border
        left_cell = right_cell = None
        if left:
            side = Style(foreground=base_background + left_colour)
            left_cell = get_box(left, inner, outer, side)[1][0]
        if right:
            side = Style(foreground=base_background + right_colour)
            right_cell = get_box(right, inner, outer, side)[1][2]
        width = self.outer_size.width
        content = width - styles.gutter.width
        filters = tuple(self.get_line_filters())
        height = self.outer_size.height
        return (
            width,
            content,
            inner.rich_style,
            left_cell,
            right_cell,
            filters,
            background,
            height,
        )

    def _dressed_lines(self, crop: Region, dress: _Dress) -> list[Strip]:
        """The lines of ``crop`` as Textual's styles cache draws them: a line not
        repainted since it was drawn is the same strip (the border rows are Textual's)."""
        width, content_width, inner, left, right, filters, background, height = dress
        gutter = self.styles.gutter
        content_height = height - gutter.height
        kept, dirty = self._dressed, self._dirty
        if kept is None:
            kept = self._dressed = {}
        strips: list[Strip] = []
        for y in crop.line_range:
            found = kept.get(y)
            if found is not None and y not in dirty and found[1] == dress:
                strips.append(found[2])
                continue
            if y < gutter.top or y >= height - gutter.bottom:  # a border row: Textual's
                strip = super().render_lines(Region(0, y, width, 1))[0]
                kept[y] = (strip, dress, strip)
                strips.append(strip)
                continue
            content_y = y - gutter.top
            if content_y < content_height:
                line = self.render_line(content_y)
            else:
                line = Strip.blank(content_width, inner)
            if found is not None and found[0] is line and found[1] == dress:
                strips.append(found[2])
                continue
            segments = list(line.adjust_cell_length(content_width, inner))
            if left is not None:
                segments.insert(0, left)
            if right is not None:
                segments.append(right)
            strip = Strip(segments, width)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            kept[y] = (line, dress, strip)
            strips.append(strip)
        dirty.difference_update(crop.line_range)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """Textual's refresh; the lines repainted are drawn again (all without regions)."""
        if repaint:
            if regions:
                top = self.content_offset.y
                for region in regions:
                    self._dirty.update(range(region.y + top, region.bottom + top))
            else:
                self._dressed = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        """Styles changed: every line is dressed again."""
        super().notify_style_update()
        self._dressed = None
