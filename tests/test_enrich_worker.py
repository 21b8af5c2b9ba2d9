"""The text work of enrichment made in the worker process makes the library made without it.

Summaries, sections and tags (with the section model the run learns from the
library, given to the worker), the sentences each report offers its story and
what story placement reads of each text are made in the worker process ahead
of the enriching one, and the stories' summaries are shared between the two.
The library is the same as when the enriching process makes everything
itself; a worker that dies while it has that work costs nothing but time: the
enriching process makes it instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from newsreader.config import Settings
from newsreader.ingest.enrichment import Enricher
from newsreader.ingest.events import Timings
from newsreader.ingest.worker import Offer, Worker, available_cores
from newsreader.models import NewArticle
from newsreader.store import Library

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import prose

pytestmark = pytest.mark.skipif(available_cores() < 2, reason="one core: no worker process")

#: More than the library needs to learn a section model (LEARN_FROM), several batches.
ARTICLES = 260


def articles() -> list[NewArticle]:
    return [
        NewArticle(headline, "\n\n".join(paragraphs), f"outlet {n % 5}")
        for n, (headline, paragraphs, _event) in enumerate(prose.reports(ARTICLES))
    ]


def enriched(path: Path, worker: Worker | None) -> tuple[list[tuple[Any, ...]], Timings]:
    """Store the articles, enrich them all (with ``worker``), and read back what was made."""
    timings = Timings()
    with Library(path) as library:
        library.add_articles(articles())
        enricher = Enricher(library, Settings(), timings=timings, worker=worker)
        try:
            done = sum(len(batch.article_ids) for batch in enricher.drain())
            stories = enricher.summarise_stories()
        finally:
            enricher.close()
            if worker is not None:
                worker.close()
        assert done == ARTICLES
        assert stories > 20  # more than one group of stories to summarise
        assert library.count_pending_enrichment() == 0
        assert library.unsummarised_story_ids() == []
        rows = library.conn.execute(
            "SELECT a.title,"
            " (SELECT group_concat(origin || ':' || t.name, '|') FROM article_topics x"
            "  JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id),"
            " (SELECT group_concat(payload, '|') FROM summaries s WHERE s.article_id = a.id),"
            " (SELECT group_concat(sentence, '|') FROM report_sentences r"
            "  WHERE r.article_id = a.id),"
            " (SELECT min(b.id) FROM articles b WHERE b.story_id = a.story_id),"
            " (SELECT summary FROM stories WHERE id = a.story_id)"
            " FROM articles a ORDER BY a.id"
        ).fetchall()
    return [tuple(row) for row in rows], timings


class DyingWorker(Worker):
    """A real worker process whose offers end it (``os._exit``) from the ``die_from``-th on."""

    def __init__(self, die_from: int) -> None:
        super().__init__(1)
        self.offers = 0
        self.die_from = die_from

    def offer(self, work: Callable[..., Any], *args: Any) -> Offer[Any]:
        self.offers += 1
        if self.offers >= self.die_from:
            return super().offer(os._exit, 70)
        return super().offer(work, *args)


def test_the_worker_makes_the_library_the_enriching_process_makes(tmp_path: Path) -> None:
    alone, _ = enriched(tmp_path / "alone.sqlite", None)
    helped, timings = enriched(tmp_path / "helped.sqlite", Worker(1))
    assert helped == alone
    assert all(row[1] and row[2] and row[3] for row in alone)  # topics, summary, sentences
    assert sum(1 for row in alone if "section:" in row[1]) > ARTICLES // 2
    assert len({row[4] for row in alone}) < ARTICLES  # reports of one event share a story
    # the worker made the topics of some batches (with the learned model)
    assert timings.seconds.get("topics (worker)", 0.0) > 0.0
    assert sum(1 for row in alone if row[5]) > ARTICLES // 2  # in a summarised story


@pytest.mark.parametrize("die_from", [1, 3])
def test_a_worker_dying_with_text_work_costs_nothing(tmp_path: Path, die_from: int) -> None:
    alone, _ = enriched(tmp_path / "alone.sqlite", None)
    worker = DyingWorker(die_from)
    helped, _ = enriched(tmp_path / "helped.sqlite", worker)
    assert helped == alone
    assert worker.offers >= die_from  # it was offered work, and died on it


def test_an_offer_taken_back_before_the_worker_begins_is_never_done(tmp_path: Path) -> None:
    worker = Worker(1)
    try:
        gate = tmp_path / "gate"
        busy: Future[Any] = worker.submit(_wait_for, str(gate))  # the worker is busy...
        offer = worker.offer(_touch, str(tmp_path / "done"))
        assert offer.take_back()  # ...so the offer is not begun, and is taken back
        later = worker.offer(_touch, str(tmp_path / "later"))
        gate.touch()
        assert busy.result() is True
        assert later.result() is True
        assert (tmp_path / "later").exists()
        assert not (tmp_path / "done").exists()
        assert not later.take_back()  # done: too late
    finally:
        worker.close()


def _wait_for(path: str) -> bool:
    """In the worker: return once ``path`` exists (the test makes it)."""
    import time

    while not os.path.exists(path):
        time.sleep(0.01)
    return True


def _touch(path: str) -> bool:
    Path(path).touch()
    return True
