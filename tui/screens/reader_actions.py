"""The reader's keys: one ``action_`` method per binding id of :mod:`tui.keymap`."""

from __future__ import annotations

from newsreader.models import ArticleQuery, ArticleRow
from tui import browser, reading
from tui.screens.reader_core import ReaderCore
from tui.state import Filters


class ReaderActions(ReaderCore):
    """What each key does; state changes go through :func:`tui.reading.update`."""

    # -- moving --------------------------------------------------------------

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
        if not lst.total:
            return
        index, complete = lst.find(
            lst.cursor + step, step, lambda row: isinstance(row, ArticleRow) and not row.read
        )
        if index is not None:
            lst.move_to(index)
        elif complete:
            self._no_more_unread(step)
        else:
            self.find_unread(self.generation, self.filters, lst.cursor + step, step)

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

    def action_open(self) -> None:
        """enter/l: open the article under the cursor (marks it read by default)."""
        row = self._article_row()
        if row is None:
            return
        self.apply(reading.ShowArticle("article"))
        self._mark_opened(row)

    def action_back(self) -> None:
        """esc/h: from the article back to the list; in the list, clear the filters."""
        self.apply(reading.Back(in_article=self._in_article()))

    def action_switch_pane(self) -> None:
        """tab: switch between the list and the article."""
        self.apply(reading.ShowArticle("list" if self._in_article() else "article"))

    # -- filters -------------------------------------------------------------

    def action_toggle_topic(self, number: int) -> None:
        """1-9: toggle the numbered topic as a filter (several combine)."""
        from tui.widgets.topic_bar import TopicBar

        name = self.query_one(TopicBar).name_at(number)
        if name is None:
            self.notify(f"No topic numbered {number}.", severity="warning", markup=False)
            return
        self.apply(reading.ToggleTopic(name, self._keep_id()))

    def action_topic_picker(self) -> None:
        """t: pick a topic with fuzzy search."""
        self.load_topic_choices()

    def action_clear_filters(self) -> None:
        """0: clear every filter."""
        self.apply(reading.SetFilters(Filters(), self._keep_id()))

    def action_search(self) -> None:
        """/: full-text search, typed in the line of the key hints."""
        from tui.widgets.search_bar import SearchBar

        self.key_hints.display = False
        self.query_one(SearchBar).open(self.filters.search)

    def action_toggle_unread(self) -> None:
        """u: unread articles only."""
        self.apply(reading.ToggleFlag("unread", self._keep_id()))

    def action_toggle_starred_only(self) -> None:
        """': starred articles only."""
        self.apply(reading.ToggleFlag("starred", self._keep_id()))

    def action_toggle_stories(self) -> None:
        """T: the story view; enter there lists a story's reports here."""
        from tui.screens.stories import show_stories

        def opened(story_id: object) -> None:
            if isinstance(story_id, int):
                self.apply(reading.SetFilters(Filters(story=story_id)))

        show_stories(self.app, self.context, opened)

    def action_feeds(self) -> None:
        """f: the feed view; enter there lists one source's articles here."""
        from tui.screens.feeds import FeedScreen

        def chosen(source: object) -> None:
            if isinstance(source, str):
                self.apply(reading.SetFilters(Filters(source=source)))
            else:
                self.reload_keeping_cursor()  # flags may have changed there

        self.app.push_screen(FeedScreen(self.context), chosen)

    # -- the article ---------------------------------------------------------

    def action_mark_view_read(self) -> None:
        """A: mark every article in view read (the whole library when unfiltered)."""
        what = self.filters.describe() or "every article"
        self.mark_many_read(self.filters.query(), what)

    def action_mark_all_read(self) -> None:
        """C: mark every article read."""
        self.mark_many_read(ArticleQuery(), "every article")

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
        self.apply(reading.ChangePrefs(sentences=step))

    def action_next_algorithm(self) -> None:
        """a: the next summary algorithm."""
        self.apply(reading.ChangePrefs(algorithms=self.context.algorithms))

    def action_summary_mode(self) -> None:
        """z: summary and text, summary only, text only."""
        self.apply(reading.ChangePrefs(next_mode=True))

    def action_open_link(self) -> None:
        """o: open the link with the configured browser (never through a shell)."""
        url = self._link()
        if url is not None:
            browser.open_link(self, url, self.context.settings.reader)

    def action_copy_link(self) -> None:
        """y: copy the link to the clipboard (OSC 52)."""
        url = self._link()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self.notify("Link copied.", markup=False)

    def _link(self) -> str | None:
        row = self._article_row()
        url = one_line_url(row.url if row else None)
        if not url:
            self.notify("This article has no link.", severity="warning", markup=False)
            return None
        return url

    # -- the library and the app ---------------------------------------------

    def action_refresh(self) -> None:
        """r: fetch the feeds; new articles appear without moving the cursor."""
        from tui.refresh import start_refresh

        start_refresh(self, self.context)


def one_line_url(url: str | None) -> str:
    """A link as one safe line ("" for none)."""
    from newsreader.safetext import one_line

    return one_line(url) if url else ""
