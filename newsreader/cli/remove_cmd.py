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
    """Unsubscribe from FEED (its id, URL or title) and delete its articles but the starred."""
    with app.open_library(writing=True) as library:
        found = library.find_feed(feed)
        if found is None:
            raise click.ClickException(
                f"no subscribed feed matches {feed!r} (see `newsreader feeds`)"
            )
        removal = library.remove_feed(found.id, keep_articles=keep_articles)
    if keep_articles:
        outcome = f"its {removal.kept} articles kept"
    else:
        outcome = f"{removal.deleted} articles deleted, {removal.kept} starred kept"
    click.echo(f"Removed {one_line(found.title)} ({outcome}).")
