"""The reader's background work: ``@work`` thread methods, each given its inputs.

A worker never reads a widget or the screen's state: everything it needs comes
in its arguments, it reads the library through its thread's own connection
(:func:`tui.loaders.library`) and answers by posting a message (thread-safe).
Every answer carries what is needed to drop it when stale. A failing worker is
reported once, by :meth:`tui.reader_app.ReaderApp.on_worker_state_changed`.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker

from newsreader.models import Article, ArticleQuery, StoryRow
from tui import loaders
from tui.context import ReaderContext
from tui.messages import (
    ArticleLoaded,
    ArticlesRead,
    FlagsNotSaved,
    FlagsSaved,
    LibraryChanged,
    MarkedRead,
    PageLoaded,
    SamplesPreparing,
    SamplesReady,
    SourcesCounted,
    StoryLoaded,
    SummaryMade,
    TopicChoices,
    TopicsCounted,
    UnreadFound,
    ViewAnswered,
    ViewLoaded,
)
from tui.read_ahead import Loaded
from tui.reading import LoadView
from tui.state import Filters, SummaryPrefs


def view_messages(job: LoadView, bundle: loaders.ViewBundle) -> list[Message]:
    """The answers to a view job, in the order the screen handles them."""
    view, prefs = bundle.view, job.prefs
    messages: list[Message] = [
        ViewLoaded(job.generation, job.filters, view.total, view.offset, view.rows, view.cursor)
    ]
    if bundle.article is not None:
        messages.append(
            ArticleLoaded(bundle.article, bundle.summary, prefs.algorithm, prefs.sentences)
        )
    messages.append(TopicsCounted(job.generation, bundle.counts))
    return messages


class LibraryWork(Screen[object]):
    """A screen with the reader's workers and the keys every reader screen has;
    ``context`` says where the library is and what the settings are."""

    context: ReaderContext

    @property
    def _path(self) -> Path:
        return self.context.library_path

    def action_help(self) -> None:
        """?: every key."""
        from tui.screens.help import show_help

        show_help(self.app, self.context.settings.keys)

    def action_suspend(self) -> None:
        """ctrl+z: suspend to the shell (`fg` brings the reader back as it was), or open
        a shell where none can resume the reader (:func:`tui.handover.suspend`)."""
        from tui.handover import suspend

        suspend(self)

    def action_quit(self) -> None:
        """q: quit."""
        self.app.exit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure is reported in one place: the app's handler."""
        report = getattr(self.app, "report_worker", None)
        if report is not None:
            report(event.worker, event.state)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False, name="Loading the list")
    def load_view(self, job: LoadView) -> None:
        """The list for ``job.filters``, the article under the cursor and the topic bar.

        All three are read before they are posted, together in one message, so that
        they reach the screen together and are drawn in one frame rather than three.
        """
        bundle = loaders.load_view_bundle(
            loaders.library(self._path),
            job.filters,
            job.keep_id,
            job.prefs.algorithm,
            job.prefs.sentences,
        )
        self.post_message(ViewAnswered(view_messages(job, bundle)))

    @work(thread=True, exit_on_error=False, name="Loading rows")
    def load_page(
        self, generation: int, filters: Filters, offset: int, after_id: int | None
    ) -> None:
        """One page of the article list, asked for while scrolling."""
        rows = loaders.load_page(loaders.library(self._path), filters, offset, after_id)
        self.post_message(PageLoaded(generation, offset, rows))

    @work(
        thread=True,
        exclusive=True,
        group="article",
        exit_on_error=False,
        name="Loading the article",
    )
    def load_article(self, article_id: int, prefs: SummaryPrefs) -> None:
        """An article with its cached summary."""
        article, summary = loaders.load_article(
            loaders.library(self._path), article_id, prefs.algorithm, prefs.sentences
        )
        if article is not None:
            self.post_message(ArticleLoaded(article, summary, prefs.algorithm, prefs.sentences))

    @work(thread=True, group="ahead", exit_on_error=False, name="Reading ahead")
    def read_ahead(self, article_ids: list[int], prefs: SummaryPrefs) -> None:
        """Articles around the cursor with their cached summaries, before they are asked for."""
        library = loaders.library(self._path)
        found = []
        for article_id in article_ids:
            article, summary = loaders.load_article(
                library, article_id, prefs.algorithm, prefs.sentences
            )
            if article is not None:
                found.append(Loaded(article, summary, prefs.algorithm, prefs.sentences))
        self.post_message(ArticlesRead(found))  # one answer: one hop to the UI thread

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False, name="Summarising")
    def make_summary(self, article: Article, prefs: SummaryPrefs) -> None:
        """Make (and store) a summary: the summariser loads here, never on the UI thread."""
        library = loaders.library(self._path)
        summary = self.context.summarizer(library, article, prefs.algorithm, prefs.sentences)
        self.post_message(SummaryMade(article.id, prefs.algorithm, prefs.sentences, summary))

    @work(thread=True, exit_on_error=False, name="Saving flags")
    def save_flags(
        self, article_id: int, before: tuple[bool, bool], read: bool | None, starred: bool | None
    ) -> None:
        """Store a read or starred flag; answer with what is stored (``before`` if unsure)."""
        try:
            now_read, now_starred = loaders.set_flags(
                loaders.library(self._path), article_id, read, starred
            )
        except Exception as error:  # the screen must go back to what is stored
            self.post_message(FlagsNotSaved(article_id, *before, str(error)))
            return
        self.post_message(FlagsSaved(article_id, now_read, now_starred))

    @work(
        thread=True,
        exclusive=True,
        group="unread",
        exit_on_error=False,
        name="Finding unread articles",
    )
    def find_unread(self, generation: int, filters: Filters, start: int, step: int) -> None:
        """Where the next (``step`` 1) or previous (-1) unread article is."""
        found = loaders.library(self._path).unread_index(filters.query(), start, step)
        self.post_message(UnreadFound(generation, found, step))

    @work(thread=True, exclusive=True, group="topics", exit_on_error=False, name="Loading topics")
    def load_topic_choices(self) -> None:
        """Every topic, for the topic picker."""
        self.post_message(TopicChoices(loaders.library(self._path).topic_counts()))

    @work(thread=True, exit_on_error=False, name="Loading stories")
    def load_story_page(self, generation: int, offset: int, after: StoryRow | None) -> None:
        """One page of the story view (read after the story ``after`` when it is given)."""
        rows = loaders.load_story_page(loaders.library(self._path), offset, after)
        self.post_message(PageLoaded(generation, offset, rows))

    @work(
        thread=True, exclusive=True, group="view", exit_on_error=False, name="Loading the stories"
    )
    def load_story_view(self, generation: int, shown: loaders.View | None) -> None:
        """The story view's size and first page (no answer when they are as ``shown``)."""
        view = loaders.load_story_view(loaders.library(self._path))
        if shown is not None and (view.total, view.rows) == (shown.total, shown.rows):
            return
        self.post_message(
            ViewLoaded(generation, Filters(), view.total, view.offset, view.rows, view.cursor)
        )

    @work(
        thread=True, exclusive=True, group="article", exit_on_error=False, name="Loading the story"
    )
    def load_story(self, story_id: int) -> None:
        """A whole story with its summary."""
        library = loaders.library(self._path)
        story = loaders.load_story(library, story_id, self.context.settings)
        if story is not None:
            self.post_message(StoryLoaded(story))

    @work(thread=True, exclusive=True, group="sources", exit_on_error=False, name="Counting")
    def load_sources(self) -> None:
        """Every source with its counts, for the feed view."""
        self.post_message(SourcesCounted(loaders.library(self._path).source_counts()))

    @work(thread=True, group="mark", exit_on_error=False, name="Marking read")
    def mark_read(self, query: ArticleQuery, what: str) -> None:
        """Mark every unread article matching ``query`` read (the ids come back for undo)."""
        ids = loaders.library(self._path).mark_read_matching(query)
        self.post_message(MarkedRead(ids, what))

    @work(thread=True, group="mark", exit_on_error=False, name="Undoing")
    def mark_unread(self, article_ids: list[int], what: str) -> None:
        """Undo :meth:`mark_read`: those articles are unread again."""
        loaders.library(self._path).set_read_many(article_ids, False)
        self.post_message(MarkedRead(article_ids, what, undo=True))

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False, name="Watching")
    def check_library(self, marks: tuple[int, int] | None) -> None:
        """Post :class:`LibraryChanged` when the library's marks differ from ``marks``."""
        now = loaders.library(self._path).change_marks()
        if now != marks:
            self.post_message(LibraryChanged(now))

    @work(thread=True, exclusive=True, group="samples", exit_on_error=False, name="Samples")
    def prepare_samples(self, promised: bool = False) -> None:
        """Store the bundled samples when the library wants them (a first run).

        :class:`SamplesReady` follows once they are stored, and also (a count of 0) when
        none were but the screen had said they were coming (``promised``).
        """
        from newsreader.sample import prepare_samples

        def started(count: int) -> None:
            self.post_message(SamplesPreparing(count))

        added = prepare_samples(self._path, self.context.settings, started=started)
        if added or promised:
            self.post_message(SamplesReady(added))
