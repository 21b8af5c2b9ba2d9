"""The summarizers selectable by name, modelled on Sumy's layout.

Each algorithm lives in its own module exposing ``build(tools)``, which returns a
Sumy summarizer (an ``AbstractSummarizer``), and ``MAX_SENTENCES``, the most
sentences it ranks before the work is capped. Modules are imported only when
their algorithm is first used, so this registry is cheap to import.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: The project's default summarizer for news (see :mod:`summarize.algorithms.newsrank`).
DEFAULT_ALGORITHM = "newsrank"

#: Name -> module (inside this package) that builds it.
_REGISTRY: dict[str, str] = {
    "newsrank": "newsrank",
    "lexrank": "lexrank",
    "textrank": "textrank",
    "lsa": "lsa",
    "luhn": "luhn",
    "edmundson": "edmundson",
    "kl": "kl",
    "sumbasic": "sumbasic",
    "reduction": "reduction",
    "random": "random_pick",
}


def available_algorithms() -> list[str]:
    """The algorithm names :func:`summarize.summarize` accepts, default first."""
    return list(_REGISTRY)


def resolve(name: str | None) -> str:
    """The canonical algorithm name; ValueError naming it when unknown."""
    if name is None or name == "":
        return DEFAULT_ALGORITHM
    key = name.strip().lower()
    if key not in _REGISTRY:
        valid = ", ".join(_REGISTRY)
        raise ValueError(f"unknown summary algorithm {name!r} (valid: {valid})")
    return key


def algorithm_module(name: str) -> ModuleType:
    """The module implementing algorithm ``name`` (imported on first use)."""
    return importlib.import_module(f"summarize.algorithms.{_REGISTRY[resolve(name)]}")
