"""The reader's state machine (tui.reading) driven without a terminal: events in, jobs out."""

from __future__ import annotations

from tui import reading
from tui.reading import (
    Back,
    ChangePrefs,
    LoadView,
    Reload,
    Resummarise,
    SetFilters,
    ShowArticle,
    ShowMode,
    ShowPane,
    ToggleFlag,
    ToggleTopic,
)
from tui.state import Filters, SummaryPrefs

PREFS = SummaryPrefs(algorithm="newsrank", sentences=3)


def test_start_loads_the_whole_library() -> None:
    state, jobs = reading.start(PREFS)
    assert jobs == (LoadView(state.generation, Filters(), None, PREFS),)
    assert state.pane == "list" and not state.filters.active


def test_each_filter_change_is_a_new_view_keeping_the_cursor() -> None:
    state, _ = reading.start(PREFS)
    state, jobs = reading.update(state, ToggleTopic("sport", keep_id=7))
    assert state.filters.topics == ("sport",)
    assert jobs == (LoadView(state.generation, state.filters, 7, PREFS),)
    first = state.generation
    state, jobs = reading.update(state, ToggleFlag("unread", keep_id=7))
    assert state.generation == first + 1 and state.filters.unread
    state, jobs = reading.update(state, ToggleTopic("SPORT"))  # the same topic, any case
    assert state.filters.topics == () and state.filters.unread
    state, jobs = reading.update(state, Reload(keep_id=3))
    assert jobs == (LoadView(state.generation, state.filters, 3, PREFS),)


def test_the_same_filters_again_load_nothing() -> None:
    state, _ = reading.start(PREFS)
    assert reading.update(state, SetFilters(Filters())) == (state, ())


def test_escape_goes_back_then_clears_then_does_nothing() -> None:
    state, _ = reading.start(PREFS)
    state, _ = reading.update(state, ToggleFlag("starred"))
    state, jobs = reading.update(state, ShowArticle("article"))
    assert state.pane == "article" and jobs == (ShowPane("article"),)
    state, jobs = reading.update(state, Back(in_article=True))
    assert state.pane == "list" and jobs == (ShowPane("list"),)
    assert state.filters.starred  # the first escape keeps the filters
    state, jobs = reading.update(state, Back(in_article=False))
    assert not state.filters.active
    assert [type(job) for job in jobs] == [LoadView]
    assert reading.update(state, Back(in_article=False)) == (state, ())


def test_summary_preferences_ask_for_a_new_summary_only_when_they_change() -> None:
    state, _ = reading.start(PREFS)
    state, jobs = reading.update(state, ChangePrefs(sentences=1))
    assert state.prefs.sentences == 4 and jobs == (Resummarise(state.prefs),)
    state, jobs = reading.update(state, ChangePrefs(algorithms=("newsrank", "lexrank")))
    assert state.prefs.algorithm == "lexrank" and jobs == (Resummarise(state.prefs),)
    at_most = SummaryPrefs("newsrank", sentences=10)
    state = reading.ReaderState(Filters(), at_most)
    assert reading.update(state, ChangePrefs(sentences=1)) == (state, ())
    state, jobs = reading.update(state, ChangePrefs(next_mode=True))
    assert jobs == (ShowMode("summary"),) and state.prefs.mode == "summary"
