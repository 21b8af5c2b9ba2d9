"""The ingest pipeline on real feeds from 127.0.0.1: dedup, caps, budget, cancel, enrichment."""

from __future__ import annotations

import threading
from dataclasses import replace

from feedtools import rss

from newsreader.config import FeedSettings, LibrarySettings, Settings
from newsreader.feeds import fetch_feeds
from newsreader.ingest import (
    Cancel,
    Event,
    FeedStored,
    RunFinished,
    enrich,
    last_report,
    refresh,
)
from newsreader.ingest.enrichment import Enricher
from newsreader.ingest.steps import Batch, default_steps
from newsreader.models import ArticleQuery
from newsreader.store import Library
from newsreader.store.ingest import MAX_ATTEMPTS
from summarize.algorithms import resolve

BODY = (
    "The harbour council of Veldmark voted on Tuesday to rebuild the old lighthouse pier,"
    " ending a dispute that has divided the fishing town for nine years. Engineers told the"
    " council that the timber pilings had rotted below the waterline and could fail in a"
    " winter storm. The new pier will use recycled steel and will be wide enough for the"
    " lifeboat crew to launch at any tide. Opponents argued that the money should go to the"
    " school roof instead, and a petition was read aloud before the vote was taken. Work is"
    " due to begin in the spring and should be finished before the autumn regatta, when the"
    " town expects thousands of visitors on the quay."
)


def items(prefix: str, count: int, text: str | None = None) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} episode {n}",
            "guid": f"{prefix}-{n}",
            "description": text if text is not None else f"{BODY} Part {n} of {prefix}.",
        }
        for n in range(count)
    ]


def teaser_items(server, prefix: str, count: int) -> list[dict[str, str]]:
    found = []
    for n in range(count):
        path = f"/{prefix}/{n}.html"
        page = (
            f"<html><head><title>{prefix} {n}</title></head><body><article>"
            f"<h1>{prefix} {n}</h1><p>{BODY}</p><p>Report {n} from {prefix}.</p>"
            "</article></body></html>"
        )
        server.add(path, page, content_type="text/html; charset=utf-8")
        found.append(
            {
                "title": f"{prefix} {n}",
                "link": server.url(path),
                "guid": f"{prefix}-{n}",
                "description": "A short teaser.",
            }
        )
    return found


def texts(library: Library, source: str) -> list[str]:
    rows = library.list_articles(ArticleQuery(source=source), limit=100)
    return sorted(library.get_article(r.id).text for r in rows)


# -- deduplication within a feed, never across feeds --------------------------


def test_entries_sharing_one_description_are_all_stored(library, feed_server) -> None:
    podcast = items("Podcast", 5, text="Weekly talk about the harbour and its boats.")
    library.add_feed(feed_server.add("/pod.xml", rss("Pod", podcast)), "Pod")
    result = fetch_feeds(library, Settings()).feeds[0]
    assert (result.new, result.skipped) == (5, 0)
    assert library.count_articles(ArticleQuery(source="Pod")) == 5


def test_a_copycat_feed_fetched_first_suppresses_nothing(library, feed_server) -> None:
    original = items("Harbour", 3)
    copy = [dict(item, guid=f"copy-{n}") for n, item in enumerate(original)]
    library.add_feed(feed_server.add("/copy.xml", rss("Copy", copy)), "Copy")
    fetch_feeds(library, Settings())
    library.add_feed(feed_server.add("/real.xml", rss("Real", original)), "Real")
    report = fetch_feeds(library, Settings(), ["Real"])
    assert report.new == 3
    assert texts(library, "Real") == texts(library, "Copy")
    assert len(texts(library, "Real")) == 3


def test_a_guid_repeated_with_other_content_keeps_one_stable_article(library, feed_server) -> None:
    first = {"title": "Pier vote", "guid": "dup", "description": f"{BODY} First version."}
    second = {"title": "Pier vote", "guid": "dup", "description": f"{BODY} Second version."}
    other = items("Other", 1)
    library.add_feed(feed_server.add("/dup.xml", rss("Dup", [first, second, *other])), "Dup")
    one = fetch_feeds(library, Settings()).feeds[0]
    assert (one.new, one.skipped) == (2, 1)
    assert any(t.endswith("First version.") for t in texts(library, "Dup"))
    again = fetch_feeds(library, Settings()).feeds[0]
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    # the feed lists them the other way round: still the same article, unchanged
    feed_server.add("/dup.xml", rss("Dup", [second, first, *other]))
    swapped = fetch_feeds(library, Settings()).feeds[0]
    assert (swapped.new, swapped.updated, swapped.unchanged) == (0, 0, 2)
    assert any(t.endswith("First version.") for t in texts(library, "Dup"))


def test_entries_without_a_guid_are_one_article_per_link(library, feed_server) -> None:
    entries = [
        {"title": "Same link", "link": "http://example.invalid/a", "description": BODY},
        {"title": "Same link", "link": "http://example.invalid/a", "description": BODY + " !"},
        {"title": "Other link", "link": "http://example.invalid/b", "description": BODY},
    ]
    library.add_feed(
        feed_server.add("/links.xml", rss("Links", entries)), "Links", full_text="never"
    )
    result = fetch_feeds(library, Settings()).feeds[0]
    assert (result.new, result.skipped) == (2, 1)


# -- page caps and the run's budget ---------------------------------------------


def test_pages_are_capped_per_feed_and_the_rest_come_next_time(library, feed_server) -> None:
    library.add_feed(feed_server.add("/t.xml", rss("T", teaser_items(feed_server, "t", 5))), "T")
    settings = replace(Settings(), feeds=FeedSettings(max_pages_per_feed=2))
    first = fetch_feeds(library, settings).feeds[0]
    assert (first.new, first.pages, first.skipped) == (2, 2, 3)
    assert "3 entries wait for the next refresh" in first.notes[0] and not first.errors
    page_hits = [r for r in feed_server.requests if r.path.startswith("/t/")]
    assert len(page_hits) == 2
    second = fetch_feeds(library, settings).feeds[0]
    assert (second.new, second.pages, second.unchanged) == (2, 2, 2)
    third = fetch_feeds(library, settings).feeds[0]
    assert (third.new, third.pages, third.unchanged) == (1, 1, 4)


def test_pages_are_capped_per_run_over_all_feeds(library, feed_server) -> None:
    for name in ("a", "b", "c"):
        body = rss(name, teaser_items(feed_server, name, 3))
        library.add_feed(feed_server.add(f"/{name}.xml", body), name)
    settings = replace(Settings(), feeds=FeedSettings(max_pages_per_run=4))
    report = fetch_feeds(library, settings)
    assert report.pages == 4 and report.new == 4
    assert len([r for r in feed_server.requests if r.path.endswith(".html")]) == 4


def test_the_run_stops_fetching_when_its_time_is_up(library, feed_server) -> None:
    release = threading.Event()

    def silent(request) -> None:
        release.wait(60)

    stuck = library.add_feed(feed_server.handle("/stuck.xml", silent), "Stuck")
    library.add_feed(feed_server.add("/ok.xml", rss("Ok", items("Ok", 2))), "Ok")
    # Parsed in this process: a worker process's start (a second on a loaded
    # machine) would take the whole second the run has.
    feeds = FeedSettings(run_seconds=1, read_timeout=120)
    settings = replace(Settings(), feeds=feeds, library=LibrarySettings(worker_processes=0))
    try:
        report = fetch_feeds(library, settings)
    finally:
        release.set()
    by_title = {r.title: r for r in report.feeds}
    assert by_title["Ok"].new == 2
    assert "ran out of time" in by_title["Stuck"].errors[0]
    assert "ran out of time" in library.get_feed(stuck.id).last_error


def test_cancelling_stops_a_refresh_at_once_and_keeps_what_was_stored(library, feed_server) -> None:
    entered, release, ok_stored = threading.Event(), threading.Event(), threading.Event()

    def hanging(request) -> None:
        entered.set()
        release.wait(60)

    library.add_feed(feed_server.add("/ok.xml", rss("Ok", items("Ok", 2))), "Ok")
    library.add_feed(feed_server.handle("/hang.xml", hanging), "Hang")
    settings = replace(Settings(), feeds=FeedSettings(read_timeout=120))
    cancel = Cancel()

    def quit_reader() -> None:  # another thread, as the reader's q is
        if entered.wait(60) and ok_stored.wait(60):
            cancel.cancel()

    threading.Thread(target=quit_reader, daemon=True).start()
    events: list[Event] = []
    try:
        for event in refresh(library, settings, cancel=cancel):
            events.append(event)
            if isinstance(event, FeedStored) and event.result.title == "Ok":
                ok_stored.set()
    finally:
        release.set()
    finished = events[-1]
    assert isinstance(finished, RunFinished) and finished.report.cancelled
    assert [r.title for r in finished.report.feeds] == ["Ok"]  # the hanging one never came
    assert library.count_articles(ArticleQuery(source="Ok")) == 2
    assert library.consistency_problems() == []


# -- enrichment -------------------------------------------------------------------


def _enriched_state(lib: Library) -> list[tuple]:
    """(title, story partner titles, summary payload, topics) of every article, by title."""
    algorithm, sentences = resolve(None), Settings().summary.sentences
    members = dict(lib.story_members())
    titles = {i: lib.get_article(i).title for i in members}
    state = []
    for article_id, story_id in members.items():
        assert story_id is not None, f"article {titles[article_id]!r} placed in no story"
        partners = sorted(titles[o] for o, s in members.items() if s == story_id)
        state.append(
            (
                titles[article_id],
                partners,
                lib.cached_summary(article_id, algorithm, sentences),
                sorted(lib.get_article(article_id).topics),
            )
        )
    return sorted(state)


def test_no_enrich_then_enrich_stores_what_a_refresh_does(library, feed_server, tmp_path) -> None:
    library.add_feed(feed_server.add("/a.xml", rss("Alpha", items("Alpha", 4))), "Alpha")
    library.add_feed(feed_server.add("/b.xml", rss("Beta", items("Beta", 3))), "Beta")
    report = fetch_feeds(library, Settings(), enrich=False)
    assert report.new == 7 and report.enriched == 0
    assert library.count_pending_enrichment() == 7
    assert all(lib_story is None for _, lib_story in library.story_members())
    done = last_report(enrich(library, Settings()))
    assert done.enriched == 7 and done.ok and library.count_pending_enrichment() == 0
    with Library(tmp_path / "other.sqlite") as other:
        other.add_feed(feed_server.url("/a.xml"), "Alpha")
        other.add_feed(feed_server.url("/b.xml"), "Beta")
        assert fetch_feeds(other, Settings()).ok
        in_two_steps, in_one = _enriched_state(library), _enriched_state(other)
    assert in_two_steps == in_one
    assert all(summary is not None for _, _, summary, _ in in_one)
    assert any(len(partners) > 1 for _, partners, _, _ in in_one)  # stories were grouped


class _FailsOn:
    """A step that fails for one article, as a bug in a step would."""

    name = "failing"

    def __init__(self, title: str) -> None:
        self.title = title

    def prepare(self, batch: Batch, cancel: Cancel) -> None:
        for article_id in batch.ids:
            if batch.inputs[article_id][0] == self.title:
                raise ValueError(f"cannot enrich {self.title!r}")

    def store(self, batch: Batch) -> None:
        pass

    def committed(self) -> None:
        pass


def test_an_article_that_fails_enrichment_costs_only_itself(library, feed_server) -> None:
    library.add_feed(feed_server.add("/a.xml", rss("Alpha", items("Alpha", 4))), "Alpha")
    fetch_feeds(library, Settings(), enrich=False)
    steps = [*default_steps(library, Settings()), _FailsOn("Alpha episode 2")]
    for attempt in range(MAX_ATTEMPTS):
        done = list(Enricher(library, Settings(), steps=steps).drain())
        assert done and "cannot enrich 'Alpha episode 2'" in done[0].errors[0]
        enriched = {i for batch in done for i in batch.article_ids}
        assert len(enriched) == (3 if attempt == 0 else 0)
    assert library.count_pending_enrichment() == 0  # given up after MAX_ATTEMPTS
    placed = {library.get_article(i).title for i, story in library.story_members() if story}
    assert placed == {"Alpha episode 0", "Alpha episode 1", "Alpha episode 3"}
    assert library.consistency_problems() == []


def test_articles_stored_before_fingerprints_stay_unchanged_and_get_one(
    library, feed_server
) -> None:
    library.add_feed(feed_server.add("/a.xml", rss("Alpha", items("Alpha", 3))), "Alpha")
    fetch_feeds(library, Settings())
    # what the ENTRY_HASH migration leaves: the column there, no fingerprint yet
    library.conn.execute("UPDATE articles SET entry_hash = NULL")
    again = fetch_feeds(library, Settings()).feeds[0]
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert library.count_pending_enrichment() == 0  # nothing re-enriched
    known = library.feed_entries(library.list_feeds()[0].source_id)
    assert all(entry.entry_hash for entry in known.values())
    third = fetch_feeds(library, Settings()).feeds[0]
    assert (third.new, third.updated, third.unchanged) == (0, 0, 3)
