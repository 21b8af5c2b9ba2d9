"""The reader's state, its widgets and the helpers every key uses."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from rich.text import Text
from textual import on

from newsreader.models import Article, ArticleRow
from newsreader.safetext import one_line
from tui import reading
from tui.context import ReaderContext
from tui.messages import FlagsNotSaved, FlagsSaved
from tui.read_ahead import ReadAhead
from tui.reading import Job, LoadView, ReaderState, Resummarise, ShowMode, ShowPane
from tui.screens.marking import MarkingScreen
from tui.state import Filters, SummaryPrefs
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.key_hints import KeyHints


class ReaderCore(MarkingScreen):
    """The reader's state (:class:`tui.reading.ReaderState`) and what changes it."""

    context: ReaderContext
    state: ReaderState
    narrow: bool
    article: Article | None
    ahead: ReadAhead
    _shown_since: tuple[int, float] | None

    @property
    def filters(self) -> Filters:
        """What the list shows."""
        return self.state.filters

    @property
    def prefs(self) -> SummaryPrefs:
        """How summaries are made and shown."""
        return self.state.prefs

    @property
    def pane(self) -> reading.Pane:
        """The pane in front: the list or the article."""
        return self.state.pane

    @property
    def generation(self) -> int:
        """The current view's number (answers for older views are dropped)."""
        return self.state.generation

    # The reader's widgets are composed once and stay mounted: each is looked up once
    # (a query walks the screen's whole tree, and a key asks for them many times).
    @cached_property
    def article_list(self) -> ArticleList:
        """The article list widget."""
        return self.query_one(ArticleList)

    @cached_property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @cached_property
    def key_hints(self) -> KeyHints:
        """The bottom line's key hints."""
        return self.query_one(KeyHints)

    def _show_pane(self, pane: reading.Pane) -> None:
        # The class matters only to the narrow layout; setting it restyles the whole screen.
        if self.narrow or self.has_class("-article-pane"):
            self.set_class(pane == "article", "-article-pane")
        self.key_hints.show(pane)
        # The pane in front is shown by the list's cursor (brighter in front) and the key
        # hints, neither by focus nor by a class nor by a border's colour: each of those
        # restyles or repaints every line of both panes, this two lines.
        self.article_list.set_front(pane == "list")

    # -- state and jobs ----------------------------------------------------

    def apply(self, event: reading.Event) -> None:
        """Run ``event`` through the reader's state and do the jobs it calls for."""
        self.state, jobs = reading.update(self.state, event)
        self.run_jobs(jobs)

    def run_jobs(self, jobs: tuple[Job, ...]) -> None:
        """Do what :func:`tui.reading.update` asked for."""
        for job in jobs:
            if isinstance(job, LoadView):
                self.load_view(job)  # the title changes with the rows, in the same frame
            elif isinstance(job, ShowPane):
                self._show_pane(job.pane)
            elif isinstance(job, Resummarise):
                if self.article is not None:
                    self.article_view.show_waiting(job.prefs.algorithm)
                    self.make_summary(self.article, job.prefs)
            elif isinstance(job, ShowMode):
                self.article_view.set_mode(job.mode)

    def _want_page(self, generation: int, offset: int) -> None:
        before = self.article_list.row_at(offset - 1) if offset else None
        after_id = before.id if isinstance(before, ArticleRow) else None
        self.load_page(generation, self.filters, offset, after_id)

    def _set_flags(
        self, row: ArticleRow, read: bool | None = None, starred: bool | None = None
    ) -> None:
        # Shown at once; FlagsSaved (or FlagsNotSaved) brings what is stored.
        changes = {k: v for k, v in (("read", read), ("starred", starred)) if v is not None}
        self._apply_flags(row.id, **changes)
        self.save_flags(row.id, (row.read, row.starred), read, starred)

    def after_marking(self) -> None:
        self.reload_keeping_cursor()

    def reload_keeping_cursor(self) -> None:
        """Load the view again (the library changed), the cursor on the same article."""
        self.ahead.forget()
        row = self._article_row()
        self.apply(reading.Reload(keep_id=row.id if row else None))

    # -- helpers -----------------------------------------------------------

    def _mark_opened(self, row: ArticleRow) -> None:
        """The article is opened: marked read when ``[reader] mark_read`` is "open"."""
        if self.context.settings.reader.mark_read == "open" and not row.read:
            self._set_flags(row, read=True)

    def _leaving(self, row: ArticleRow | None) -> None:
        """The cursor moved: with mark_read "leave", the article it left is marked read
        when it was shown for ``mark_read_after`` seconds."""
        shown = self._shown_since
        if row is not None and shown is not None and shown[0] == row.id:
            return  # still on the same article
        self._shown_since = (row.id, self.context.monotonic()) if row is not None else None
        reader = self.context.settings.reader
        if shown is None or reader.mark_read != "leave":
            return
        if self.context.monotonic() - shown[1] < reader.mark_read_after:
            return
        left = self.article_list.find_row(shown[0])
        if left is not None and not left.read:
            self._set_flags(left, read=True)

    def _no_more_unread(self, step: int) -> None:
        where = "after" if step > 0 else "before"
        self.notify(f"No unread article {where} this one.", markup=False, timeout=3)

    def _article_row(self) -> ArticleRow | None:
        """The article under the cursor."""
        row = self.article_list.selected
        return row if isinstance(row, ArticleRow) else None

    def _keep_id(self) -> int | None:
        row = self._article_row()
        return row.id if row else None

    def _in_article(self) -> bool:
        return self.pane == "article"

    def _set_title(self, progress: str = "") -> None:
        """The list's title and subtitle, set only when they change (either repaints the list)."""
        lst = self.article_list
        title = f"Articles {lst.total:,}"
        if self.filters.active:
            title += " · " + self.filters.describe()
        subtitle = one_line(progress) if progress else None
        if (title, subtitle) == getattr(self, "_titles", None):
            return
        self._titles = (title, subtitle)
        lst.border_title = Text(title)
        lst.border_subtitle = Text(subtitle) if subtitle else None

    @on(FlagsSaved)
    def _flags_saved(self, message: FlagsSaved) -> None:
        self._apply_flags(message.article_id, read=message.read, starred=message.starred)

    @on(FlagsNotSaved)
    def _flags_not_saved(self, message: FlagsNotSaved) -> None:
        self._apply_flags(message.article_id, read=message.read, starred=message.starred)
        self.notify(
            f"Not saved: {message.error}", title="Flags", severity="error", markup=False, timeout=8
        )

    def _apply_flags(self, article_id: int, **changes: bool) -> None:
        self.article_list.update_row(article_id, **changes)
        if self.article is not None and self.article.id == article_id:
            self.article = replace(self.article, **changes)  # type: ignore[arg-type]
