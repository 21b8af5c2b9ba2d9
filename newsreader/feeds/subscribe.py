"""``newsreader add``: find the feed at an address (a site's too) and subscribe."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsreader.config import FeedSettings, Settings
from newsreader.feeds.addresses import AddressPolicy
from newsreader.feeds.http import FetchError, fetch, is_web_url, make_client
from newsreader.feeds.parse import parse_feed
from newsreader.store import Library
from newsreader.store.feeds import FULL_TEXT_MODES, Feed, FeedExistsError


class SubscribeError(ValueError):
    """The address holds no feed, cannot be fetched, or is not http(s)."""


@dataclass(frozen=True)
class FoundFeed:
    """A feed found at (or linked from) the address the user gave."""

    url: str
    title: str
    site_url: str | None


def find_feed_at(url: str, settings: FeedSettings) -> FoundFeed:
    """Fetch ``url``; a feed is taken as is, an HTML page's first linked feed instead."""
    if not is_web_url(url):
        raise SubscribeError(
            f"{url}: not an http(s) address (subscriptions are fetched over HTTP;"
            " a local feed file can be served or imported)"
        )
    return asyncio.run(_find(url, settings))


async def _find(url: str, settings: FeedSettings) -> FoundFeed:
    # The address the user gave decides which addresses its redirects and the
    # feeds its page links may be on.
    policy = await AddressPolicy.for_origin(url, settings.allow_internal_addresses)
    async with make_client(settings) as client:
        try:
            response = await fetch(client, url, settings, policy=policy)
        except FetchError as exc:
            raise SubscribeError(f"{url}: {exc}") from None
        parsed = parse_feed(response.body, response.url, response.content_type)
        if not parsed.not_a_feed:
            return FoundFeed(response.url, parsed.title, parsed.site_url)
        for link in parsed.links:
            try:
                linked = await fetch(client, link, settings, policy=policy)
            except FetchError:
                continue
            found = parse_feed(linked.body, linked.url, linked.content_type)
            if not found.not_a_feed:
                return FoundFeed(linked.url, found.title, found.site_url or response.url)
        raise SubscribeError(f"{url}: {parsed.error}")


def subscribe(
    library: Library,
    url: str,
    settings: Settings,
    *,
    topic: str | None = None,
    title: str | None = None,
    full_text: str | None = None,
) -> Feed:
    """Find the feed at ``url`` and add it to the library (not fetched yet)."""
    mode = full_text or settings.feeds.full_text
    if mode not in FULL_TEXT_MODES:
        raise SubscribeError(f"full text must be one of {', '.join(FULL_TEXT_MODES)}: {mode!r}")
    url = url.strip()
    if library.feed_by_url(url) is not None:
        raise SubscribeError(f"already subscribed: {url}")
    found = find_feed_at(url, settings.feeds)
    name = (title or "").strip() or found.title or urlsplit(found.url).hostname or found.url
    try:
        return library.add_feed(
            found.url,
            name,
            site_url=found.site_url,
            topics=(topic,) if topic else (),
            full_text=mode,
        )
    except FeedExistsError as exc:
        raise SubscribeError(str(exc)) from None
