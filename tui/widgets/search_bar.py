"""The search line: full-text search typed in place of the key hints.

A line of the reader's own screen rather than a dialog screen of its own:
opening and closing it changes that one line, where a dialog would restyle and
redraw the whole reader when it goes. Enter posts :class:`SearchBar.Done` with
the words ("" clears the search), Esc with None.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

PROMPT = "Search (all words must match; empty clears): "


class SearchInput(Input):
    """The words' field: losing the focus as the line hides restyles nothing.

    Its focus styles matter only while it is shown, and opening the line focuses it
    again (restyling it then): a hidden field's restyle is work no frame shows.
    """

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle for the focus change, unless hidden already (the line closing hides
        the bar around the field: the field's own ``display`` stays true)."""
        if has_focus or all(node.display for node in self.ancestors_with_self):
            super().watch_has_focus(has_focus)


class SearchBar(Horizontal):
    """A prompt and the words typed; hidden until :meth:`open`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search.cancel")]

    @dataclass
    class Done(Message):
        """The search was typed (the words, "" to clear it) or cancelled (None)."""

        words: str | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._input = SearchInput(placeholder="words…", id="search-input")

    def compose(self) -> ComposeResult:
        yield Static(PROMPT, id="search-prompt", markup=False)
        # Not focusable while hidden: it takes no focus, and so no key, until opened (not
        # disabled instead: each toggle of that restyles it).
        self._input.can_focus = False
        yield self._input

    @property
    def input(self) -> Input:
        """Where the words are typed."""
        return self._input

    def open(self, current: str | None) -> None:
        """Show the line with ``current`` words, ready for typing."""
        self.input.value = current or ""
        self.input.cursor_position = len(self.input.value)
        self.display = True
        self.input.can_focus = True
        self.input.focus()

    def _close(self, words: str | None) -> None:
        self.display = False
        self.input.can_focus = False
        self.screen.set_focus(None)
        self.post_message(self.Done(words))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value.strip())

    def action_cancel(self) -> None:
        """Esc: close without searching."""
        self._close(None)
