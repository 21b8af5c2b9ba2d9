"""The search prompt: full-text search over the library (empty clears it)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input


class SearchPrompt(ModalScreen[str | None]):
    """Returns the words to search for ("" clears the search), or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="search.cancel")]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self._current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Search (all words must match; empty clears)"
            yield Input(value=self._current, placeholder="words…", id="search-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())
