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
    click.echo(f"library: {stats.path}")
    click.echo(f"size: {stats.size_bytes / 1_000_000:.1f} MB")
    click.echo(f"articles: {stats.articles} ({stats.unread} unread, {stats.starred} starred)")
    click.echo("sources:")
    for source in stats.sources:
        name = one_line(source.name)
        click.echo(f"  {source.total:>7}  {source.unread:>7} unread  {source.kind}: {name}")
    click.echo("topics:")
    for topic in stats.topics:
        click.echo(f"  {topic.total:>7}  {topic.unread:>7} unread  {one_line(topic.name)}")
