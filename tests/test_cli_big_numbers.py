"""Numbers SQLite cannot hold and timeouts that cannot work are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.config import ConfigError, load_settings

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", HUGE], f"no article with id {HUGE}"),
        (["show", HUGE, "--json"], f"no article with id {HUGE}"),
        (["show", "--", "-" + HUGE], f"no article with id -{HUGE}"),
        (["remove", HUGE], f"no subscribed feed matches '{HUGE}'"),
        (["fetch", HUGE], f"no subscribed feed matches '{HUGE}'"),
    ],
)
def test_ids_past_64_bits_are_one_line_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {message}")


@pytest.mark.parametrize("key", ["read_timeout", "connect_timeout", "max_retry_after"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1"])
def test_timeouts_that_cannot_work_are_rejected_by_name(
    isolated_home: Path, key: str, value: str
) -> None:
    (isolated_home / "config.toml").write_text(f"[feeds]\n{key} = {value}\n")
    if key == "max_retry_after" and value == "0":
        assert load_settings().feeds.max_retry_after == 0  # never wait: allowed
        return
    with pytest.raises(ConfigError, match=f"feeds.{key}: must"):
        load_settings()
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 1 and f"feeds.{key}" in result.output
    assert len(result.output.strip().splitlines()) == 1
