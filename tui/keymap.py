"""The reader's keys as data: one row per binding id.

A ``[keys]`` table in the config file remaps any of these ids
(``star = "s,f"``); Textual applies it through :meth:`App.set_keymap`.
The help screen and the command palette are generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One binding: its id (the name used in ``[keys]``), keys, action and help text."""

    id: str
    keys: str
    action: str
    description: str
    group: str
    #: Short label shown in the footer; the help screen shows ``description``.
    label: str = ""


_TOPICS = tuple(
    Key(f"topic_{n}", str(n), f"toggle_topic({n})", f"Toggle topic {n}", "Filters")
    for n in range(1, 10)
)

KEYS: tuple[Key, ...] = (
    Key("down", "j,down", "cursor(1)", "Next article / scroll the text down", "Move"),
    Key("up", "k,up", "cursor(-1)", "Previous article / scroll the text up", "Move"),
    Key("next_article", "J", "next_article(1)", "Next article, from anywhere", "Move"),
    Key("previous_article", "K", "next_article(-1)", "Previous article, from anywhere", "Move"),
    Key("next_unread", "n", "next_unread(1)", "Next unread article", "Move", "Next unread"),
    Key("previous_unread", "p", "next_unread(-1)", "Previous unread article", "Move"),
    Key("first", "g,home", "first", "First article / top of the text", "Move"),
    Key("last", "G,end", "last", "Last article / end of the text", "Move"),
    Key("page_down", "pagedown", "page(1)", "Page down (the list or the text)", "Move"),
    Key("page_up", "pageup", "page(-1)", "Page up (the list or the text)", "Move"),
    Key("text_down", "space", "text_page(1)", "Page the article text down", "Move"),
    Key("text_up", "b", "text_page(-1)", "Page the article text up", "Move"),
    Key("open", "enter,l", "open", "Open the article (marks it read)", "Move", "Open"),
    Key("back", "escape,h", "back", "Back to the list; in the list, clear filters", "Move"),
    Key("switch_pane", "tab", "switch_pane", "Switch pane", "Move"),
    *_TOPICS,
    Key("topic_picker", "t", "topic_picker", "Pick a topic (fuzzy search)", "Filters", "Topic"),
    Key("clear_filters", "0", "clear_filters", "Clear filters", "Filters"),
    Key("search", "slash", "search", "Search (full text)", "Filters", "Search"),
    Key("unread_only", "u", "toggle_unread", "Unread only", "Filters", "Unread"),
    Key("starred_only", "apostrophe", "toggle_starred_only", "Starred only", "Filters"),
    Key("toggle_read", "m", "toggle_read", "Mark read / unread", "Article"),
    Key("mark_view_read", "A", "mark_view_read", "Mark all in view (a feed) read", "Article"),
    Key("mark_all_read", "C", "mark_all_read", "Mark every article read", "Article"),
    Key("undo", "U", "undo", "Undo the last A or C", "Article"),
    Key("star", "s", "toggle_star", "Star / unstar", "Article", "Star"),
    Key("open_link", "o", "open_link", "Open the link in the browser", "Article"),
    Key("copy_link", "y", "copy_link", "Copy the link (OSC 52)", "Article"),
    Key("summary_longer", "plus,equals_sign", "summary_length(1)", "Longer summary", "Summary"),
    Key("summary_shorter", "minus", "summary_length(-1)", "Shorter summary", "Summary"),
    Key("next_algorithm", "a", "next_algorithm", "Next summary algorithm", "Summary"),
    Key("summary_mode", "z", "summary_mode", "Summary only / full text", "Summary", "Summary"),
    Key("stories", "T", "toggle_stories", "Story view: one row per story", "Library"),
    Key("feeds", "f", "feeds", "Feeds: unread and total per source", "Library", "Feeds"),
    Key("refresh", "r", "refresh", "Refresh feeds", "Library"),
    Key("help", "question_mark", "help", "Help: all keys", "Library", "Help"),
    Key("suspend", "ctrl+z", "suspend", "Suspend to the shell (fg comes back)", "Library"),
    Key("quit", "q", "quit", "Quit", "Library", "Quit"),
)

KEY_IDS = frozenset(key.id for key in KEYS)


def bindings(ids: tuple[str, ...] = ()) -> list[BindingType]:
    """Textual bindings for :data:`KEYS` (those of ``ids`` only, if given), each with its id."""
    return [
        Binding(
            key.keys,
            key.action,
            key.label or key.description,
            show=bool(key.label),
            tooltip=key.description,
            id=key.id,
        )
        for key in KEYS
        if not ids or key.id in ids
    ]


def check_keymap(keymap: dict[str, str]) -> list[str]:
    """One line per unknown binding id in a user keymap (empty when all are known)."""
    return [
        f"keys: unknown binding id {name!r} (known: {', '.join(sorted(KEY_IDS))})"
        for name in keymap
        if name not in KEY_IDS
    ]


def effective_keys(key: Key, keymap: dict[str, str]) -> str:
    """The keys that trigger ``key`` once the user keymap is applied."""
    return keymap.get(key.id, key.keys)


def display(keys: str) -> str:
    """Keys as a person reads them: ``"question_mark,f1"`` -> ``"? f1"``."""
    from textual.keys import format_key

    return " ".join(format_key(k.strip()) for k in keys.split(",") if k.strip())
