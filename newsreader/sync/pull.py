"""Pulling the server's state: subscriptions, unread and starred ids, new articles.

Everything is read into memory before anything is written, so a pull cut short
(the server down, a timeout, a half-answered page) changes nothing locally.
Only articles the library does not hold are asked for, in the server's order
(newest first), in batches of ``fetch_batch`` ids.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from newsreader.store.sync_merge import RemoteFeed, RemoteItem
from newsreader.sync.greader import READ, READING_LIST, STARRED, GReaderClient
from newsreader.sync.items import remote_item


@dataclass
class Pulled:
    """The server's state, read whole."""

    feeds: list[RemoteFeed] = field(default_factory=list)
    items: list[RemoteItem] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    starred: list[int] = field(default_factory=list)
    #: New articles left for the next sync (over ``max_new_articles``).
    left: int = 0
    #: Items the server sent that could not be used (no id, feed or text).
    unusable: int = 0


def pull(client: GReaderClient, known: set[int], *, fetch_batch: int, max_new: int) -> Pulled:
    """Read subscriptions, every unread and starred id, and the articles not in ``known``."""
    pulled = Pulled()
    pulled.feeds = [
        RemoteFeed(s.stream, s.url, s.title, s.site_url, s.labels) for s in client.subscriptions()
    ]
    pulled.unread = client.item_ids(READING_LIST, exclude=READ)
    pulled.starred = client.item_ids(STARRED)
    wanted = [i for i in dict.fromkeys([*pulled.unread, *pulled.starred]) if i not in known]
    pulled.left = max(0, len(wanted) - max_new)
    wanted = wanted[:max_new]
    now_usec = int(time.time() * 1_000_000)
    streams = {feed.stream for feed in pulled.feeds}
    for start in range(0, len(wanted), fetch_batch):
        for raw in client.contents(wanted[start : start + fetch_batch]):
            item = remote_item(raw, now_usec)
            if item is None or item.stream not in streams:
                pulled.unusable += 1
                continue
            pulled.items.append(item)
    return pulled
