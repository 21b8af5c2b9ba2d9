"""The reader: built by :func:`make_app`, the one factory the CLI, tests and bench use.

Textual loads only when an app is made: :func:`run_reader` starts reading the first
view (:mod:`tui.first_view`) before it imports Textual, so the library is read while
Textual's modules load.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader import summaries
from newsreader.config import Settings
from tui.context import ReaderContext, Summarizer, utc_now
from tui.first_view import FirstView, summary_prefs

if TYPE_CHECKING:
    from tui.reader_app import ReaderApp


def __getattr__(name: str) -> object:
    """``tui.app.ReaderApp``: the app's class, imported (with Textual) when asked for."""
    if name == "ReaderApp":
        from tui.reader_app import ReaderApp

        return ReaderApp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_app(
    library_path: Path | str,
    settings: Settings | None = None,
    *,
    now: Callable[[], datetime] = utc_now,
    monotonic: Callable[[], float] = time.monotonic,
    summarizer: Summarizer | None = None,
    algorithms: tuple[str, ...] | None = None,
    first: FirstView | None = None,
) -> ReaderApp:
    """Build the reader for a library file: the one factory for the CLI, tests and bench.

    ``first`` is the first view when its reading has started already (else the app
    starts it as it loads).
    """
    from tui.reader_app import ReaderApp

    return ReaderApp(
        _context(library_path, settings, now, monotonic, summarizer, algorithms), first
    )


def _context(
    library_path: Path | str,
    settings: Settings | None,
    now: Callable[[], datetime],
    monotonic: Callable[[], float],
    summarizer: Summarizer | None,
    algorithms: tuple[str, ...] | None,
) -> ReaderContext:
    return ReaderContext(
        library_path=Path(library_path),
        settings=settings or Settings(),
        summarizer=summarizer or summaries.summary_of,
        algorithms=algorithms or summaries.algorithms(),
        now=now,
        monotonic=monotonic,
    )


def run_reader(library_path: Path | str, settings: Settings) -> None:
    """Run the reader in the terminal until the user quits, then end the process.

    The terminal is given back as soon as the user quits; the process then ends at
    once, without tearing down the interpreter's hundreds of modules one by one
    (half a second or more on a loaded machine). Everything the reader stored is
    committed by then; a refresh still running is cancelled by the app on the way out.
    """
    context = _context(library_path, settings, utc_now, time.monotonic, None, None)
    first = FirstView(context.library_path, summary_prefs(context))  # read while Textual loads
    paint = None
    if sys.platform != "win32":  # the first view on the terminal before Textual is loaded
        from tui.early_paint import EarlyPaint

        paint = EarlyPaint.start(first, settings_text(settings), utc_now)
    try:
        if paint is not None:
            paint.paint()
        load_textual(settings)
        from tui.reader_app import ReaderApp

        app = ReaderApp(context, first)
        if paint is not None:
            from tui.paint_driver import painting_driver

            app.driver_class = painting_driver(paint)
        elif sys.platform != "win32":  # the reader's driver where Textual would use its own
            from tui.driver import ReaderDriver

            app.driver_class = ReaderDriver
        app.run()  # a crash's traceback is printed by Textual before run returns
    finally:
        if paint is not None:
            paint.undo()  # the terminal as it was, if Textual never took it over
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(app.return_code or 0)


def load_textual(settings: Settings) -> None:
    """Import Textual with the reader's escape delay (its constants read it on import)."""
    from tui.terminal import escape_delay

    with escape_delay(settings.reader.escape_delay_ms):
        import textual.constants  # noqa: F401


def settings_text(settings: Settings) -> str:
    """The settings Textual's first frame depends on (the keys hinted at), as text."""
    return repr(sorted(settings.keys.items()))
