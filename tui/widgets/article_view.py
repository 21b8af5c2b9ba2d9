"""The article pane: header, the summary box, then the full text, as one scrolling page.

Built on Textual's line API (a :class:`ScrollView` drawing one line at a time),
as a pager is: the header (never cut, however long the title), the summary box
("No time to read? Here's the summary") and the text scroll together, so on a
short terminal nothing is clipped out of sight. The summary's sentences are
highlighted in the text. Lines are wrapped only as far as they are shown: a
paragraph is wrapped when the view first reaches it, and a huge one in pieces,
so an article of megabytes costs its first screen, not its length.

The scrollbar is drawn by the pane itself, as the last cell of each line (a
rail with the thumb), rather than by a scrollbar widget of Textual's: moving to
another article then repaints the pane's own lines and nothing else. So is its
left edge (a tall border's cell and a space, :data:`EDGE`), rather than by a CSS
border and padding, which Textual works out again for every line it draws.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from newsreader.models import Article, Story
from summarize.types import Summary
from tui import format
from tui.state import SummaryMode
from tui.widgets.area import PassView, content_size, refresh_rows
from tui.widgets.dress import dressed
from tui.widgets.page_text import piece, pieces
from tui.widgets.palette import BASE, Palette

#: The component class of the summary box's edge.
BOX = "article-view--box"
SUMMARY_TITLE = "No time to read? Here's the summary"
#: Lines wrapped beyond the bottom of the screen, so that a scroll of a few lines is ready.
AHEAD = 8
#: Cells right of the text: the scrollbar's rail, then a space.
GUTTER = 2
#: Cells left of the text: the pane's edge, then a space.
EDGE = 2
#: The component class of the pane's left edge.
EDGE_CLASS = "article-view--edge"
#: The component classes of the scrollbar's rail and thumb.
RAIL = "article-view--rail"
THUMB = "article-view--thumb"


@dataclass(frozen=True)
class _FrameParts:
    """What every line drawn in one pass shares: where the page is scrolled to, the
    thumb's lines, the cells around the text and a blank line."""

    top: int
    thumb: range
    edge: tuple[Segment, Segment]
    rail_cell: Segment
    thumb_cell: Segment
    end: Segment
    blank: Strip


class ArticleView(PassView[_FrameParts], can_focus=False, inherit_bindings=False):
    """Shows one article or story; everything from the article is plain ``Text``."""

    COMPONENT_CLASSES = {BOX, RAIL, THUMB, EDGE_CLASS}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.summary: Summary | None = None
        self.mode: SummaryMode = "both"
        #: True while an article or a story is shown.
        self.showing = False
        self._header = Text()  # the screen says what is coming (show_empty, show_article)
        self._box: Text | None = None
        self._box_subtitle = ""
        #: What the box was made of, (the summary, else what makes it), when an article's.
        self._box_of: tuple[Summary | None, str] | None = None
        self._body = Text()
        self._body_pieces: list[tuple[int, int]] = []
        self._unwrapped = 0
        self._lines: list[Strip] = []
        self._next_piece = 0
        self._width = 0
        self._palette = Palette(self, [BOX, RAIL, THUMB, EDGE_CLASS])
        #: The styles the lines were drawn with.
        self._drawn_with: dict[str, Style] | None = None
        #: What each visible line last drew: (the page's line, beside the thumb).
        self._drawn: dict[int, tuple[Strip, bool]] = {}
        #: The strip each visible line last drew, with what it was made of (the page's
        #: line, beside the thumb, the edge): the same strip while those are the same.
        self._composed: dict[int, tuple[Strip, bool, tuple[Segment, Segment], Strip]] = {}
        #: The cells around the text, for (the styles, the width) they were made with.
        self._cells: tuple[dict[str, Style], int, _FrameParts] | None = None
        #: True while the page is laid out again (it repaints only what changed).
        self._relaying = False

    @property
    def text_scroll(self) -> ArticleView:
        """The scrolling part: the whole pane (kept for the screens that focus it)."""
        return self

    # -- what is shown -------------------------------------------------------

    def show_empty(self, message: str) -> None:
        """No article to show (an empty view, or while loading)."""
        self.article = self.summary = None
        self.showing = False
        self._set(Text(message, style="italic"), None, "", Text())
        self._box_of = None

    def show_article(self, article: Article, summary: Summary | None, waiting_for: str) -> None:
        """Show ``article``; ``summary`` None means one is being made with ``waiting_for``."""
        changed = self.article is None or self.article.id != article.id
        box_of = (summary, "" if summary is not None else waiting_for)
        same = self.showing and article == self.article and summary == self.summary
        if same and box_of == self._box_of:
            return  # the page shown already (the article the cursor came to, loaded again)
        box, subtitle = self._summary_box(summary, waiting_for)
        self.article = article
        self.summary = summary
        self.showing = True
        self._set(format.header(article), box, subtitle, self._article_body(), top=changed)
        self._box_of = box_of

    def show_story(self, story: Story, now: datetime) -> None:
        """Show a story: its summary with attributed sentences, then its reports."""
        self.article = self.summary = None
        self.showing = True
        self._box_of = None
        subtitle = f"story · {len(story.summary)} sentences"
        self._set(
            format.story_header(story),
            format.story_summary(story),
            subtitle,
            format.story_reports(story, now),
        )

    def show_waiting(self, algorithm: str) -> None:
        """Say a summary is being made; the text is readable meanwhile."""
        self.summary = None
        box, subtitle = self._summary_box(None, algorithm)
        self._set(self._header, box, subtitle, self._article_body(), top=False)
        self._box_of = (None, algorithm)

    def show_summary(self, summary: Summary) -> None:
        """Show ``summary`` in the box and highlight its sentences in the text."""
        self.summary = summary
        box, subtitle = self._summary_box(summary, summary.algorithm)
        self._set(self._header, box, subtitle, self._article_body(), top=False)
        self._box_of = (summary, "")

    def set_mode(self, mode: SummaryMode) -> None:
        """Show both, the summary only, or the text only."""
        if mode != self.mode:
            self.mode = mode
            self._relayout()

    def section_text(self, name: str) -> str:
        """The plain text of the ``header``, the ``summary`` box or the ``body`` ("" if hidden)."""
        if name == "header":
            return self._header.plain
        if name == "summary":
            return self._box.plain if self._box is not None and self._box_shown() else ""
        return self._body.plain if self._body_shown() else ""

    def _summary_box(self, summary: Summary | None, algorithm: str) -> tuple[Text, str]:
        if summary is None:
            return Text(f"Summarising with {algorithm}…", style="italic"), algorithm
        count = len(summary.sentences)
        return format.summary_text(summary), (
            f"{summary.algorithm} · {count} sentence{'s' if count != 1 else ''}"
        )

    def _article_body(self) -> Text:
        if self.article is None:
            return Text()
        return format.body(self.article.text, self.summary, "bold underline")

    def _set(
        self, header: Text, box: Text | None, subtitle: str, body: Text, top: bool = True
    ) -> None:
        self._header, self._box, self._box_subtitle, self._body = header, box, subtitle, body
        self._relayout()
        if top:
            self.scroll_to(y=0, animate=False, immediate=True)

    # -- moving --------------------------------------------------------------

    @property
    def allow_vertical_scroll(self) -> bool:
        """The mouse wheel scrolls the page whenever it is longer than the pane."""
        return self.max_scroll_y > 0

    def page(self, pages: int) -> None:
        """Scroll the page by whole screens."""
        height = max(1, content_size(self).height - 1)
        self.scroll_lines(pages * height)

    def scroll_lines(self, lines: int) -> None:
        """Scroll the page by ``lines`` lines."""
        target = max(0, int(self.scroll_offset.y) + lines)
        self._wrap_until(target + content_size(self).height + AHEAD)
        self.scroll_to(y=target, animate=False, immediate=True)

    def scroll_end(self, *args: object, **kwargs: object) -> None:
        """The end of the page (every paragraph is wrapped first)."""
        self._wrap_until(None)
        self.scroll_to(y=max(0, len(self._lines)), animate=False, immediate=True)

    # -- lines ---------------------------------------------------------------

    def _box_shown(self) -> bool:
        return self.showing and self.mode != "text" and self._box is not None

    def _body_shown(self) -> bool:
        return self.mode != "summary"

    def _relayout(self) -> None:
        """Wrap the header and the box now, the body as it is reached."""
        width = self._text_width()
        self._width = width
        lines = list(self._wrapped(self._header, width))
        if self._box_shown() and self._box is not None:
            lines.append(self._blank(width))
            lines.extend(self._boxed(self._box, width))
        if self._body_shown() and self._body.plain:
            lines.append(self._blank(width))
        self._lines = lines
        self._body_pieces = list(pieces(self._body)) if self._body_shown() else []
        self._next_piece = 0
        self._unwrapped = sum(end - start for start, end in self._body_pieces)
        self._relaying = True
        try:
            self._wrap_until(int(self.scroll_offset.y) + content_size(self).height + AHEAD)
        finally:
            self._relaying = False
        self._refresh_changed()

    def _refresh_changed(self) -> None:
        """Repaint the visible lines that differ from those drawn (the next article's
        blank lines, box edges and empty tail are drawn already)."""
        height = content_size(self).height
        changed = [y for y, shown in enumerate(self._shown(height)) if self._drawn.get(y) != shown]
        if len(changed) == height:
            self.refresh()
        elif changed:
            refresh_rows(self, changed)

    def _repaint(self) -> None:
        """Repaint the pane, unless a relayout is under way (it repaints what changed)."""
        if not self._relaying:
            self.refresh()

    def _wrap_until(self, count: int | None) -> None:
        """Wrap body pieces until there are ``count`` lines (None: all of them)."""
        grew = False
        while self._next_piece < len(self._body_pieces) and (
            count is None or len(self._lines) < count
        ):
            start, end = self._body_pieces[self._next_piece]
            self._next_piece += 1
            self._unwrapped -= end - start
            self._lines.extend(self._wrapped(piece(self._body, start, end), self._width))
            grew = True
        self._set_height(len(self._lines) + self._unwrapped // max(1, self._width))
        if grew:
            self._repaint()

    def _text_width(self) -> int:
        return max(1, content_size(self).width - EDGE - GUTTER)

    def _set_height(self, height: int) -> None:
        """A new page height, without a layout of the screen (the thumb moves: every
        line is drawn again)."""
        size = Size(self._width, height)
        if size == self.virtual_size:
            return
        self.set_reactive(ArticleView.virtual_size, size)
        self._repaint()
        if self.scroll_offset.y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def _wrapped(self, text: Text, width: int) -> Iterator[Strip]:
        base = self._styles()[BASE]
        for line in text.wrap(self.app.console, width, overflow="fold"):
            yield dressed(line.render(self.app.console), width, base)

    def _blank(self, width: int) -> Strip:
        return Strip.blank(width, self._styles()[BASE])

    def _boxed(self, content: Text, width: int) -> Iterator[Strip]:
        """``content`` in a rounded box titled with the summary's heading."""
        styles = self._styles()
        base = styles[BASE]
        edge = base + styles[BOX]
        inner = max(1, width - 4)
        title = f" {SUMMARY_TITLE} "[: max(0, width - 3)]
        top = "╭─" + title + "─" * max(0, width - 3 - len(title)) + "╮"
        yield Strip([Segment(top[:width], edge)], width).adjust_cell_length(width, base)
        for line in content.wrap(self.app.console, inner, overflow="fold"):
            line.pad_right(inner - line.cell_len)
            segments = [Segment("│ ", edge), *line.render(self.app.console), Segment(" │", edge)]
            yield dressed(segments, width, base)
        subtitle = f" {self._box_subtitle} "[: max(0, width - 3)]
        bottom = "╰" + "─" * max(0, width - 3 - len(subtitle)) + subtitle + "─╯"
        yield Strip([Segment(bottom[:width], edge)], width).adjust_cell_length(width, base)

    def _styles(self) -> dict[str, Style]:
        """The pane's styles; lines drawn with others are drawn again."""
        styles = self._palette.styles()
        if styles is not self._drawn_with:
            changed = self._drawn_with is not None and styles != self._drawn_with
            self._drawn_with = styles
            if changed:
                self._relayout()
        return styles

    def notify_style_update(self) -> None:
        """Styles changed: they are resolved again (the lines drawn again if their colours
        changed; the pane coming in front changes only its edge)."""
        super().notify_style_update()
        self._palette.forget()

    def on_resize(self) -> None:
        if self._text_width() != self._width:
            self._relayout()

    def render_line(self, y: int) -> Strip:
        """Draw one visible line of the page, and its cell of the scrollbar."""
        frame = self.parts()
        index = frame.top + y
        if index >= len(self._lines):
            self._wrap_until(index + AHEAD)
        line = self._lines[index] if index < len(self._lines) else frame.blank
        thumb = y in frame.thumb
        self._drawn[y] = (line, thumb)
        composed = self._composed.get(y)
        if composed and composed[0] is line and composed[1] == thumb and composed[2] is frame.edge:
            return composed[3]  # the same strip: Textual's caches of it still hold
        rail = frame.thumb_cell if thumb else frame.rail_cell
        strip = Strip([*frame.edge, *line, rail, frame.end], EDGE + self._width + GUTTER)
        self._composed[y] = (line, thumb, frame.edge, strip)
        return strip

    def pass_parts(self) -> _FrameParts:
        styles = self._styles()
        cells = self._cells
        if cells is None or cells[0] is not styles or cells[1] != self._width:
            base = styles[BASE]
            made = _FrameParts(
                top=0,
                thumb=range(0),
                # The space after the edge in the background alone, as a CSS padding is drawn.
                edge=(
                    Segment("▊", base + styles[EDGE_CLASS]),
                    Segment(" ", Style(bgcolor=base.bgcolor)),
                ),
                rail_cell=Segment(" ", styles[RAIL]),
                thumb_cell=Segment(" ", styles[THUMB]),
                end=Segment(" ", base),
                blank=Strip.blank(self._width, base),
            )
            cells = self._cells = (styles, self._width, made)
        return replace(cells[2], top=int(self.scroll_offset.y), thumb=self._thumb())

    def _shown(self, height: int) -> list[tuple[Strip, bool]]:
        """What the first ``height`` lines of the pane show: (the page's line, beside the
        scrollbar's thumb), compared with what was drawn to find the lines that changed."""
        top = int(self.scroll_offset.y)
        self._wrap_until(top + height + AHEAD)
        lines, thumb = self._lines, self._thumb()
        blank = Strip.blank(self._width, self._styles()[BASE])
        return [
            (lines[top + y] if top + y < len(lines) else blank, y in thumb) for y in range(height)
        ]

    def _thumb(self) -> range:
        """The lines of the pane beside the scrollbar's thumb (none when all fits)."""
        height = content_size(self).height
        total = self.virtual_size.height
        if total <= height or height <= 0:
            return range(0)
        size = max(1, round(height * height / total))
        start = round(self.scroll_offset.y * (height - size) / (total - height))
        return range(start, start + size)
