"""Names in a text: runs of capitalised words, cleaned of the words around a name.

A run (``Foreign Minister Corinna Dallet``, ``Bank of England``) is split at
titles and descriptors (``Minister``, ``Chipmaker``), stop words and
possessives; what is left are names. Each name found is a :class:`Mention`
that says where it was (title or text, at the start of a sentence) and how it
was found (a whole run, or a piece of a run broken at a stop word, which is
likely a fragment of a longer title such as ``The Last Light``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsreader.topics.words import STOP_WORDS

_NAME_WORD = r"(?:[A-Z][\w'\u2019\-]*[\w]|[A-Z])"
_CONNECTORS = ("of", "de", "la", "van", "von", "du", "der", "al", "bin")
#: A capital first, the lookbehinds (nothing of a word before it) after it: a pattern
#: that starts with a set of letters lets the engine skip to the next capital in C.
NAME_RUN = re.compile(
    rf"[A-Z](?<![\w'\u2019][A-Z])(?<!\w-[A-Z])(?:[\w'\u2019\-]*[\w])?(?:\.[A-Z]\.?)*"
    rf"(?:\s+(?:of|de|la|van|von|du|der|al|bin)\s+{_NAME_WORD}|\s+&\s+{_NAME_WORD}|\s+{_NAME_WORD})*"
)
#: A run and the lower-case word after it, when one follows ("Valderan trawler"): a
#: word of small letters cannot begin or be part of the next run.
_RUN_AND_NEXT = re.compile(rf"({NAME_RUN.pattern})(?:\s+([a-z][a-z\-]*))?")
_CONTRACTION = re.compile(r"(n't|'m|'re|'ve|'ll|'d)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d\u2018\u2019(\[\n]|\s[-\u2013\u2014])\s*$")
_POSSESSIVE = re.compile(r"['\u2019]s$")

#: Words that introduce or describe a name rather than being part of it: titles,
#: jobs, kinds of company, pronouns and page furniture.
_TITLES_TEXT = """mr mrs ms miss dr sir dame lord lady prof professor president vice prime minister
    ministers secretary state foreign home chancellor chief executive officer chairman
    chairwoman chair director general governor senator sen rep representative mayor judge
    justice king queen prince princess pope bishop father sister brother captain coach
    manager spokesman spokeswoman spokesperson deputy assistant senior junior head leader
    commissioner ambassador envoy counterpart officials official minister's the a an this
    that these those his her their its our my it he she they we i you advertisement read
    more photo image getty images reuters ap afp file pictured watch video listen share
    click subscribe related news update live breaking exclusive opinion analysis comment
    editor staff correspondent reporter rewritten get summary time no yes new
    according ministry department government parliament council court police army
    millions thousands hundreds dozens many several former striker midfielder defender
    goalkeeper winger forward substitute referee singer rapper actor actress author
    novelist writer poet producer designer architect chef climber runner sprinter
    champion veteran rival opposition mp mps candidate councillor economist analyst
    investor founder owner boss teacher headteacher doctor nurse msps meps mlas"""
TITLES = frozenset(_TITLES_TEXT.split())
#: Words that describe what follows only at the start of a run ("Chipmaker Veltro",
#: "Residents said"), but are part of a name inside one ("Docks Residents Association").
_STARTERS_TEXT = """retailer grocer lender insurer broadcaster airline carrier operator developer
    regulator watchdog firm company group giant start-up startup platform patients
    residents shoppers critics parents fans voters workers farmers traders scientists
    researchers astronomers engineers experts officials firefighters ministers leaders"""
STARTERS = frozenset(_STARTERS_TEXT.split())


class Mention(NamedTuple):
    """One name found in a title or a text (a tuple: an article has dozens, made fast)."""

    name: str
    in_title: bool
    #: The run began a sentence (its first word is capitalised anyway).
    at_start: bool
    #: The name was the whole run (not a piece left between stop words).
    whole: bool
    #: The lower-case word after it, when one follows ("Valderan trawler").
    next_word: str = ""


def _is_descriptor(word: str) -> bool:
    low = word.lower().replace("\u2019", "'")
    base = low.removesuffix("'s")
    if "-" in base and all(part in TITLES for part in base.split("-")):
        return True  # Vice-President
    return base in TITLES or base in STOP_WORDS


def _split_run(
    run: str, ordinary: frozenset[str], demonyms: frozenset[str] = frozenset()
) -> tuple[tuple[str, bool], ...]:
    """The names in a run, each with whether it was cut out at a stop word.

    ``ordinary`` words (the text's lower-case vocabulary) are dropped from the
    run's start, where a sentence's first word is capitalised anyway.
    """
    if ordinary:
        words = run.split()
        drop = 0
        while drop < len(words) and (
            (
                words[drop].lower() in ordinary
                and (drop + 1 == len(words) or words[drop + 1] not in _CONNECTORS)
            )
            or _opens_run(words[drop])
        ):
            drop += 1
        if drop:
            run = " ".join(words[drop:])
    return _split_plain(run, demonyms)


def _opens_run(word: str) -> bool:
    """A word that describes what follows at a run's start ("Chipmaker", "Residents")."""
    low = word.lower()
    return low in STARTERS or low.endswith("maker")


#: Runs repeat within and across articles (names, sentence openers): the split of
#: a run no ordinary word is dropped from depends on the run alone. One table of
#: run -> split for each set of demonyms.
_SPLITS: dict[frozenset[str], dict[str, tuple[tuple[str, bool], ...]]] = {}
_SPLITS_SIZE = 100_000


def _split_plain(run: str, demonyms: frozenset[str]) -> tuple[tuple[str, bool], ...]:
    """:func:`_split_run` with no ordinary words, remembered."""
    table = _splits_of(demonyms)
    found = table.get(run)
    if found is None:
        found = table[run] = tuple(_split_words(run.split(), demonyms))
    return found


def _splits_of(demonyms: frozenset[str]) -> dict[str, tuple[tuple[str, bool], ...]]:
    """The table of remembered splits for ``demonyms`` (all emptied when they grow large)."""
    table = _SPLITS.get(demonyms)
    if table is None or len(table) >= _SPLITS_SIZE:
        if len(_SPLITS) > 8 or table is not None:
            _SPLITS.clear()
        table = _SPLITS[demonyms] = {}
    return table


def _split_words(words: list[str], demonyms: frozenset[str]) -> list[tuple[str, bool]]:
    while words and _opens_run(words[0]):
        words.pop(0)
    if len(words) > 1 and words[0].lower() in demonyms:
        rest = words[1:]
        if len(rest) >= 2 or rest[0].isupper():  # "American Robby Ginepri", "French DTT"
            return [(words[0], False), *_split_plain(" ".join(rest), frozenset())]
    parts: list[list[str]] = [[]]
    cut_at_stop = [False]
    for word in words:
        low = word.lower().replace("\u2019", "'")
        base = low.removesuffix("'s")
        if word in _CONNECTORS or word == "&":
            parts[-1].append(word)
        elif _is_descriptor(word) or _CONTRACTION.search(low):
            stop = base in STOP_WORDS and base not in TITLES
            if parts[-1]:
                parts.append([])
                cut_at_stop.append(stop)
            elif stop:
                cut_at_stop[-1] = True
        elif low != base:  # a possessive ends the name: "Valdera's Dr. Vey"
            parts[-1].append(word[:-2])
            parts.append([])
            cut_at_stop.append(False)
        else:
            parts[-1].append(word)
    names = []
    for index, part in enumerate(parts):
        while part and part[-1] in (*_CONNECTORS, "&"):
            part.pop()
        while part and part[0] in (*_CONNECTORS, "&"):
            part.pop(0)
        if part:
            fragment = cut_at_stop[index] or (index + 1 < len(parts) and cut_at_stop[index + 1])
            names.append((_POSSESSIVE.sub("", " ".join(part)), fragment))
    return names


#: Whether a run begins a sentence, by the (up to) three characters before it: few
#: shapes repeat (". ", "he "), so most runs are judged by one look-up. Emptied when it
#: grows past :data:`_STARTS_SIZE`.
_STARTS: dict[str, bool] = {}
_STARTS_SIZE = 50_000


def _begins_sentence(before: str) -> bool:
    """True when ``before`` (the three characters before a run) ends a sentence."""
    found = _STARTS.get(before)
    if found is None:
        if len(_STARTS) >= _STARTS_SIZE:
            _STARTS.clear()
        found = _STARTS[before] = _SENTENCE_START.search(before) is not None
    return found


def find_mentions(
    title: str, text: str, lower_words: frozenset[str], demonyms: frozenset[str] = frozenset()
) -> list[Mention]:
    """Every name in the title and the text, in order (title first).

    A run that starts with one of the ``demonyms`` is split after it.
    """
    found: list[Mention] = []
    append = found.append
    splits = _splits_of(demonyms)
    starts = _STARTS
    for source, in_title in ((title, True), (text, False)):
        for match in _RUN_AND_NEXT.finditer(source):
            run, next_word = match.groups("")
            pieces = splits.get(run)
            if pieces is None:
                pieces = _split_plain(run, demonyms)
            if not pieces and len(run.split(None, 1)) == 1:
                continue  # a lone title or stop word ("The", "Minister"): never a name
            start = match.start()
            before = source[start - 3 : start] if start >= 3 else source[:start]
            at_start = starts.get(before)
            if at_start is None:
                at_start = _begins_sentence(before)
            first_word = ""
            if at_start:
                first_word = run.split(None, 1)[0]
                # the run's own split stands unless its first word is dropped (see _split_run)
                if first_word.lower() in lower_words or _opens_run(first_word):
                    pieces = _split_run(run, lower_words, demonyms)
                    if not pieces:
                        continue
            if len(pieces) == 1:
                name, fragment = pieces[0]
                append(
                    Mention(
                        name, in_title, at_start and name == first_word, not fragment, next_word
                    )
                )
                continue
            last = len(pieces) - 1
            for number, (name, fragment) in enumerate(pieces):
                append(
                    Mention(
                        name,
                        in_title,
                        at_start and number == 0 and name == first_word,
                        not fragment,
                        next_word if number == last else "",
                    )
                )
    return found
