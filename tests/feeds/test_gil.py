"""The refresh's shorter GIL switch interval is scoped to the refreshes running."""

from __future__ import annotations

import sys

from newsreader.feeds.gil import SWITCH_INTERVAL, quick_gil_handoff


def test_switch_interval_is_lowered_while_refreshes_run_and_then_restored() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        with quick_gil_handoff():
            assert sys.getswitchinterval() == SWITCH_INTERVAL
            with quick_gil_handoff():  # a second refresh at the same time
                assert sys.getswitchinterval() == SWITCH_INTERVAL
            assert sys.getswitchinterval() == SWITCH_INTERVAL  # the first still runs
        assert sys.getswitchinterval() == 0.005
    finally:
        sys.setswitchinterval(before)


def test_interval_is_restored_when_the_refresh_fails() -> None:
    before = sys.getswitchinterval()
    try:
        with quick_gil_handoff():
            raise RuntimeError("feed loop crashed")
    except RuntimeError:
        pass
    assert sys.getswitchinterval() == before
