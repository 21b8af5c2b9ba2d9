"""``newsreader add URL``: subscribe to a feed (or a site's feed) and fetch it."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.fetch_cmd import print_report
from newsreader.cli.samples_cmd import drop_samples
from newsreader.safetext import one_line


@click.command("add")
@click.argument("url")
@click.option("--topic", metavar="T", help="Topic given to every article of this feed.")
@click.option("--title", metavar="NAME", help="Name for the feed (default: the feed's own title).")
@click.option(
    "--full-text",
    type=click.Choice(["auto", "always", "never"]),
    default=None,
    help="Fetch article pages: for teasers (auto, the default), always, or never.",
)
@click.option("--no-fetch", is_flag=True, help="Subscribe only; fetch later.")
@click.pass_context
@pass_app
def command(
    app: AppContext,
    ctx: click.Context,
    url: str,
    topic: str | None,
    title: str | None,
    full_text: str | None,
    no_fetch: bool,
) -> None:
    """Subscribe to the feed at URL; a site's address works too (its linked feed is used).

    Only http and https addresses are subscribed to.
    """
    from newsreader.feeds import fetch_feeds
    from newsreader.feeds.subscribe import SubscribeError, subscribe

    settings = app.settings
    with app.open_library(writing=True) as library:
        try:
            feed = subscribe(library, url, settings, topic=topic, title=title, full_text=full_text)
        except SubscribeError as exc:
            raise click.ClickException(one_line(str(exc))) from None
        click.echo(f"Subscribed to {one_line(feed.title)} <{one_line(feed.url)}>.")
        drop_samples(library)
        if no_fetch:
            return
        report = fetch_feeds(library, settings, [str(feed.id)])
    print_report(report)
    if not report.ok:
        ctx.exit(1)
