"""The story view (``T``): one row per story, its attributed summary and its reports.

``enter`` closes it with the story's id (the reader then lists that story's
reports); ``esc``, ``h`` or ``T`` closes it with None. The screen is made once
(:func:`show_stories`) and shown again as it was left: building a screen costs
more than drawing it. Each time it comes back, a worker reads the first page
of stories again and the list is replaced only when it differs.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.events import Resize, ScreenResume
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget

from newsreader.models import ArticleRow, StoryRow
from tui import keymap
from tui.context import ReaderContext
from tui.loaders import View
from tui.messages import PageLoaded, StoryLoaded, ViewLoaded
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.kept import KeptScreen
from tui.widgets.key_hints import KeyHints
from tui.workers import LibraryWork

#: The reader's keys that mean the same here (the rest are the reader's own).
STORY_KEYS: tuple[str, ...] = (
    *("down", "up", "next_article", "previous_article", "first", "last", "page_down"),
    *("page_up", "text_down", "text_up", "open", "back", "stories", "help", "suspend", "quit"),
)


class StoryScreen(LibraryWork, KeptScreen):
    """Stories, newest first; the pane shows the story under the cursor."""

    BINDINGS = keymap.bindings(STORY_KEYS)
    #: Textual's own, without its repaint of the whole screen: the help box taking and
    #: giving back the focus redraws only itself (the focus styles restyle what they touch).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        self.generation = 1
        self._shown: int | None = None
        #: What the styles were last applied for (see :meth:`post_message`).
        self._styled_for: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(self.context.now, self._want_page, self._cursor_moved, id="list")
            yield ArticleView(id="article")
        yield KeyHints("stories", dict(self.context.settings.keys), id="hints")

    @property
    def story_list(self) -> ArticleList:
        """The list of stories."""
        return self.query_one(ArticleList)

    @property
    def story_view(self) -> ArticleView:
        """The pane showing the story under the cursor."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.story_view.show_empty("Loading the stories…")
        self.story_list.border_title = Text("Stories")
        self.story_list.set_front(True)
        self.load_story_view(self.generation, None)

    def post_message(self, message: Message) -> bool:
        """Queue ``message``; a resume does not restyle the screen when nothing its styles
        are drawn from changed since they were applied.

        Textual applies the styles of every widget of a pushed screen again as it comes
        back, in case the app's styles changed while it was away: most of what ``T``
        costs. They are drawn from the stylesheet and what its rules match outside the
        screen (the theme, the app's classes and focus); the screen's own classes and
        states restyle it as they change.
        """
        if isinstance(message, ScreenResume) and message.refresh_styles:
            app = self.app
            styled_for = (app.theme, app.ansi_color, frozenset(app.classes), app.app_focus)
            if styled_for == self._styled_for:
                message = ScreenResume(refresh_styles=False)
            self._styled_for = styled_for
        return super().post_message(message)

    def on_screen_resume(self) -> None:
        """Shown again: the stories are read again, the list kept when they are the same."""
        from tui.screens.reader import NARROW_WIDTH

        self.set_class(self.app.size.width < NARROW_WIDTH, "-narrow")  # resized meanwhile
        lst = self.story_list
        first = lst.page_rows(0)
        if first is not None:  # loaded before: compare with what the library holds now
            self.generation += 1
            stories = [row for row in first if isinstance(row, StoryRow)]
            self.load_story_view(self.generation, View(lst.total, 0, stories, 0))

    def on_resize(self, event: Resize) -> None:
        from tui.screens.reader import NARROW_WIDTH

        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    def _want_page(self, generation: int, offset: int) -> None:
        before = self.story_list.row_at(offset - 1) if offset else None
        self.load_story_page(generation, offset, before if isinstance(before, StoryRow) else None)

    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        lst = self.story_list
        lst.show_view(message.generation, message.total, message.offset, message.rows, 0)
        lst.border_title = Text(f"Stories {message.total:,}")
        if not message.total:
            self.story_view.show_empty(
                "No stories yet: they are grouped as articles are imported or fetched."
            )

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        self.story_list.add_page(message.generation, message.offset, message.rows)

    def _cursor_moved(self, index: int, row: ArticleRow | StoryRow | None) -> None:
        if isinstance(row, StoryRow) and row.id != self._shown:
            self.load_story(row.id)

    @on(StoryLoaded)
    def _story_loaded(self, message: StoryLoaded) -> None:
        selected = self.story_list.selected
        if isinstance(selected, StoryRow) and selected.id == message.story.row.id:
            self._shown = selected.id
            self.story_view.show_story(message.story, self.context.now())

    def action_cursor(self, delta: int) -> None:
        """j/k: the next or previous story."""
        self.story_list.move_by(delta)

    def action_next_article(self, delta: int) -> None:
        """J/K: the next or previous story."""
        self.story_list.move_by(delta)

    def action_first(self) -> None:
        """g/home: the newest story."""
        self.story_list.move_to(0)

    def action_last(self) -> None:
        """G/end: the oldest story."""
        self.story_list.move_to(self.story_list.total - 1)

    def action_page(self, pages: int) -> None:
        """pgdn/pgup: a page of stories."""
        self.story_list.page_by(pages)

    def action_text_page(self, pages: int) -> None:
        """space/b: page the story's reports."""
        self.story_view.page(pages)

    def action_open(self) -> None:
        """enter: list this story's reports in the reader."""
        selected = self.story_list.selected
        if isinstance(selected, StoryRow):
            self.dismiss(selected.id)

    def action_back(self) -> None:
        """esc/h: back to the articles."""
        self.dismiss(None)

    def action_toggle_stories(self) -> None:
        """T: back to the articles."""
        self.dismiss(None)


def show_stories(
    app: App[object], context: ReaderContext, opened: Callable[[object], None]
) -> None:
    """Show the story view (made on first use); ``opened`` gets the story id or None."""
    if not app.is_screen_installed("stories"):
        app.install_screen(StoryScreen(context), "stories")
    app.push_screen("stories", opened)
