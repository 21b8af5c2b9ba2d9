"""Files read by the worker process make the library they make when read in one process.

An import of many files of every kind (good, empty, binary, dated, undated) with
``[library] worker_processes = 1`` stores the same articles, with the same
summaries, and reports each file the same way, in the same order, as with 0.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsreader.config import LibrarySettings, Settings
from newsreader.importers.files import Found, Ignored, Problem, walk
from newsreader.importers.readers import importable
from newsreader.ingest import FileImported, import_files
from newsreader.models import ArticleQuery
from newsreader.store import Library
from newsreader.summaries import cached_summary

BODY = (
    "The ferry operator of the island said on Monday that a second boat would join the winter"
    " timetable, after a petition signed by most of the harbour's residents. The boat will"
    " sail every two hours and carry forty cars."
)


def files(folder: Path) -> list[Found | Problem]:
    for n in range(45):  # more than a few of the worker's groups
        outlet = folder / f"outlet-{n % 3}"
        outlet.mkdir(parents=True, exist_ok=True)
        date = f"{n % 28 + 1} March 2026\n\n" if n % 2 else ""
        text = f"Ferry report {n}\n\n{date}{BODY} Report {n} of the week.\n"
        (outlet / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "page.html").write_text(
        f"<html><head><title>Pier</title></head><body><h1>Pier</h1><p>{BODY}</p></body></html>",
        encoding="utf-8",
    )
    return [e for e in walk([str(folder)], importable) if not isinstance(e, Ignored)]


def imported(library: Library, entries: list[Found | Problem], processes: int) -> tuple:
    settings = replace(Settings(), library=LibrarySettings(worker_processes=processes))
    lines = [
        event.report.lines()
        for event in import_files(library, settings, entries)
        if isinstance(event, FileImported)
    ]
    articles = []
    for row in library.list_articles(ArticleQuery(), limit=1000):
        a = library.get_article(row.id)
        assert a is not None
        summary = cached_summary(library, a, None, settings.summary.sentences)
        assert summary is not None
        made = tuple(s.text for s in summary.sentences)
        articles.append((a.title, a.text, a.published, a.source, a.topics, made))
    return lines, sorted(articles, key=repr)


def test_files_read_by_the_worker_make_the_same_library(tmp_path: Path) -> None:
    entries = files(tmp_path / "files")
    results = []
    for processes in (1, 0):
        with Library(tmp_path / f"lib-{processes}.sqlite") as library:
            results.append(imported(library, entries, processes))
    assert results[0] == results[1]
    lines, articles = results[0]
    assert len(articles) == 46
    assert sum(1 for a in articles if a[2] is not None) == 22
    skipped = [line for report in lines for line in report if "skipped" in line]
    assert len(skipped) == 2
