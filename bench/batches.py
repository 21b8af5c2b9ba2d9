"""Filling a benchmark library: store articles in fixed-size transactions."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from newsreader.models import NewArticle
from newsreader.store import Library


def store_in_batches(library: Library, articles: Iterable[NewArticle], size: int) -> None:
    """Store ``articles`` through ``Library.add_articles``, ``size`` per transaction."""
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        library.add_articles(batch)
