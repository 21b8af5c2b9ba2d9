"""The pipeline's decisions, apart from any I/O: what is new, what changed, what needs a page.

Everything here is a pure function of what a feed sent and what the library
already holds, so each rule is tested on plain values. An entry's identity in
its feed is its guid (the parser falls back to its link, then to a hash of its
title and text): two entries of one document with the same guid are one
article, and the one kept is the one already stored when there is one, else the
first, so a feed repeating a guid with different content does not update the
article back and forth on every fetch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from newsreader.config import LibrarySettings
from newsreader.models import NewArticle
from newsreader.safetext import one_line
from newsreader.store.ingest import StoredEntry

if TYPE_CHECKING:  # the parser and the text path load when a feed sends entries
    from newsreader.feeds.parse import Entry

#: What becomes of one entry: stored as it is, stored once its page is fetched,
#: left alone (stored already, the same), or not stored: empty (no title, no text),
#: a repeat of another entry of the document, retired or too old for retention, or
#: over a page cap (it comes again, page and all, on the next refresh).
Action = Literal[
    "store", "fetch page", "unchanged", "empty", "repeat", "retired", "expired", "later"
]


@dataclass(frozen=True)
class EntryPlan:
    """One entry and what to do with it."""

    entry: Entry
    action: Action


@dataclass(frozen=True)
class FeedPlan:
    """What to do with every entry of one fetched document."""

    entries: tuple[EntryPlan, ...]
    #: Remarks for the user (page caps reached), not errors.
    notes: tuple[str, ...] = ()

    def with_action(self, *actions: Action) -> list[Entry]:
        """The entries planned for any of ``actions``, in document order."""
        return [plan.entry for plan in self.entries if plan.action in actions]

    def count(self, *actions: Action) -> int:
        """How many entries are planned for any of ``actions``."""
        return sum(plan.action in actions for plan in self.entries)


@dataclass(frozen=True)
class FeedRules:
    """A feed's settings that decide about its entries."""

    full_text: str = "auto"
    teaser_words: int = 100
    #: Pages this feed may fetch in this refresh (its own cap and what the run has left).
    pages_allowed: int = 100
    #: Entries published before this time (epoch seconds) are not stored (``keep_days``).
    keep_after: float | None = None
    #: Only the newest this many entries of a document are stored (``max_per_feed``).
    keep_newest: int | None = None
    #: Entry and page texts are cut at this many characters (``[library] max_text_chars``).
    max_text_chars: int = LibrarySettings().max_text_chars


def plan_feed(
    entries: Sequence[Entry],
    stored: Mapping[str, StoredEntry],
    retired: Collection[str],
    rules: FeedRules,
) -> FeedPlan:
    """Decide, for every entry of a fetched feed, whether to store it and fetch its page."""
    from newsreader.feeds.fulltext import wants_full_text

    chosen = _one_per_guid(entries, stored)
    newest = _newest(entries, rules.keep_newest)
    pages_left = rules.pages_allowed
    deferred = 0
    plans: list[EntryPlan] = []
    for index, entry in enumerate(entries):
        action: Action
        known = stored.get(entry.guid)
        teaser = wants_full_text(entry.text, rules.full_text, rules.teaser_words)
        if _empty(entry):
            action = "empty"
        elif chosen[entry.guid] != index:
            action = "repeat"
        elif known is not None:
            # A known teaser keeps the full text stored before.
            action = "unchanged" if teaser or _unchanged(entry, known) else "store"
        elif entry.guid in retired:
            action = "retired"
        elif _expired(entry, rules.keep_after) or index not in newest:
            action = "expired"
        elif teaser and entry.link:
            if pages_left > 0:
                pages_left -= 1
                action = "fetch page"
            else:
                deferred += 1
                action = "later"
        else:
            action = "store"
        plans.append(EntryPlan(entry, action))
    notes: tuple[str, ...] = ()
    if deferred:
        notes = (
            f"{deferred} entries wait for the next refresh: at most {rules.pages_allowed}"
            " pages are fetched for one feed in one refresh",
        )
    return FeedPlan(tuple(plans), notes)


def _one_per_guid(entries: Sequence[Entry], stored: Mapping[str, StoredEntry]) -> dict[str, int]:
    """For each guid, the index of the entry that stands for it.

    The one matching the stored article when there is one (so nothing changes),
    else the first of the document.
    """
    chosen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if _empty(entry):
            continue
        if entry.guid not in chosen:
            chosen[entry.guid] = index
            continue
        known = stored.get(entry.guid)
        first = entries[chosen[entry.guid]]
        if known is not None and not _unchanged(first, known) and _unchanged(entry, known):
            chosen[entry.guid] = index
    return chosen


def _empty(entry: Entry) -> bool:
    return not entry.title.strip() and not entry.text.strip()


def entry_hash(entry: Entry) -> str:
    """A fingerprint of an entry as the feed sent it (title and text, before cleaning)."""
    data = f"{entry.title}\x00{entry.text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _unchanged(entry: Entry, known: StoredEntry) -> bool:
    """True when the entry is as it came last time (its fingerprint is the stored one).

    An article stored before fingerprints were kept has none: it is planned for
    storing, and the store, finding the same text, records the fingerprint.
    """
    return known.entry_hash is not None and entry_hash(entry) == known.entry_hash


def _expired(entry: Entry, keep_after: float | None) -> bool:
    return (
        keep_after is not None
        and entry.published is not None
        and entry.published.timestamp() < keep_after
    )


def _newest(entries: Sequence[Entry], keep: int | None) -> Collection[int]:
    """Indexes of the ``keep`` newest entries (undated ones count as arriving now)."""
    if keep is None or keep >= len(entries):
        return range(len(entries))

    def age(index: int) -> tuple[float, int]:
        published = entries[index].published
        return (-published.timestamp() if published else float("-inf"), index)

    return set(sorted(range(len(entries)), key=age)[:keep])


def with_page_text(entry: Entry, page_title: str, page_text: str) -> Entry:
    """The entry with its page's text, when the page says more than the feed did."""
    if len(page_text) <= len(entry.text):
        return entry
    return replace(entry, text=page_text, title=entry.title or page_title)


def article_from_entry(
    entry: Entry, source_name: str, topics: tuple[str, ...]
) -> NewArticle | None:
    """The article an entry stores (None when it has neither title nor text)."""
    from newsreader.text import clean_body, cut_title

    title = one_line(entry.title)
    text = clean_body(entry.text, title, entry.author)
    if not text and not title:
        return None
    if not title:
        title = cut_title(text, 80)
    if not text:
        text = title
    return NewArticle(
        title=title,
        text=text,
        source_name=source_name,
        source_kind="feed",
        url=entry.link,
        guid=entry.guid,
        author=entry.author,
        published=entry.published,
        topics=(*topics, *entry.categories),
        entry_hash=entry_hash(entry),
    )


def keep_after(keep_days: int, now: float) -> float | None:
    """The retention cutoff of ``[library] keep_days`` (None: keep everything)."""
    return now - keep_days * 86400.0 if keep_days > 0 else None


def retention_rule(
    keep_days: int, max_per_feed: int, now: float
) -> tuple[float | None, int | None]:
    """(delete articles older than this time, keep at most this many per feed)."""
    return keep_after(keep_days, now), (max_per_feed if max_per_feed > 0 else None)


def error_line(errors: Sequence[str], limit: int = 600) -> str | None:
    """A feed's errors as the one line kept on it (the first, and how many more)."""
    if not errors:
        return None
    text = one_line(errors[0])
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more)"
    return text[:limit]
