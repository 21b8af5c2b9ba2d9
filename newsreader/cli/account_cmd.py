"""``newsreader account add|show|remove``: the feed server this library syncs with."""

from __future__ import annotations

import os
import sys

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.samples_cmd import drop_samples
from newsreader.safetext import one_line

API_SUFFIX = "/api/greader.php"


@click.group("account")
def command() -> None:
    """Sync with a feed server (FreshRSS, Miniflux) through the Google Reader API."""


@command.command("add")
@click.argument("kind", type=click.Choice(["greader"]))
@click.argument("url")
@click.option("--user", "username", required=True, metavar="NAME", help="Your user name there.")
@pass_app
def add(app: AppContext, kind: str, url: str, username: str) -> None:
    """Sync with the server at URL (FreshRSS: its address, or .../api/greader.php).

    The (API) password comes from NEWSREADER_GREADER_PASSWORD, the [sync]
    password_command of the config, or a prompt; it is never stored. Feeds
    subscribed here are subscribed there at the next sync.
    """
    from newsreader.sync import SyncError, check_login
    from newsreader.sync.credentials import (
        PASSWORD_ENV,
        password_source,
        save_session,
        session_file,
    )

    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise click.ClickException(f"not an http(s) address: {url!r}")
    settings = app.settings
    prompt = _prompt if sys.stdin.isatty() and not os.environ.get(PASSWORD_ENV) else None
    password = password_source(settings.sync.password_command, prompt)
    try:
        secret = password()
    except SyncError as exc:
        raise click.ClickException(one_line(str(exc))) from None
    candidates = [url] if url.endswith(API_SUFFIX) else [url, url + API_SUFFIX]
    error: SyncError | None = None
    for candidate in candidates:
        try:
            auth = check_login(candidate, username, secret, settings.sync.timeout)
        except SyncError as exc:
            error = error or exc
            continue
        break
    else:
        assert error is not None
        raise click.ClickException(one_line(str(error)))
    with app.open_library(writing=True) as library:
        queued = library.set_sync_account(kind, candidate, username)
        save_session(session_file(library.path), candidate, username, auth)
        drop_samples(library)
    click.echo(f"Syncing with {one_line(candidate)} as {one_line(username)}.")
    if queued:
        click.echo(f"{queued} feeds of this library will be subscribed there at the next sync.")
    click.echo("Run `newsreader fetch` (or `r` in the reader) to sync.")


@command.command("show")
@pass_app
def show(app: AppContext) -> None:
    """Print the account, its last sync and the actions waiting to be sent."""
    from newsreader.cli.feeds_cmd import when

    with app.open_library() as library:
        account = library.sync_account()
        if account is None:
            click.echo("No account: add one with `newsreader account add greader URL --user NAME`.")
            return
        pending, feeds = library.pending_count(), len(library.synced_feeds())
    click.echo(f"server: {one_line(account.url)} ({account.kind})")
    click.echo(f"user: {one_line(account.username)}")
    click.echo(f"feeds from the server: {feeds}")
    click.echo(f"last sync: {when(account.last_sync)}")
    if account.last_error:
        click.echo(f"last attempt: {when(account.last_attempt)}: {one_line(account.last_error)}")
    click.echo(f"actions waiting to be sent: {pending}")


@command.command("remove")
@pass_app
def remove(app: AppContext) -> None:
    """Stop syncing; articles and feeds stay, fetched from here from now on."""
    from newsreader.sync.credentials import forget_session, session_file

    with app.open_library(writing=True) as library:
        account = library.sync_account()
        if account is None:
            raise click.ClickException("this library has no account")
        dropped = library.remove_sync_account()
        forget_session(session_file(library.path))
    unsent = f" ({dropped} actions were never sent)" if dropped else ""
    click.echo(f"No longer syncing with {one_line(account.url)}{unsent}.")


def _prompt() -> str:
    return str(click.prompt("Password (API password on FreshRSS)", hide_input=True, err=True))
