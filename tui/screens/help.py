"""The help screen: every key, generated from the keymap (with the user's remaps)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from tui.keymap import KEYS, display, effective_keys
from tui.widgets.help_table import HelpTable


def help_table(keymap: dict[str, str]) -> Table:
    """A table of every binding: group, keys, what it does, its id for ``[keys]``."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
    table.add_column(Text("Keys"), no_wrap=True)
    table.add_column(Text("Does"))
    table.add_column(Text("id ([keys])"), style="dim", no_wrap=True)
    group = ""
    for key in KEYS:
        if key.id.startswith("topic_") and key.id != "topic_1" and key.id != "topic_picker":
            continue
        if key.group != group:
            group = key.group
            table.add_row(Text(group, style="bold underline"), Text(""), Text(""))
        keys = display(effective_keys(key, keymap))
        description = key.description
        ident = key.id
        if key.id == "topic_1":
            keys, ident = "1 … 9", "topic_1…9"
            description = "Toggle a numbered topic (several combine)"
        table.add_row(Text(keys), Text(description), Text(ident))
    return table


class HelpScreen(ModalScreen[None]):
    """All the reader's keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Scroll", show=False, id="help.up"),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = Text("Keys (remap with a [keys] table in the config file)")
            yield HelpTable(help_table(self._keymap), id="help-table")

    def action_scroll(self, lines: int) -> None:
        """Scroll the help text."""
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_to(y=box.scroll_y + lines, animate=False)


def show_help(app: App[object], keymap: dict[str, str]) -> None:
    """Show the help screen, made once per app (laying out its table is the slow part)."""
    if not app.is_screen_installed("help"):
        app.install_screen(HelpScreen(dict(keymap)), "help")
    app.push_screen("help")
