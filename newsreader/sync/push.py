"""Sending the outbox: local actions in the order they were taken, batched.

Consecutive flag changes are sent together, one tag per ``edit-tag`` call (the
server applies only the last ``a=`` of a call) and at most ``mark_batch`` ids a
call. Each action leaves the outbox only once the server has taken it, so a
push cut short resumes where it stopped at the next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsreader.store import Library
from newsreader.store.sync import PendingAction
from newsreader.sync.greader import READ, STARRED, GReaderClient

_TAGS = {"read": READ, "starred": STARRED}


@dataclass
class PushReport:
    """What a push sent."""

    actions: int = 0
    #: Subscriptions the server could not take (the feed stays local), one line each.
    refused: list[str] = field(default_factory=list)


def push(client: GReaderClient, library: Library, mark_batch: int) -> PushReport:
    """Send every pending action; raises :class:`~.greader.SyncError` and keeps the rest."""
    report = PushReport()
    actions = library.pending_actions()
    run: list[PendingAction] = []
    for action in [*actions, None]:
        if action is not None and action.action in _TAGS:
            run.append(action)
            continue
        if run:
            _send_flags(client, library, run, mark_batch, report)
            run = []
        if action is not None:
            _send_one(client, library, action, report)
    return report


def _send_flags(
    client: GReaderClient,
    library: Library,
    run: list[PendingAction],
    mark_batch: int,
    report: PushReport,
) -> None:
    """A run of flag changes: grouped by tag and direction, sent in bounded batches."""
    groups: dict[tuple[str, bool], list[PendingAction]] = {}
    for action in run:
        groups.setdefault((action.action, bool(action.value)), []).append(action)
    for (flag, value), chosen in groups.items():
        unknown = [a.seq for a in chosen if not a.items]
        library.drop_actions(unknown)  # articles the server no longer has
        batch: list[PendingAction] = []
        size = 0
        for action in [a for a in chosen if a.items]:
            batch.append(action)
            size += len(action.items)
            if size >= mark_batch:
                _edit(client, library, batch, flag, value, report)
                batch, size = [], 0
        if batch:
            _edit(client, library, batch, flag, value, report)


def _edit(
    client: GReaderClient,
    library: Library,
    batch: list[PendingAction],
    flag: str,
    value: bool,
    report: PushReport,
) -> None:
    ids = [item for action in batch for item in action.items]
    tag = _TAGS[flag]
    send: Callable[..., None] = client.edit_tag
    if value:
        send(ids, add=tag)
    else:
        send(ids, remove=tag)  # unread is r=read: kept-unread does nothing
    library.drop_actions(a.seq for a in batch)
    report.actions += len(batch)


def _send_one(
    client: GReaderClient, library: Library, action: PendingAction, report: PushReport
) -> None:
    if action.action == "mark_read" and action.stream and action.ts is not None:
        client.mark_all_as_read(action.stream, action.ts)
    elif action.action == "subscribe" and action.url:
        stream = client.quickadd(action.url)
        if stream is None:
            report.refused.append(
                f"the server could not subscribe to {action.url}; it is fetched from here"
            )
        else:
            if action.label:
                client.edit_subscription(stream, "edit", label=action.label)
            if action.feed_id is not None:
                library.link_subscribed(action.feed_id, stream)
    elif action.action == "unsubscribe" and action.stream:
        client.edit_subscription(action.stream, "unsubscribe")  # False: already gone
    library.drop_actions([action.seq])
    report.actions += 1
