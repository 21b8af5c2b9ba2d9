"""The pipeline's pure decisions, on plain values: what is new, what changed, what needs a page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsreader.feeds.parse import Entry
from newsreader.ingest.decide import (
    FeedRules,
    article_from_entry,
    entry_hash,
    plan_feed,
    retention_rule,
    with_page_text,
)
from newsreader.store.ingest import StoredEntry

LONG = " ".join(["The harbour council met on Tuesday and voted to rebuild the pier."] * 20)
NOW = datetime(2026, 3, 1, tzinfo=UTC)


def entry(guid: str, text: str = LONG, title: str = "Pier vote", **extra) -> Entry:
    return Entry(guid=guid, title=title, text=text, **extra)


def stored(item: Entry, article_id: int = 1) -> StoredEntry:
    article = article_from_entry(item, "Gazette", ())
    assert article is not None
    return StoredEntry(article_id, "unused", article.title, entry_hash(item))


def actions(plan) -> list[str]:
    return [p.action for p in plan.entries]


def test_new_entries_are_stored_and_known_ones_left_alone() -> None:
    old, new = entry("a"), entry("b")
    plan = plan_feed([old, new], {"a": stored(old)}, set(), FeedRules())
    assert actions(plan) == ["unchanged", "store"]


def test_a_changed_entry_is_stored_again() -> None:
    before = entry("a")
    after = entry("a", text=LONG + " A correction.")
    assert actions(plan_feed([after], {"a": stored(before)}, set(), FeedRules())) == ["store"]
    retitled = entry("a", title="Pier vote delayed")
    assert actions(plan_feed([retitled], {"a": stored(before)}, set(), FeedRules())) == ["store"]


def test_an_article_stored_without_a_fingerprint_goes_to_the_store_to_get_one() -> None:
    item = entry("a")
    unknown = StoredEntry(1, "hash", "Pier vote", None)
    assert actions(plan_feed([item], {"a": unknown}, set(), FeedRules())) == ["store"]


def test_a_repeated_guid_keeps_the_occurrence_already_stored() -> None:
    first, second = entry("dup", LONG + " One."), entry("dup", LONG + " Two.")
    assert actions(plan_feed([first, second], {}, set(), FeedRules())) == ["store", "repeat"]
    known = {"dup": stored(second)}
    assert actions(plan_feed([first, second], known, set(), FeedRules())) == [
        "repeat",
        "unchanged",
    ]


def test_same_text_under_other_guids_is_stored_every_time() -> None:
    items = [entry(f"episode-{n}", text="One shared description.") for n in range(5)]
    assert actions(plan_feed(items, {}, set(), FeedRules())) == ["store"] * 5


def test_empty_entries_are_not_stored_and_do_not_hide_a_full_one() -> None:
    blank, full = entry("x", text=" ", title=""), entry("x")
    assert actions(plan_feed([blank, full], {}, set(), FeedRules())) == ["empty", "store"]


def test_teasers_get_their_page_within_the_allowance_and_wait_beyond_it() -> None:
    teasers = [entry(f"t{n}", text="A teaser.", link=f"http://x/{n}") for n in range(4)]
    plan = plan_feed(teasers, {}, set(), FeedRules(pages_allowed=3))
    assert actions(plan) == ["fetch page"] * 3 + ["later"]
    assert "1 entries wait for the next refresh" in plan.notes[0]
    unlinked = entry("u", text="A teaser.")
    assert actions(plan_feed([unlinked], {}, set(), FeedRules())) == ["store"]
    never = FeedRules(full_text="never")
    assert actions(plan_feed(teasers[:1], {}, set(), never)) == ["store"]


def test_a_known_teaser_keeps_its_page_text_and_fetches_nothing() -> None:
    teaser = entry("t", text="A teaser.", link="http://x/t")
    known = {"t": StoredEntry(1, "page text hash", "Pier vote", "another fingerprint")}
    assert actions(plan_feed([teaser], known, set(), FeedRules())) == ["unchanged"]


def test_retired_and_expired_entries_are_not_stored() -> None:
    old = entry("old", published=NOW - timedelta(days=40))
    fresh = entry("fresh", published=NOW - timedelta(days=1))
    gone = entry("gone", published=NOW)
    rules = FeedRules(keep_after=(NOW - timedelta(days=30)).timestamp())
    assert actions(plan_feed([old, fresh, gone], {}, {"gone"}, rules)) == [
        "expired",
        "store",
        "retired",
    ]


def test_only_the_newest_entries_are_stored_with_a_per_feed_limit() -> None:
    dated = [entry(f"d{n}", published=NOW - timedelta(days=n)) for n in (3, 1, 2, 5)]
    undated = entry("u")  # arrives now: the newest
    plan = plan_feed([*dated, undated], {}, set(), FeedRules(keep_newest=2))
    assert actions(plan) == ["expired", "store", "expired", "expired", "store"]


def test_page_text_replaces_the_teaser_only_when_it_says_more() -> None:
    teaser = entry("t", text="A teaser of the pier vote.", title="")
    longer = with_page_text(teaser, "Page title", LONG)
    assert (longer.text, longer.title) == (LONG, "Page title")
    assert with_page_text(teaser, "Page title", "Short.") == teaser


def test_retention_rule_of_the_settings() -> None:
    assert retention_rule(0, 0, NOW.timestamp()) == (None, None)
    before, keep = retention_rule(7, 50, NOW.timestamp())
    assert before == (NOW - timedelta(days=7)).timestamp() and keep == 50
