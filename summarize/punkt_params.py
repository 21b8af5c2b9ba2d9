"""Punkt parameters built from the hand-written data files in ``summarize/data``.

No NLTK data is ever read: each language's abbreviations, titles, collocations and
sentence starters live in ``summarize/data/<language>.json`` and are turned into
:class:`PunktParams` (what NLTK's ``PunktParameters`` holds) here. Languages without a file get the
language-independent defaults (``_generic.json``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

#: Punkt's orthographic flags (as in ``nltk.tokenize.punkt``): seen capitalised or in
#: lower case at a sentence start, in the middle of one, or where it was unknown. A
#: capitalised word seen in lower case and never capitalised mid-sentence starts one.
ORTHO_BEG_UC = 1 << 1
ORTHO_MID_UC = 1 << 2
ORTHO_UNK_UC = 1 << 3
ORTHO_BEG_LC = 1 << 4
ORTHO_MID_LC = 1 << 5
ORTHO_UNK_LC = 1 << 6
ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC
ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC

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


@dataclass(frozen=True)
class PunktParams:
    """Punkt's parameters: what its trainer would learn, written by hand here."""

    #: Abbreviations, lower case, without their final full stop (``u.s``, ``mr``).
    abbrev_types: frozenset[str] = frozenset()
    #: Word pairs a full stop between them never separates (``("no", "##number##")``).
    collocations: frozenset[tuple[str, str]] = frozenset()
    #: Lower-case words that, capitalised after an abbreviation, start a sentence.
    sent_starters: frozenset[str] = frozenset()
    #: Word -> orthographic flags (read with ``.get(word, 0)``).
    ortho_context: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LanguageData:
    """One language's hand-written sentence-boundary knowledge."""

    language: str
    params: PunktParams
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
    titles = {t.lower() for t in data.get("titles", [])}
    abbreviations = {a.lower() for a in data.get("abbreviations", [])}
    abbreviations |= {a.lower() for a in generic.get("abbreviations", [])}
    starters = frozenset(s.lower() for s in data.get("sentence_starters", []))
    params = PunktParams(
        abbrev_types=frozenset(abbreviations | titles),
        collocations=frozenset(
            (a.lower(), b.lower())
            for a, b in [*data.get("collocations", []), *generic.get("collocations", [])]
        ),
        sent_starters=starters,
        ortho_context=dict.fromkeys(starters, ORTHO_BEG_UC | ORTHO_MID_LC),
    )
    return LanguageData(
        language=language,
        params=params,
        titles=frozenset(titles),
        ordinal_numbers=bool(data.get("ordinal_numbers", False)),
        extra_end_chars=tuple(data.get("sentence_end_chars", ())),
    )
