"""Reading ``.html``/``.htm`` files: the article's text without page furniture.

The text is :func:`newsreader.text.page_to_text`'s, the same as a fetched
page's and ``newsreader summarize page.html``'s. Title, date, author, site
name (the source name, when the page gives one) and canonical link come from
:func:`newsreader.text.page_metadata`; a page without a title gets one from
its text.
"""

from __future__ import annotations

from newsreader.importers.base import FileContext, Record
from newsreader.importers.plaintext import article_from_paragraphs
from newsreader.text import page_metadata, page_to_text


def read(text: str, ctx: FileContext) -> list[Record]:
    """The article in an HTML file."""
    meta = page_metadata(text)
    page = page_to_text(text, meta.url, author=meta.author)
    return [
        article_from_paragraphs(
            page.paragraphs,
            ctx,
            page.title or meta.title,
            published=meta.published,
            author=meta.author,
            url=meta.url,
            source=meta.site,
        )
    ]
