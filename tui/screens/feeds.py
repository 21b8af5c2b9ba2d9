"""The feed view (``f``): every source with its unread and total counts, as newsboat's.

``enter`` closes it with the source's name (the reader then lists that source's
articles), ``A`` marks the selected source read, ``C`` everything, ``U`` undoes the
last marking; ``esc``, ``h`` or ``f`` goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.models import ArticleQuery, SourceCount
from newsreader.safetext import one_line
from tui import keymap
from tui.context import ReaderContext
from tui.messages import SourcesCounted
from tui.screens.marking import MarkingScreen
from tui.widgets.key_hints import KeyHints

FEED_KEYS: tuple[str, ...] = (
    *("down", "up", "first", "last", "open", "back", "feeds", "mark_view_read", "mark_all_read"),
    *("undo", "help", "suspend", "quit"),
)


class FeedScreen(MarkingScreen):
    """Sources, the largest first, each with ``unread/total``."""

    BINDINGS = keymap.bindings(FEED_KEYS)

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        self.sources: list[SourceCount] = []

    def compose(self) -> ComposeResult:
        options = OptionList(id="feed-list")
        options.border_title = "Feeds: unread / total (enter lists one, A marks it read)"
        yield options
        yield KeyHints("feeds", dict(self.context.settings.keys), id="hints")

    @property
    def feed_list(self) -> OptionList:
        """The list of sources."""
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        self.feed_list.focus()
        self.load_sources()

    @on(SourcesCounted)
    def _counted(self, message: SourcesCounted) -> None:
        options = self.feed_list
        keep = options.highlighted or 0
        self.sources = message.counts
        options.clear_options()
        width = max((len(f"{s.total:,}") for s in self.sources), default=1)
        for source in self.sources:
            label = Text(f"{source.unread:>{width},} / {source.total:>{width},}  ", style="dim")
            label.append(one_line(source.name), style="bold" if source.unread else "")
            options.add_option(Option(label))
        if self.sources:
            options.highlighted = min(keep, len(self.sources) - 1)

    def _selected(self) -> SourceCount | None:
        index = self.feed_list.highlighted
        if index is None or not 0 <= index < len(self.sources):
            return None
        return self.sources[index]

    def after_marking(self) -> None:
        self.load_sources()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_cursor(self, delta: int) -> None:
        """j/k: the next or previous source."""
        options = self.feed_list
        if self.sources:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.sources) - 1, current + delta))

    def action_first(self) -> None:
        """g/home: the first source."""
        if self.sources:
            self.feed_list.highlighted = 0

    def action_last(self) -> None:
        """G/end: the last source."""
        if self.sources:
            self.feed_list.highlighted = len(self.sources) - 1

    def action_open(self) -> None:
        """enter: list this source's articles in the reader."""
        source = self._selected()
        if source is not None:
            self.dismiss(source.name)

    def action_back(self) -> None:
        """esc/h: back to the articles."""
        self.dismiss(None)

    def action_feeds(self) -> None:
        """f: back to the articles."""
        self.dismiss(None)

    def action_mark_view_read(self) -> None:
        """A: mark every article of the selected source read."""
        source = self._selected()
        if source is not None:
            self.mark_many_read(ArticleQuery(source=source.name), one_line(source.name))

    def action_mark_all_read(self) -> None:
        """C: mark every article read."""
        self.mark_many_read(ArticleQuery(), "every article")
