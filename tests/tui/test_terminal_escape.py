"""The escape delay the reader gives Textual: short, from the config, the user's ESCDELAY
when set, not passed on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.config import ConfigError, ReaderSettings, Settings, load_settings
from tui.terminal import escape_delay


def test_the_reader_s_delay_is_set_inside_the_block_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ESCDELAY", raising=False)
    with escape_delay(15):
        assert os.environ["ESCDELAY"] == "15"
    assert "ESCDELAY" not in os.environ  # a browser the reader starts keeps its own default


def test_a_delay_the_user_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCDELAY", "300")
    with escape_delay(15):
        assert os.environ["ESCDELAY"] == "300"
    assert os.environ["ESCDELAY"] == "300"


def test_the_default_is_short_as_tmux_s() -> None:
    # tmux 3.5's escape-time; Textual's own 100 ms is felt on every Esc.
    assert 5 <= Settings().reader.escape_delay_ms <= 25


def test_the_delay_is_a_setting(isolated_home: Path) -> None:
    config = Path(os.environ["NEWSREADER_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[reader]\nescape_delay_ms = 40\n")
    assert load_settings().reader.escape_delay_ms == 40
    config.write_text("[reader]\nescape_delay_ms = -1\n")
    with pytest.raises(ConfigError, match="escape_delay_ms"):
        load_settings()


def _textual_delay(delay_ms: int, env: dict[str, str]) -> list[str]:
    """Textual's escape delay and ESCDELAY afterwards, in a process loading Textual as the
    reader does with ``escape_delay_ms`` set to ``delay_ms``."""
    script = (
        "import os\n"
        "from newsreader.config import ReaderSettings, Settings\n"
        "from tui.app import load_textual\n"
        f"load_textual(Settings(reader=ReaderSettings(escape_delay_ms={delay_ms})))\n"
        "import textual.constants\n"
        "print(textual.constants.ESCAPE_DELAY, os.environ.get('ESCDELAY'))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.split()


def test_textual_waits_the_configured_delay() -> None:
    env = {k: v for k, v in os.environ.items() if k != "ESCDELAY"}
    assert _textual_delay(40, env) == ["0.04", "None"]
    assert _textual_delay(ReaderSettings().escape_delay_ms, env) == [
        str(ReaderSettings().escape_delay_ms / 1000),
        "None",
    ]


def test_escdelay_in_the_environment_wins() -> None:
    env = {**os.environ, "ESCDELAY": "250"}
    assert _textual_delay(40, env) == ["0.25", "250"]
