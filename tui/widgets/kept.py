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


class KeptLines(Widget):
    """A widget whose lines are drawn again only after a repaint (a mixin, after the
    Textual widget class it is mixed into: CSS type names follow the first base)."""

    #: (the crop, what else the lines depend on, the lines) as last returned.
    _kept_lines: tuple[Region, tuple[object, ...], list[Strip]] | None = None
    #: The lines drawn for each of the last few :meth:`lines_key` (with what they depend on).
    _keyed_lines: dict[tuple[object, ...], list[Strip]] | None = None

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
        """New styles: the lines are drawn again."""
        super().notify_style_update()
        self._kept_lines = self._keyed_lines = None


class Panes(Horizontal, KeptLines):
    """The list and the article side by side (their container's background kept)."""


class KeptScrollBar(ScrollBar, KeptLines, DressedLines):
    """A scrollbar drawn again only when it moves, or its size or styles change, and then
    dressed cheaply."""


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
