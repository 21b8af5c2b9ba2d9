"""One web page's text, for ``newsreader summarize URL``."""

from __future__ import annotations

import asyncio

from newsreader.config import Settings
from newsreader.feeds.http import PAGE_ACCEPT, FetchError, fetch, is_web_url, make_client
from newsreader.text import page_to_text


class PageError(ValueError):
    """The page cannot be fetched or holds no readable text."""


def fetch_page_text(url: str, settings: Settings) -> tuple[str, str]:
    """The (title, text) of the article at ``url``, an http(s) address.

    The text is :func:`newsreader.text.page_to_text`'s, as for a feed's page or
    an imported file. Raises :class:`PageError` with a one-line reason (the
    caller names the URL).
    """
    if not is_web_url(url):
        raise PageError("only http and https addresses are fetched")
    body, final = asyncio.run(_download(url, settings))
    page = page_to_text(body, final)
    if not page.text:
        raise PageError("no article text found on the page")
    return page.title, page.text


async def _download(url: str, settings: Settings) -> tuple[bytes, str]:
    async with make_client(settings.feeds) as client:
        try:
            response = await fetch(client, url, settings.feeds, accept=PAGE_ACCEPT)
        except FetchError as exc:
            raise PageError(str(exc)) from None
    return response.body, response.url
