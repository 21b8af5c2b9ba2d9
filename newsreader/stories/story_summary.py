"""A story's own summary, drawn from all its reports without saying a thing twice.

Sentences of every report compete by maximal marginal relevance: relevance is
the cosine of a sentence with the story's centroid (what the reports say
together), with a bonus for a report's opening sentences, where news states
its facts; each pick is penalised by its likeness to sentences already picked,
and near-duplicates of a pick (what two reports both say) are never taken.
Each sentence keeps the article and outlet it came from.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from newsreader.config import Settings
from newsreader.models import Story, StorySentence
from newsreader.store import Library
from newsreader.topics.words import STOP_WORDS, stems

#: Relevance against novelty (1.0: relevance only).
LAMBDA = 0.7
#: A sentence this similar to a chosen one repeats it and is skipped.
DUPLICATE = 0.5
LEAD_SENTENCES = 3
MIN_WORDS, MAX_WORDS = 6, 60
_FALLBACK_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def _sentences(text: str) -> list[str]:
    """Sentences of ``text`` via summarize's tokenizer (a plain split if it is missing)."""
    try:
        from summarize.tokenizer import NewsTokenizer
    except ImportError:  # pragma: no cover - summarize is part of the project
        return [s.strip() for p in text.split("\n") for s in _FALLBACK_SPLIT.split(p) if s.strip()]
    return [text[a:b] for a, b in NewsTokenizer().sentence_spans(text)]


def _vector(sentence: str) -> Counter[str]:
    return Counter(w for w in stems(sentence) if len(w) > 2 and w not in STOP_WORDS)


def _norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return _cosine_normed(a, _norm(a), b, _norm(b))


def _cosine_normed(a: dict[str, float], na: float, b: dict[str, float], nb: float) -> float:
    """:func:`_cosine` with both norms known."""
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    return dot / (na * nb) if na and nb else 0.0


def summarize_story(
    reports: list[tuple[int, str, str, str]], sentences: int = 3
) -> list[StorySentence]:
    """Pick ``sentences`` sentences from ``(article id, source, title, text)`` reports."""
    candidates: list[tuple[int, str, int, str, Counter[str]]] = []
    for article_id, source, _title, text in reports:
        for position, sentence in enumerate(_sentences(text)):
            words = len(sentence.split())
            if MIN_WORDS <= words <= MAX_WORDS:
                candidates.append((article_id, source, position, sentence, _vector(sentence)))
    if not candidates:
        return []
    df: Counter[str] = Counter()
    for *_, vec in candidates:
        df.update(vec.keys())
    n = len(candidates)
    weighted: list[dict[str, float]] = [
        {t: c * math.log((n + 1) / (df[t] + 0.5)) for t, c in vec.items()} for *_, vec in candidates
    ]
    norms = [_norm(vec) for vec in weighted]
    centroid: dict[str, float] = {}
    for weights in weighted:
        for t, w in weights.items():
            centroid[t] = centroid.get(t, 0.0) + w
    centroid_norm = _norm(centroid)
    relevance = [
        _cosine_normed(vec, norm, centroid, centroid_norm)
        + (0.1 if cand[2] < LEAD_SENTENCES else 0.0)
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
        first = not chosen
        chosen.append(best)
        for i in range(n):
            if i not in chosen:
                like = _cosine_normed(weighted[i], norms[i], weighted[best], norms[best])
                overlap[i] = like if first else max(overlap[i], like)
    order = {article_id: rank for rank, (article_id, *_rest) in enumerate(reports)}
    chosen.sort(key=lambda i: (order[candidates[i][0]], candidates[i][2]))
    return [StorySentence(candidates[i][3], candidates[i][0], candidates[i][1]) for i in chosen]


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
    reports = library.story_texts(story_id)
    if len(reports) == 1:
        return _report_summary(library, reports[0], settings)
    made = _combined(reports, settings)
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
    """A summary made now from the story's reports (nothing read from or kept in the store).

    Empty for a story of fewer than two reports: one report's story is
    summarised by that report's own summary (see :func:`ensure_story_summary`),
    so enrichment does not summarise every new article twice.
    """
    reports = library.story_texts(story_id)
    return _combined(reports, settings) if len(reports) > 1 else []


def _combined(reports: list[tuple[int, str, str, str]], settings: Settings) -> list[StorySentence]:
    """The summary of several reports: the settings' sentences and one more."""
    return summarize_story(reports, max(1, settings.summary.sentences) + 1) if reports else []


def _report_summary(
    library: Library, report: tuple[int, str, str, str], settings: Settings
) -> tuple[StorySentence, ...]:
    """One report's own summary as story sentences (empty when the article is gone)."""
    from newsreader.summaries import ensure_summary

    article_id, source = report[0], report[1]
    summary = ensure_summary(library, article_id, settings)
    if summary is None:
        return ()
    return tuple(StorySentence(s.text, article_id, source) for s in summary.sentences)
