"""``newsreader import`` on the command line: lines, totals, exit codes, interruptions."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.models import ArticleQuery
from newsreader.store import Library


def _story(n: int) -> str:
    return f"Story number {n}\nThe text of story {n} mentions the marker zq{n:05d}x and ends.\n"


def _write_stories(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:05d}.txt").write_text(_story(n), encoding="utf-8")
    return folder


def _invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _library(home: Path) -> Library:
    return Library(home / "library.sqlite")


def test_one_line_per_file_and_totals(tmp_path: Path, isolated_home: Path) -> None:
    folder = _write_stories(tmp_path / "news", 2)
    (folder / "notes.pdf").write_bytes(b"%PDF")
    result = _invoke("import", str(folder))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{folder}/00000.txt: added: Story number 0",
        f"{folder}/00001.txt: added: Story number 1",
        "2 added, 0 already present, 0 skipped; 2 files read, 1 of other types ignored",
    ]
    again = _invoke("import", str(folder / "00000.txt"))
    assert again.exit_code == 0
    assert again.output.splitlines() == [
        f"{folder}/00000.txt: already present: Story number 0",
        "0 added, 1 already present, 0 skipped; 1 file read",
    ]
    with _library(isolated_home) as library:
        rows = library.list_articles(ArticleQuery())
        assert sorted(row.title for row in rows) == ["Story number 0", "Story number 1"]
        assert {row.source for row in rows} == {"news"}


def test_bad_input_exits_1_and_names_the_reasons(tmp_path: Path) -> None:
    good = _write_stories(tmp_path / "ok", 1) / "00000.txt"
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = _invoke("import", str(good), str(tmp_path / "empty.txt"), str(tmp_path / "no.md"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1:] == [
        f"{tmp_path}/empty.txt: skipped: empty file",
        f"{tmp_path}/no.md: skipped: no such file or folder",
        "1 added, 0 already present, 2 skipped (empty file: 1, not found: 1); 3 files read",
    ]


def test_topic_is_added_to_every_article(tmp_path: Path, isolated_home: Path) -> None:
    folder = _write_stories(tmp_path / "news", 2)
    result = _invoke("import", "--topic", "Local", "--topic", "harbour", str(folder))
    assert result.exit_code == 0
    with _library(isolated_home) as library:
        assert library.count_articles(ArticleQuery(topics=("Local", "harbour"))) == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _invoke("import").exit_code == 2
    blank = _invoke("import", "--topic", " ", str(tmp_path))
    assert blank.exit_code == 2
    assert "a topic name cannot be empty" in blank.output
    help_text = _invoke("import", "--help")
    assert help_text.exit_code == 0
    assert ".jsonl" in help_text.output and "--topic" in help_text.output


def test_progress_bar_on_a_terminal_keeps_the_result_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.cli.import_cmd as import_cmd

    folder = _write_stories(tmp_path / "many", import_cmd.PROGRESS_MIN_FILES + 5)
    monkeypatch.setattr(import_cmd, "is_terminal", lambda: True)
    result = _invoke("import", str(folder))
    assert result.exit_code == 0, result.output
    added = [line for line in result.output.splitlines() if ": added: Story number" in line]
    assert len(added) == import_cmd.PROGRESS_MIN_FILES + 5
    assert "25 added, 0 already present, 0 skipped; 25 files read" in result.output


def test_ctrl_c_prints_one_line_exits_130_and_keeps_the_library_consistent(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write_stories(tmp_path / "news", 5)
    real_add = Library.add_article
    calls = []

    def interrupted_add(self, new, **kwargs):
        calls.append(new.title)
        if len(calls) == 3:  # Ctrl-C while the third article is being stored
            raise KeyboardInterrupt
        return real_add(self, new, **kwargs)

    monkeypatch.setattr(Library, "add_article", interrupted_add)
    result = CliRunner().invoke(main, ["import", str(folder)])
    assert result.exit_code == 130
    assert result.stderr.splitlines() == [
        "interrupted: 2 added before Ctrl-C; the library is consistent"
    ]
    monkeypatch.setattr(Library, "add_article", real_add)
    with _library(isolated_home) as library:
        assert library.count_articles(ArticleQuery()) == 2
        assert library.consistency_problems() == []


def test_a_file_that_cannot_be_stored_fails_alone_among_files_stored_together(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    folder = _write_stories(tmp_path / "news", 5)
    real_add = Library.add_article

    def failing_add(self, new, **kwargs):
        if new.title == "Story number 2":
            raise sqlite3.OperationalError("disk I/O error")
        return real_add(self, new, **kwargs)

    monkeypatch.setattr(Library, "add_article", failing_add)
    result = _invoke("import", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line for line in lines if "skipped" in line and ".txt" in line] == [
        f"{folder}/00002.txt: skipped: could not store: {isolated_home / 'library.sqlite'}:"
        " cannot write (disk I/O error); nothing was written"
    ]
    assert lines[-1].startswith("4 added, 0 already present, 1 skipped")
    monkeypatch.setattr(Library, "add_article", real_add)
    with _library(isolated_home) as library:
        titles = sorted(row.title for row in library.list_articles(ArticleQuery()))
        assert titles == [f"Story number {n}" for n in (0, 1, 3, 4)]
        assert library.count_pending_enrichment() == 0
        assert library.consistency_problems() == []


def test_many_files_are_all_stored_and_reported_in_order(
    tmp_path: Path, isolated_home: Path
) -> None:
    from newsreader.ingest.imports import FILES_PER_TRANSACTION

    total = FILES_PER_TRANSACTION * 2 + 7  # two whole transactions and a part of one
    folder = _write_stories(tmp_path / "many", total)
    result = _invoke("import", "--no-enrich", str(folder))
    assert result.exit_code == 0, result.output
    added = [line for line in result.output.splitlines() if ": added: " in line]
    assert added == [f"{folder}/{n:05d}.txt: added: Story number {n}" for n in range(total)]
    with _library(isolated_home) as library:
        assert library.count_articles(ArticleQuery()) == total
        assert library.count_pending_enrichment() == total
        assert library.consistency_problems() == []


def _default_sigint() -> None:
    # A suite run with SIGINT ignored (under nohup, say) must still test Ctrl-C:
    # the child gets the default handler, so Python installs KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_import(library: Path, folder: Path) -> tuple[subprocess.Popen[str], IO[str]]:
    """Start ``newsreader import`` writing its lines into a one-page pipe.

    The pipe holds 4 KB, so once the test stops reading, the import blocks on
    its next lines, long before it could store every file: the signal always
    reaches an import that is still running.
    """
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsreader.cli import main; main()",
            "--library",
            str(library),
            "import",
            str(folder),
        ],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"},
        preexec_fn=_default_sigint,
    )
    os.close(write_end)
    return process, os.fdopen(read_end, encoding="utf-8")


def _read_added(lines: IO[str], count: int) -> None:
    added = 0
    while added < count:
        line = lines.readline()
        assert line, "the import ended before it could be interrupted"
        added += ": added: " in line


def _assert_consistent(library_path: Path, total: int) -> int:
    with Library(library_path) as library:
        assert library.consistency_problems() == []
        rows = library.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert library.count_articles(ArticleQuery()) == rows
        assert 0 < rows < total
        for row in library.list_articles(ArticleQuery(), limit=total):
            article = library.get_article(row.id)
            n = int(article.title.rsplit(" ", 1)[1])
            assert article.text == _story(n).split("\n", 1)[1].strip()
            found = library.list_articles(ArticleQuery(search=f"zq{n:05d}x"))
            assert [hit.id for hit in found] == [row.id]
        return rows


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_an_interrupted_import_leaves_every_article_whole(tmp_path: Path, how: str) -> None:
    total = 300
    folder = _write_stories(tmp_path / "many", total)
    library = tmp_path / "lib" / "library.sqlite"
    process, lines = _start_import(library, folder)
    try:
        _read_added(lines, 10)
        process.send_signal(getattr(signal, how))
        rest = lines.read()  # drains the pipe, so the interrupted import can exit
        stderr = process.stderr.read() if process.stderr else ""
        process.wait(timeout=60)
    finally:
        lines.close()
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in stderr + rest
    if how == "SIGKILL":
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == 130
        last = stderr.strip().splitlines()[-1]
        assert last.startswith("interrupted: ")
        assert last.endswith(" added before Ctrl-C; the library is consistent")
    stored = _assert_consistent(library, total)
    # A second run picks up where the first stopped: nothing twice, nothing lost.
    rerun = CliRunner().invoke(main, ["--library", str(library), "import", str(folder)])
    assert rerun.exit_code == 0
    assert f"{total - stored} added, {stored} already present" in rerun.output
    with Library(library) as done:
        assert done.count_articles(ArticleQuery()) == total
        assert done.consistency_problems() == []


def test_json_import_from_the_command_line(tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps({"title": "Wire story", "text": "Body.", "source": "Example Wire"})
        + "\n{oops\n",
        encoding="utf-8",
    )
    result = _invoke("import", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"{path}: added 1, already present 0, skipped 1",
        f"{path} line 2: skipped: invalid JSON at column 2: Expecting property name enclosed in"
        " double quotes",
    ]
    with _library(isolated_home) as library:
        assert [row.source for row in library.list_articles(ArticleQuery())] == ["Example Wire"]


def test_an_edited_file_updates_its_article(tmp_path: Path, isolated_home: Path) -> None:
    path = _write_stories(tmp_path / "news", 1) / "00000.txt"
    assert _invoke("import", str(path)).exit_code == 0
    path.write_text("Story number 0\nThe text was corrected after publication.\n", "utf-8")
    result = _invoke("import", str(path))
    assert result.output.splitlines()[0] == f"{path}: updated: Story number 0"
    assert "0 added, 0 already present, 1 updated, 0 skipped" in result.output
    with _library(isolated_home) as library:
        [row] = library.list_articles(ArticleQuery())
        assert library.get_article(row.id).text == "The text was corrected after publication."


def test_html_that_yields_nothing_is_skipped_quietly(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        f"{path}: skipped: no article text (only boilerplate or markup)"
    )
