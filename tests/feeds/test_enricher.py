"""The enrichment child's loop: batches prepared while the write lock is taken, stored in order."""

from __future__ import annotations

import queue
import threading
import time

from newsreader.config import Settings
from newsreader.feeds import enricher
from newsreader.models import NewArticle
from newsreader.store import Library, write_if_free

WORDS = [
    "harbour",
    "council",
    "pier",
    "lighthouse",
    "storm",
    "ferry",
    "union",
    "school",
    "roof",
    "regatta",
    "tern",
    "engineer",
    "timber",
    "steel",
    "lifeboat",
    "petition",
    "signature",
    "vote",
    "spring",
    "autumn",
]


def _articles(count: int) -> list[NewArticle]:
    return [
        NewArticle(
            title=f"{WORDS[n % len(WORDS)].title()} report {n}",
            text=" ".join(
                f"The {WORDS[(n + k) % len(WORDS)]} item {n}-{k} was discussed." for k in range(12)
            ),
            source_name="Fictional Gazette",
        )
        for n in range(count)
    ]


def test_write_if_free_refuses_at_once_while_another_connection_writes(library) -> None:
    other = Library(library.path)
    try:
        with write_if_free(other.conn) as free:
            assert free
            started = time.perf_counter()
            with write_if_free(library.conn) as mine:
                assert not mine and not library.conn.in_transaction
            assert time.perf_counter() - started < 1.0  # did not wait for the busy timeout
    finally:
        other.close()
    with write_if_free(library.conn) as mine:
        assert mine and library.conn.in_transaction
    assert not library.conn.in_transaction


def test_child_loop_prepares_ahead_while_locked_and_stores_in_order(library, monkeypatch) -> None:
    monkeypatch.setattr(enricher, "ENRICH_BATCH", 10)
    ids = [result.article_id for result in library.add_articles(_articles(35))]
    tasks: queue.Queue = queue.Queue()
    results: queue.Queue = queue.Queue()
    tasks.put(ids)
    tasks.put(None)
    stored: list[list[int]] = []
    real_store = enricher.store_batch

    def store_batch(lib, batch, settings, wait=True):
        done = real_store(lib, batch, settings, wait=wait)
        if done:
            stored.append(list(batch.ids))
        return done

    monkeypatch.setattr(enricher, "store_batch", store_batch)
    child_library = Library(library.path)
    loop = enricher._ChildLoop(child_library, Settings(), tasks, results)
    fetcher = Library(library.path)
    try:
        with write_if_free(fetcher.conn) as free:  # the fetcher writes for a while
            assert free
            runner = threading.Thread(target=loop.run)
            runner.start()
            deadline = time.monotonic() + 30
            while len(loop.prepared) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert len(loop.prepared) >= 2, "nothing prepared while the lock was taken"
            assert results.empty() and not stored  # and nothing stored
        runner.join(60)
        assert not runner.is_alive()
    finally:
        fetcher.close()
        child_library.close()
    assert [article_id for batch in stored for article_id in batch] == ids
    reported = []
    while not results.empty():
        kind, count, errors = results.get()
        assert kind == "enriched" and errors == []
        reported.append(count)
    assert reported == [10, 10, 10, 5]
    assert all(library.get_article(article_id).story_id is not None for article_id in ids)
    assert library.unplaced_articles() == []


def test_preparing_writes_nothing_and_a_model_learned_is_kept_with_its_batch(
    library,
    monkeypatch,
) -> None:
    """A model retrained while preparing is kept when the batch is stored, and the
    next batch prepared before that reuses it instead of training again."""
    from newsreader.enrich import prepare_batch, store_batch
    from newsreader.topics import assign

    monkeypatch.setattr(assign, "LEARN_FROM", 5)
    trainings = []
    real_train = assign.train_self
    monkeypatch.setattr(assign, "train_self", lambda *a: trainings.append(1) or real_train(*a))
    library.add_articles(_articles(35))
    ids = [row.id for row in library.list_articles(limit=35)]
    settings = Settings()
    first = prepare_batch(library, ids[:10], settings)
    assert "section_model_articles" in first.state and len(trainings) == 1
    second = prepare_batch(library, ids[10:20], settings, first.state)
    assert len(trainings) == 1 and "section_model_articles" not in second.state
    assert library.get_state("section_model_articles") is None  # nothing written yet
    assert store_batch(library, first, settings) and store_batch(library, second, settings)
    assert library.get_state("section_model_articles") == "35"
