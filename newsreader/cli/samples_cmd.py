"""``newsreader samples add|remove``: the bundled demo articles, on request.

:func:`drop_samples` is the one call that ``import``, ``add`` and ``opml import``
make once they have stored something of the user's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from newsreader.cli.context import AppContext, pass_app

if TYPE_CHECKING:
    from newsreader.store import Library


@click.group("samples")
def command() -> None:
    """Add or remove the bundled sample articles (a demo library)."""


@command.command("add")
@pass_app
def add(app: AppContext) -> None:
    """Store the bundled sample articles (again), with their summaries, topics and stories."""
    from newsreader.sample import add_samples, stored_samples

    with app.open_library(writing=True) as library:
        added = add_samples(library, app.settings)
        total = len(stored_samples(library))
    if added:
        click.echo(f"added {added} sample articles")
    else:
        click.echo(f"the library already holds the {total} sample articles")


@command.command("remove")
@pass_app
def remove(app: AppContext) -> None:
    """Delete the sample articles; they come back only with `newsreader samples add`."""
    from newsreader.sample import remove_samples

    with app.open_library(writing=True) as library:
        removed = remove_samples(library)
    click.echo(f"removed {removed} sample articles" if removed else "no sample articles to remove")


def drop_samples(library: Library) -> None:
    """Remove the samples once ``library`` holds the user's own, saying so on stderr."""
    from newsreader.sample import remove_if_present

    line = remove_if_present(library)
    if line:
        click.echo(line, err=True)
