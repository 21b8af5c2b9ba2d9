"""A bad record of a JSON Lines file skips that line, named by its number; the rest goes in."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.models import ArticleQuery
from newsreader.store import Library

TEXT = "The glassblowers of the fictional town of Vell opened their workshops to visitors. " * 6
DEEP = "[" * 100_000 + "]" * 100_000


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_deeply_nested_line_is_skipped_alone(tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "vell.jsonl"
    lines = [
        json.dumps({"title": "Open workshops", "text": TEXT}),
        DEEP,
        '{"title": "Deep text", "text": ' + DEEP + "}",
        json.dumps({"title": "Far date", "text": TEXT + " date", "published": 1e300}),
        json.dumps({"title": "Second day", "text": TEXT + " second"}),
    ]
    path.write_text("\n".join(lines))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{path} line 2: skipped: invalid JSON: nested too deeply" in result.output
    assert f"{path} line 3: skipped: invalid JSON: nested too deeply" in result.output
    assert f"{path} line 4: skipped: 'published' is not a date" in result.output
    assert result.output.splitlines()[-1].startswith("2 added")
    with Library(isolated_home / "library.sqlite") as library:
        titles = {row.title for row in library.list_articles(ArticleQuery())}
    assert titles == {"Open workshops", "Second day"}


def test_a_deeply_nested_json_file_is_one_line_skip(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert f"{path}: skipped: invalid JSON: nested too deeply" in result.output
