"""One page's text, for ``newsreader summarize URL``."""

from __future__ import annotations

import asyncio
from pathlib import Path

from newsreader.config import Settings
from newsreader.feeds.fulltext import extract_article
from newsreader.feeds.http import PAGE_ACCEPT, FetchError, fetch, is_web_url, make_client
from newsreader.feeds.text import html_to_text
from newsreader.safetext import one_line


class PageError(ValueError):
    """The page cannot be fetched or holds no readable text."""


def fetch_page_text(url: str, settings: Settings) -> tuple[str, str]:
    """The (title, text) of the article at ``url``: an http(s) address or a local file path.

    Raises :class:`PageError` with a one-line reason (the caller names the URL).
    """
    if is_web_url(url):
        body, final = asyncio.run(_download(url, settings))
        return _extract(body, final)
    if "://" in url or url.lower().startswith(("javascript:", "data:", "file:")):
        raise PageError("only http and https addresses, or a local file path, are read")
    path = Path(url).expanduser()
    try:
        size = path.stat().st_size
        if size > settings.feeds.max_bytes:
            cap = settings.feeds.max_bytes
            raise PageError(f"file of {size:,} bytes is over the {cap:,}-byte cap")
        body = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot read: {exc.strerror or exc}") from None
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or body.lstrip()[:1] == b"<":
        return _extract(body, path.resolve().as_uri())
    text = html_to_text(body.decode("utf-8", "replace").replace("&", "&amp;").replace("<", "&lt;"))
    if not text:
        raise PageError("the file is empty")
    return one_line(text.split("\n", 1)[0])[:200], text


async def _download(url: str, settings: Settings) -> tuple[bytes, str]:
    async with make_client(settings.feeds) as client:
        try:
            response = await fetch(client, url, settings.feeds, accept=PAGE_ACCEPT)
        except FetchError as exc:
            raise PageError(str(exc)) from None
    return response.body, response.url


def _extract(body: bytes, base: str) -> tuple[str, str]:
    found = extract_article(body, base)
    if found is None:
        raise PageError("no article text found on the page")
    return found
