"""The topic picker: type to fuzzy-search the library's topics, enter to toggle one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from newsreader.models import TopicCount
from newsreader.safetext import one_line

#: Options shown at once; typing narrows the rest down.
SHOWN = 100


def rank_topics(query: str, topics: list[TopicCount]) -> list[TopicCount]:
    """Topics matching ``query`` fuzzily, best match first (all by size when empty)."""
    if not query.strip():
        return list(topics)
    matcher = Matcher(query)
    scored = [(matcher.match(t.name), t) for t in topics]
    return [t for score, t in sorted(scored, key=lambda p: (-p[0], -p[1].total)) if score > 0]


class TopicPicker(ModalScreen[str | None]):
    """Returns the chosen topic's name, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
    ]

    def __init__(self, topics: list[TopicCount], active: tuple[str, ...]) -> None:
        super().__init__()
        self._topics = topics
        self._active = {t.casefold() for t in active}
        self._shown: list[TopicCount] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            box.border_title = "Topic (type to search, enter toggles)"
            yield Input(placeholder="topic…", id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        self._shown = rank_topics(query, self._topics)[:SHOWN]
        options = self.query_one(OptionList)
        options.clear_options()
        for topic in self._shown:
            label = Text(one_line(topic.name))
            label.append(f"  {topic.total:,}", style="dim")
            if topic.name.casefold() in self._active:
                label.append("  (active)", style="bold")
            options.add_option(Option(label))
        if self._shown:
            options.highlighted = 0

    def action_move(self, delta: int) -> None:
        """Move the highlight while typing."""
        options = self.query_one(OptionList)
        if self._shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self._shown) - 1, current + delta))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self._shown):
            self.dismiss(self._shown[highlighted].name)
        else:
            self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index].name)
