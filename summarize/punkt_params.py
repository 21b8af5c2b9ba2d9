"""Punkt parameters built from the hand-written data files in ``summarize/data``.

No NLTK data is ever read: each language's abbreviations, titles, collocations and
sentence starters live in ``summarize/data/<language>.json`` and are turned into a
:class:`nltk.tokenize.punkt.PunktParameters` here. Languages without a file get the
language-independent defaults (``_generic.json``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from nltk.tokenize.punkt import PunktParameters

#: Punkt's orthographic flags (``nltk.tokenize.punkt._ORTHO_BEG_UC`` and
#: ``_ORTHO_MID_LC``): "seen capitalised at a sentence start" and "seen in lower case
#: inside a sentence". A capitalised word with these flags after an abbreviation
#: starts a new sentence.
_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_LC = 1 << 5

_LANGUAGE_NAME = re.compile(r"[a-z][a-z_-]{0,39}")
#: ISO 639-1 codes of the languages Sumy has stemmers or stop words for (Sumy accepts both).
_ISO_CODES = {
    "ar": "arabic", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "fi": "finnish", "fr": "french", "he": "hebrew",
    "hu": "hungarian", "it": "italian", "ja": "japanese", "ko": "korean", "nb": "norwegian",
    "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sk": "slovak", "sv": "swedish", "th": "thai", "uk": "ukrainian",
    "zh": "chinese",
}  # fmt: skip


class _OrthoContext(dict[str, int]):
    """Punkt's orthographic table, read-only in use: unknown words read as 0, not stored.

    (``PunktParameters`` uses a ``defaultdict``, which would grow by every word looked up
    and so leak memory in a long-running process.)
    """

    def __missing__(self, key: str) -> int:
        return 0


@dataclass(frozen=True)
class LanguageData:
    """One language's hand-written sentence-boundary knowledge."""

    language: str
    params: PunktParameters
    #: Abbreviations after which a sentence never ends (``Mr.``, ``Dr.``).
    titles: frozenset[str]
    #: Whether ``3.`` is an ordinal (German ``am 3. Oktober``) unless a sentence starter follows.
    ordinal_numbers: bool = False
    #: Characters that end a sentence besides ``.?!`` (Greek ``;``).
    extra_end_chars: tuple[str, ...] = ()


def normalize_language(language: object) -> str:
    """Lower-case and check a language name (or ISO code, ``en``); ``ValueError`` if bad."""
    if not isinstance(language, str):
        raise ValueError(f"language must be a string, not {type(language).__name__}")
    name = language.strip().lower()
    if not _LANGUAGE_NAME.fullmatch(name):
        raise ValueError(f"language {language!r} is not a language name (like 'english')")
    return _ISO_CODES.get(name, name)


def _read(name: str) -> dict[str, Any] | None:
    path = resources.files("summarize").joinpath("data", f"{name}.json")
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=32)
def language_data(language: str) -> LanguageData:
    """The Punkt parameters for ``language`` (a normalised name), read once."""
    data = _read(language) or {}
    generic = _read("_generic") or {}
    params = PunktParameters()
    titles = {t.lower() for t in data.get("titles", [])}
    abbreviations = {a.lower() for a in data.get("abbreviations", [])}
    abbreviations |= {a.lower() for a in generic.get("abbreviations", [])}
    params.abbrev_types = abbreviations | titles
    params.collocations = {
        (a.lower(), b.lower())
        for a, b in [*data.get("collocations", []), *generic.get("collocations", [])]
    }
    starters = {s.lower() for s in data.get("sentence_starters", [])}
    params.sent_starters = starters
    params.ortho_context = _OrthoContext.fromkeys(starters, _ORTHO_BEG_UC | _ORTHO_MID_LC)
    return LanguageData(
        language=language,
        params=params,
        titles=frozenset(titles),
        ordinal_numbers=bool(data.get("ordinal_numbers", False)),
        extra_end_chars=tuple(data.get("sentence_end_chars", ())),
    )
