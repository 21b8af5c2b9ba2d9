"""Words of a text as the topic code sees them: lower case, lightly stemmed."""

from __future__ import annotations

import re

#: Possessive (``++``, ``*+``): nothing follows a run in the pattern, so the engine keeps no
#: places to go back to (the same words as plain greedy repeats, found faster).
_TOKEN = re.compile(r"[a-z0-9]++(?:['&.\-][a-z0-9]++)*+|[$£€%]")

#: English function words and very common verbs/adverbs: never a tag, never evidence.
_STOP_TEXT = """a about above after again against all almost also although always am among an and
    another any anyone anything are around as at back be became because become been before
    being below between both but by can cannot could did do does doing done down during each
    either else enough even ever every few for from further get gets getting got had has have
    having he her here hers herself him himself his how however i if in into is it its itself
    just last least less let like made make makes many may me might more most much must my
    myself near neither never new next no nor not now of off often on once one only or other
    others our ours ourselves out over own per perhaps put rather really said same say says
    see seen several shall she should since so some something still such than that the their
    theirs them themselves then there these they this those though through thus to today
    together too toward towards under until up upon us very was we well were what whatever
    when where whether which while who whom whose why will with within without would yet you
    your yours yourself yourselves mr mrs ms dr st told asked added according including
    around two three four five six seven eight nine ten first second third year years month
    months week weeks day days time times monday tuesday wednesday thursday friday saturday
    sunday january february march april june july august september october november december
    people way ago later earlier already yesterday tomorrow tonight morning evening"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def stem(word: str) -> str:
    """A light, predictable stem: possessive and plural endings removed."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (``$``, ``£``, ``€`` and ``%`` count as words)."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


#: Stems already worked out (words repeat across articles); emptied when it grows past
#: :data:`_STEM_CACHE_SIZE`, so a long-running reader keeps it bounded.
_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_SIZE = 200_000


def stems(text: str) -> list[str]:
    """The stems of :func:`tokens`."""
    cache = _STEM_CACHE
    words = tokens(text)
    try:
        return list(map(cache.__getitem__, words))
    except KeyError:  # words not seen before
        pass
    if len(cache) + len(words) >= _STEM_CACHE_SIZE:
        cache.clear()
    found = list(map(cache.get, words))
    for index, stemmed in enumerate(found):
        if stemmed is None:
            word = words[index]
            found[index] = cache[word] = stem(word)
    return found  # type: ignore[return-value]
