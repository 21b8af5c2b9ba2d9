"""Full text for synced teasers: their pages fetched and extracted before the merge.

An article pulled from the server comes with the text the server has, often a
teaser. Before the merge, each new item whose text is a teaser (its feed's
``full_text`` mode and ``[feeds] teaser_words``, as for a fetched entry) has
its page fetched and extracted by the ingest pipeline's page fetch
(:func:`newsreader.ingest.network.page_or_error`), under the address policy of
the feed's own address, at most ``[feeds] max_pages_per_feed`` pages a feed and
the run's page allowance in all. Items over a cap, or not reached within
``[feeds] run_seconds``, are left on the server for the next sync, as a feed's
entries are left for the next refresh; a page that fails leaves the teaser.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsreader.config import FeedSettings
from newsreader.ingest.cancel import Cancel
from newsreader.ingest.events import Timings
from newsreader.store.sync_merge import RemoteItem

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class PageRules:
    """What decides which synced items get their page fetched."""

    #: Stream -> the feed's full text mode (auto, always, never).
    modes: Mapping[str, str]
    #: The mode of a feed the library does not have yet.
    default_mode: str = "auto"
    teaser_words: int = 100
    per_feed: int = 100
    #: Pages this sync may fetch in all.
    allowed: int = 10_000


@dataclass
class SyncedPages:
    """The items to merge, with the pages fetched for them."""

    items: list[RemoteItem]
    #: Stream -> pages extracted.
    extracted: dict[str, int] = field(default_factory=dict)
    #: Stream -> why pages could not be had.
    errors: dict[str, list[str]] = field(default_factory=dict)
    #: Items left on the server for the next sync (a page cap, or out of time).
    deferred: int = 0
    #: Remarks for the user (a cap reached).
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """Pages extracted in all."""
        return sum(self.extracted.values())


def choose_pages(
    items: Sequence[RemoteItem], held: Callable[[list[str]], set[str]], rules: PageRules
) -> tuple[list[int], list[int]]:
    """(indexes of items whose page to fetch, indexes of items over a cap).

    ``held`` says which of some links the library has already: those items
    are matched, not stored, and their pages are not fetched.
    """
    from newsreader.feeds.fulltext import wants_full_text

    teasers = [
        index
        for index, item in enumerate(items)
        if item.url is not None
        and wants_full_text(
            item.text, rules.modes.get(item.stream, rules.default_mode), rules.teaser_words
        )
    ]
    known = held([str(items[index].url) for index in teasers]) if teasers else set()
    wanted: list[int] = []
    over: list[int] = []
    per_feed: dict[str, int] = {}
    for index in teasers:
        item = items[index]
        if item.url in known:
            continue
        taken = per_feed.get(item.stream, 0)
        if taken >= rules.per_feed or len(wanted) >= rules.allowed:
            over.append(index)
        else:
            per_feed[item.stream] = taken + 1
            wanted.append(index)
    return wanted, over


def fetch_pages(
    items: list[RemoteItem],
    feed_urls: Mapping[str, str],
    held: Callable[[list[str]], set[str]],
    rules: PageRules,
    settings: FeedSettings,
    *,
    max_chars: int,
    cancel: Cancel | None = None,
    timings: Timings | None = None,
) -> SyncedPages:
    """Fetch the pages of the teasers among ``items``; never raises for a page's failure.

    ``feed_urls`` maps each stream to its feed's address, whose kind decides
    which addresses its pages may be on.
    """
    wanted, over = choose_pages(items, held, rules)
    done = SyncedPages(list(items))
    if over:
        done.notes.append(
            f"{len(over)} synced articles wait for the next sync: at most {rules.per_feed}"
            f" pages a feed and {rules.allowed} in all are fetched in one refresh"
        )
    if wanted:
        chosen = [items[i] for i in wanted]
        try:
            texts = asyncio.run(
                _fetch_all(
                    chosen, feed_urls, settings, max_chars, cancel or Cancel(), timings, done
                )
            )
        except Exception as exc:  # the teasers are kept: the sync itself goes on
            done.notes.append(f"pages of synced articles not fetched: {type(exc).__name__}: {exc}")
            texts = [()] * len(wanted)
        late = 0
        for index, found in zip(wanted, texts, strict=True):
            if found is None:  # not reached: fetched with its page next time
                over.append(index)
                late += 1
            elif found and len(found[1]) > len(items[index].text):
                done.items[index] = replace(items[index], text=found[1])
        if late:
            done.notes.append(
                f"{late} synced articles wait for the next sync: the refresh stopped before"
                " their pages were fetched (`[feeds] run_seconds`, or cancelled)"
            )
    leaving = set(over)
    done.items = [item for index, item in enumerate(done.items) if index not in leaving]
    done.deferred = len(leaving)
    return done


async def _fetch_all(
    items: list[RemoteItem],
    feed_urls: Mapping[str, str],
    settings: FeedSettings,
    max_chars: int,
    cancel: Cancel,
    timings: Timings | None,
    done: SyncedPages,
) -> list[tuple[str, str] | tuple[()] | None]:
    """Each item's (title, text), () when its page failed, None when it was not reached."""
    from newsreader.feeds.addresses import AddressPolicy
    from newsreader.feeds.http import make_client
    from newsreader.ingest.network import page_or_error

    found: list[tuple[str, str] | tuple[()] | None] = [None] * len(items)
    policies: dict[str, AddressPolicy] = {}
    gate = asyncio.Semaphore(settings.concurrency)
    main = asyncio.current_task()
    assert main is not None
    loop = asyncio.get_running_loop()
    measured = timings or Timings()

    def stop() -> None:
        loop.call_soon_threadsafe(main.cancel)

    forget = cancel.on_cancel(stop)

    async def one(index: int, item: RemoteItem, client: httpx.AsyncClient) -> None:
        assert item.url is not None
        origin = feed_urls.get(item.stream, item.url)
        if origin not in policies:
            policies[origin] = await AddressPolicy.for_origin(
                origin, settings.allow_internal_addresses
            )
        got = await page_or_error(
            client,
            gate,
            item.url,
            settings,
            policies[origin],
            title=item.title,
            author=item.author,
            max_chars=max_chars,
            timings=measured,
        )
        if isinstance(got, str):
            done.errors.setdefault(item.stream, []).append(got)
            found[index] = ()
        else:
            done.extracted[item.stream] = done.extracted.get(item.stream, 0) + 1
            found[index] = got

    try:
        async with make_client(settings) as client:
            work = asyncio.gather(*(one(i, item, client) for i, item in enumerate(items)))
            await asyncio.wait_for(work, max(0.0, settings.run_seconds))
    except (TimeoutError, asyncio.CancelledError):
        pass  # what is not done waits for the next sync
    finally:
        forget()
    return found
