"""Opening a link: the configured browser command, run without a shell.

``[reader] browser`` (or ``$BROWSER``) is a command line with ``{url}`` (or
``%s``) where the link goes; the link is always one argument of its own. A
console browser (w3m, lynx) runs in the reader's terminal with the reader
suspended, and the screen comes back when it exits; a graphical one is started
in the background. With neither set, Python's :mod:`webbrowser` picks one.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from urllib.parse import urlsplit

from textual.screen import Screen

from newsreader.config import ReaderSettings
from tui.handover import run_handed_over


def browser_command(url: str, browser: str, environ: Mapping[str, str]) -> list[str] | None:
    """The argv that opens ``url``; None when neither ``browser`` nor ``$BROWSER`` is set.

    ``{url}`` or ``%s`` in an argument is replaced by the link; without either the
    link is added as the last argument. ``$BROWSER`` may list commands separated by
    ``:``; the first is used.
    """
    template = browser.strip() or environ.get("BROWSER", "").split(os.pathsep)[0].strip()
    if not template:
        return None
    try:
        words = shlex.split(template)
    except ValueError:
        words = template.split()
    if not words:
        return None
    for marker in ("{url}", "%s"):
        if any(marker in word for word in words):
            return [word.replace(marker, url) for word in words]
    return [*words, url]


def open_link(screen: Screen[object], url: str, settings: ReaderSettings) -> None:
    """Open ``url`` (http and https only) as :data:`settings` say; problems are notified."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        screen.notify("Only http and https links are opened.", severity="warning", markup=False)
        return
    argv = browser_command(url, settings.browser, os.environ)
    if argv is None:
        screen.run_worker(
            lambda: _system_browser(url), thread=True, name="Opening the link", exit_on_error=False
        )
        screen.notify("Opening the link in the browser…", markup=False)
        return
    try:
        if settings.console_browser:
            code = run_handed_over(screen, argv)
            if code:
                screen.notify(
                    f"{argv[0]} exited with status {code}.", severity="warning", markup=False
                )
        else:
            subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            screen.notify(f"Opened with {argv[0]}.", markup=False)
    except OSError as error:
        screen.notify(
            f"Could not run the browser {argv[0]!r}: {error.strerror or error}",
            severity="error",
            markup=False,
        )


def _system_browser(url: str) -> None:
    import webbrowser

    if not webbrowser.open(url):
        raise RuntimeError("no web browser found: set [reader] browser or $BROWSER")
