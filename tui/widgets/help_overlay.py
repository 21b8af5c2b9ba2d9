"""The help box (``?``): every key, drawn over the screen it was asked on.

It is a widget of that screen, mounted on first use and then shown and hidden,
not a screen of its own: pushing a screen draws the whole terminal again (and,
for a dialog, the screen beneath it too), where showing this box draws only the
box, and hiding it only what it covered. While shown it has the focus, only its
own keys act (it is modal for bindings) and it holds the mouse, as a dialog would.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.model import SelectorType
from textual.events import Resize
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from tui.widgets.help_table import HelpTable, help_table
from tui.widgets.kept import KeptLines, kept_vertical_scrollbar

#: The box's share of the screen, and its widest (as ``#help-box`` in reader.tcss).
SHARE = 0.9
MAX_WIDTH = 100


def box_size(width: int, height: int) -> tuple[int, int]:
    """The box's (width, height) on a screen of ``width`` x ``height`` cells."""
    return min(MAX_WIDTH, int(width * SHARE)), int(height * SHARE)


class HelpOverlay(VerticalScroll, KeptLines):
    """All the reader's keys, centred over the screen; escape, q or ? hides it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j", "scroll(1)", "Scroll", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Scroll", show=False, id="help.up"),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__(id="help-box")
        self._keymap = keymap
        self._before: Widget | None = None
        self.border_title = Text("Keys (remap with a [keys] table in the config file)")

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's scrollbar, made as Textual makes it, dressed cheaply and drawn again
        only when it moves (or is laid out again)."""
        return kept_vertical_scrollbar(self)

    def lines_key(self) -> Hashable:
        """What the box's own lines (its border and background) are drawn from besides
        its size and styles: its title. Kept by key, they outlive a hide and a show."""
        return str(self.border_title)

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the box and its table for the focus change only when a style rule
        depends on the box's focus: none of the reader's or Textual's does, and that
        restyle (of the box, its table and its scrollbars) is much of what ``?`` costs."""
        if self._focus_styled():
            super().watch_has_focus(has_focus)

    def _focus_styled(self) -> bool:
        """Whether a rule of the stylesheet has ``:focus`` on a selector that can match
        the box (by its type or a base's, its id, a class of it, or ``*``)."""
        names = {base.__name__ for base in type(self).__mro__}
        for rule in self.app.stylesheet.rules:
            if "focus" not in rule.pseudo_classes:
                continue
            for selectors in rule.selector_set:
                for selector in selectors.selectors:
                    if "focus" in selector.pseudo_classes and (
                        selector.type == SelectorType.UNIVERSAL
                        or (selector.type == SelectorType.TYPE and selector.name in names)
                        or (selector.type == SelectorType.ID and selector.name == self.id)
                        or (selector.type == SelectorType.CLASS and selector.name in self.classes)
                    ):
                        return True
        return False

    def compose(self) -> ComposeResult:
        yield HelpTable(help_table(self._keymap), id="help-table")

    @property
    def is_modal(self) -> bool:
        """While shown, the screen's and the app's bindings under it do not act."""
        return bool(self.display)

    def show(self, screen: Screen[object]) -> None:
        """Show the box centred on ``screen`` (mounting it there on first use), with
        the focus and the mouse."""
        self._centre(*box_size(*self.app.size))
        self._before = screen.focused
        self.display = True
        if self.is_attached:
            self._take_input()
        else:
            # First among the children: showing or hiding it then leaves the drawing order
            # of the others as it was, and only the region of the box is drawn again.
            screen.mount(self, before=0)

    def on_mount(self) -> None:
        self._take_input()

    def _take_input(self) -> None:
        self.focus(scroll_visible=False)
        self.capture_mouse()

    def action_close(self) -> None:
        """Hide the box; the focus goes back to where it was.

        What it covered is asked for again by its region, not left to the layout to
        find: hiding it repaints itself, which can rebuild Textual's map of the screen
        (when a repaint left it stale) before the layout compares the old map with the
        new, and then the layout sees no change and the box stays on the terminal.
        """
        self.release_mouse()
        covered = self.region
        self.display = False
        self.screen.refresh(covered)
        before, self._before = self._before, None
        self.screen.set_focus(before if before is not None and before.is_attached else None)

    def action_scroll(self, lines: int) -> None:
        """Scroll the help text."""
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def on_resize(self, event: Resize) -> None:
        """The terminal changed size: centred again on the new screen."""
        if self.display:
            self._centre(self.outer_size.width, self.outer_size.height)

    def _centre(self, width: int, height: int) -> None:
        screen_width, screen_height = self.app.size
        self.styles.offset = ((screen_width - width) // 2, (screen_height - height) // 2)


def show_help(screen: Screen[object], keymap: dict[str, str]) -> None:
    """Show the help box over ``screen`` (made on first use there)."""
    found = screen.query_children(HelpOverlay)
    (found.first() if found else HelpOverlay(dict(keymap))).show(screen)
