"""``newsreader remove FEED``: unsubscribe."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.safetext import one_line


@click.command("remove")
@click.argument("feed")
@click.option("--keep-articles", is_flag=True, help="Keep the feed's articles in the library.")
@pass_app
def command(app: AppContext, feed: str, keep_articles: bool) -> None:
    """Unsubscribe from FEED (its id, URL or title) and delete its articles."""
    with app.open_library() as library:
        found = library.find_feed(feed)
        if found is None:
            raise click.ClickException(
                f"no subscribed feed matches {feed!r} (see `newsreader feeds`)"
            )
        deleted = library.remove_feed(found.id, keep_articles=keep_articles)
    kept = "its articles kept" if keep_articles else f"{deleted} articles deleted"
    click.echo(f"Removed {one_line(found.title)} ({kept}).")
