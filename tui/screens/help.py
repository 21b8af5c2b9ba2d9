"""The help (``?``): every key, generated from the keymap (with the user's remaps).

Shown as a box over the screen it is asked on (:mod:`tui.widgets.help_overlay`).
"""

from __future__ import annotations

from textual.app import App

from tui.widgets import help_overlay


def show_help(app: App[object], keymap: dict[str, str]) -> None:
    """Show every key over the current screen (the box is made once per screen)."""
    help_overlay.show_help(app.screen, keymap)
