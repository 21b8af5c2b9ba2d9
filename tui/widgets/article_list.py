"""The article list: a virtual list that renders only the visible rows.

Built on Textual's line API (a :class:`ScrollView` with :meth:`render_line`).
It holds the total number of rows and a bounded cache of pages; a row that
is not cached is drawn as a placeholder and its page is asked for through
the ``want_page`` callback (the screen loads it in a worker and hands it back
with :meth:`add_page`). Memory and work depend on the screen, not the library.
A cursor move calls ``cursor_moved`` at once (not through a message, which
would reach the screen after the frame showing the cursor had been drawn: the
article it brings would take a second frame).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual.filter import LineFilter
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from newsreader.models import ArticleRow, StoryRow
from newsreader.safetext import one_line
from tui.loaders import PAGE_SIZE
from tui.row_cells import age, column_widths, fit_cells
from tui.widgets.area import PassView, content_size, refresh_rows
from tui.widgets.dress import dressed
from tui.widgets.kept import kept_vertical_scrollbar
from tui.widgets.palette import BASE, Palette, theme_colour_filters

MAX_PAGES = 32


Row = ArticleRow | StoryRow
#: What the rows of one pass share: (width, first row shown, styles, now).
_RowParts = tuple[int, int, dict[str, Style], datetime]


class ArticleList(PassView[_RowParts], can_focus=False, inherit_bindings=False):
    """Rows of articles (unread mark, title, source, age, star) or of stories
    (number of reports, headline, outlets, age).

    It takes no focus and has no bindings of its own (not even the scroll keys of a
    ScrollView): every key moves the cursor through the screen's actions, and the
    screen says when the list is the pane in front (:meth:`set_front`).
    """

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--cursor-front",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--star",
        "article-list--placeholder",
    }

    def __init__(
        self,
        now: Callable[[], datetime],
        want_page: Callable[[int, int], None],
        cursor_moved: Callable[[int, Row | None], None],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._now = now
        self._want_page = want_page
        self._cursor_moved = cursor_moved
        self.generation = 0
        self.total = 0
        self.cursor = 0
        #: True while the list is the pane in front (its cursor is drawn brighter).
        self.front = False
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._pending: set[int] = set()
        self._missing: set[int] = set()
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._palette = Palette(self, sorted(self.COMPONENT_CLASSES))
        #: The styles the cached rows were drawn with.
        self._drawn_with: dict[str, Style] | None = None

    # -- data --------------------------------------------------------------

    def show_view(
        self, generation: int, total: int, offset: int, rows: Sequence[Row], cursor: int
    ) -> None:
        """Replace the whole view (new filter, refresh) and place the cursor."""
        self.generation = generation
        self.total = total
        self._pages.clear()
        self._pending.clear()
        self._missing.clear()
        self._store_page(offset, rows)
        self._set_rows(total)
        self.cursor = max(0, min(cursor, total - 1))
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._announce()

    def add_page(self, generation: int, offset: int, rows: Sequence[Row]) -> None:
        """A page asked for with ``want_page`` arrived."""
        if generation != self.generation:
            return
        self._pending.discard(offset)
        self._store_page(offset, rows)
        self.refresh()
        if offset <= self.cursor < offset + PAGE_SIZE:
            self._announce()

    def _store_page(self, offset: int, rows: Sequence[Row]) -> None:
        self._pages[offset] = list(rows)
        self._pages.move_to_end(offset)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def row_at(self, index: int) -> Row | None:
        """The row at ``index`` if its page is loaded."""
        page = self._pages.get((index // PAGE_SIZE) * PAGE_SIZE)
        if page is None:
            return None
        position = index % PAGE_SIZE
        return page[position] if position < len(page) else None

    def page_rows(self, offset: int) -> tuple[Row, ...] | None:
        """The rows of the page at ``offset`` if it is loaded."""
        page = self._pages.get(offset)
        return None if page is None else tuple(page)

    @property
    def selected(self) -> Row | None:
        """The row under the cursor, if loaded."""
        return self.row_at(self.cursor) if self.total else None

    def find_row(self, article_id: int) -> ArticleRow | None:
        """The cached row of an article, if its page is loaded."""
        for rows in self._pages.values():
            for row in rows:
                if isinstance(row, ArticleRow) and row.id == article_id:
                    return row
        return None

    def update_row(self, article_id: int, **changes: object) -> None:
        """Change a cached row in place (read and starred flags); redrawn only if it changed."""
        for offset, rows in self._pages.items():
            for position, row in enumerate(rows):
                if isinstance(row, ArticleRow) and row.id == article_id:
                    changed = replace(row, **changes)  # type: ignore[arg-type]
                    if changed != row:
                        rows[position] = changed
                        self.refresh_line(offset + position)

    # -- cursor ------------------------------------------------------------

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        if not self.total:
            return
        index = max(0, min(index, self.total - 1))
        if index == self.cursor:
            return
        previous, top = self.cursor, self.scroll_offset.y
        self.cursor = index
        self._scroll_to_cursor()
        if self.scroll_offset.y == top:  # only the two rows change
            refresh_rows(self, (previous - top, index - top))
        else:
            self.refresh()
        self._announce()

    def set_front(self, front: bool) -> None:
        """Show whether the list is the pane in front: only the cursor's row changes.

        Not a CSS class: a class restyles the widget and repaints every row.
        """
        if front != self.front:
            self.front = front
            if self.total:
                self.refresh_line(self.cursor)

    def move_by(self, delta: int) -> None:
        """Move the cursor ``delta`` rows."""
        self.move_to(self.cursor + delta)

    def page_by(self, pages: int) -> None:
        """Move the cursor by ``pages`` screens."""
        self.move_by(pages * max(1, content_size(self).height - 1))

    def find(self, start: int, step: int, wanted: Callable[[Row], bool]) -> tuple[int | None, bool]:
        """The first cached row from ``start`` (going by ``step``) that is ``wanted``.

        (its index, True) when found; (None, True) when no row is wanted up to the
        end of the list; (None, False) when a row on the way is not cached.
        """
        index = start
        while 0 <= index < self.total:
            row = self.row_at(index)
            if row is None:
                return None, False
            if wanted(row):
                return index, True
            index += step
        return None, True

    def _scroll_to_cursor(self, center: bool = False) -> None:
        height = max(1, content_size(self).height)
        top = int(self.scroll_offset.y)
        if center and not (top <= self.cursor < top + height):
            top = self.cursor - height // 2
        elif self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + height:
            top = self.cursor - height + 1
        # Forced: a list that fits has no vertical scroll, yet must leave where it was.
        self.scroll_to(y=max(0, top), animate=False, immediate=True, force=True)

    def _announce(self) -> None:
        self._cursor_moved(self.cursor, self.selected)

    # -- rendering ---------------------------------------------------------

    def get_line_filters(self) -> Sequence[LineFilter]:
        """The app's line filters, less the ANSI colours' (none is drawn here)."""
        return theme_colour_filters(super().get_line_filters())

    def notify_style_update(self) -> None:
        """Styles changed (a theme, a class): they are resolved again for the next rows."""
        super().notify_style_update()
        self._palette.forget()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's scrollbar, made as Textual makes it, drawn again only when it moves."""
        return kept_vertical_scrollbar(self)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, self.total)
        self._scroll_to_cursor()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's, with the list's own virtual size (its rows).

        At every layout the compositor hands a widget without children the size of
        its content region as its virtual size; Textual's scroll view, finding that
        unlike its own, updates its scrollbars and repaints the bar, a frame of its
        own after the layout's. The rows are counted by :meth:`_set_rows`, so only
        a new size of the list itself is news here.
        """
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def _set_rows(self, total: int) -> None:
        """The list is ``total`` rows long.

        Setting ``virtual_size`` lays the whole screen out again (a filter would
        cost a full repaint). Only the scrollbar can change the layout here (the
        list's size does not depend on its rows): when it stays shown, or stays
        hidden, the size is set without a layout and the scrollbar is redrawn.
        """
        size = Size(0, total)
        if size == self.virtual_size:
            return
        height = content_size(self).height
        bar = self.styles.scrollbar_size_vertical
        if not self.is_mounted or not height:
            self.virtual_size = size
            return
        if (total > height) != self.show_vertical_scrollbar:
            self.virtual_size = size
            if bar:
                # Shown or hidden now, in the layout the new size asks for: Textual would
                # find the change after that layout and lay the screen out again.
                shown = self.show_vertical_scrollbar = total > height
                scrollbar = self.vertical_scrollbar
                scrollbar.display = shown
                if shown:
                    scrollbar.window_virtual_size = total
                    scrollbar.window_size = height
            return
        self.set_reactive(ArticleList.virtual_size, size)
        if bar and self.show_vertical_scrollbar:
            scrollbar = self.vertical_scrollbar
            scrollbar.window_virtual_size = total
            scrollbar.window_size = height
            scrollbar.refresh()

    def pass_parts(self) -> _RowParts:
        """(width, the first row shown, the styles, now) for the rows of one pass."""
        palette = self._palette.styles()
        if palette is not self._drawn_with:  # styled again: new colours redraw every row
            if palette != self._drawn_with:
                self._strips.clear()
            self._drawn_with = palette
        return content_size(self).width, int(self.scroll_offset.y), palette, self._now()

    def render_line(self, y: int) -> Strip:
        """Draw one visible row; ask for its page when it is not cached."""
        width, top, palette, now = self.parts()
        index = top + y
        base = palette[BASE]
        if index >= self.total:
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            self._ask_for(index)
            style = palette["article-list--placeholder"]
            return Strip([Segment("  …".ljust(width), base + style)], width)
        at_cursor = index == self.cursor
        when = age(row.last_seen if isinstance(row, StoryRow) else row.when, now)
        key = (row, width, at_cursor, self.front, when)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 1000:
                self._strips.clear()
            strip = self._strips[key] = self._row_strip(row, width, palette, at_cursor, when)
        return strip

    def _row_strip(
        self, row: Row, width: int, palette: dict[str, Style], at_cursor: bool, when: str
    ) -> Strip:
        base = palette[BASE]

        def component(name: str) -> Style:
            style = palette[name]
            return style + cursor if at_cursor else style

        cursor = palette["article-list--cursor-front" if self.front else "article-list--cursor"]
        if isinstance(row, StoryRow):
            title = f"{row.size:>3}× {row.title[: width * 4]}"
            source = ", ".join(row.sources[:8])
            read, starred = True, False
        else:
            title, source, read, starred = row.title, row.source, row.read, row.starred
        title_style = component("article-list--read" if read else "article-list--unread")
        meta = component("article-list--meta")
        filler = cursor if at_cursor else Style()
        title_width, source_width = column_widths(width)
        # A title is cut to what a row can show before it is made safe: a title of
        # megabytes costs a row, not its length.
        segments = [
            Segment(" " if read else "●", title_style),
            Segment(" ", filler),
            Segment(fit_cells(one_line(title[: width * 4]), title_width), title_style),
            Segment(" ", filler),
        ]
        if source_width:
            outlet = fit_cells(one_line(source[: width * 4]), source_width)
            segments += [Segment(outlet, meta), Segment(" ", filler)]
        segments += [
            Segment(when.rjust(4), meta),
            Segment(" ", filler),
            Segment("★" if starred else " ", component("article-list--star")),
        ]
        return dressed(segments, width, base, base + filler)

    def _ask_for(self, index: int) -> None:
        offset = (index // PAGE_SIZE) * PAGE_SIZE
        if offset in self._pending:
            return
        self._pending.add(offset)
        if not self._missing:
            self.call_after_refresh(self._fetch_missing)
        self._missing.add(offset)

    def _fetch_missing(self) -> None:
        missing, self._missing = self._missing, set()
        for offset in sorted(missing):
            self._want_page(self.generation, offset)
