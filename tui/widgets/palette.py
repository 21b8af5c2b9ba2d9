"""A widget's Rich styles resolved once per change of styles, not once per line.

Textual computes a widget's style by walking its ancestors, and forgets it (and
its component classes' styles) on every repaint; a line-API widget asking for
them per line pays that on every line of every frame. :class:`Palette` keeps
them until they can have changed: the widget's own styles changed (it calls
:meth:`Palette.forget` from ``notify_style_update``), or its component classes
were styled again (Textual gives them new style objects, which is checked).

A widget drawn with its palette alone draws theme colours, never an ANSI colour:
:func:`theme_colour_filters` leaves out the filter that turns ANSI colours into the
theme's, which would only copy each of its lines again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from textual.css.styles import RenderStyles
from textual.filter import ANSIToTruecolor, LineFilter
from textual.widget import Widget

#: The key of the widget's own style in a palette.
BASE = ""


class Palette:
    """The base style (:data:`BASE`) and the styles of component classes ``names``."""

    def __init__(self, widget: Widget, names: Iterable[str]) -> None:
        self._widget = widget
        self._names = tuple(names)
        self._styles: dict[str, Style] | None = None
        self._sources: tuple[RenderStyles | None, ...] = ()

    def forget(self) -> None:
        """The widget's styles changed: resolve them again when next asked."""
        self._styles = None

    def styles(self) -> dict[str, Style]:
        """The styles by component class name (``""``: the widget's own)."""
        # Textual styles component classes after the widget itself, each time with
        # new style objects: a palette made before that is stale.
        components = self._widget._component_styles
        sources = tuple(components.get(name) for name in self._names)
        if (
            self._styles is None
            or len(sources) != len(self._sources)
            or any(new is not old for new, old in zip(sources, self._sources, strict=True))
        ):
            widget = self._widget
            styles = {name: widget.get_component_rich_style(name) for name in self._names}
            styles[BASE] = widget.rich_style
            self._styles, self._sources = styles, sources
        return self._styles


def theme_colour_filters(filters: Sequence[LineFilter]) -> list[LineFilter]:
    """``filters`` (a widget's line filters) without the one turning ANSI colours into
    truecolour, for a widget whose every colour comes from its palette."""
    return [found for found in filters if not isinstance(found, ANSIToTruecolor)]
