"""What happens to an article after it is stored: summary, topics, story.

Importers and the feed fetcher call :func:`enrich_articles` on the ids they
added, so that opening an article later is instant and offline. Topic rules
that changed in the config since the last run are first re-applied to the
whole library (so rules reach existing articles too; ``newsreader topics
apply`` does it on demand).

The work comes in two halves. :func:`prepare_batch` makes what needs nothing
from the store but the articles themselves (summaries, topics) and writes
nothing; :func:`store_batch` writes it in one transaction, placing each
article in a story in order. A process sharing the library with a busy writer
(the enrichment child during a refresh) prepares its next batch while the
write lock is taken rather than waiting for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsreader.config import Settings
from newsreader.store import Library, write_if_free

if TYPE_CHECKING:
    from newsreader.topics.assign import TopicAssigner, TopicAssignment

log = logging.getLogger(__name__)


@dataclass
class PreparedBatch:
    """A batch's summaries and topics, made and not yet stored."""

    #: The ids still in the library, in the order given.
    ids: list[int]
    assigner: TopicAssigner | None = None
    #: (article id, algorithm, sentences, payload) of the summaries made now.
    summaries: list[tuple[int, str, int, str]] = field(default_factory=list)
    topics: list[tuple[int, TopicAssignment]] = field(default_factory=list)
    #: Enrichment state to keep with the batch (a retrained model, the rules' fingerprint).
    state: dict[str, str] = field(default_factory=dict)


def prepare_batch(
    library: Library,
    article_ids: Iterable[int],
    settings: Settings,
    unsaved: Mapping[str, str] | None = None,
) -> PreparedBatch:
    """Make the summaries and topics of the given articles, writing nothing.

    (Except when the config's topic rules changed: they are applied to the whole
    library first.) ``unsaved`` is the :attr:`PreparedBatch.state` of batches
    prepared before and not stored yet.
    """
    from newsreader.summaries import new_summary
    from newsreader.topics.assign import (
        TopicAssigner,
        apply_to_library,
        learned_model,
        rules_state,
    )

    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return PreparedBatch([])
    state = rules_state(library, settings)
    if state is None:
        apply_to_library(library, settings, rules_only=True)
        state = {}
    model, learned = learned_model(library, settings, unsaved)
    batch = PreparedBatch([], TopicAssigner(settings, model), state={**state, **learned})
    assert batch.assigner is not None
    for article_id in ids:
        row = library.grouping_input(article_id)
        if row is None:
            continue
        batch.ids.append(article_id)
        made = new_summary(library, article_id, settings)
        if made is not None:
            batch.summaries.append((article_id, *made))
        source = library.article_source(article_id)
        batch.topics.append((article_id, batch.assigner.assign(row[0], row[1], source)))
    return batch


def store_batch(
    library: Library, batch: PreparedBatch, settings: Settings, wait: bool = True
) -> bool:
    """Store a prepared batch, place its articles in stories and summarise those stories.

    One transaction (one wait for the write lock): stories of two reports or more
    that the batch touched get their summary once, at the end. With ``wait``
    False, nothing is done and False returned while another connection holds
    the write lock.
    """
    if not batch.ids and not batch.state:
        return True
    with write_if_free(library.conn, wait) as free:
        if not free:
            return False
        _store(library, batch, settings)
    return True


def _store(library: Library, batch: PreparedBatch, settings: Settings) -> None:
    from newsreader.stories.grouping import place_article
    from newsreader.stories.story_summary import new_story_summary

    stories: set[int] = set()
    for key, value in batch.state.items():
        library.set_state(key, value)
    with library.batched_term_counts():
        library.store_summaries(batch.summaries)
        assert batch.assigner is not None
        for article_id, assignment in batch.topics:
            batch.assigner.store(library, article_id, assignment)
        for article_id in batch.ids:
            placed = place_article(library, article_id)
            if placed is not None:
                stories.add(placed.story_id)
    for story_id in library.unsummarised_stories(stories):
        sentences = new_story_summary(library, story_id, settings)
        if sentences:
            library.store_story_summary(story_id, sentences)


def enrich_articles(library: Library, article_ids: Iterable[int], settings: Settings) -> None:
    """Make and store the summary, topics and story of each new article."""
    store_batch(library, prepare_batch(library, article_ids, settings), settings)
