"""Enrichment collects the young generation less often, and puts the thresholds back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from newsreader.ingest.gc_threshold import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture
def default_thresholds() -> Iterator[tuple[int, int, int]]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*saved)


def test_raised_inside_and_put_back_after(default_thresholds: tuple[int, int, int]) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        with fewer_collections():
            assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # the outer one is still inside
    assert gc.get_threshold() == default_thresholds


def test_put_back_when_the_body_raises(default_thresholds: tuple[int, int, int]) -> None:
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("x")
    assert gc.get_threshold() == default_thresholds


def test_put_back_when_the_last_thread_leaves(default_thresholds: tuple[int, int, int]) -> None:
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with fewer_collections():
            entered.set()
            leave.wait()

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait()
    with fewer_collections():
        pass
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # the other thread is still inside
    leave.set()
    thread.join()
    assert gc.get_threshold() == default_thresholds


def test_collection_turned_off_stays_off(default_thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(0)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0
