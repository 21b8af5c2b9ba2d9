"""The main screen: topic bar, article list and article pane, and every reader key.

Keys become events for :func:`tui.reading.update`, which returns the new state
and the jobs to run; jobs run as the ``@work`` methods of :class:`LibraryWork`
and answer with :mod:`tui.messages`, stale answers dropped. The story view and
the feed view are screens of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.events import Resize
from textual.notifications import SeverityLevel
from textual.reactive import Reactive
from textual.widget import Widget

from newsreader.models import Article, ArticleRow, StoryRow
from tui import keymap, reading
from tui.context import ReaderContext
from tui.first_view import FirstView, summary_prefs
from tui.frames import FIRST_HOLD_SECONDS, FrameHold, one_frame
from tui.loaders import ViewBundle
from tui.messages import (
    ArticleLoaded,
    ArticlesRead,
    LibraryChanged,
    PageLoaded,
    RefreshFinished,
    RefreshProgress,
    SamplesPreparing,
    SamplesReady,
    SummaryMade,
    TopicChoices,
    TopicsCounted,
    UnreadFound,
    ViewAnswered,
    ViewLoaded,
)
from tui.read_ahead import Loaded, ReadAhead, around, near
from tui.reading import LoadView
from tui.screens.reader_actions import ReaderActions
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.kept import KeptScreen, Panes
from tui.widgets.key_hints import KeyHints
from tui.widgets.search_bar import SearchBar
from tui.widgets.topic_bar import TopicBar
from tui.workers import view_messages

#: Below this many columns the list and the article take turns instead of sharing.
NARROW_WIDTH = 100
#: While refreshing, the list is reloaded at most this often (seconds).
REFRESH_RELOAD_EVERY = 1.0


class ReaderScreen(ReaderActions, KeptScreen):
    """The reader. Its state is public for tests: ``state``, ``filters``, ``prefs``, ``pane``."""

    BINDINGS = keymap.bindings()
    #: Textual's own, without its repaint of the whole screen: the search line taking and
    #: giving back the focus redraws only itself (the focus styles restyle what they touch).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, context: ReaderContext, first: FirstView | None = None) -> None:
        super().__init__()
        self.context = context
        self.state, self._first_jobs = reading.start(summary_prefs(context))
        #: The first view when the app read it already (tui.first_view).
        self._first = first
        #: True from the mount until the first frame is drawn (read-ahead waits for it).
        self._starting = False
        self.narrow = False
        self._sized = False
        self.article: Article | None = None
        #: (generation, article id) a view job is loading along with its rows.
        self._coming: tuple[int, int] | None = None
        #: (article id, monotonic time) of the article under the cursor since it came there.
        self._shown_since: tuple[int, float] | None = None
        self._last_refresh_reload = 0.0
        self._new_seen = 0
        #: The number of samples being stored on a first run (0 when none are).
        self.preparing = 0
        #: The library's change marks as last seen (None until the first check).
        self._marks: tuple[int, int] | None = None
        #: Articles around the cursor, loaded before they are asked for.
        self.ahead = ReadAhead()
        #: The screen's drawing held from a new view's rows until its topic bar comes.
        self._view_hold: FrameHold | None = None

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopicBar(id="topics")
        with Panes(id="panes"):
            yield ArticleList(self.context.now, self._want_page, self._cursor_moved, id="list")
            yield ArticleView(id="article")
        yield KeyHints("list", dict(self.context.settings.keys), id="hints")
        yield SearchBar(id="search")

    def on_mount(self) -> None:
        jobs, first = self._first_jobs, None
        if self._first is not None and jobs and isinstance(jobs[0], LoadView):
            first = self._first.answers(jobs[0])
        if first is None:
            self._view_hold = FrameHold(self, FIRST_HOLD_SECONDS)  # drawn once, with the rows
            self.article_view.show_empty("Loading…")
        # Laid out for the terminal's width from the start (a screen pushed after the
        # app's first resize is not sent one).
        self._fit_width(self.app.size.width)
        self._show_pane("list")
        self._set_title()
        if first is not None and isinstance(jobs[0], LoadView):
            self._starting = True  # what can wait for the first frame waits for it
            self.call_after_refresh(self._first_frame_drawn)
            self._show_first(jobs[0], first)
            if not first.view.total and self._first is not None and self._first.samples:
                # A first run: "preparing the sample library" in the first frame, not after it.
                self._samples_preparing(SamplesPreparing(self._first.samples))
            jobs = jobs[1:]
        self.run_jobs(jobs)
        if first is not None and first.view.total:
            self.call_after_refresh(self.prepare_samples)  # a library with articles: later
        else:
            self.prepare_samples(bool(self.preparing))  # an empty one may want them
        reader = self.context.settings.reader
        if reader.check_every > 0:
            self.set_interval(reader.check_every, lambda: self.check_library(self._marks))
        if reader.refresh_every > 0:
            self.set_interval(reader.refresh_every * 60, self._timed_refresh)

    def _first_frame_drawn(self) -> None:
        self._starting = False

    def _timed_refresh(self) -> None:
        from tui.refresh import start_refresh

        start_refresh(self, self.context, quiet=True)

    def on_resize(self, event: Resize) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        """Take turns (list, article) below :data:`NARROW_WIDTH` columns, else share."""
        narrow = width < NARROW_WIDTH
        if narrow != self.narrow or not self._sized:  # restyling the screen costs: only on change
            self.narrow, self._sized = narrow, True
            self.set_class(narrow, "-narrow")
            self.set_class(narrow and self.pane == "article", "-article-pane")
            self._show_pane(self.pane)

    # -- answers from workers ----------------------------------------------

    def _show_first(self, job: LoadView, first: ViewBundle) -> None:
        """Show the first view the app read before the screen was laid out, no frame
        held: the list and the topic bar in the screen's first frame, the article once
        its pane has its width (wrapped once, at that width, in the next frame)."""
        for message in view_messages(job, first):
            if isinstance(message, ViewLoaded):
                self._show_view(message)
            elif isinstance(message, ArticleLoaded):
                self.call_after_refresh(self._article_loaded, message)
            elif isinstance(message, TopicsCounted):
                self.query_one(TopicBar).show(message.counts, self.filters.topics)

    @on(ViewAnswered)
    def _view_answered(self, message: ViewAnswered) -> None:
        message.stop()
        for answer in message.answers:  # each as if posted on its own, in their order
            if isinstance(answer, ViewLoaded):
                self._view_loaded(answer)
            elif isinstance(answer, ArticleLoaded):
                self._article_loaded(answer)
            elif isinstance(answer, TopicsCounted):
                self._topics_counted(answer)

    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        message.stop()  # the screen's answers: nothing above it handles them
        if message.generation != self.generation:
            return
        # The article and the topic bar follow at once: drawn in the same frame.
        self._hold_drawing()
        self._show_view(message)

    def _show_view(self, message: ViewLoaded) -> None:
        position = message.cursor - message.offset
        self._coming = (
            (message.generation, message.rows[position].id)
            if 0 <= position < len(message.rows)
            else None
        )
        self.article_list.show_view(
            message.generation, message.total, message.offset, message.rows, message.cursor
        )
        self._read_ahead(message.cursor, near)  # a new view: only the rows next to the cursor
        self._set_title()
        if not message.total:
            self.article = None
            self._say_why_empty()

    def _say_why_empty(self) -> None:
        """Say in the article's pane why the view is empty: once the pane has its width,
        after the first frame (wrapped before, the line would stand one letter a row)."""
        if self._starting:
            self.call_after_refresh(self._say_why_empty)
            return
        if self.article_list.total:
            return
        if self.preparing:
            hint = f"Preparing the sample library ({self.preparing} articles)…"
        elif self.filters.active:
            hint = "No articles match: press esc or 0 to clear the filters."
        else:
            hint = "The library is empty: import files with `newsreader import`."
        self.article_view.show_empty(hint)

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        self.article_list.add_page(message.generation, message.offset, message.rows)

    @on(TopicsCounted)
    def _topics_counted(self, message: TopicsCounted) -> None:
        message.stop()
        if message.generation == self.generation:  # the last of a view's answers
            bar = self.query_one(TopicBar)
            bar.show(message.counts, self.filters.topics)
            hold = self._view_hold or FrameHold(self)
            self._view_hold = None
            hold.release_after(self.article_list, self.article_view, bar)

    def _cursor_moved(self, index: int, moved_to: ArticleRow | StoryRow | None) -> None:
        """The list's cursor is on another row (``moved_to`` None until its page loads)."""
        row = moved_to if isinstance(moved_to, ArticleRow) else None
        self._leaving(row)
        if row is None or (self.article is not None and self.article.id == row.id):
            return
        if self._in_article():
            self._mark_opened(row)  # J/K/n/p while reading open the next article
        loaded = self.ahead.get(row.id)
        if loaded is not None:
            self._show_loaded(loaded, row)
            # In one frame with the cursor's move: a new view's hold, still gathering what
            # it draws, draws the list and this pane with the view's rows already.
            if self._view_hold is None or not self._view_hold.gathering:
                one_frame(self, self.article_list, self.article_view)
        elif self.ahead.asked(row.id) or self._coming == (self.generation, row.id):
            pass  # a worker is bringing this article already
        else:
            self.load_article(row.id, self.prefs)
        self._read_ahead(index)

    def _read_ahead(self, cursor: int, window: Callable[[int, int], list[int]] = around) -> None:
        """Load the articles of ``window`` around the cursor that are not loaded yet, when
        one next to it is missing (see :mod:`tui.read_ahead`)."""
        if self._starting:  # after the first frame: its rows and topics are drawn first
            self.call_after_refresh(self._read_ahead, cursor, window)
            return
        lst = self.article_list
        if not self.ahead.missing(self._article_ids(near(cursor, lst.total))):
            return
        wanted = self.ahead.wanted(self._article_ids(window(cursor, lst.total)))
        if wanted:
            self.read_ahead(wanted, self.prefs)

    def _article_ids(self, indexes: list[int]) -> list[int]:
        """The ids of the loaded article rows at ``indexes``."""
        rows = [self.article_list.row_at(i) for i in indexes]
        return [row.id for row in rows if isinstance(row, ArticleRow)]

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        message.stop()
        self._keep_loaded(
            Loaded(message.article, message.summary, message.algorithm, message.sentences)
        )

    @on(ArticlesRead)
    def _articles_read(self, message: ArticlesRead) -> None:
        for loaded in message.articles:
            self._keep_loaded(loaded)

    def _keep_loaded(self, loaded: Loaded) -> None:
        """Keep an article a worker loaded; show it when it is under the cursor."""
        if self._coming is not None and self._coming[1] == loaded.article.id:
            self._coming = None
        self.ahead.keep(loaded)
        selected = self._article_row()
        if selected is not None and selected.id == loaded.article.id:
            self._show_loaded(loaded, selected)

    def _show_loaded(self, loaded: Loaded, row: ArticleRow) -> None:
        """Show a loaded article under the cursor (its flags as the list has them)."""
        article = replace(loaded.article, read=row.read, starred=row.starred)
        self.article = article
        prefs = self.prefs
        current = (loaded.algorithm, loaded.sentences) == (prefs.algorithm, prefs.sentences)
        summary = loaded.summary if current else None
        self.article_view.show_article(article, summary, prefs.algorithm)
        if summary is None:
            self.make_summary(article, prefs)

    @on(SummaryMade)
    def _summary_made(self, message: SummaryMade) -> None:
        self.ahead.summary_made(
            message.article_id, message.summary, message.algorithm, message.sentences
        )
        prefs = self.prefs
        if (
            self.article is not None
            and message.article_id == self.article.id
            and (message.algorithm, message.sentences) == (prefs.algorithm, prefs.sentences)
        ):
            self.article_view.show_summary(message.summary)

    @on(UnreadFound)
    def _unread_found(self, message: UnreadFound) -> None:
        if message.generation != self.generation:
            return
        if message.index is None:
            self._no_more_unread(message.step)
        else:
            self.article_list.move_to(message.index)

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        self._set_title(message.text)
        now = self.context.monotonic()
        if message.new > self._new_seen and now - self._last_refresh_reload > REFRESH_RELOAD_EVERY:
            self._new_seen, self._last_refresh_reload = message.new, now
            self.reload_keeping_cursor()

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self._set_title()
        self._new_seen = 0
        if message.text:
            severity: SeverityLevel = "warning" if message.failed else "information"
            self.notify(message.text, title="Refresh", markup=False, severity=severity, timeout=8)
        if message.changed:
            self.reload_keeping_cursor()

    @on(SamplesPreparing)
    def _samples_preparing(self, message: SamplesPreparing) -> None:
        self.preparing = message.count
        self._set_title(f"preparing the sample library ({message.count} articles)…")
        self._say_why_empty()

    @on(SamplesReady)
    def _samples_ready(self, message: SamplesReady) -> None:
        self.preparing = 0
        self._set_title()
        if not message.count:  # none were stored after all: the empty library says so
            self.reload_keeping_cursor()
            return
        self.notify(
            f"The sample library is ready: {message.count} fictional articles, there until"
            " you add your own (`newsreader samples remove` drops them).",
            markup=False,
            timeout=8,
        )
        self.reload_keeping_cursor()

    @on(LibraryChanged)
    def _library_changed(self, message: LibraryChanged) -> None:
        known, self._marks = self._marks, message.marks
        if known is not None:  # the first answer only sets the marks
            self.reload_keeping_cursor()

    def _hold_drawing(self) -> None:
        """Draw nothing more until the coming view's topic bar is here (or the hold's timer)."""
        if self._view_hold is None or self._view_hold.released:
            self._view_hold = FrameHold(self)

    @on(SearchBar.Done)
    def _searched(self, message: SearchBar.Done) -> None:
        message.stop()
        self.key_hints.display = True
        if message.words is not None:
            filters = replace(self.filters, search=message.words or None)
            if filters != self.filters:  # the line closes in the frame showing the results
                self._hold_drawing()
            self.apply(reading.SetFilters(filters, self._keep_id()))

    @on(TopicChoices)
    def _topic_choices(self, message: TopicChoices) -> None:
        from tui.screens.topic_picker import TopicPicker

        def chosen(name: str | None) -> None:
            if name:
                self.apply(reading.ToggleTopic(name, self._keep_id()))

        self.app.push_screen(TopicPicker(message.counts, self.filters.topics), chosen)
