"""The command line: help, version, listing, showing, stats, exit codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsreader import __version__
from newsreader.cli import main
from newsreader.models import NewArticle
from newsreader.store import Library

HOSTILE = "[bold red]x[/] \x1b[2J\x1b]52;c;aGk=\x07 \x1b]8;;http://evil/\x1b\\click"


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.fixture
def filled(isolated_home: Path) -> Path:
    path = isolated_home / "library.sqlite"
    with Library(path) as lib:
        lib.add_article(
            NewArticle(
                title="Harbour council approves ferry",
                text="The council voted on Monday.",
                source_name="Courier",
                topics=("politics",),
                published=datetime(2026, 11, 1, tzinfo=UTC),
                url="https://example.com/a",
            )
        )
        lib.add_article(
            NewArticle(
                title=HOSTILE,
                text="Body " + HOSTILE,
                source_name="Evil \x1b[31mOutlet",
                published=datetime(2026, 11, 2, tzinfo=UTC),
            )
        )
    return path


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_every_command_has_help() -> None:
    for path in all_commands(main):
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["list", "--limit", "zero"])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2


def test_list_plain_output_is_one_line_per_article_and_safe(filled: Path) -> None:
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert lines[1].endswith("Harbour council approves ferry")
    assert "[bold red]x[/]" in lines[0]  # shown literally, never interpreted


def test_list_filters_and_json(filled: Path) -> None:
    result = CliRunner().invoke(main, ["list", "--topic", "politics", "--json"])
    data = json.loads(result.output)
    assert [item["title"] for item in data] == ["Harbour council approves ferry"]
    assert data[0]["published"] == "2026-11-01T00:00:00+00:00"
    result = CliRunner().invoke(main, ["list", "--search", "ferry", "--limit", "1", "--json"])
    assert len(json.loads(result.output)) == 1
    result = CliRunner().invoke(main, ["list", "--starred", "--json"])
    assert json.loads(result.output) == []


def test_show_prints_article_and_json(filled: Path) -> None:
    result = CliRunner().invoke(main, ["show", "1"])
    assert result.exit_code == 0
    assert "Harbour council approves ferry" in result.output
    assert "The council voted on Monday." in result.output
    data = json.loads(CliRunner().invoke(main, ["show", "2", "--json"]).output)
    assert data["id"] == 2 and data["topics"] == []
    hostile = CliRunner().invoke(main, ["show", "2"])
    assert "\x1b" not in hostile.output and "\x07" not in hostile.output


def test_show_missing_article_is_one_line_error(filled: Path) -> None:
    result = CliRunner().invoke(main, ["show", "99"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no article with id 99"


def test_stats_counts_sources_and_topics(filled: Path) -> None:
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 0
    assert "articles: 2 (2 unread, 0 starred)" in result.output
    assert "import: Courier" in result.output
    assert "politics" in result.output
    assert str(filled) in result.output


def test_library_option_moves_the_library(tmp_path: Path, filled: Path) -> None:
    other = tmp_path / "elsewhere" / "lib.sqlite"
    result = CliRunner().invoke(main, ["--library", str(other), "stats"])
    assert result.exit_code == 0
    assert "articles: 0" in result.output
    assert other.exists()


def test_broken_library_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 200)
    result = CliRunner().invoke(main, ["--library", str(bad), "list"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
