"""The one ingest pipeline: every article, fetched or imported, comes in here.

A run is an iterator of typed events (:mod:`.events`), ending with
:class:`~.events.RunFinished`; the CLI draws them with rich, the reader turns
them into messages. Iterate in the thread that owns the library; cancel from any
thread with a :class:`~.cancel.Cancel` given to the run::

    cancel = Cancel()
    for event in refresh(library, settings, cancel=cancel):   # in a worker thread
        post(event)                                           # cancel.cancel() to stop

The parts: :mod:`.decide` (pure decisions: what is new, what changed, what needs
a page), :mod:`.network` (feeds and pages in an asyncio loop thread),
:mod:`.pipeline` (a refresh: storing, enriching, retention), :mod:`.steps` and
:mod:`.enrichment` (summary, topics and story for each stored batch, from the
library's enrichment queue), :mod:`.imports` (files, samples, ``enrich``).
Heavy modules load when a run starts, not on import.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newsreader.ingest.cancel import Cancel, Cancelled
from newsreader.ingest.events import (
    ArticlesStored,
    BatchEnriched,
    Event,
    FeedFailed,
    FeedResult,
    FeedStarted,
    FeedStored,
    FetchReport,
    FileImported,
    PageExtracted,
    Progress,
    RetentionApplied,
    RunFinished,
    RunStarted,
    StoriesSummarised,
)

if TYPE_CHECKING:
    from newsreader.ingest.imports import add_articles, import_files
    from newsreader.ingest.imports import enrich_stored as enrich
    from newsreader.ingest.pipeline import refresh

__all__ = [
    "ArticlesStored",
    "BatchEnriched",
    "Cancel",
    "Cancelled",
    "Event",
    "FeedFailed",
    "FeedResult",
    "FeedStarted",
    "FeedStored",
    "FetchReport",
    "FileImported",
    "PageExtracted",
    "Progress",
    "RetentionApplied",
    "RunFinished",
    "RunStarted",
    "StoriesSummarised",
    "add_articles",
    "enrich",
    "import_files",
    "last_report",
    "refresh",
]

#: The runs, loaded on first use (they bring httpx, feedparser, trafilatura):
#: ``refresh`` (fetch feeds), ``import_files`` (``newsreader import``),
#: ``add_articles`` (the samples, a sync) and ``enrich`` (``newsreader enrich``).
_RUNS = {
    "refresh": ("newsreader.ingest.pipeline", "refresh"),
    "import_files": ("newsreader.ingest.imports", "import_files"),
    "add_articles": ("newsreader.ingest.imports", "add_articles"),
    "enrich": ("newsreader.ingest.imports", "enrich_stored"),
}


def __getattr__(name: str) -> Any:
    if name in _RUNS:
        module, attribute = _RUNS[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def last_report(events: Iterable[Event]) -> FetchReport:
    """Run ``events`` to the end and return the report of its :class:`RunFinished`."""
    report = FetchReport()
    for event in events:
        if isinstance(event, RunFinished):
            report = event.report
    return report
