"""Articles from outside a feed (files, the bundled samples, a sync) through the pipeline.

They are stored as a refresh stores a feed (one transaction per file or batch,
queued for enrichment in the same transaction) and enriched by the same
:class:`~newsreader.ingest.enrichment.Enricher`, in batches as they arrive,
then the stories that grew are summarised once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence

from newsreader.config import Settings
from newsreader.importers.files import Found, Problem
from newsreader.importers.runner import Importer
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
)
from newsreader.models import NewArticle
from newsreader.store import Library


def import_files(
    library: Library,
    settings: Settings,
    entries: Sequence[Found | Problem],
    topics: Iterable[str] = (),
    *,
    enrich: bool = True,
    cancel: Cancel | None = None,
) -> Iterator[Event]:
    """Import walked files one by one, yielding a :class:`FileImported` for each.

    Ctrl-C (``KeyboardInterrupt``) ends the import between two files' transactions
    or inside one (rolled back): everything stored before stays, queued for the
    next run's enrichment if it was not enriched yet.
    """
    cancel = cancel or Cancel()
    importer = Importer(library, settings, topics)
    tally = Tally(Progress(files_total=len(entries)))
    enricher = Enricher(library, settings, cancel, timings=tally.timings) if enrich else None
    yield RunStarted(tally.progress)
    waiting = library.count_pending_enrichment() if enricher else 0
    try:
        for entry in entries:
            cancel.check()
            with tally.timings.measure("read and store"):
                report = importer.run_entry(entry)
            tally.count(
                files_done=1,
                articles_new=len(report.added),
                articles_updated=len(report.updated),
                enrich_waiting=len(report.article_ids),
            )
            yield FileImported(tally.progress, report)
            waiting += len(report.article_ids)
            while enricher is not None and waiting >= BATCH:
                done = enricher.next_batch()
                if done is None:
                    break
                waiting = enricher.pending()
                yield enriched_event(enricher, tally, done)
        if enricher is not None:
            yield from enrich_all(enricher, tally)
    except Cancelled:
        pass
    yield RunFinished(tally.progress, _report(tally, cancel))


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
    enricher = Enricher(library, settings, cancel, timings=tally.timings)
    tally.progress = Progress(enrich_waiting=enricher.pending())
    yield RunStarted(tally.progress)
    with contextlib.suppress(Cancelled):
        yield from enrich_all(enricher, tally)
    yield RunFinished(tally.progress, _report(tally, cancel))


def _report(tally: Tally, cancel: Cancel) -> FetchReport:
    return FetchReport(
        errors=tuple(tally.errors),
        enriched=tally.progress.articles_enriched,
        cancelled=cancel.cancelled,
        seconds=dict(tally.timings.seconds),
    )
