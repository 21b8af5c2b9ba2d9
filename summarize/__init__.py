"""Offline extractive summaries for news.

``import summarize`` is cheap, and the default summary in English loads neither
sumy's algorithms nor nltk nor numpy (the other algorithms and languages do, when
first used). The public API::

    summarize(text, sentences=3, algorithm=None, language="english") -> Summary
    available_algorithms() -> list[str]
    DEFAULT_ALGORITHM
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from summarize.algorithms import DEFAULT_ALGORITHM, available_algorithms
from summarize.types import Summary, SummarySentence

if TYPE_CHECKING:
    from summarize.api import summarize

__all__ = [
    "DEFAULT_ALGORITHM",
    "Summary",
    "SummarySentence",
    "available_algorithms",
    "summarize",
]


def __getattr__(name: str) -> Any:
    """Load the summarising machinery on first use of :func:`summarize`."""
    if name == "summarize":
        from summarize.api import summarize

        return summarize
    raise AttributeError(f"module 'summarize' has no attribute {name!r}")
