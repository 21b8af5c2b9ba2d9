"""The escape delay the reader gives Textual: short, the user's own when set, not passed on."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tui.terminal import ESCAPE_DELAY_MS, escape_delay


def test_the_reader_s_delay_is_set_inside_the_block_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ESCDELAY", raising=False)
    with escape_delay():
        assert os.environ["ESCDELAY"] == str(ESCAPE_DELAY_MS)
    assert "ESCDELAY" not in os.environ  # a browser the reader starts keeps its own default


def test_a_delay_the_user_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCDELAY", "300")
    with escape_delay():
        assert os.environ["ESCDELAY"] == "300"
    assert os.environ["ESCDELAY"] == "300"


def test_textual_imported_in_the_block_waits_the_short_delay() -> None:
    script = (
        "import os\n"
        "from tui.terminal import escape_delay\n"
        "with escape_delay():\n"
        "    import textual.constants\n"
        "print(textual.constants.ESCAPE_DELAY, os.environ.get('ESCDELAY'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ESCDELAY"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [str(ESCAPE_DELAY_MS / 1000), "None"]
