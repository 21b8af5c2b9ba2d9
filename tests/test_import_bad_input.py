"""Bad input: one clear line per file, nothing half-written, and the import goes on."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from newsreader.config import LibrarySettings, Settings
from newsreader.importers import files
from newsreader.importers.files import Found, Ignored, Problem, walk
from newsreader.importers.readers import importable
from newsreader.importers.runner import FileReport, Importer, Summary
from newsreader.models import ArticleQuery

GOOD = "A good headline\nThe harbour in Exampleton reopened on Monday after repairs.\n"


def _run(
    library, *paths: Path, settings: Settings | None = None
) -> tuple[list[FileReport], Summary]:
    importer = Importer(library, settings or Settings())
    summary = Summary()
    reports = []
    for entry in walk([str(p) for p in paths], importable):
        if isinstance(entry, Ignored):
            summary.ignored += 1
            continue
        report = importer.run_entry(entry)
        summary.count(report)
        reports.append(report)
    return reports, summary


def _one(library, path: Path, settings: Settings | None = None) -> FileReport:
    reports, _ = _run(library, path, settings=settings)
    assert len(reports) == 1
    return reports[0]


def _skip_line(report: FileReport) -> str:
    lines = report.lines()
    assert len(lines) == 1, lines
    assert ": skipped: " in lines[0]
    return lines[0]


def test_the_import_goes_on_after_bad_files(tmp_path: Path, library) -> None:
    (tmp_path / "a-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "b-good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "d-blank.md").write_text(" \n\t\n  \n", encoding="utf-8")
    reports, summary = _run(library, tmp_path, tmp_path / "missing.txt")
    assert [Path(r.display).name for r in reports] == [
        "a-binary.txt",
        "b-good.txt",
        "c-empty.txt",
        "d-blank.md",
        "missing.txt",
    ]
    assert summary.added == 1
    assert summary.skipped == {"binary file": 1, "empty file": 2, "not found": 1}
    assert summary.failed
    assert (
        "1 added, 0 already present, 4 skipped (binary file: 1, empty file: 2, not found: 1)"
        in summary.line()
    )
    assert library.count_articles(ArticleQuery()) == 1


def test_binary_files(tmp_path: Path, library) -> None:
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Looks like text\x00but has a NUL byte")
    controls = tmp_path / "controls.md"
    controls.write_bytes(bytes(range(1, 32)) * 50 + b"text")
    assert "binary file (contains NUL bytes)" in _skip_line(_one(library, nul))
    assert "binary file (" in _skip_line(_one(library, controls))
    assert library.is_empty()


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path, library) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("Café “news” headline\nThe text goes on ".encode() + b"\xff here.\n")
    report = _one(library, path)
    assert report.warnings and "invalid UTF-8" in report.warnings[0]
    assert report.lines()[0].endswith("1 bad byte sequence(s) replaced with '\ufffd'")
    article = library.get_article(report.article_ids[0])
    assert article.title == "Café “news” headline"
    assert article.text == "The text goes on \ufffd here."


def test_windows_1252_and_latin1_fallback(tmp_path: Path, library) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café “news” headline\nSoña said €5.\n".encode("cp1252"))
    report = _one(library, path)
    assert report.warnings == ["not valid UTF-8: read as Windows-1252 (Latin-1)"]
    article = library.get_article(report.article_ids[0])
    assert (article.title, article.text) == ("Café “news” headline", "Soña said €5.")
    undefined = tmp_path / "latin1.txt"  # 0x81 has no Windows-1252 character
    undefined.write_bytes(b"Caf\xe9 headline\nThe text\x81 ends here.\n")
    report = _one(library, undefined)
    assert report.warnings == ["not valid UTF-8: read as Latin-1"]
    article = library.get_article(report.article_ids[0])
    assert (article.title, article.text) == ("Café headline", "The text ends here.")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_and_utf16(tmp_path: Path, library, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes("Ünïcode headline\nThe text: naïve “quotes” — done.\n".encode(encoding))
    report = _one(library, path)
    assert report.warnings == [] and report.skipped == []
    article = library.get_article(report.article_ids[0])
    assert (article.title, article.text) == ("Ünïcode headline", "The text: naïve “quotes” — done.")


def test_files_over_the_size_cap_are_refused_before_reading(
    tmp_path: Path, library, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(5_000_001)  # sparse: over the 5 MB default
    small_cap = Settings(library=LibrarySettings(max_import_bytes=100))
    medium = tmp_path / "medium.json"
    medium.write_text(json.dumps({"title": "T", "text": "x" * 200}), encoding="utf-8")

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the cap was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    line = _skip_line(_one(library, big))
    assert (
        "too large: 5.0 MB is over the 5.0 MB import limit (setting library.max_import_bytes)"
        in line
    )
    assert "too large: 226 bytes is over the 100 bytes import limit" in _skip_line(
        _one(library, medium, settings=small_cap)
    )


def test_unreadable_file_and_folder(
    tmp_path: Path, library, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "locked-folder"
    folder.mkdir()
    (folder / "inside.txt").write_text(GOOD, encoding="utf-8")
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def deny_scandir(path):
        if Path(path).name == "locked-folder":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(files.os, "open", deny_open)
    monkeypatch.setattr(files.os, "scandir", deny_scandir)
    assert _skip_line(_one(library, locked)).endswith("skipped: cannot read: Permission denied")
    assert _skip_line(_one(library, folder)).endswith(
        "locked-folder: skipped: cannot read folder: Permission denied"
    )
    assert library.is_empty()


def test_links_missing_paths_and_special_files(tmp_path: Path, library) -> None:
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "broken symbolic link (points to " in _skip_line(_one(library, broken))
    assert _skip_line(_one(library, folder)).startswith(f"{folder}/dangling.md: skipped: broken")
    assert _skip_line(_one(library, tmp_path / "nope")).endswith("skipped: no such file or folder")
    assert _skip_line(_one(library, fifo)).endswith(
        "skipped: not a regular file (a device, socket or pipe)"
    )
    unsupported = tmp_path / "paper.pdf"
    unsupported.write_bytes(b"%PDF-1.4")
    assert _skip_line(_one(library, unsupported)).endswith("unsupported file type '.pdf'")


def test_folders_walk_sorted_skip_hidden_ignore_others_and_survive_loops(
    tmp_path: Path, library
) -> None:
    root = tmp_path / "news"
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text(GOOD, encoding="utf-8")
    (root / ".dotfile.txt").write_text(GOOD, encoding="utf-8")
    (root / "a.txt").write_text("Story A\nText of story A.\n", encoding="utf-8")
    (root / "b" / "c.md").write_text("# Story C\n\nText of story C.\n", encoding="utf-8")
    (root / "d.txt").write_text("Story D\nText of story D.\n", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "b" / "loop").symlink_to(root)  # a link back up: must not loop
    (root / "b" / "self").symlink_to(root / "b")
    entries = list(walk([str(root)], importable))
    found = [Path(e.display).relative_to(root).as_posix() for e in entries if isinstance(e, Found)]
    assert found == ["a.txt", "b/c.md", "d.txt"]
    assert [Path(e.display).name for e in entries if isinstance(e, Ignored)] == ["photo.jpg"]
    assert not [e for e in entries if isinstance(e, Problem)]
    hidden, summary = _run(library, root / ".dotfile.txt")  # named explicitly: imported
    assert summary.added == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"title": "T", "text": "x",}',
            "invalid JSON at line 1 column 28: Expecting property name",
        ),
        ('[{"title": "T"', "invalid JSON at line 1 column 15"),
        ('"just a string"', "expected an object or an array of objects, got a string"),
        ('{"text": "Body."}', "missing 'title'"),
        ('{"title": "T"}', "missing 'text'"),
        ('{"title": "  ", "text": "Body."}', "'title' is empty"),
        ('{"title": 5, "text": "Body."}', "'title' must be a string, got a number"),
        (
            '{"title": "T", "text": "Body.", "published": "yesterday"}',
            "'published' is not a date: 'yesterday'",
        ),
        ('{"title": "T", "text": "Body.", "topics": [1, 2]}', "'topics' must be a list of strings"),
        ('{"title": "T", "text": "Body.", "url": ["x"]}', "'url' must be a string, got an array"),
        ('{"title": "T", "text": "Advertisement"}', "'text' has no article text after cleaning"),
        ("[]", "empty JSON array"),
    ],
)
def test_bad_json_files(tmp_path: Path, library, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert message in _skip_line(_one(library, path))
    assert library.is_empty()


def test_bad_jsonl_lines_are_reported_one_by_one_and_the_rest_is_stored(
    tmp_path: Path, library
) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "One", "text": "First story."}),
        "{not json",
        "",
        json.dumps({"title": "Three"}),
        json.dumps(["an", "array"]),
        json.dumps({"title": "Six", "text": "Sixth story."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    report = _one(library, path)
    name = str(path)
    assert report.lines() == [
        f"{name}: added 2, already present 0, skipped 3",
        f"{name} line 2: skipped: invalid JSON at column 2: Expecting property name enclosed"
        " in double quotes",
        f"{name} line 4: skipped: missing 'text'",
        f"{name} line 5: skipped: expected a JSON object, got an array",
    ]
    assert report.failed
    assert sorted(r.title for r in library.list_articles(ArticleQuery())) == ["One", "Six"]


def test_a_json_array_with_a_bad_item_names_it(tmp_path: Path, library) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"title": "A", "text": "a."}, {"title": "B"}]), encoding="utf-8")
    assert _one(library, path).lines()[1] == f"{path} item 2: skipped: missing 'text'"


def test_only_boilerplate_is_no_article(tmp_path: Path, library) -> None:
    path = tmp_path / "debris.txt"
    path.write_text("Advertisement\nRead more\nNo time to read?\nGet a summary\n", encoding="utf-8")
    assert "no article text" in _skip_line(_one(library, path))


def test_control_characters_never_reach_the_library(tmp_path: Path, library) -> None:
    path = tmp_path / "evil\x1b[31m.txt"
    path.write_text(
        "Head\x1b[2Jline\x07 here\nBody \x1b]52;c;ZXZpbA==\x07text\x9b.\n", encoding="utf-8"
    )
    report = _one(library, path)
    assert "\x1b" not in "".join(report.lines())
    article = library.get_article(report.article_ids[0])
    assert (article.title, article.text) == ("Headline here", "Body text.")


def test_a_file_that_fails_to_store_writes_nothing(
    tmp_path: Path, library, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "three.json"
    path.write_text(
        json.dumps([{"title": f"T{n}", "text": f"Story {n}."} for n in range(3)]), encoding="utf-8"
    )
    real_add = type(library).add_article
    calls = []

    def failing_add(self, new, **kwargs):
        calls.append(new.title)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real_add(self, new, **kwargs)

    monkeypatch.setattr(type(library), "add_article", failing_add)
    line = _skip_line(_one(library, path))
    assert "skipped: could not store: " in line
    assert line.endswith("cannot write (disk I/O error); nothing was written")
    assert calls == ["T0", "T1", "T2"]
    assert library.is_empty()
    assert library.consistency_problems() == []


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl"])
def test_any_bytes_give_articles_or_a_one_line_skip(tmp_path: Path, suffix: str) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from newsreader.importers.base import FileContext, RecordError
    from newsreader.importers.decoding import BinaryFile, decode
    from newsreader.importers.files import SkipFile
    from newsreader.importers.readers import reader_for
    from newsreader.safetext import plain_text

    reader = reader_for(Path(f"x{suffix}"))
    context = FileContext(tmp_path / f"x{suffix}", "fuzz")
    pieces = st.sampled_from(
        [
            "Advertisement",
            "Read more",
            "\n",
            "\n\n",
            " date 2022-07-29 ",
            "# ",
            "<p>",
            "</p>",
            "<script>x</script>",
            '{"title": "T", "text": "',
            '"}',
            "©",
            "\x1b[31m",
            "\x00",
            "\r",
            "Rewritten: ",
            "Mr. ",
            "Headline words",
            "A sentence. ",
            "…",
            "\ufeff",
            "\u2028",
        ]
    )
    texts = st.one_of(st.text(max_size=200), st.lists(pieces, max_size=30).map("".join))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(texts)
    def check(text: str) -> None:
        try:
            decoded = decode(text.encode("utf-8", "surrogatepass")).text
            records = reader(decoded, context)
        except (SkipFile, BinaryFile) as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        for record in records:
            if isinstance(record, RecordError):
                assert record.detail and "\n" not in record.detail
                continue
            assert record.title and record.text.strip() == record.text
            assert plain_text(record.title) == record.title and "\n" not in record.title
            assert plain_text(record.text) == record.text

    check()
