"""Dates in imported files are checked on the way in; a stored date never breaks reading."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.models import ArticleQuery
from newsreader.store import Library

TEXT = "The lighthouse keepers of the fictional cape of Sorn counted nine ships at dawn. " * 8
HOSTILE_DATES = [
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "99999-01-01T00:00:00Z",
    "-0001-01-01T00:00:00Z",
]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_jsonl_records_with_out_of_range_dates_are_skipped_alone(
    tmp_path: Path, isolated_home: Path
) -> None:
    path = tmp_path / "ships.jsonl"
    records = [
        {"title": f"Ships {n}", "text": f"{TEXT} {n}", "published": date}
        for n, date in enumerate(HOSTILE_DATES)
    ]
    records.append({"title": "Far ahead", "text": TEXT + " ahead", "published": "2999-01-01"})
    records.append({"title": "Plain", "text": TEXT + " plain", "published": "2024-05-01"})
    path.write_text("\n".join(json.dumps(record) for record in records))
    result = run("import", str(path))
    assert result.exit_code == 1
    for number in (1, 2, 3, 4):
        assert f"line {number}: skipped: 'published' is not a date" in result.output
    assert result.output.splitlines()[-1].startswith("2 added")
    with Library(isolated_home / "library.sqlite") as library:
        rows = {row.title: row for row in library.list_articles(ArticleQuery())}
    assert set(rows) == {"Far ahead", "Plain"}
    ahead = rows["Far ahead"]
    assert ahead.published is not None and ahead.published <= ahead.added


@pytest.mark.parametrize(
    "stored",
    [253_402_343_999.0, 3e11, -62_135_647_200.0, -1e17, float("inf"), float("-inf"), "someday"],
)
def test_a_stored_date_never_breaks_reading(
    tmp_path: Path, isolated_home: Path, stored: object
) -> None:
    (tmp_path / "sorn").mkdir()
    (tmp_path / "sorn" / "ships.txt").write_text("Ships at dawn\n\n" + TEXT)
    assert run("import", str(tmp_path / "sorn")).exit_code == 0
    path = isolated_home / "library.sqlite"
    with sqlite3.connect(path) as conn:  # what an older version could have stored
        conn.execute("UPDATE articles SET published = ?, added = ?", (stored, stored))
        assert conn.execute(
            "UPDATE stories SET first_seen = ?, last_seen = ?", (stored, stored)
        ).rowcount
    with Library(path) as library:
        (row,) = library.list_articles(ArticleQuery())
    for hours in (-12, 0, 14):  # shown in any time zone without overflowing
        row.when.astimezone(timezone(timedelta(hours=hours)))
    assert run("list").exit_code == 0
    assert run("list", "--json").exit_code == 0
    assert run("show", str(row.id)).exit_code == 0
    assert run("show", str(row.id), "--json").exit_code == 0
    assert run("list", "--stories").exit_code == 0
    assert run("list", "--stories", "--json").exit_code == 0
