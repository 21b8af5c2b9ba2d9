"""Subject tags: the few people, places and organisations an article is about.

Tags are names (:mod:`newsreader.topics.names`) seen in the text at least
twice, or once in the text and again in the title. One entity is one tag,
whatever it is called: a surname counts towards the full name (``Blinken`` ->
``Antony Blinken``), a company's first word towards its full name
(``Corvane`` -> ``Corvane Holdings``), a demonym towards its country
(``Valderan`` -> ``Valdera``, ``Russian`` -> ``Russia``), initials towards
the name they stand for (``S.B.C.`` -> ``Sael Basin Commission``), a dateline
in capitals towards the place (``LISK`` -> ``Lisk``), and a leading descriptor
is never part of a name (``Chipmaker Veltro`` -> ``Veltro``). Never tags:
phrases of ordinary words (``snap election``), stop words, titles and jobs,
words the text also uses in lower case (ordinary words at the start of a
sentence, ``Residents``), pieces of longer titles (``Light`` of ``The Last
Light``), demonyms used as adjectives with no country to count towards,
common abbreviations and words in capitals (``ID``, ``RED``), and names found
only in the title (a headline in title case capitalises every word).
"""

from __future__ import annotations

import re

from newsreader.topics.names import TITLES, Mention, find_mentions
from newsreader.topics.sections import common_words
from newsreader.topics.tag_words import COMPANY_WORDS, DEMONYM_ENDINGS, DEMONYMS, NOT_NAMES
from newsreader.topics.words import STOP_WORDS

#: Weight of a mention in the title (a text mention counts 1).
TITLE_WEIGHT = 2
#: Least weight of a tag.
MIN_WEIGHT = 2

_DEMONYM_WORDS = frozenset(DEMONYMS)
_DEMONYM_SHAPE = re.compile(r"\w+(?:an|ian|ese|ish|i|er|ers|ans|ians)")
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}")


#: What a name's own letters say of it, by name: True, a name whatever the text;
#: False, never one; None, one unless the text uses it in lower case or it only opens
#: the title (see :func:`_kept`). Emptied when it grows past :data:`_VERDICTS_SIZE`.
_VERDICTS: dict[str, tuple[bool | None, str]] = {}
_VERDICTS_SIZE = 100_000


def _verdict(name: str) -> tuple[bool | None, str]:
    """(what ``name`` alone says, its lower case), remembered."""
    found = _VERDICTS.get(name)
    if found is None:
        low = name.lower()
        verdict: bool | None = None
        if low in DEMONYMS or " " in name:
            verdict = True
        elif _never_a_name(name, low):
            verdict = False
        if len(_VERDICTS) >= _VERDICTS_SIZE:
            _VERDICTS.clear()
        found = _VERDICTS[name] = (verdict, low)
    return found


def _never_a_name(name: str, low: str) -> bool:
    """A stop word, a title or job, a common abbreviation or word, or one letter or two."""
    if low in STOP_WORDS or low in TITLES or low in NOT_NAMES or low in common_words():
        return True
    return len(name) < 2 or (len(name) < 3 and not name.isupper())


def _kept(mentions: list[Mention], lower_words: frozenset[str]) -> list[Mention]:
    """The mentions that are names at all."""
    verdicts = _VERDICTS
    kept = []
    for mention in mentions:
        found = verdicts.get(mention.name)
        verdict, low = _verdict(mention.name) if found is None else found
        if verdict or (
            verdict is None
            and low not in lower_words
            and not (mention.in_title and mention.at_start)
        ):
            kept.append(mention)
    return kept


def _aliases(names: set[str], mentions: list[Mention]) -> dict[str, str]:
    """Name -> the name of the same entity it counts towards (one step)."""
    # sorted: when two names could be meant (initials of two names), the same one wins
    # in every process, whatever the order of the set
    multi = sorted(n for n in names if " " in n)
    singles = sorted(n for n in names if " " not in n)
    alias: dict[str, str] = {}
    for name in names:
        low = name.lower()
        if low in DEMONYMS:
            alias[name] = DEMONYMS[low]
        elif name.isupper() and len(name) >= 4 and name.title() in names:
            alias[name] = name.title()  # a dateline in capitals: LISK -> Lisk
        elif name.isupper() and " " in name and name.title() in names:
            alias[name] = name.title()
    # the full names each word is part of, and the places by the stems they begin with,
    # each list in sorted order (the first of a list is the first the sorted names give)
    by_word: dict[str, list[str]] = {}
    for many in multi:
        for word in dict.fromkeys(many.split()):
            by_word.setdefault(word, []).append(many)
    places: dict[str, list[str]] | None = None
    initials_of: list[tuple[str, str]] | None = None
    for name in singles:
        if name in alias:
            continue
        if _DEMONYM_SHAPE.fullmatch(name):
            if places is None:
                places = _places_by_stem(singles)
            country = _country_of(name, places)
            if country:
                alias[name] = country
                continue
        initials = name.replace(".", "")
        if _INITIALS.fullmatch(name) and len(initials) >= 2:
            if initials_of is None:
                initials_of = [(m, _initials_of(m)) for m in multi]
            full = next((m for m, of in initials_of if of == initials), None)
            if full:
                alias[name] = full
                continue
        containing = by_word.get(name, ())
        if len(containing) == 1 and _short_form(name, containing[0]):
            alias[name] = containing[0]
    return alias


def _short_form(name: str, full: str) -> bool:
    """A person's surname (``Blinken`` of ``Antony Blinken``) or a company's first word
    (``Corvane`` of ``Corvane Holdings``)."""
    words = full.split()
    if words[-1] == name and len(words) <= 3 and all(w[0].isupper() for w in words):
        return words[-1] not in COMPANY_WORDS
    if words[0] == name and len(words) == 2 and words[1].lower() not in common_words():
        return True  # a first name: Robbie -> Robbie Williams
    return words[0] == name and all(w in COMPANY_WORDS for w in words[1:])


def _places_by_stem(singles: list[str]) -> dict[str, list[str]]:
    """Names of four letters or more by themselves and by their stems less one and two
    letters (the stems a demonym is made from), each list in the order of ``singles``."""
    places: dict[str, list[str]] = {}
    for place in singles:
        if len(place) >= 4:
            for stem in dict.fromkeys((place, place[:-1], place[:-2])):
                places.setdefault(stem, []).append(place)
    return places


def _country_of(name: str, places: dict[str, list[str]]) -> str | None:
    """The place ``name`` (of a demonym's shape) is the demonym of, when the text names
    it too; the first in sorted order when several could be meant."""
    # the stems name could be made from: Valderan -> Valdera, Valder, ...
    bases = {name[: -len(ending)] for ending in DEMONYM_ENDINGS if name.endswith(ending)}
    found = [place for base in bases for place in places.get(base, ()) if place != name]
    return min(found) if found else None


def _initials_of(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _adjective_only(name: str, mentions: list[Mention]) -> bool:
    """A demonym-shaped word used before a noun ("Valderan officials"): an adjective."""
    if not _DEMONYM_SHAPE.fullmatch(name):
        return False
    uses = [m for m in mentions if m.name == name and not m.in_title]
    return any(m.next_word and m.next_word not in STOP_WORDS for m in uses)


def extract_tags(title: str, text: str, limit: int = 4) -> list[str]:
    """At most ``limit`` subject tags, most salient first."""
    if limit <= 0:
        return []
    lower_words = frozenset(_LOWER_WORD.findall(f"{title}\n{text}"))
    found = find_mentions(title, text, lower_words, _DEMONYM_WORDS)
    mentions = _kept(found, lower_words)
    names = {m.name for m in mentions}
    alias = _aliases(names, mentions)

    def entity(name: str) -> str:
        seen = set()
        while name in alias and name not in seen:
            seen.add(name)
            name = alias[name]
        return name

    entities = {name: entity(name) for name in names}
    weight: dict[str, int] = {}
    in_text: dict[str, int] = {}
    whole: dict[str, int] = {}
    openers: dict[str, int] = {}
    for mention in mentions:
        key = entities[mention.name]
        if mention.in_title:
            weight[key] = weight.get(key, 0) + TITLE_WEIGHT
            continue
        weight[key] = weight.get(key, 0) + 1
        in_text[key] = in_text.get(key, 0) + 1
        whole[key] = whole.get(key, 0) + mention.whole
        openers[key] = openers.get(key, 0) + mention.at_start
    chosen: list[str] = []
    ranked = sorted(weight.items(), key=lambda item: (-item[1], item[0]))
    targets = set(alias.values())
    for name, count in ranked:
        texts = in_text.get(name, 0)
        if count < MIN_WEIGHT or not texts:
            continue
        if " " not in name and not whole[name]:
            continue  # only ever a piece of a longer title
        if " " not in name and openers[name] == texts and name not in targets:
            continue  # only ever a capitalised word opening a sentence
        if name.isupper() and name.lower() in NOT_NAMES:
            continue
        if name not in targets and _adjective_only(name, mentions):
            continue
        if name.lower() in (c.lower() for c in chosen):
            continue
        chosen.append(name)
        if len(chosen) == limit:
            break
    return chosen
