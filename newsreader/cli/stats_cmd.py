"""``newsreader stats``: what the library holds."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.safetext import one_line


@click.command("stats")
@pass_app
def command(app: AppContext) -> None:
    """Counts by source and topic, with the library's path and size."""
    with app.open_library() as library:
        stats = library.stats()
        account, pending = library.sync_account(), library.pending_count()
    click.echo(f"library: {one_line(stats.path)}")
    click.echo(f"size: {stats.size_bytes / 1_000_000:.1f} MB")
    click.echo(f"articles: {stats.articles} ({stats.unread} unread, {stats.starred} starred)")
    if account is not None:
        from newsreader.cli.feeds_cmd import when

        click.echo(f"sync: {one_line(account.url)} as {one_line(account.username)}")
        last = f"last sync: {when(account.last_sync)}, {pending} actions waiting to be sent"
        if account.last_error:
            last += f"; last attempt failed: {one_line(account.last_error)}"
        click.echo(last)
    click.echo("sources:")
    for source in stats.sources:
        name = one_line(source.name)
        click.echo(f"  {source.total:>7}  {source.unread:>7} unread  {source.kind}: {name}")
    click.echo("topics:")
    for topic in stats.topics:
        click.echo(f"  {topic.total:>7}  {topic.unread:>7} unread  {one_line(topic.name)}")
