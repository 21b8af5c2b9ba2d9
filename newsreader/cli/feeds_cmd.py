"""``newsreader feeds``: the subscriptions with their counts and last fetch."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from rich.table import Table
from rich.text import Text

from newsreader.cli.context import AppContext, console, is_terminal, pass_app
from newsreader.cli.output import iso, print_json
from newsreader.safetext import one_line
from newsreader.store.feeds import Feed


def when(moment: datetime | None) -> str:
    """``2024-05-01 14:03`` (UTC) or ``never``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "never"


def feed_as_dict(feed: Feed, synced: bool = False) -> dict[str, object]:
    """A feed as JSON-ready data (``synced``: it comes from the sync server)."""
    return {
        "id": feed.id,
        "title": feed.title,
        "url": feed.url,
        "site_url": feed.site_url,
        "topics": list(feed.topics),
        "full_text": feed.full_text,
        "articles": feed.articles,
        "unread": feed.unread,
        "last_fetched": iso(feed.last_fetched),
        "last_error": feed.last_error,
        "retry_after": iso(feed.retry_after),
        "synced": synced,
    }


@click.command("feeds")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
def command(app: AppContext, as_json: bool) -> None:
    """List subscribed feeds: title, url, articles, unread, last fetched, last error.

    With a sync account, feeds that come from the server say "server".
    """
    with app.open_library() as library:
        feeds = library.list_feeds()
        synced = set(library.synced_feeds())
    if as_json:
        print_json([feed_as_dict(feed, feed.id in synced) for feed in feeds])
        return
    if not feeds:
        click.echo(
            "No feeds yet: subscribe with `newsreader add URL` or `newsreader opml import FILE`."
        )
        return
    if not is_terminal():
        for feed in feeds:
            click.echo(
                "\t".join(
                    [
                        str(feed.id),
                        one_line(feed.title),
                        one_line(feed.url),
                        str(feed.articles),
                        str(feed.unread),
                        when(feed.last_fetched),
                        one_line(feed.last_error or ""),
                        "server" if feed.id in synced else "",
                    ]
                )
            )
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for name, justify in (
        ("id", "right"),
        ("title", "left"),
        ("url", "left"),
        ("articles", "right"),
        ("unread", "right"),
        ("last fetched", "left"),
        ("last error", "left"),
        ("via", "left"),
    ):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for feed in feeds:
        table.add_row(
            str(feed.id),
            Text(one_line(feed.title)),
            Text(one_line(feed.url), style="dim"),
            str(feed.articles),
            str(feed.unread),
            when(feed.last_fetched),
            Text(one_line(feed.last_error or ""), style="red"),
            "server" if feed.id in synced else "",
        )
    console().print(table)
