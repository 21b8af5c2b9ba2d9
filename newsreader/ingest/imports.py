"""Articles from outside a feed (files, the bundled samples, a sync) through the pipeline.

They are stored as a refresh stores a feed (one transaction per batch of files,
queued for enrichment in the same transaction) and enriched by the same
:class:`~newsreader.ingest.enrichment.Enricher`, in batches as they arrive,
then the stories that grew are summarised once. Files are read (decoded,
cleaned, their title and date found) by the run's worker process, a few groups
ahead of storing, when there is one.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future

from newsreader.config import Settings
from newsreader.importers.files import Found, Problem
from newsreader.importers.runner import FileReport, Importer, read_entries
from newsreader.ingest.cancel import Cancel, Cancelled
from newsreader.ingest.enrichment import BATCH, Enricher, enrich_all, enriched_event
from newsreader.ingest.events import (
    ArticlesStored,
    Event,
    FetchReport,
    FileImported,
    Progress,
    RunFinished,
    RunStarted,
    Tally,
    Timings,
)
from newsreader.ingest.worker import Worker
from newsreader.models import NewArticle
from newsreader.store import Library, larger_cache

#: Read files stored in one transaction at most (a commit costs more than a small file).
FILES_PER_TRANSACTION = 100
#: Read files wait at most this long for their transaction (progress stays live).
TRANSACTION_SECONDS = 0.5
#: Files the worker process reads in one go, and groups of them asked for ahead.
FILES_PER_READ = 20
READ_AHEAD = 3

log = logging.getLogger(__name__)
Read = tuple[list[tuple[FileReport, list[NewArticle]]], float]


def import_files(
    library: Library,
    settings: Settings,
    entries: Sequence[Found | Problem],
    topics: Iterable[str] = (),
    *,
    enrich: bool = True,
    cancel: Cancel | None = None,
) -> Iterator[Event]:
    """Import walked files, yielding a :class:`FileImported` for each once it is stored.

    Files are read, then stored in batches of up to :data:`FILES_PER_TRANSACTION`
    (or :data:`TRANSACTION_SECONDS` of reading), one transaction a batch, each
    file whole or not at all. Ctrl-C (``KeyboardInterrupt``) ends the import
    between two files: the files stored before it stay (and are reported),
    queued for the next run's enrichment if they were not enriched yet.
    """
    cancel = cancel or Cancel()
    importer = Importer(library, settings, topics)
    tally = Tally(Progress(files_total=len(entries)))
    worker = Worker(settings.library.worker_processes)
    enricher = (
        Enricher(library, settings, cancel, timings=tally.timings, worker=worker)
        if enrich
        else None
    )
    yield RunStarted(tally.progress)
    waiting = library.count_pending_enrichment() if enricher else 0
    batch: list[tuple[FileReport, list[NewArticle]]] = []
    with larger_cache(library.conn):
        try:
            begun = time.monotonic()
            for number, entry in enumerate(_read(importer, entries, worker, tally.timings), 1):
                if cancel.cancelled:
                    break
                batch.append(entry)
                full = len(batch) >= FILES_PER_TRANSACTION or number == len(entries)
                if not full and time.monotonic() - begun < TRANSACTION_SECONDS:
                    continue
                for report in _store(importer, batch, tally):
                    yield FileImported(tally.progress, report)
                    waiting += len(report.article_ids)
                batch, begun = [], time.monotonic()
                if enricher is not None:
                    enricher.offer_ahead()
                # A batch is enriched once the next is stored too: the worker process makes
                # the text work of the batches offered ahead while this one is enriched.
                while enricher is not None and waiting >= 2 * BATCH:
                    done = enricher.next_batch()
                    if done is None:
                        break
                    waiting = enricher.pending()
                    yield enriched_event(enricher, tally, done)
            for report in _store(importer, batch, tally):  # what was read before a cancel
                yield FileImported(tally.progress, report)
            if enricher is not None and not cancel.cancelled:
                yield from enrich_all(enricher, tally)
        except Cancelled:
            pass
        finally:
            if enricher is not None:
                enricher.close()
            worker.close()
    yield RunFinished(tally.progress, _report(tally, cancel))


def _read(
    importer: Importer, entries: Sequence[Found | Problem], worker: Worker, timings: Timings
) -> Iterator[tuple[FileReport, list[NewArticle]]]:
    """Each entry read, in order: by the worker process, a few groups ahead, when there is one.

    A group the worker could not read (it died) is read here.
    """
    if worker.in_process:
        for entry in entries:
            with timings.measure("read"):
                yield importer.read_entry(entry)
        return
    groups = [
        list(entries[start : start + FILES_PER_READ])
        for start in range(0, len(entries), FILES_PER_READ)
    ]
    asked: deque[tuple[list[Found | Problem], Future[Read] | None]] = deque()
    try:
        for number in range(len(groups)):
            while len(asked) < READ_AHEAD and number + len(asked) < len(groups):
                group = groups[number + len(asked)]
                asked.append((group, _ask(worker, importer, group)))
            group, future = asked.popleft()
            read: list[tuple[FileReport, list[NewArticle]]] | None = None
            if future is not None:
                try:
                    read, seconds = future.result()
                    timings.add("read", seconds, elsewhere=True)
                except Exception:
                    log.warning("files not read in the worker process", exc_info=True)
            if read is None:
                with timings.measure("read"):
                    read = [importer.read_entry(entry) for entry in group]
            yield from read
    finally:
        for _group, waiting in asked:
            if waiting is not None:
                waiting.cancel()


def _ask(worker: Worker, importer: Importer, group: list[Found | Problem]) -> Future[Read] | None:
    try:
        return worker.submit(read_entries, importer.settings, importer.topics, group)
    except Exception:  # the worker cannot start: read here
        log.warning("files not read in the worker process", exc_info=True)
        return None


def _store(
    importer: Importer, batch: list[tuple[FileReport, list[NewArticle]]], tally: Tally
) -> Iterator[FileReport]:
    """Store a batch of read files; the reports of those stored, counted in ``tally``.

    After Ctrl-C in the middle of the batch, the reports of the files stored
    before it come first, then the ``KeyboardInterrupt`` is raised again.
    """
    if not batch:
        return
    stored: list[FileReport] = []
    interrupted: KeyboardInterrupt | None = None
    try:
        with tally.timings.measure("store"):
            importer.store_files(batch, stored)
    except KeyboardInterrupt as exc:
        interrupted = exc
    for report in stored:
        tally.count(
            files_done=1,
            articles_new=len(report.added),
            articles_updated=len(report.updated),
            enrich_waiting=len(report.article_ids),
        )
        yield report
    if interrupted is not None:
        raise interrupted


def add_articles(
    library: Library,
    settings: Settings,
    articles: Sequence[NewArticle],
    label: str,
    *,
    enrich: bool = True,
    cancel: Cancel | None = None,
) -> Iterator[Event]:
    """Store ``articles`` in one transaction (all or none), then enrich them.

    For articles made by the program rather than read from a user's file: the
    bundled samples, a sync account's entries. ``label`` names them in events.
    """
    cancel = cancel or Cancel()
    tally = Tally(Progress())
    yield RunStarted(tally.progress)
    results = library.add_articles(articles)
    added = tuple(r.article_id for r in results if r.status == "added")
    updated = tuple(r.article_id for r in results if r.status == "updated")
    tally.count(
        articles_new=len(added),
        articles_updated=len(updated),
        enrich_waiting=len(added) + len(updated),
    )
    yield ArticlesStored(tally.progress, label, added, updated, len(results) - len(added + updated))
    if enrich:
        with contextlib.suppress(Cancelled):
            enricher = Enricher(library, settings, cancel, timings=tally.timings)
            yield from enrich_all(enricher, tally)
    yield RunFinished(tally.progress, _report(tally, cancel))


def enrich_stored(
    library: Library, settings: Settings, *, cancel: Cancel | None = None
) -> Iterator[Event]:
    """Enrich every stored article still waiting, and every story left without a summary.

    This is ``newsreader enrich``: after ``fetch --no-enrich``, or after a process
    was killed before it finished enriching.
    """
    cancel = cancel or Cancel()
    tally = Tally()
    worker = Worker(settings.library.worker_processes)
    enricher = Enricher(library, settings, cancel, timings=tally.timings, worker=worker)
    tally.progress = Progress(enrich_waiting=enricher.pending())
    yield RunStarted(tally.progress)
    try:
        with larger_cache(library.conn), contextlib.suppress(Cancelled):
            yield from enrich_all(enricher, tally)
    finally:
        enricher.close()
        worker.close()
    yield RunFinished(tally.progress, _report(tally, cancel))


def _report(tally: Tally, cancel: Cancel) -> FetchReport:
    return FetchReport(
        errors=tuple(tally.errors),
        enriched=tally.progress.articles_enriched,
        cancelled=cancel.cancelled,
        seconds=dict(tally.timings.seconds),
    )
