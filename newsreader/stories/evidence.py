"""Evidence beyond the cosine that a new report tells a candidate story's event.

Reports of one event by different outlets share few words, but they share the
event's specifics: its names, places and figures, terms rare both in the library
and in everyday English. Two events of one subject (a quarter-final and the
semi-final, two banks' results one morning) share the subject's names too, but
each has specifics of its own: the story's own specific terms, found in most of
its reports, are missing from the new report, while the report has specific
terms that none of the story's reports has.

So what joining needs (:func:`newsreader.stories.grouping._needed`) is lowered
for each specific term the report shares with most of the story's reports, and
raised for each pair of specifics in conflict. Everything is read from the term
vectors placement compares already: the cost is linear in the reports compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import Stemmer

#: A term is everyday English when one of its words is used at least this often
#: (Zipf scale: 4.5 is about 30 times per million words: "bank", "senate", "profit"),
#: and then no evidence of an event, however rare in the library.
EVERYDAY_ZIPF = 4.5
#: A shared term is rare in the library when at most this share of its articles (plus a
#: few), not counting the story's own reports that have it, have it.
RARE_SHARE, RARE_FLOOR = 0.02, 2
#: Each rare specific term the report shares with at least half of the story's reports
#: compared lowers what joining needs by this much (at most SHARED_CAP of them), less
#: with the time between them (the weight of a report that far away).
SHARED_EASE, SHARED_CAP = 0.03, 3
#: Each conflict raises it by this much (at most CONFLICT_CAP): a specific term among the
#: heaviest CONFLICT_TOP of the story's reports, in at least half of them and at least
#: CONFLICT_LEAST, that the report lacks, against one among the report's heaviest that
#: none of the story's reports has.
CONFLICT, CONFLICT_TOP, CONFLICT_CAP, CONFLICT_LEAST = 0.03, 10, 2, 2

#: Reports that each give a score ("2-1", "27-24", "6-3") with none in common tell
#: different matches, however alike their names and words: joining needs this much more.
SCORE_CONFLICT = 0.3

#: A score: two numbers of one to three digits joined by a hyphen or dash (spaces
#: allowed), not part of a longer run of numbers, a date or a share.
_SCORE = re.compile(r"(?<![\d\-\u2013.])(\d{1,3}) ?[\-\u2013] ?(\d{1,3})(?![\d\-\u2013%])")
#: A range, not a score: a pair of numbers led by a word asking for one ("between 10-15",
#: "aged 18-24") or followed by what it counts ("10-15 people", "3-4 years", "20-30 mph").
_RANGE_BEFORE = re.compile(r"\b(?:between|aged|about|around|some|roughly|up to|nearly) $", re.I)
_RANGE_AFTER = re.compile(
    r" ?(?:per ?cent|percent|people|persons|men|women|children|years?|months?|weeks?|days?"
    r"|hours?|minutes?|seconds?|million|billion|thousand|hundred|km|kilomet\w*|miles?|metres?"
    r"|meters?|feet|ft|inch(?:es)?|cm|mm|kg|tonnes?|tons?|pounds|lb|mph|degrees?)\b",
    re.I,
)
#: What may come between two scores of one line: spaces, a comma or semicolon.
_BETWEEN_SCORES = re.compile(r"[ ,;]*")

#: Zipf frequency of the words in each bucket of wordfreq's list: 9 less a hundredth per
#: bucket (bucket i holds the words of frequency 10 ** (-i / 100)).
_TOP_ZIPF = 9.0


@lru_cache(maxsize=1)
def everyday_terms() -> frozenset[str]:
    """The Snowball stems of everyday English words (:data:`EVERYDAY_ZIPF` and above),
    from wordfreq's small English list (read once, then let go)."""
    from wordfreq import get_frequency_list

    buckets = int(round((_TOP_ZIPF - EVERYDAY_ZIPF) * 100)) + 1
    stem = Stemmer.Stemmer("english").stemWords
    found: set[str] = set()
    for bucket in get_frequency_list("en", wordlist="small")[:buckets]:
        found.update(stem(bucket))
    get_frequency_list.cache_clear()
    return frozenset(found)


def specific_terms(vector: Mapping[str, float]) -> list[str]:
    """The terms of a vector that are not everyday English, in its order."""
    everyday = everyday_terms()
    return [term for term in vector if term not in everyday]


def scores(text: str) -> frozenset[str]:
    """The score lines a text gives: each run of scores one after the other ("4-6 7-6
    6-3", a match in sets) as one line, its scores as written in order ("2-1" and
    "1-2" differ: two matches of one pair of sides are told home side first)."""
    lines: list[list[str]] = []
    end = -1
    for found in _SCORE.finditer(text):
        if _is_range(text, found.start(), found.end()):
            continue
        score = f"{found[1]}-{found[2]}"
        if lines and _BETWEEN_SCORES.fullmatch(text, end, found.start()):
            lines[-1].append(score)
        else:
            lines.append([score])
        end = found.end()
    return frozenset(" ".join(line) for line in lines)


def _is_range(text: str, start: int, end: int) -> bool:
    """True when the number pair at ``start:end`` reads as a range (:data:`_RANGE_BEFORE`,
    :data:`_RANGE_AFTER`), not a score."""
    if _RANGE_BEFORE.search(text, max(0, start - 12), start):
        return True
    return _RANGE_AFTER.match(text, end) is not None


def told_scores(title: str, text: str) -> frozenset[str]:
    """The scores a report tells as its own: those of its headline and first paragraph
    when they give one (a report leads with its match's score; further down it may give
    the scores of other matches of the round), else those of its whole text
    (:func:`scores`)."""
    lead = text.lstrip().split("\n", 1)[0]
    return scores(f"{title}\n{lead}") or scores(f"{title}\n{text}")


def _agree(a: str, b: str) -> bool:
    """True when one score line is the other or a run of it (one set of a match)."""
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def scores_conflict(ours: frozenset[str], theirs: Iterable[frozenset[str]]) -> bool:
    """True when the new report gives scores (``ours``, its :func:`scores`), one or more
    of the story's reports give scores (``theirs``, one set a report), and no line of
    the report agrees with a line of theirs."""
    found = False
    for lines in theirs:
        if any(_agree(a, b) for a in ours for b in lines):
            return False
        found = found or bool(lines)
    return found and bool(ours)


@dataclass
class StoryEvidence:
    """What a candidate story's reports compared share with the new report, and lack."""

    reports: int = 0
    #: The report's specific terms, each with the number of story reports having it.
    shared: dict[str, int] = field(default_factory=dict)
    #: Specific terms among a story report's heaviest the report lacks, with the count.
    missing: dict[str, int] = field(default_factory=dict)

    def add(
        self, theirs: Mapping[str, float], ours: Mapping[str, float], specific: list[str]
    ) -> None:
        """Count one story report (its vector ``theirs``) against the new report's vector
        ``ours``, whose :func:`specific_terms` are ``specific``."""
        self.reports += 1
        for term in specific:
            if term in theirs:
                self.shared[term] = self.shared.get(term, 0) + 1
        everyday = everyday_terms()
        for term in islice(theirs, CONFLICT_TOP):
            if term not in ours and term not in everyday:
                self.missing[term] = self.missing.get(term, 0) + 1

    def shift(
        self,
        documents: int,
        term_documents: Mapping[str, int],
        ours: Mapping[str, float],
        specific: list[str],
        weight: float,
    ) -> float:
        """What to add to the mean cosine joining needs (less than 0: evidence for).

        ``documents`` and ``term_documents`` are the library's counts, ``ours`` and
        ``specific`` the new report's vector and specific terms, ``weight`` the weight
        of the time between them (1.0: the same moment).
        """
        half = self.reports / 2
        rare_at = RARE_SHARE * documents + RARE_FLOOR
        shared = sum(
            1
            for term, count in self.shared.items()
            if count >= half and term_documents.get(term, 0) - count <= rare_at
        )
        conflicts = self.conflicts(ours, specific)
        return CONFLICT * conflicts - SHARED_EASE * min(shared, SHARED_CAP) * weight

    def conflicts(self, ours: Mapping[str, float], specific: list[str]) -> int:
        """Pairs of specifics in conflict (at most :data:`CONFLICT_CAP`): the story's own
        the report lacks against the report's own none of the story's reports has."""
        least = max(self.reports / 2, CONFLICT_LEAST)
        missing = sum(1 for count in self.missing.values() if count >= least)
        heaviest = set(islice(ours, CONFLICT_TOP))
        unexplained = sum(1 for t in specific if t in heaviest and t not in self.shared)
        return min(missing, unexplained, CONFLICT_CAP)
