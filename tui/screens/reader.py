"""The main screen: topic bar, article list and article pane, and every reader key.

The screen holds the state (:class:`tui.state.Filters`, :class:`tui.state.SummaryPrefs`)
and turns keys into state changes and jobs. Jobs run in threads (:mod:`tui.jobs`)
over :mod:`tui.loaders` and answer with :mod:`tui.messages`; stale answers are dropped.
"""

from __future__ import annotations

import time
import webbrowser
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer

from newsreader.models import Article, ArticleRow, StoryRow
from newsreader.safetext import one_line
from tui import keymap, loaders
from tui.context import ReaderContext
from tui.jobs import run_job
from tui.messages import (
    ArticleLoaded,
    CursorMoved,
    FlagsNotSaved,
    FlagsSaved,
    PageLoaded,
    RefreshFinished,
    RefreshProgress,
    StoryLoaded,
    SummaryMade,
    TopicChoices,
    TopicsCounted,
    UnreadFound,
    ViewLoaded,
)
from tui.screens.help import HelpScreen
from tui.screens.search import SearchPrompt
from tui.screens.topic_picker import TopicPicker
from tui.state import Filters, SummaryPrefs
from tui.summaries import resolve
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.topic_bar import TopicBar

if TYPE_CHECKING:
    from newsreader.feeds.fetcher import FetchEvent

#: Below this many columns the list and the article take turns instead of sharing.
NARROW_WIDTH = 100
#: While refreshing, the list is reloaded at most this often (seconds).
REFRESH_RELOAD_EVERY = 1.0

Pane = Literal["list", "article"]


class ReaderScreen(Screen[None]):
    """The reader. Its state is public for tests: ``filters``, ``prefs``, ``pane``."""

    BINDINGS = keymap.bindings()

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        summary = context.settings.summary
        self.filters = Filters()
        self.prefs = SummaryPrefs(
            algorithm=resolve(summary.algorithm, context.algorithms), sentences=summary.sentences
        )
        self.generation = 0
        self.pane: Pane = "list"
        self.narrow = False
        self.article: Article | None = None
        self._last_refresh_reload = 0.0
        #: (generation, article id) a view job is loading along with its rows.
        self._coming: tuple[int, int] | None = None
        #: The list shows stories (``T``) rather than articles.
        self.stories = False
        self._story_shown: int | None = None
        #: (article id, monotonic time) of the article under the cursor since it came there.
        self._shown_since: tuple[int, float] | None = None

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopicBar(id="topics")
        with Horizontal(id="panes"):
            yield ArticleList(self.context.now, self._want_page, id="list")
            yield ArticleView(id="article")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        """The article list widget."""
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.article_view.show_empty("Loading…")
        self.article_list.focus()
        self._set_title()
        self._load_view(keep_id=None)

    def on_resize(self, event: Resize) -> None:
        self._set_narrow(event.size.width < NARROW_WIDTH)

    def _set_narrow(self, narrow: bool) -> None:
        self.narrow = narrow
        self.set_class(narrow, "-narrow")
        self._show_pane(self.pane)

    def _show_pane(self, pane: Pane) -> None:
        self.pane = pane
        self.set_class(pane == "article", "-article-pane")
        if pane == "article":
            self.article_view.text_scroll.focus()
        else:
            self.article_list.focus()

    def _set_title(self, progress: str = "") -> None:
        lst = self.article_list
        title = Text(f"{'Stories' if self.stories else 'Articles'} {lst.total:,}")
        if self.filters.active:
            title.append(" · " + self.filters.describe())
        lst.border_title = title
        lst.border_subtitle = Text(one_line(progress)) if progress else None

    # -- jobs --------------------------------------------------------------

    def _job(
        self, job: Callable[[], None], group: str, description: str, exclusive: bool = True
    ) -> None:
        run_job(self.app, job, group=group, description=description, exclusive=exclusive)

    def _load_view(self, keep_id: int | None) -> None:
        self.generation += 1
        generation, filters, path = self.generation, self.filters, self.context.library_path
        prefs = self.prefs
        if self.stories:
            self._load_story_view(generation)
            return

        def job() -> None:
            with loaders.open_library(path) as library:
                view = loaders.load_view(library, filters, keep_id)
                self.post_message(
                    ViewLoaded(generation, filters, view.total, view.offset, view.rows, view.cursor)
                )
                # The article under the cursor comes with the view: one round trip less.
                position = view.cursor - view.offset
                if 0 <= position < len(view.rows):
                    article, summary = loaders.load_article(
                        library, view.rows[position].id, prefs.algorithm, prefs.sentences
                    )
                    if article is not None:
                        self.post_message(
                            ArticleLoaded(article, summary, prefs.algorithm, prefs.sentences)
                        )
                counts = loaders.topic_bar(library, filters, view.rows)
            self.post_message(TopicsCounted(generation, counts))

        self._job(job, "view", "Loading the list")

    def _load_story_view(self, generation: int) -> None:
        path = self.context.library_path

        def job() -> None:
            with loaders.open_library(path) as library:
                view = loaders.load_story_view(library)
                self.post_message(
                    ViewLoaded(
                        generation,
                        self.filters,
                        view.total,
                        view.offset,
                        view.rows,
                        view.cursor,
                        stories=True,
                    )
                )

        self._job(job, "view", "Loading the stories")

    def _load_story(self, story_id: int) -> None:
        path, settings = self.context.library_path, self.context.settings

        def job() -> None:
            with loaders.open_library(path) as library:
                story = loaders.load_story(library, story_id, settings)
            if story is not None:
                self.post_message(StoryLoaded(story))

        self._job(job, "article", "Loading the story")

    def _want_page(self, generation: int, offset: int) -> None:
        filters, path, stories = self.filters, self.context.library_path, self.stories

        def job() -> None:
            with loaders.open_library(path) as library:
                rows = (
                    loaders.load_story_page(library, offset)
                    if stories
                    else loaders.load_page(library, filters, offset)
                )
            self.post_message(PageLoaded(generation, offset, rows))

        self._job(job, f"page-{offset}", "Loading rows", exclusive=False)

    def _load_article(self, article_id: int) -> None:
        prefs, path = self.prefs, self.context.library_path

        def job() -> None:
            with loaders.open_library(path) as library:
                article, summary = loaders.load_article(
                    library, article_id, prefs.algorithm, prefs.sentences
                )
            if article is not None:
                self.post_message(ArticleLoaded(article, summary, prefs.algorithm, prefs.sentences))

        self._job(job, "article", "Loading the article")

    def _make_summary(self, article: Article) -> None:
        prefs, path, summarizer = self.prefs, self.context.library_path, self.context.summarizer
        self.article_view.show_waiting(prefs.algorithm)

        def job() -> None:
            with loaders.open_library(path) as library:
                summary = summarizer(library, article, prefs.algorithm, prefs.sentences)
            self.post_message(SummaryMade(article.id, prefs.algorithm, prefs.sentences, summary))

        self._job(job, "summary", f"Summarising with {prefs.algorithm}")

    def _set_flags(
        self, row: ArticleRow, read: bool | None = None, starred: bool | None = None
    ) -> None:
        path = self.context.library_path
        # Shown at once; the stored values follow in FlagsSaved.
        changes = {k: v for k, v in (("read", read), ("starred", starred)) if v is not None}
        self._apply_flags(row.id, **changes)

        def job() -> None:
            try:
                with loaders.open_library(path) as library:
                    now_read, now_starred = loaders.set_flags(library, row.id, read, starred)
            except Exception as error:  # the screen must go back to what is stored
                self.post_message(FlagsNotSaved(row.id, row.read, row.starred, str(error)))
                return
            self.post_message(FlagsSaved(row.id, now_read, now_starred))

        self._job(job, f"flags-{row.id}", "Saving flags", exclusive=False)

    # -- answers from jobs -------------------------------------------------

    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        if message.generation != self.generation:
            return
        position = message.cursor - message.offset
        self._coming = (
            (message.generation, message.rows[position].id)
            if 0 <= position < len(message.rows) and not message.stories
            else None
        )
        self._story_shown = None
        self.article_list.show_view(
            message.generation, message.total, message.offset, message.rows, message.cursor
        )
        self._set_title()
        if not message.total:
            self.article = None
            if self.stories:
                hint = "No stories yet: they are grouped as articles are imported or fetched."
            elif self.filters.active:
                hint = "No articles match: press 0 to clear the filters."
            else:
                hint = "The library is empty: import files with `newsreader import`."
            self.article_view.show_empty(hint)

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        self.article_list.add_page(message.generation, message.offset, message.rows)

    @on(TopicsCounted)
    def _topics_counted(self, message: TopicsCounted) -> None:
        if message.generation == self.generation:
            self.query_one(TopicBar).show(message.counts, self.filters.topics)

    @on(CursorMoved)
    def _cursor_moved(self, message: CursorMoved) -> None:
        row = message.row
        self._leaving(row)
        if isinstance(row, ArticleRow) and self._in_article():
            self._mark_opened(row)  # J/K/n/p while reading open the next article
        if isinstance(row, StoryRow):
            if row.id != self._story_shown:
                self._load_story(row.id)
            return
        if row is None or (self.article is not None and self.article.id == row.id):
            return
        if self._coming is not None and self._coming == (self.generation, row.id):
            return  # the view's job is bringing this article already
        self._load_article(row.id)

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        if self._coming is not None and self._coming[1] == message.article.id:
            self._coming = None
        selected = self.article_list.selected
        if not isinstance(selected, ArticleRow) or selected.id != message.article.id:
            return
        article = replace(message.article, read=selected.read, starred=selected.starred)
        self.article = article
        current = (message.algorithm, message.sentences) == (
            self.prefs.algorithm,
            self.prefs.sentences,
        )
        summary = message.summary if current else None
        self.article_view.show_article(article, summary, self.prefs.algorithm)
        if summary is None:
            self._make_summary(article)

    @on(StoryLoaded)
    def _story_loaded(self, message: StoryLoaded) -> None:
        selected = self.article_list.selected
        if isinstance(selected, StoryRow) and selected.id == message.story.row.id:
            self.article = None
            self._story_shown = selected.id
            self.article_view.show_story(message.story, self.context.now())

    @on(SummaryMade)
    def _summary_made(self, message: SummaryMade) -> None:
        if (
            self.article is not None
            and message.article_id == self.article.id
            and (message.algorithm, message.sentences)
            == (self.prefs.algorithm, self.prefs.sentences)
        ):
            self.article_view.show_summary(message.summary)

    @on(FlagsSaved)
    def _flags_saved(self, message: FlagsSaved) -> None:
        self._apply_flags(message.article_id, read=message.read, starred=message.starred)

    @on(FlagsNotSaved)
    def _flags_not_saved(self, message: FlagsNotSaved) -> None:
        self._apply_flags(message.article_id, read=message.read, starred=message.starred)
        self.notify(
            f"Not saved: {message.error}", title="Flags", severity="error", markup=False, timeout=8
        )

    @on(UnreadFound)
    def _unread_found(self, message: UnreadFound) -> None:
        if message.generation != self.generation:
            return
        if message.index is None:
            self._no_more_unread(message.step)
        else:
            self.article_list.move_to(message.index)

    def _no_more_unread(self, step: int) -> None:
        where = "after" if step > 0 else "before"
        self.notify(f"No unread article {where} this one.", markup=False, timeout=3)

    def _apply_flags(self, article_id: int, **changes: bool) -> None:
        self.article_list.update_row(article_id, **changes)
        if self.article is not None and self.article.id == article_id:
            self.article = replace(self.article, **changes)  # type: ignore[arg-type]

    @on(TopicChoices)
    def _topic_choices(self, message: TopicChoices) -> None:
        def chosen(name: str | None) -> None:
            if name:
                self._change_filters(self.filters.toggle_topic(name))

        self.app.push_screen(TopicPicker(message.counts, self.filters.topics), chosen)

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        self._set_title(f"refreshing: {message.text}")
        if time.monotonic() - self._last_refresh_reload > REFRESH_RELOAD_EVERY:
            self._last_refresh_reload = time.monotonic()
            self._reload_keeping_cursor()

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self._set_title()
        severity: SeverityLevel = "warning" if message.failed else "information"
        self.notify(message.text, title="Refresh", markup=False, severity=severity, timeout=8)
        if message.changed:
            self._reload_keeping_cursor()

    # -- helpers -----------------------------------------------------------

    def _change_filters(self, filters: Filters) -> None:
        if filters == self.filters and not self.stories:
            return
        self.stories = False
        self.filters = filters
        self._set_title()
        self._reload_keeping_cursor()

    def _reload_keeping_cursor(self) -> None:
        selected = self._article_row()
        self._load_view(keep_id=selected.id if selected else None)

    def _mark_opened(self, row: ArticleRow) -> None:
        """The article is opened: marked read when ``[reader] mark_read`` is "open"."""
        if self.context.settings.reader.mark_read == "open" and not row.read:
            self._set_flags(row, read=True)

    def _leaving(self, row: ArticleRow | StoryRow | None) -> None:
        """The cursor moved: with mark_read "leave", the article it left is marked read
        when it was shown for ``mark_read_after`` seconds."""
        shown, self._shown_since = self._shown_since, None
        if isinstance(row, ArticleRow):
            self._shown_since = (row.id, self.context.monotonic())
        reader = self.context.settings.reader
        if shown is None or reader.mark_read != "leave" or (row is not None and row.id == shown[0]):
            return
        if self.context.monotonic() - shown[1] < reader.mark_read_after:
            return
        left = self.article_list.find_row(shown[0])
        if left is not None and not left.read:
            self._set_flags(left, read=True)

    def _article_row(self) -> ArticleRow | None:
        """The article under the cursor (None in the story view)."""
        row = self.article_list.selected
        return row if isinstance(row, ArticleRow) else None

    def _in_article(self) -> bool:
        return self.pane == "article" or self.article_view.text_scroll.has_focus

    def _link(self) -> str | None:
        row = self._article_row()
        url = one_line(row.url) if row and row.url else ""
        if not url:
            self.notify("This article has no link.", severity="warning", markup=False)
            return None
        return url

    # -- actions (one per binding id, see tui.keymap) ----------------------

    def action_cursor(self, delta: int) -> None:
        """j/k: next or previous article; in the article pane, scroll the text."""
        if self._in_article():
            self.article_view.scroll_lines(delta)
        else:
            self.article_list.move_by(delta)

    def action_next_article(self, delta: int) -> None:
        """J/K: the next or previous article, from the list or the text alike."""
        self.article_list.move_by(delta)

    def action_next_unread(self, step: int) -> None:
        """n/p: the next or previous unread article (found in the library when not cached)."""
        lst = self.article_list
        if self.stories or not lst.total:
            return
        index, complete = lst.find(
            lst.cursor + step, step, lambda row: isinstance(row, ArticleRow) and not row.read
        )
        if index is not None:
            lst.move_to(index)
            return
        if complete:
            self._no_more_unread(step)
            return
        generation, query, path = self.generation, self.filters.query(), self.context.library_path
        start = lst.cursor + step

        def job() -> None:
            with loaders.open_library(path) as library:
                found = library.unread_index(query, start, step)
            self.post_message(UnreadFound(generation, found, step))

        self._job(job, "unread", "Finding the next unread article")

    def action_first(self) -> None:
        """g/home: first article (top of the text in the article pane)."""
        if self._in_article():
            self.article_view.text_scroll.scroll_home(animate=False)
        else:
            self.article_list.move_to(0)

    def action_last(self) -> None:
        """G/end: last article (end of the text in the article pane)."""
        if self._in_article():
            self.article_view.text_scroll.scroll_end(animate=False)
        else:
            self.article_list.move_to(self.article_list.total - 1)

    def action_open(self) -> None:
        """enter/l: open the article under the cursor and mark it read (a story: its reports)."""
        story = self.article_list.selected
        if isinstance(story, StoryRow):
            self._change_filters(Filters(story=story.id))
            return
        row = self._article_row()
        if row is None:
            return
        self._show_pane("article")
        self._mark_opened(row)

    def action_back(self) -> None:
        """esc/h: from the article back to the list; in the list, clear the filters."""
        if self._in_article():
            self._show_pane("list")
        elif self.filters.active or self.stories:
            self._change_filters(Filters())

    def action_switch_pane(self) -> None:
        """tab: switch between the list and the article."""
        self._show_pane("list" if self._in_article() else "article")

    def action_page(self, pages: int) -> None:
        """pgdn/pgup: page the list's cursor, or the text in the article pane."""
        if self._in_article():
            self.article_view.page(pages)
        else:
            self.article_list.page_by(pages)

    def action_text_page(self, pages: int) -> None:
        """space/b: page the article text (a narrow list opens the article first)."""
        if self.narrow and self.pane == "list":
            self.action_open()
            return
        self.article_view.page(pages)

    def action_suspend(self) -> None:
        """ctrl+z: suspend to the shell; `fg` brings the reader back as it was."""
        self.app.action_suspend_process()

    def action_toggle_topic(self, number: int) -> None:
        """1-9: toggle the numbered topic as a filter (several combine)."""
        name = self.query_one(TopicBar).name_at(number)
        if name is None:
            self.notify(f"No topic numbered {number}.", severity="warning", markup=False)
            return
        self._change_filters(self.filters.toggle_topic(name))

    def action_topic_picker(self) -> None:
        """t: pick a topic with fuzzy search."""
        path = self.context.library_path

        def job() -> None:
            with loaders.open_library(path) as library:
                counts = library.topic_counts()
            self.post_message(TopicChoices(counts))

        self._job(job, "topics", "Loading topics")

    def action_clear_filters(self) -> None:
        """0: clear every filter."""
        self._change_filters(Filters())

    def action_search(self) -> None:
        """/: full-text search."""

        def searched(words: str | None) -> None:
            if words is not None:
                self._change_filters(replace(self.filters, search=words or None))

        self.app.push_screen(SearchPrompt(self.filters.search), searched)

    def action_toggle_unread(self) -> None:
        """u: unread articles only."""
        self._change_filters(replace(self.filters, unread=not self.filters.unread))

    def action_toggle_starred_only(self) -> None:
        """': starred articles only."""
        self._change_filters(replace(self.filters, starred=not self.filters.starred))

    def action_toggle_read(self) -> None:
        """m: mark the article read or unread."""
        row = self._article_row()
        if row is not None:
            self._set_flags(row, read=not row.read)

    def action_toggle_star(self) -> None:
        """s: star or unstar the article."""
        row = self._article_row()
        if row is not None:
            self._set_flags(row, starred=not row.starred)

    def action_summary_length(self, step: int) -> None:
        """+/-: one sentence more or fewer in the summary."""
        self._change_prefs(self.prefs.longer(step))

    def action_next_algorithm(self) -> None:
        """a: the next summary algorithm."""
        self._change_prefs(self.prefs.next_algorithm(self.context.algorithms))

    def _change_prefs(self, prefs: SummaryPrefs) -> None:
        if prefs == self.prefs:
            return
        self.prefs = prefs
        if self.article is not None:
            self._make_summary(self.article)

    def action_summary_mode(self) -> None:
        """z: summary and text, summary only, text only."""
        self.prefs = self.prefs.next_mode()
        self.article_view.set_mode(self.prefs.mode)

    def action_open_link(self) -> None:
        """o: open the link in the browser (http and https only, never a shell)."""
        url = self._link()
        if url is None:
            return
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            self.notify("Only http and https links are opened.", severity="warning", markup=False)
            return

        def job() -> None:
            if not webbrowser.open(url):
                raise RuntimeError("no web browser found")

        self._job(job, "browser", "Opening the link")
        self.notify("Opening the link in the browser…", markup=False)

    def action_copy_link(self) -> None:
        """y: copy the link to the clipboard (OSC 52)."""
        url = self._link()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self.notify("Link copied.", markup=False)

    def action_refresh(self) -> None:
        """r: fetch the feeds in a worker; new articles appear without moving the cursor."""
        path, settings = self.context.library_path, self.context.settings
        self._set_title("refreshing…")

        def progress(event: FetchEvent) -> None:
            self.post_message(RefreshProgress(loaders.describe_progress(event)))

        def job() -> None:
            from newsreader.feeds import fetch_feeds

            with loaders.open_library(path) as library:
                if not library.list_feeds():
                    self.post_message(
                        RefreshFinished(
                            "No feeds to refresh: subscribe with `newsreader add URL`.", False
                        )
                    )
                    return
                report = fetch_feeds(library, settings, progress=progress)
            self.post_message(
                RefreshFinished(loaders.describe_report(report), True, failed=not report.ok)
            )

        self._job(job, "refresh", "Refreshing feeds")

    def action_toggle_stories(self) -> None:
        """T: the story view (one row per story) or back to the articles."""
        self.stories = not self.stories
        self.article = None
        self._set_title()
        self._load_view(keep_id=None)

    def action_help(self) -> None:
        """?: every key."""
        self.app.push_screen(HelpScreen(dict(self.context.settings.keys)))

    def action_quit(self) -> None:
        """q: quit."""
        self.app.exit()
