"""``newsreader opml import FILE`` and ``newsreader opml export [FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.samples_cmd import drop_samples
from newsreader.safetext import one_line

MAX_OPML_BYTES = 20_000_000


@click.group("opml")
def command() -> None:
    """Import or export subscriptions as OPML."""


@command.command("import")
@click.argument("file")
@pass_app
def import_opml(app: AppContext, file: str) -> None:
    """Subscribe to every feed in an OPML FILE; its folders and categories become topics.

    Only http(s) feed addresses are taken. Run `newsreader fetch` afterwards.
    """
    from newsreader.cli.inputs import read_input
    from newsreader.feeds.opml import OpmlError, read_opml
    from newsreader.store.feeds import FeedExistsError

    label, data = read_input(file, MAX_OPML_BYTES)
    try:
        feeds, skipped = read_opml(data)
    except OpmlError as exc:
        raise click.ClickException(f"{label}: {one_line(str(exc))}") from None
    settings = app.settings
    added = present = 0
    with app.open_library(writing=True) as library:
        for feed in feeds:
            try:
                library.add_feed(
                    feed.url,
                    feed.title,
                    site_url=feed.site_url,
                    topics=feed.topics,
                    full_text=settings.feeds.full_text,
                )
                added += 1
            except FeedExistsError:
                present += 1
        drop_samples(library)
    for reason in skipped:
        click.echo(f"skipped {one_line(reason)}", err=True)
    click.echo(
        f"Imported {added} feeds ({present} already subscribed, {len(skipped)} skipped)."
        + (" Run `newsreader fetch` to fetch them." if added else "")
    )


@command.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def export_opml(app: AppContext, file: Path | None) -> None:
    """Write every subscription as OPML 2.0 to FILE (default: standard output)."""
    from newsreader.feeds.opml import write_opml

    with app.open_library() as library:
        data = write_opml(library.list_feeds())
    if file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from newsreader.cli.inputs import write_whole_file

    write_whole_file(file, data)
    click.echo(f"Wrote {one_line(str(file))}.")
