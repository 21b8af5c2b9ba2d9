"""Subject tags: the few people, places, organisations and themes an article is about.

Names are runs of capitalised words (``Antony Blinken``, ``Bank of England``)
seen more than once or in the title; a surname alone counts towards the full
name, demonyms count towards their country (``Russian`` -> ``Russia``). Themes
are two-word phrases of lower-case content words repeated in the text
(``prisoner swap``). Stop words, titles, days and months, and single words
that the text also uses in lower case (ordinary words at the start of a
sentence) are never tags.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsreader.topics.sections import builtin_vocabulary
from newsreader.topics.words import STOP_WORDS

_NAME_WORD = r"(?:[A-Z][\w'\u2019\-]*[\w]|[A-Z])"
_NAME_RUN = re.compile(
    rf"{_NAME_WORD}(?:\.[A-Z]\.?)?(?:\s+(?:of|de|la|van|von|du|der|al|bin)\s+{_NAME_WORD}"
    rf"|\s+{_NAME_WORD})*"
)
_CONTRACTION = re.compile(r"(n't|'m|'re|'ve|'ll|'d)$")
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d\u2018\u2019(\[\n]|\s[-\u2013\u2014])\s*$")

#: Words that introduce or describe a person rather than name them.
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
    millions thousands hundreds dozens many several"""
TITLES = frozenset(_TITLES_TEXT.split())

DEMONYMS = {
    "russian": "Russia",
    "russians": "Russia",
    "ukrainian": "Ukraine",
    "ukrainians": "Ukraine",
    "american": "United States",
    "americans": "United States",
    "us": "United States",
    "u.s": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "chinese": "China",
    "french": "France",
    "german": "Germany",
    "germans": "Germany",
    "italian": "Italy",
    "spanish": "Spain",
    "japanese": "Japan",
    "indian": "India",
    "iranian": "Iran",
    "israeli": "Israel",
    "israelis": "Israel",
    "palestinian": "Palestine",
    "palestinians": "Palestine",
    "syrian": "Syria",
    "iraqi": "Iraq",
    "turkish": "Turkey",
    "canadian": "Canada",
    "australian": "Australia",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "european": "Europe",
    "african": "Africa",
    "polish": "Poland",
    "korean": "Korea",
    "scottish": "Scotland",
    "welsh": "Wales",
    "irish": "Ireland",
    "english": "England",
    "saudi": "Saudi Arabia",
    "egyptian": "Egypt",
    "kremlin": "Russia",
}

#: Lower-case words too common to make a theme even in pairs.
_WEAK_TEXT = """also last first year years said says told make made take took like want wanted
    going go come came gave give good great big small long high low little large part
    number lot lots way ways thing things end set place put well back home per cent
    percent million billion new old other another whole kind sort must need needs
    since next week month day days time times rather quite really just very still"""
_WEAK = STOP_WORDS | frozenset(_WEAK_TEXT.split())


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Single words of the section vocabularies: ordinary news words, never a tag alone."""
    return frozenset(
        phrase[0] for table in builtin_vocabulary().values() for phrase in table if len(phrase) == 1
    )


def _clean_run(run: str, ordinary: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Split a capitalised run at titles, stop words and possessives: names left over.

    ``ordinary`` words (the text's lower-case vocabulary) are dropped from the
    run's start, where a sentence's first word is capitalised anyway.
    """
    parts: list[list[str]] = [[]]
    words = run.split()
    connectors = ("of", "de", "la", "van", "von", "du", "der", "al", "bin")
    while words and words[0].lower() in ordinary and (len(words) < 2 or words[1] not in connectors):
        words.pop(0)
    for word in words:
        low = word.lower().replace("\u2019", "'")
        base = low.removesuffix("'s")
        if low in connectors:
            parts[-1].append(word)
        elif base in TITLES or base in STOP_WORDS or _CONTRACTION.search(low):
            parts.append([])
        elif low != base:
            parts[-1].append(word[:-2])
            parts.append([])
        else:
            parts[-1].append(word)
    names = []
    for part in parts:
        while part and part[-1].lower() in ("of", "de", "la", "van", "von", "du", "der", "al"):
            part.pop()
        while part and part[0].lower() in ("of", "de", "la", "van", "von", "du", "der", "al"):
            part.pop(0)
        if part:
            name = " ".join(part)
            names.append(re.sub(r"['\u2019]s$", "", name))
    return names


def _known(word: str, counts: Counter[str]) -> bool:
    """True when ``word`` is already a name, or a word of one (a surname, say)."""
    return word in counts or any(
        word in name.split() for name in counts if " " in name and not name.startswith("?")
    )


def _names(title: str, text: str) -> Counter[str]:
    """Counts of names in the text; title occurrences count twice more."""
    lower_words = set(_LOWER_WORD.findall(text)) | set(_LOWER_WORD.findall(title))
    common = _common_words()
    counts: Counter[str] = Counter()
    for source, weight in ((text, 1), (title, 2)):
        for match in _NAME_RUN.finditer(source):
            run = match.group(0)
            at_start = _SENTENCE_START.search(source[max(0, match.start() - 3) : match.start()])
            names = _clean_run(run, lower_words if at_start else frozenset())
            for name in names:
                low = name.lower()
                if low in DEMONYMS:
                    counts[DEMONYMS[low]] += weight
                    continue
                if " " not in name:
                    if low in STOP_WORDS or low in TITLES or low in lower_words or low in common:
                        continue
                    if source is title and match.start() == 0 and not _known(name, counts):
                        continue
                    if len(name) < 3 and not name.isupper():
                        continue
                    if at_start and source is text and run == name:
                        # a lone capitalised word opening a sentence: count only if seen elsewhere
                        counts[f"?{name}"] += weight
                        continue
                counts[name] += weight
    # lone sentence-initial words count only when the word is also a name elsewhere
    for key in [k for k in counts if k.startswith("?")]:
        value = counts.pop(key)
        if _known(key[1:], counts):
            counts[key[1:]] += value
    return counts


def _merge_surnames(counts: Counter[str]) -> Counter[str]:
    """Fold ``Blinken`` into ``Antony Blinken`` (the longest name ending with it)."""
    merged: Counter[str] = Counter()
    multi = sorted((n for n in counts if " " in n), key=lambda n: -counts[n])
    for name, count in counts.items():
        if " " not in name:
            full = next((m for m in multi if m.split()[-1] == name or m.split()[0] == name), None)
            if full is not None:
                merged[full] += count
                continue
        merged[name] += count
    return merged


def _themes(title: str, text: str) -> Counter[str]:
    """Two-word phrases of lower-case content words repeated in the text."""
    counts: Counter[str] = Counter()
    for source, weight in ((text, 1),):
        for sentence in re.split(r"[.!?;:,\n\"\u201c\u201d()]", source):
            words = sentence.split()
            for a, b in zip(words, words[1:], strict=False):
                if not (a.isalpha() and b.replace("-", "").isalpha()):
                    continue
                if not (a.islower() and b.islower()):
                    continue
                if a in _WEAK or b in _WEAK or len(a) < 4 or len(b) < 4:
                    continue
                counts[f"{a} {b}"] += weight
    lowered = title.lower()
    return Counter(
        {phrase: n + (2 if phrase in lowered else 0) for phrase, n in counts.items() if n >= 2}
    )


def extract_tags(title: str, text: str, limit: int = 4) -> list[str]:
    """At most ``limit`` subject tags, most salient first."""
    if limit <= 0:
        return []
    names = _merge_surnames(_names(title, text))
    scored = [(float(count), name) for name, count in names.items() if count >= 2]
    themes = _themes(title, text)
    scored += [(count * 0.8, phrase) for phrase, count in themes.items()]
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[str] = []
    for _, tag in scored:
        low = tag.lower()
        if any(low in c.lower() or c.lower() in low for c in chosen):
            continue
        chosen.append(tag)
        if len(chosen) == limit:
            break
    return chosen
