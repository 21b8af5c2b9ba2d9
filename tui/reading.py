"""The reader's state and what each key does to it, as plain data: no Textual, no library.

:func:`update` takes the state and an event (a key's meaning, or a result) and
returns the new state with the jobs the screen must run: load a view, show a
pane, make a summary. Unit tests drive it without a terminal; the screen keeps
one :class:`ReaderState` and runs the jobs it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from tui.state import Filters, SummaryMode, SummaryPrefs

Pane = Literal["list", "article"]


@dataclass(frozen=True)
class ReaderState:
    """What the reader shows: filters, summary preferences, the pane in front."""

    filters: Filters
    prefs: SummaryPrefs
    pane: Pane = "list"
    #: Bumped by every new view; an answer for an older one is dropped.
    generation: int = 0


# -- events -------------------------------------------------------------------


@dataclass(frozen=True)
class SetFilters:
    """Show these filters (a topic picked, a search typed, a story or feed opened)."""

    filters: Filters
    keep_id: int | None = None


@dataclass(frozen=True)
class ToggleTopic:
    """A topic key: add the topic to the filters, or take it away."""

    name: str
    keep_id: int | None = None


@dataclass(frozen=True)
class ToggleFlag:
    """``u`` or ``'``: unread only, starred only."""

    flag: Literal["unread", "starred"]
    keep_id: int | None = None


@dataclass(frozen=True)
class Reload:
    """The library changed (a refresh, another process): same filters, cursor kept."""

    keep_id: int | None = None


@dataclass(frozen=True)
class Back:
    """``esc``: from the article to the list; in the list, clear the filters."""

    in_article: bool


@dataclass(frozen=True)
class ShowArticle:
    """``enter`` or ``tab`` towards the article, ``tab`` or ``h`` towards the list."""

    pane: Pane


@dataclass(frozen=True)
class ChangePrefs:
    """``+``/``-``, ``a`` or ``z``: ``sentences`` more, the next algorithm, the next mode."""

    sentences: int = 0
    algorithms: tuple[str, ...] = ()
    next_mode: bool = False


Event = SetFilters | ToggleTopic | ToggleFlag | Reload | Back | ShowArticle | ChangePrefs


# -- jobs ---------------------------------------------------------------------


@dataclass(frozen=True)
class LoadView:
    """Load the list for ``filters``, the cursor on ``keep_id`` when it is in view."""

    generation: int
    filters: Filters
    keep_id: int | None
    prefs: SummaryPrefs


@dataclass(frozen=True)
class ShowPane:
    """Bring ``pane`` to the front (and focus it)."""

    pane: Pane


@dataclass(frozen=True)
class Resummarise:
    """Make the shown article's summary again with ``prefs``."""

    prefs: SummaryPrefs


@dataclass(frozen=True)
class ShowMode:
    """Show the summary and the text, the summary only, or the text only."""

    mode: SummaryMode


Job = LoadView | ShowPane | Resummarise | ShowMode


def start(prefs: SummaryPrefs) -> tuple[ReaderState, tuple[Job, ...]]:
    """The state when the reader opens, and its first job: the whole library's view."""
    return _view(ReaderState(Filters(), prefs, generation=0), Filters(), None)


def update(state: ReaderState, event: Event) -> tuple[ReaderState, tuple[Job, ...]]:
    """The state after ``event`` and the jobs it calls for."""
    if isinstance(event, SetFilters):
        if event.filters == state.filters:
            return state, ()
        return _view(state, event.filters, event.keep_id)
    if isinstance(event, ToggleTopic):
        return _view(state, state.filters.toggle_topic(event.name), event.keep_id)
    if isinstance(event, ToggleFlag):
        filters = state.filters
        if event.flag == "unread":
            filters = replace(filters, unread=not filters.unread)
        else:
            filters = replace(filters, starred=not filters.starred)
        return _view(state, filters, event.keep_id)
    if isinstance(event, Reload):
        return _view(state, state.filters, event.keep_id)
    if isinstance(event, Back):
        if event.in_article:
            return replace(state, pane="list"), (ShowPane("list"),)
        if state.filters.active:
            return _view(replace(state, pane="list"), Filters(), None)
        return state, ()
    if isinstance(event, ShowArticle):
        return replace(state, pane=event.pane), (ShowPane(event.pane),)
    return _prefs(state, event)


def _prefs(state: ReaderState, event: ChangePrefs) -> tuple[ReaderState, tuple[Job, ...]]:
    if event.next_mode:
        prefs = state.prefs.next_mode()
        return replace(state, prefs=prefs), (ShowMode(prefs.mode),)
    prefs = state.prefs.longer(event.sentences) if event.sentences else state.prefs
    if event.algorithms:
        prefs = prefs.next_algorithm(event.algorithms)
    if prefs == state.prefs:
        return state, ()
    return replace(state, prefs=prefs), (Resummarise(prefs),)


def _view(
    state: ReaderState, filters: Filters, keep_id: int | None
) -> tuple[ReaderState, tuple[Job, ...]]:
    generation = state.generation + 1
    new = replace(state, filters=filters, generation=generation)
    return new, (LoadView(generation, filters, keep_id, state.prefs),)
