"""Widgets that dress their own lines as Textual's styles cache would, but cheaply.

Textual's styles cache dresses every line a widget draws (its border's sides,
padding, tint, opacity, the app's line filters), reading a dozen style rules per
line: a fifth of a millisecond a line, most of what a key costs. A
:class:`DressedLines` widget with no padding, outline, tint or opacity (the list,
the pane, the list's scrollbar) dresses its lines itself, as that cache would (its
border's sides, the filters), with what every line shares read once a pass, and
keeps each dressed line for as long as the widget draws the same strip there and
the row was not repainted. The top and bottom border rows (titles) are still
drawn by Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual._border import get_box
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


def dressed(
    segments: Iterable[Segment], width: int, base: RichStyle, pad: RichStyle | None = None
) -> Strip:
    """``Strip(segments).adjust_cell_length(width, pad or base).apply_style(base)`` made
    as one strip rather than three (every line of the list and of the pane is one)."""
    line = list(segments)
    cells = sum(cell_len(text) for text, _, control in line if not control)
    if cells > width:
        return Strip(line).adjust_cell_length(width, pad or base).apply_style(base)
    if cells < width:
        line.append(Segment(" " * (width - cells), pad or base))
    if base:
        add = base.__add__
        line = [
            Segment(text, None if control else add(style), control) for text, style, control in line
        ]
    return Strip(line, width)


def text_line(widget: Widget, text: Text, y: int) -> Strip:
    """Line ``y`` of a one-line widget showing ``text`` (no wrapping, cropped: it must
    fit, as Textual cuts an overflowing text its own way), in the widget's colours: the
    cells Textual's visual of the text gives, made as one strip."""
    width = widget.content_region.width or widget.size.width
    base = widget.rich_style
    if y:
        return Strip.blank(width, base)
    segments = Segment.simplify(text.render(widget.app.console))
    strip = Strip(segments).apply_style(base)
    # As long as the text: the styles cache fills the rest as it fills a visual's line.
    return strip.crop(0, width) if strip.cell_length > width else strip


#: What dressing a content line takes: (the widget's width, the content's width, the
#: content's background, the border's left and right cells, the filters, the background,
#: the widget's height).
_Dress = tuple[
    int, int, RichStyle, Segment | None, Segment | None, tuple[LineFilter, ...], Color, int
]


class DressedLines(Widget):
    """A widget dressing its own content lines (a mixin, after the Textual widget class
    it is mixed into: CSS type names follow the first base)."""

    #: The dressed line at each row: (the content strip, the dress, the dressed strip).
    _dressed: dict[int, tuple[Strip, _Dress, Strip]] | None = None
    #: The rows repainted since they were last drawn (a whole repaint drops them all).
    _dirty: set[int] | None = None
    #: Border rows drawn by Textual, by (row, dress, backgrounds, title, subtitle).
    _border_rows: dict[tuple[object, ...], Strip] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of ``crop``, dressed here when the styles allow, else by Textual."""
        dress = self._dress()
        if dress is None:
            return super().render_lines(crop)
        return self._dressed_lines(crop, dress)

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
        if dirty is None:
            dirty = self._dirty = set()
        strips: list[Strip] = []
        for y in crop.line_range:
            found = kept.get(y)
            if found is not None and y not in dirty and found[1] == dress:
                strips.append(found[2])
                continue
            if y < gutter.top or y >= height - gutter.bottom:  # a border row: Textual's
                strip = self._border_row(y, dress)
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

    def _border_row(self, y: int, dress: _Dress) -> Strip:
        """Row ``y`` of the border as Textual draws it, kept by its title and subtitle: a
        filter toggled on and off draws the same two titles in turn."""
        rows = self._border_rows
        if rows is None or len(rows) > 16:
            rows = self._border_rows = {}
        key = (y, dress, self.background_colors, self.border_title, self.border_subtitle)
        strip = rows.get(key)
        if strip is None:
            strip = rows[key] = super().render_lines(Region(0, y, dress[0], 1))[0]
        return strip

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """Textual's refresh; the lines repainted are drawn again (all without regions)."""
        if repaint:
            if regions:
                top = self.content_offset.y
                dirty = self._dirty
                if dirty is None:
                    dirty = self._dirty = set()
                for region in regions:
                    dirty.update(range(region.y + top, region.bottom + top))
            else:
                self._dressed = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        """Styles applied again: every line is asked for again, and dressed again when its
        content or its dress changed (the same content strip in the same dress is the
        line kept: styles applied again to the same values change neither)."""
        super().notify_style_update()
        self._border_rows = None
        if self._dressed:
            if self._dirty is None:
                self._dirty = set()
            self._dirty.update(self._dressed)
