"""Importing one file: read it, store its articles atomically, report what happened.

Each file's articles are stored whole or not at all: a file that fails writes
nothing, and an interrupted import (Ctrl-C, a killed process) leaves every
article either fully stored or absent. :meth:`Importer.store_files` stores many
read files in one transaction (a commit costs more than storing a small file),
each file in a savepoint of its own. Stored articles wait in the library's
enrichment queue; :func:`newsreader.ingest.import_files` runs the whole import
and enriches them in batches, as a refresh does.

Articles from files that do not name their outlet get the name of the folder
holding the file as their source name (``seeds/000.txt`` -> "seeds"); an HTML
page's site name or a JSON object's ``source`` wins over it.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.config import Settings
from newsreader.importers.base import FileContext, RecordError
from newsreader.importers.files import Found, Problem, SkipFile, read_file
from newsreader.importers.readers import reader_for
from newsreader.models import AddResult, NewArticle
from newsreader.safetext import one_line
from newsreader.store import Library, savepoint, transaction

#: Source name for files whose folder has no name (the root folder).
DEFAULT_SOURCE = "local files"
_MANY_ARTICLE_TYPES = frozenset((".json", ".jsonl", ".ndjson"))


@dataclass(frozen=True)
class Skip:
    """Something not imported: a whole file (``where`` None) or one record of it."""

    reason: str
    detail: str
    where: str | None = None


@dataclass
class FileReport:
    """What importing one file did."""

    display: str
    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Ids of the articles added or updated (queued for enrichment).
    article_ids: list[int] = field(default_factory=list)
    many: bool = False

    @property
    def failed(self) -> bool:
        """True when something in the file was skipped as bad input."""
        return bool(self.skipped)

    def lines(self) -> list[str]:
        """The report as lines: warnings, the result, then one line per bad record."""
        name = one_line(self.display)
        out = [f"{name}: warning: {warning}" for warning in self.warnings]
        whole = next((skip for skip in self.skipped if skip.where is None), None)
        if whole is not None:
            return [*out, f"{name}: skipped: {whole.detail}"]
        if not self.many and len(self.added) + len(self.present) + len(self.updated) == 1:
            if self.added:
                out.append(f"{name}: added: {self.added[0]}")
            elif self.updated:
                out.append(f"{name}: updated: {self.updated[0]}")
            else:
                out.append(f"{name}: already present: {self.present[0]}")
        else:
            counts = [f"added {len(self.added)}", f"already present {len(self.present)}"]
            if self.updated:
                counts.append(f"updated {len(self.updated)}")
            if self.skipped:
                counts.append(f"skipped {len(self.skipped)}")
            out.append(f"{name}: {', '.join(counts)}")
        out.extend(f"{name} {skip.where}: skipped: {skip.detail}" for skip in self.skipped)
        return out


@dataclass
class Summary:
    """Totals over a whole import."""

    files: int = 0
    added: int = 0
    present: int = 0
    updated: int = 0
    ignored: int = 0
    warnings: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def count(self, report: FileReport) -> None:
        """Add one file's report to the totals."""
        self.files += 1
        self.added += len(report.added)
        self.present += len(report.present)
        self.updated += len(report.updated)
        self.warnings += len(report.warnings)
        self.skipped.update(skip.reason for skip in report.skipped)

    @property
    def failed(self) -> bool:
        """True when any file or record was skipped as bad input."""
        return bool(self.skipped)

    def line(self) -> str:
        """One line of totals: added, already present, skipped with reasons."""
        parts = [f"{self.added} added", f"{self.present} already present"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{reason}: {n}" for reason, n in sorted(self.skipped.items()))
        parts.append(f"{skipped} skipped" + (f" ({reasons})" if reasons else ""))
        text = f"{', '.join(parts)}; {self.files} file{'s' if self.files != 1 else ''} read"
        if self.ignored:
            text += f", {self.ignored} of other types ignored"
        return text


def source_name_for(path: Path) -> str:
    """The source name of a file without one: its folder's name."""
    return path.absolute().parent.name or DEFAULT_SOURCE


class FileReader:
    """Reads files into articles with one set of settings (no library needed)."""

    def __init__(self, settings: Settings, topics: Iterable[str] = ()) -> None:
        self.settings = settings
        self.topics = tuple(topics)

    def read_entry(self, entry: Found | Problem) -> tuple[FileReport, list[NewArticle]]:
        """The report and the articles of one walked entry, read but not stored."""
        if isinstance(entry, Problem):
            return FileReport(entry.display, skipped=[Skip(entry.reason, entry.detail)]), []
        return self.read_path(entry.path, entry.display)

    def read_path(
        self, path: Path, display: str | None = None
    ) -> tuple[FileReport, list[NewArticle]]:
        """The report and the articles of one file, read but not stored."""
        report = FileReport(display or str(path))
        reader = reader_for(path)
        many = path.suffix.lower() in _MANY_ARTICLE_TYPES
        report.many = many
        if reader is None:
            report.skipped.append(
                Skip("unsupported type", f"unsupported file type {path.suffix!r}")
            )
            return report, []
        try:
            decoded = read_file(path, self.settings.library.max_import_bytes)
            if decoded.warning:
                report.warnings.append(decoded.warning)
            context = FileContext(
                path=path,
                source_name=source_name_for(path),
                topics=self.topics,
                guid=None if many else path.absolute().as_uri(),
                max_text_chars=self.settings.library.max_text_chars,
            )
            records = reader(decoded.text, context)
        except SkipFile as exc:
            report.skipped.append(Skip(exc.reason, exc.detail))
            return report, []
        except Exception as exc:
            detail = f"could not read: {type(exc).__name__}: {exc}"
            report.skipped.append(Skip("unreadable", detail))
            return report, []
        articles = [record for record in records if isinstance(record, NewArticle)]
        report.skipped.extend(
            Skip(record.reason, record.detail, record.where)
            for record in records
            if isinstance(record, RecordError)
        )
        return report, articles


def read_entries(
    settings: Settings, topics: tuple[str, ...], entries: list[Found | Problem]
) -> tuple[list[tuple[FileReport, list[NewArticle]]], float]:
    """Each entry's report and articles, read but not stored, with the CPU seconds it took."""
    started = time.thread_time()
    reader = FileReader(settings, topics)
    read = [reader.read_entry(entry) for entry in entries]
    return read, time.thread_time() - started


class Importer(FileReader):
    """Imports files into one library with one set of settings."""

    def __init__(self, library: Library, settings: Settings, topics: Iterable[str] = ()) -> None:
        super().__init__(settings, topics)
        self.library = library

    def run_entry(self, entry: Found | Problem) -> FileReport:
        """Import one walked entry (a problem found while walking becomes a skip)."""
        report, articles = self.read_entry(entry)
        self._store(articles, report)
        return report

    def import_file(self, path: Path, display: str | None = None) -> FileReport:
        """Read and store the articles of one file."""
        report, articles = self.read_path(path, display)
        self._store(articles, report)
        return report

    def store_files(
        self, files: list[tuple[FileReport, list[NewArticle]]], stored: list[FileReport]
    ) -> None:
        """Store read files in one transaction, each file whole or not at all.

        The report of each file whose articles are committed is appended to
        ``stored``. Ctrl-C (``KeyboardInterrupt``) undoes the file being stored,
        commits the files before it and is raised again. When a file cannot be
        stored (bad input, a full disk), the files are stored again one
        transaction each, so that only that file fails, with its own message.
        """
        conn = self.library.conn
        done: list[tuple[FileReport, list[NewArticle], list[AddResult]]] = []
        interrupted = False
        try:
            with transaction(conn):
                for report, articles in files:
                    try:
                        with savepoint(conn):
                            results = self.library.add_articles(articles) if articles else []
                    except KeyboardInterrupt:
                        interrupted = True
                        break
                    done.append((report, articles, results))
        except (sqlite3.Error, ValueError):
            for report, articles in files:
                self._store(articles, report)
                stored.append(report)
            return
        for report, articles, results in done:
            self._record(report, articles, results)
            stored.append(report)
        if interrupted:
            raise KeyboardInterrupt

    def _store(self, articles: list[NewArticle], report: FileReport) -> None:
        if not articles:
            return
        try:
            results = self.library.add_articles(articles)
        except (sqlite3.Error, ValueError) as exc:
            report.skipped.insert(0, Skip("not stored", f"could not store: {exc}"))
            return
        self._record(report, articles, results)

    @staticmethod
    def _record(report: FileReport, articles: list[NewArticle], results: list[AddResult]) -> None:
        for article, result in zip(articles, results, strict=True):
            {"added": report.added, "present": report.present, "updated": report.updated}[
                result.status
            ].append(article.title)
            if result.status != "present":
                report.article_ids.append(result.article_id)
