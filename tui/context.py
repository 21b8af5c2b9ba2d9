"""What the reader is started with: built once by :func:`tui.app.make_app`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsreader.config import Settings
from newsreader.models import Article
from newsreader.store import Library
from summarize.types import Summary

#: Makes a summary of a stored article: (library, article, algorithm, sentences).
#: The reader's is :func:`newsreader.summaries.summary_of`; a test may pass its own.
Summarizer = Callable[[Library, Article, str, int], Summary]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class ReaderContext:
    """The library file, the settings and the clock and summarizer the reader uses."""

    library_path: Path
    settings: Settings
    summarizer: Summarizer
    algorithms: tuple[str, ...]
    now: Callable[[], datetime] = utc_now
    #: Seconds on a steady clock (how long an article was shown, for ``mark_read = "leave"``).
    monotonic: Callable[[], float] = time.monotonic
