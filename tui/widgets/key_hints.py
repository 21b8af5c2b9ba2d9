"""The bottom line: the few keys that matter where you are, and ``?`` for the rest.

A one-line widget drawn from :data:`tui.keymap.KEYS` (with the user's remaps), in
place of Textual's footer, which rebuilds a widget per key whenever focus moves.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from rich.text import Text

from tui.keymap import KEYS, display, effective_keys
from tui.widgets.kept import KeptLines

#: (binding id, short label) hinted at, by place.
HINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "list": (
        *(("open", "open"), ("next_unread", "unread"), ("search", "search")),
        *(("unread_only", "unread only"), ("feeds", "feeds"), ("stories", "stories")),
        *(("help", "help"), ("quit", "quit")),
    ),
    "article": (
        *(("back", "list"), ("next_article", "next"), ("next_unread", "unread")),
        *(("text_down", "page"), ("open_link", "browser"), ("star", "star"), ("help", "help")),
    ),
    "stories": (("open", "reports"), ("back", "articles"), ("help", "help"), ("quit", "quit")),
    "feeds": (
        *(("open", "articles"), ("mark_view_read", "feed read"), ("mark_all_read", "all read")),
        *(("undo", "undo"), ("back", "back"), ("help", "help")),
    ),
}
_BY_ID = {key.id: key for key in KEYS}
#: Hints kept however narrow the line: where the other keys are told, and how to leave.
ALWAYS = frozenset({"help", "quit"})


class KeyHints(KeptLines):
    """Key hints for one place (``list``, ``article``, ``stories``, ``feeds``)."""

    DEFAULT_CSS = "KeyHints { height: 1; }"

    def __init__(self, place: str, keymap: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keymap = keymap
        self._place = place

    def show(self, place: str) -> None:
        """Hint at the keys of ``place`` (redrawn only when it changes)."""
        if place != self._place:
            self._place = place
            self.refresh()

    def lines_key(self) -> Hashable:
        """What the line is drawn from: the place (the keymap is the session's)."""
        return self._place

    def render(self) -> Text:
        """The hints that fit the line: when not all do, the last before ``?`` go first
        (the first hint, ``?`` and quit stay), so that ``?`` tells the rest."""
        hints = [
            (ident, display(effective_keys(_BY_ID[ident], self._keymap)).split(" ")[0], label)
            for ident, label in HINTS.get(self._place, ())
        ]
        width = self.size.width
        while _width(hints) > width:
            dropped = [i for i, (ident, _, _) in enumerate(hints) if i and ident not in ALWAYS]
            if not dropped:
                break
            del hints[dropped[-1]]
        line = Text(no_wrap=True, overflow="ellipsis")
        for _ident, keys, label in hints:
            line.append(f" {keys} ", style="reverse")
            line.append(f" {label}  ")
        return line


def _width(hints: list[tuple[str, str, str]]) -> int:
    """Cells the hints take, the spaces after the last one left out."""
    return sum(cell_len(keys) + cell_len(label) + 5 for _, keys, label in hints) - 2
