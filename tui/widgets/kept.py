"""Widgets that hand the compositor the lines they drew last, until they change.

Textual's compositor asks every visible widget for all of its lines on every frame,
whatever changed (a ``j`` changes two rows of the list and the pane): the screen's
background, the panes' container, the topic bar, the key hints and the list's
scrollbar are each dressed again from their styles cache, line by line, a
fraction of a millisecond each, every frame. :class:`KeptLines` keeps the lines
it returned and returns them again while nothing that draws them has changed:
no repaint asked for (``refresh``, which every reactive and Textual's own
repaints call), no new styles, the same size, filters and background. Those are
what Textual's styles cache would have drawn them from again.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Self

from textual.containers import Horizontal
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.dress import DressedLines

#: Style rules that place a widget (or leave it out) without changing its lines.
PLACEMENT = frozenset({"display", "offset", "visibility", "layer", "dock", "position"})


class KeptLines(Widget):
    """A widget whose lines are drawn again only after a repaint (a mixin, after the
    Textual widget class it is mixed into: CSS type names follow the first base)."""

    #: (the crop, what else the lines depend on, the lines) as last returned.
    _kept_lines: tuple[Region, tuple[object, ...], list[Strip]] | None = None
    #: The lines drawn for each of the last few :meth:`lines_key` (with what they depend on).
    _keyed_lines: dict[tuple[object, ...], list[Strip]] | None = None
    #: The styles the keyed lines were drawn with (see :meth:`notify_style_update`).
    _styled: tuple[object, ...] | None = None

    def lines_key(self) -> Hashable | None:
        """Everything the widget's lines are drawn from besides its size and styles, when
        the widget can say (None: a repaint draws them again). Lines kept by key outlive
        repaints: a topic toggled on and off draws each of its two bars once."""
        return None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of ``crop``: those drawn last when nothing they depend on changed."""
        key = self.lines_key()
        depends = (self.outer_size, tuple(self.get_line_filters()), self.background_colors)
        if key is not None:
            keyed = self._keyed_lines
            if keyed is None or len(keyed) > 8:
                keyed = self._keyed_lines = {}
            found = keyed.get((crop, key, *depends))
            if found is None:
                found = keyed[(crop, key, *depends)] = super().render_lines(crop)
            return found
        kept = self._kept_lines
        if kept is not None and kept[0] == crop and kept[1] == depends:
            return kept[2]
        strips = super().render_lines(crop)
        self._kept_lines = (crop, depends, strips)
        return strips

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """Textual's refresh; a repaint draws the lines again."""
        if repaint:
            self._kept_lines = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        """Styles applied again: the lines are drawn again when what draws them changed.

        Textual applies a widget's styles again whenever one of its rules or its
        parent's may have changed (showing or hiding it, a focus, a screen shown
        again), most often to the same values: lines kept by key are dropped only
        when the rules that draw them (all but where and whether it is placed) or
        the style it inherits differ."""
        super().notify_style_update()
        self._kept_lines = None
        drawn = self._drawn_styles()
        if drawn != self._styled:
            self._styled = drawn
            self._keyed_lines = None

    def _drawn_styles(self) -> tuple[object, ...]:
        rules = self.styles.get_render_rules()
        return (
            tuple(sorted((k, v) for k, v in rules.items() if k not in PLACEMENT)),
            self.rich_style,
        )


class KeptScreen(KeptLines):
    """A screen's own lines (its background) kept through repaints: a screen shown again
    or laid out again is repainted whole (a mixin, after the Textual screen class)."""

    def lines_key(self) -> Hashable | None:
        """The background, unless it is translucent (then it shows the screen beneath)."""
        return None if self.styles.background.a < 1 else "background"


class Panes(Horizontal, KeptLines):
    """The list and the article side by side (their container's background kept)."""


class KeptScrollBar(ScrollBar, KeptLines, DressedLines):
    """A scrollbar drawn again only when it moves, or its size or styles change, and then
    dressed cheaply."""

    def lines_key(self) -> Hashable | None:
        """Everything :meth:`ScrollBar.render` draws from: where the thumb is and how
        long, the parent's scrollbar colours for the bar's state (hover, grabbed), and
        its background. A layout repaints the bar; lines kept by key outlive that."""
        parent = self.parent
        if not isinstance(parent, Widget):
            return None
        styles = parent.styles
        if self.grabbed:
            colours = (styles.scrollbar_background_active, styles.scrollbar_color_active)
        elif self.mouse_over:
            colours = (styles.scrollbar_background_hover, styles.scrollbar_color_hover)
        else:
            colours = (styles.scrollbar_background, styles.scrollbar_color)
        return (
            *colours,
            parent.background_colors[0],
            self.screen.styles.scrollbar_color.a == 0,
            self.window_virtual_size,
            self.window_size,
            self.position,
            self.thickness,
            self.vertical,
        )


def kept_vertical_scrollbar(widget: Widget) -> ScrollBar:
    """``widget``'s vertical scrollbar, made as Textual makes it but a :class:`KeptScrollBar`
    (for a ``vertical_scrollbar`` property)."""
    if widget._vertical_scrollbar is None:
        bar = KeptScrollBar(
            vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical
        )
        widget._vertical_scrollbar = bar
        bar.display = False
        widget.app._start_widget(widget, bar)
    return widget._vertical_scrollbar
