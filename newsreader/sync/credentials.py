"""The server's password, asked for only when a login is needed, and the login kept.

The password comes from ``NEWSREADER_GREADER_PASSWORD``, else the ``[sync]
password_command`` of the config, else a prompt on a terminal; it is never
written anywhere. What a login returns (the server's session token, not the
password) is kept in a file beside the library, readable by its owner only,
so that a sync needs no login call; ``newsreader account remove`` deletes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from newsreader.sync.greader import AuthError

PASSWORD_ENV = "NEWSREADER_GREADER_PASSWORD"
COMMAND_TIMEOUT = 60.0


def password_source(command: str, prompt: Callable[[], str] | None = None) -> Callable[[], str]:
    """A function giving the password (asked once), from the environment, a command or a prompt."""
    found: list[str] = []

    def get() -> str:
        if not found:
            found.append(_find(command, prompt))
        return found[0]

    return get


def _find(command: str, prompt: Callable[[], str] | None) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if command.strip():
        return _run(command)
    if prompt is not None:
        return prompt()
    raise AuthError(
        f"the server needs the password: set {PASSWORD_ENV} or [sync] password_command"
        " in the config, or log in again with `newsreader account add`"
    )


def _run(command: str) -> str:
    try:
        done = subprocess.run(
            command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise AuthError(f"password_command did not finish in {COMMAND_TIMEOUT:g} s") from None
    except OSError as exc:
        raise AuthError(f"password_command could not run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [""])[0][:200]
        raise AuthError(f"password_command failed (exit {done.returncode}) {why}".rstrip())
    lines = done.stdout.splitlines()
    if not lines or not lines[0]:
        raise AuthError("password_command printed no password")
    return lines[0]


def session_file(library_path: Path) -> Path | None:
    """Where the login of a library's account is kept (None for a library in memory)."""
    if str(library_path) == ":memory:":
        return None
    return library_path.with_name(library_path.name + ".sync-session")


def load_session(path: Path | None, url: str, username: str) -> str | None:
    """The kept login token for this account, or None."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or (data.get("url"), data.get("username")) != (url, username):
        return None
    auth = data.get("auth")
    return auth if isinstance(auth, str) and auth else None


def save_session(path: Path | None, url: str, username: str, auth: str) -> None:
    """Keep a login token, readable by the owner only (a failure to write is not fatal)."""
    if path is None:
        return
    temporary = path.with_name(path.name + ".tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"url": url, "username": username, "auth": auth}, out)
        os.replace(temporary, path)
    except OSError:
        return


def forget_session(path: Path | None) -> None:
    """Delete the kept login."""
    if path is not None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
