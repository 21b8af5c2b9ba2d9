"""A refresh as an iterator of events: fetch, store, enrich, retire, in one thread.

:func:`refresh` is the one way feeds come in (``newsreader fetch``, the reader's
``r``). The network half runs in a loop thread (:mod:`newsreader.ingest.network`);
the thread iterating the events owns the library: it stores each feed as soon as
it arrives (one transaction per feed), enriches the stored articles in batches
while the network has nothing new for it, applies retention to the feeds
fetched, and finishes with the stories that grew. Cancelling (from any thread)
stops the network at once and the enrichment between two articles: what was
stored stays, and articles not yet enriched wait in the queue for the next run.
"""

from __future__ import annotations

import queue
import sqlite3
import time
from collections.abc import Generator, Iterator
from contextlib import nullcontext
from dataclasses import replace

from newsreader.config import Settings
from newsreader.ingest.cancel import Cancel, Cancelled
from newsreader.ingest.decide import (
    FeedRules,
    article_from_entry,
    error_line,
    keep_after,
    retention_rule,
)
from newsreader.ingest.enrichment import Enricher, enrich_all, enriched_event
from newsreader.ingest.events import (
    Event,
    FeedFailed,
    FeedResult,
    FeedStarted,
    FeedStatus,
    FeedStored,
    FetchReport,
    PageExtracted,
    Progress,
    RetentionApplied,
    RunFinished,
    RunStarted,
    Tally,
)
from newsreader.ingest.network import (
    Begun,
    FeedJob,
    Fetched,
    Network,
    NetworkDone,
    PageDone,
    Wake,
)
from newsreader.ingest.worker import Worker
from newsreader.store import Library, larger_cache
from newsreader.store.feeds import Feed
from newsreader.timestamps import deferral_end


def refresh(
    library: Library,
    settings: Settings,
    feeds: list[Feed] | None = None,
    *,
    enrich: bool = True,
    cancel: Cancel | None = None,
    now: float | None = None,
) -> Iterator[Event]:
    """Refresh ``feeds`` (all subscriptions when None), yielding what happens.

    Iterate in the thread that owns ``library``. With ``enrich`` False, new
    articles are stored and left for ``newsreader enrich``. The last event is
    always :class:`RunFinished` with the whole report.
    """
    cancel = cancel or Cancel()
    started = time.time() if now is None else now
    # One allowance for the whole refresh: the sync's pages and then the feeds.
    deadline = time.monotonic() + settings.feeds.run_seconds
    chosen = library.list_feeds() if feeds is None else feeds
    run = Tally(Progress(feeds_total=len(chosen)))
    worker = Worker(settings.library.worker_processes)
    enricher = (
        Enricher(library, settings, cancel, timings=run.timings, worker=worker) if enrich else None
    )
    yield RunStarted(run.progress)
    local = yield from _sync_first(library, settings, feeds, run, cancel)
    if feeds is None:  # a sync may have brought new subscriptions
        chosen = library.list_feeds()
        run.progress = replace(run.progress, feeds_total=len(chosen))
    jobs: list[FeedJob] = []
    for feed in local:
        waits = deferral_end(feed.retry_after, feed.last_fetched, settings.feeds.max_retry_after)
        if waits is not None and waits.timestamp() > started:
            yield _done(run, FeedResult(feed.id, feed.url, feed.title, "deferred"))
        else:
            jobs.append(_job(library, settings, feed, started))
    network = Network(
        jobs,
        settings.feeds,
        cancel,
        # The pages a sync fetched for its teasers count against the run's allowance.
        pages_per_run=max(0, settings.feeds.max_pages_per_run - run.progress.pages_extracted),
        deadline=deadline,
        timings=run.timings,
        worker=worker,
    )
    forget = cancel.on_cancel(lambda: network.inbox.put(NetworkDone("cancelled")))
    fetched_feeds: list[Feed] = []
    # Placing articles in stories reads index pages all over the library: while the
    # run enriches, the connection keeps more of them in memory (put back after).
    with larger_cache(library.conn) if enricher is not None else nullcontext():
        try:
            if jobs:
                network.start()
                yield from _storing(library, network, enricher, run, fetched_feeds, cancel)
            if not cancel.cancelled:
                with run.timings.measure("retention"):
                    yield from _retention(library, settings, fetched_feeds, run, started)
            if enricher is not None and not cancel.cancelled:
                yield from enrich_all(enricher, run)
        except Cancelled:
            pass
        finally:
            forget()
            cancel.cancel()  # the loop thread stops if this generator was closed early
            network.join(timeout=1.0)
            if enricher is not None:
                enricher.close()
            worker.close()
    order = {feed.id: index for index, feed in enumerate(chosen)}
    run.results.sort(key=lambda result: order.get(result.feed_id, 0))
    report = FetchReport(
        tuple(run.results),
        tuple(run.errors),
        enriched=run.progress.articles_enriched,
        retired=run.retired,
        cancelled=cancel.cancelled and len(run.results) < len(chosen),
        seconds=dict(run.timings.seconds),
    )
    yield RunFinished(run.progress, report)


def _sync_first(
    library: Library, settings: Settings, feeds: list[Feed] | None, run: Tally, cancel: Cancel
) -> Generator[Event, None, list[Feed]]:
    """With a sync account, the server's feeds come through a sync; the others are returned.

    ``feeds`` None means every subscription, as it is after the sync. The synced
    articles (teasers with their pages) wait in the enrichment queue like fetched ones.
    """
    from newsreader.sync.stage import sync_stage

    with run.timings.measure("sync"):
        stage = sync_stage(library, settings, cancel=cancel, timings=run.timings)
    if stage is None:
        return library.list_feeds() if feeds is None else feeds
    if feeds is None:  # the sync may have brought new subscriptions: count them
        feeds = library.list_feeds()
        run.progress = replace(run.progress, feeds_total=len(feeds))
    run.count(pages_extracted=stage.pages)
    for feed in stage.synced(feeds):
        result = FeedResult(
            feed.id,
            feed.url,
            feed.title,
            "fetched",
            new=stage.new_by_feed.get(feed.id, 0),
            pages=stage.pages_by_feed.get(feed.id, 0),
            errors=tuple(stage.page_errors.get(feed.id, ())),
        )
        yield _done(run, result)
    if not stage.report.ok:
        run.errors.append(stage.report.line())
    run.errors.extend(stage.report.notes)
    return stage.local(feeds)


def _job(library: Library, settings: Settings, feed: Feed, now: float) -> FeedJob:
    keep_days, max_per_feed = settings.library.keep_days, settings.library.max_per_feed
    rules = FeedRules(
        full_text=feed.full_text,
        teaser_words=settings.feeds.teaser_words,
        pages_allowed=settings.feeds.max_pages_per_feed,
        keep_after=keep_after(keep_days, now),
        keep_newest=max_per_feed if max_per_feed > 0 else None,
        max_text_chars=settings.library.max_text_chars,
    )
    return FeedJob(
        feed,
        library.feed_entries(feed.source_id),
        frozenset(library.retired_guids(feed.source_id)),
        rules,
    )


def _storing(
    library: Library,
    network: Network,
    enricher: Enricher | None,
    run: Tally,
    fetched_feeds: list[Feed],
    cancel: Cancel,
) -> Iterator[Event]:
    """Store each feed as it arrives; enrich while the network has nothing for us."""
    idle = False
    while True:
        try:
            message = network.inbox.get(block=not idle or enricher is None, timeout=None)
        except queue.Empty:
            # Storing comes first, so articles land as soon as their feed is in;
            # enrichment takes the idle moments, one batch at a time, and while the
            # worker process makes the next batch's text work, a feed arriving is
            # stored first (the worker's end wakes this loop).
            assert enricher is not None
            making = enricher.making()
            if making is not None:
                making.add_done_callback(lambda _: network.inbox.put(Wake()))
                idle = False
                continue
            done = enricher.next_batch()
            if done is None:
                idle = False
            else:
                yield enriched_event(enricher, run, done)
            continue
        if cancel.cancelled:
            return
        if isinstance(message, NetworkDone):
            if message.error and message.error != "cancelled":
                run.errors.append(f"fetch stopped: {message.error}")
            return
        if isinstance(message, Wake):
            idle = enricher is not None
        elif isinstance(message, Begun):
            yield FeedStarted(run.progress, message.job.feed.id, message.job.feed.title)
        elif isinstance(message, PageDone):
            run.count(pages_extracted=1)
            yield PageExtracted(run.progress, message.feed_id, message.url)
        else:
            with run.timings.measure("store"):
                result = _store(library, message)
            if result.status == "fetched":
                fetched_feeds.append(message.job.feed)
            if enricher is not None and result.new + result.updated:
                enricher.offer_ahead()
            idle = enricher is not None
            yield _done(run, result)


def _done(run: Tally, result: FeedResult) -> Event:
    run.results.append(result)
    run.count(
        feeds_done=1,
        articles_new=result.new,
        articles_updated=result.updated,
        enrich_waiting=result.new + result.updated,
    )
    if result.status == "failed":
        return FeedFailed(run.progress, result)
    return FeedStored(run.progress, result)


def _store(library: Library, fetched: Fetched) -> FeedResult:
    """Store one feed's articles (one transaction) and its fetch state."""
    feed = fetched.job.feed
    errors = list(fetched.errors)
    notes = (*fetched.notes, *(fetched.plan.notes if fetched.plan is not None else ()))
    articles = []
    for index, entry in enumerate(fetched.entries):
        if index in fetched.articles:
            article = fetched.articles[index]
        else:
            article = article_from_entry(entry, feed.title, feed.topics)
        if article is not None:
            articles.append(article)
    try:
        stored = library.add_feed_articles(articles)
    except sqlite3.Error as exc:
        stored = [exc] * len(articles)
    new_ids: list[int] = []
    changed: list[int] = []
    unchanged = fetched.plan.count("unchanged") if fetched.plan is not None else 0
    for article, added in zip(articles, stored, strict=True):
        if isinstance(added, Exception):
            errors.append(f"entry {article.title!r} not stored: {added}")
        elif added.status == "added":
            new_ids.append(added.article_id)
        elif added.status == "updated":
            changed.append(added.article_id)
        else:
            unchanged += 1
    try:
        library.update_fetch_state(
            feed.id,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            last_error=error_line(errors),
            retry_after=fetched.retry_until,
            site_url=fetched.site_url,
            keep_validators=fetched.fatal or fetched.not_modified,
        )
        if fetched.plan is not None and fetched.job.retired:
            listed = {plan.entry.guid for plan in fetched.plan.entries}
            library.forget_retired(feed.source_id, fetched.job.retired - listed)
    except sqlite3.Error as exc:
        errors.append(f"fetch state not saved: {exc}")
    status: FeedStatus = (
        "failed" if fetched.fatal else "not modified" if fetched.not_modified else "fetched"
    )
    skipped = 0
    if fetched.plan is not None:
        skipped = fetched.plan.count("repeat", "retired", "expired", "later")
    return FeedResult(
        feed.id,
        feed.url,
        feed.title,
        status,
        new=len(new_ids),
        updated=len(changed),
        unchanged=unchanged,
        pages=fetched.pages,
        errors=tuple(errors),
        new_ids=tuple(new_ids),
        updated_ids=tuple(changed),
        skipped=skipped,
        notes=tuple(notes),
    )


def _retention(
    library: Library, settings: Settings, feeds: list[Feed], run: Tally, now: float
) -> Iterator[Event]:
    """Delete what ``[library] keep_days`` and ``max_per_feed`` retire (never starred)."""
    before, keep_newest = retention_rule(
        settings.library.keep_days, settings.library.max_per_feed, now
    )
    if before is None and keep_newest is None:
        return
    deleted = spared = 0
    for feed in feeds:
        victims, starred = library.retention_victims(feed.source_id, before, keep_newest)
        spared += starred
        if victims:
            deleted += library.retire_articles(victims, now=now)
    run.retired += deleted
    yield RetentionApplied(run.progress, deleted, spared)
