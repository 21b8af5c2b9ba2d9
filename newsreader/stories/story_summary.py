"""A story's own summary, drawn from its newest reports without saying a thing twice.

A story's summary is made from the candidate sentences of its newest
:data:`POOL_REPORTS` reports: each report's first :data:`REPORT_SENTENCES`
sentences of a readable length, split once when first needed and kept in the
library. Remaking the summary when a report joins therefore splits only that
report and weighs a bounded number of sentences, whatever the story's size,
and the summary follows the story as it develops.

Sentences compete by maximal marginal relevance: relevance is the cosine of a
sentence with the centroid of the candidates (what the reports say together),
with a bonus for a report's opening sentences, where news states its facts, and
for the newest report's; each pick is penalised by its likeness to sentences
already picked, and near-duplicates of a pick (what two reports both say) are
never taken. Each sentence keeps the article and outlet it came from; the
newest report's come first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from newsreader.config import Settings
from newsreader.models import Story, StorySentence
from newsreader.store import Library
from newsreader.topics.words import STOP_WORDS, stems

#: Relevance against novelty (1.0: relevance only).
LAMBDA = 0.7
#: A sentence this similar to a chosen one repeats it and is skipped.
DUPLICATE = 0.5
#: A report's opening sentences get a bonus...
LEAD_SENTENCES = 3
LEAD_BONUS = 0.1
#: ...and so do the newest report's.
NEWEST_BONUS = 0.1
MIN_WORDS, MAX_WORDS = 6, 60
#: The summary is drawn from this many of the story's newest reports...
POOL_REPORTS = 6
#: ...each offering its first this many sentences of MIN_WORDS to MAX_WORDS words...
REPORT_SENTENCES = 5
#: ...found in its first this many characters, or in all of a text up to
#: :data:`WHOLE_TEXT_CHARS` long: the article's own summary split that same whole
#: text, and the tokenizer remembers the sentences of the texts it split.
SPLIT_CHARS = 4000
WHOLE_TEXT_CHARS = 50_000
_FALLBACK_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def _sentences(text: str) -> list[str]:
    """Sentences of ``text`` via summarize's tokenizer (a plain split if it is missing)."""
    try:
        from summarize.tokenizer import NewsTokenizer
    except ImportError:  # pragma: no cover - summarize is part of the project
        return [s.strip() for p in text.split("\n") for s in _FALLBACK_SPLIT.split(p) if s.strip()]
    return [text[a:b] for a, b in NewsTokenizer().sentence_spans(text)]


def report_candidates(text: str) -> list[str]:
    """A report's candidate sentences for its story's summary, in order."""
    found = []
    for sentence in _sentences(text if len(text) <= WHOLE_TEXT_CHARS else text[:SPLIT_CHARS]):
        if MIN_WORDS <= len(sentence.split()) <= MAX_WORDS:
            found.append(sentence.strip())
            if len(found) == REPORT_SENTENCES:
                break
    return found


@dataclass(frozen=True)
class Candidate:
    """A sentence that may go into a story's summary."""

    article_id: int
    source: str
    #: Its place among its report's candidates.
    position: int
    text: str
    #: Its report's age rank in the story: 0 for the newest.
    rank: int


@dataclass(frozen=True)
class SummaryUpdate:
    """A story summary made now, and what making it read."""

    sentences: list[StorySentence]
    #: Reports split into sentences for it (those split before were not).
    reports_split: int
    #: Reports whose sentences it weighed, and the sentences.
    reports_read: int
    candidates: int


@lru_cache(maxsize=4096)
def _vector(sentence: str) -> Counter[str]:
    """A sentence's content stems, counted; remembered, since a story's summary is remade
    from mostly the same sentences each time it grows (do not change what it returns)."""
    return Counter(w for w in stems(sentence) if len(w) > 2 and w not in STOP_WORDS)


def _norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def _cosine_normed(a: dict[str, float], na: float, b: dict[str, float], nb: float) -> float:
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum([v * b.get(k, 0.0) for k, v in a.items()])
    return dot / (na * nb) if na and nb else 0.0


def pick_sentences(candidates: list[Candidate], sentences: int = 3) -> list[StorySentence]:
    """Choose ``sentences`` of the candidates (see the module's documentation)."""
    if not candidates:
        return []
    vectors = [_vector(c.text) for c in candidates]
    df: Counter[str] = Counter()
    for vec in vectors:
        df.update(vec.keys())
    n = len(candidates)
    weighted: list[dict[str, float]] = [
        {t: c * math.log((n + 1) / (df[t] + 0.5)) for t, c in vec.items()} for vec in vectors
    ]
    norms = [_norm(vec) for vec in weighted]
    centroid: dict[str, float] = {}
    for weights in weighted:
        for t, w in weights.items():
            centroid[t] = centroid.get(t, 0.0) + w
    centroid_norm = _norm(centroid)
    relevance = [
        _cosine_normed(vec, norm, centroid, centroid_norm)
        + (LEAD_BONUS if cand.position < LEAD_SENTENCES else 0.0)
        + (NEWEST_BONUS if cand.rank == 0 else 0.0)
        for vec, norm, cand in zip(weighted, norms, candidates, strict=True)
    ]
    chosen: list[int] = []
    # each sentence's greatest likeness to a chosen one (0.0 while none is chosen)
    overlap = [0.0] * n
    while len(chosen) < sentences:
        best, best_score = None, -math.inf
        for i in range(n):
            if i in chosen or overlap[i] >= DUPLICATE:
                continue
            score = LAMBDA * relevance[i] - (1 - LAMBDA) * overlap[i]
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        for i in range(n):
            if i not in chosen:
                like = _cosine_normed(weighted[i], norms[i], weighted[best], norms[best])
                overlap[i] = max(overlap[i], like)
    chosen.sort(key=lambda i: (candidates[i].rank, candidates[i].position))
    return [
        StorySentence(candidates[i].text, candidates[i].article_id, candidates[i].source)
        for i in chosen
    ]


def summarize_story(
    reports: list[tuple[int, str, str, str]], sentences: int = 3
) -> list[StorySentence]:
    """Pick ``sentences`` sentences from ``(article id, source, title, text)`` reports,
    oldest first (every report given is split)."""
    candidates = [
        Candidate(article_id, source, position, text, len(reports) - 1 - number)
        for number, (article_id, source, _title, body) in enumerate(reports)
        for position, text in enumerate(report_candidates(body))
    ]
    return pick_sentences(candidates, sentences)


def story_candidates(library: Library, story_id: int) -> tuple[list[Candidate], int, int]:
    """(candidates, reports split, reports read) of a story's newest reports.

    A report split before is read from the library; one that was not is split
    now and its sentences kept.
    """
    reports = library.newest_reports(story_id, POOL_REPORTS)
    stored = library.report_sentences(article_id for article_id, _, _ in reports)
    split = 0
    candidates: list[Candidate] = []
    for rank, (article_id, source, _) in enumerate(reports):
        if article_id not in stored:
            found = library.grouping_input(article_id)
            if found is None:
                continue
            stored[article_id] = report_candidates(found[1])
            library.store_report_sentences(article_id, stored[article_id])
            split += 1
        candidates += [
            Candidate(article_id, source, position, text, rank)
            for position, text in enumerate(stored[article_id])
        ]
    return candidates, split, len(reports)


def update_story_summary(library: Library, story_id: int, settings: Settings) -> SummaryUpdate:
    """A summary of the story made now from its newest reports (nothing stored but the
    sentences of reports split for it)."""
    candidates, split, read = story_candidates(library, story_id)
    chosen = pick_sentences(candidates, max(1, settings.summary.sentences) + 1)
    return SummaryUpdate(chosen, split, read, len(candidates))


def ensure_story_summary(
    library: Library, story_id: int, settings: Settings
) -> tuple[StorySentence, ...]:
    """The story's stored summary, made and stored first if missing.

    A story of one report has no summary of its own: it is that report's
    summary (cached since the article was fetched), attributed to its outlet.
    """
    stored = library.story_summary(story_id)
    if stored:
        return stored
    reports = library.newest_reports(story_id, 2)
    if len(reports) == 1:
        return _report_summary(library, reports[0][:2], settings)
    made = update_story_summary(library, story_id, settings).sentences if reports else []
    if made:
        library.store_story_summary(story_id, made)
    return tuple(made)


def load_story(library: Library, story_id: int, settings: Settings) -> Story | None:
    """A whole story with its summary (made now if it was not made ahead)."""
    story = library.get_story(story_id)
    if story is None or story.summary:
        return story
    return replace(story, summary=ensure_story_summary(library, story_id, settings))


def new_story_summary(library: Library, story_id: int, settings: Settings) -> list[StorySentence]:
    """A summary made now from the story's newest reports (not stored; see
    :func:`update_story_summary`): the settings' sentences and one more.

    Empty for a story of fewer than two reports: one report's story is
    summarised by that report's own summary (see :func:`ensure_story_summary`),
    so enrichment does not summarise every new article twice.
    """
    if len(library.newest_reports(story_id, 2)) < 2:
        return []
    return update_story_summary(library, story_id, settings).sentences


def _report_summary(
    library: Library, report: tuple[int, str], settings: Settings
) -> tuple[StorySentence, ...]:
    """One report's own summary as story sentences (empty when the article is gone)."""
    from newsreader.summaries import ensure_summary

    article_id, source = report[0], report[1]
    summary = ensure_summary(library, article_id, settings)
    if summary is None:
        return ()
    return tuple(StorySentence(s.text, article_id, source) for s in summary.sentences)
