"""The reader's first view, read in a thread while Textual starts.

The app starts :class:`FirstView` as it loads (before the terminal is taken
over and the stylesheet read) and opens the reader screen once it is read, with
the rows, the article under the cursor and the topic bar already there: the
screen is laid out and drawn once, with the titles, instead of empty first and
again when the rows come. No Textual here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.store import Library
from tui import loaders
from tui.state import Filters, SummaryPrefs, configured_algorithm

if TYPE_CHECKING:  # not imported on the way to the early paint (tui.early_paint)
    from tui.context import ReaderContext
    from tui.reading import LoadView


def summary_prefs(context: ReaderContext) -> SummaryPrefs:
    """How the reader makes and shows summaries when it opens (the settings')."""
    summary = context.settings.summary
    return SummaryPrefs(
        algorithm=configured_algorithm(summary.algorithm, context.algorithms),
        sentences=summary.sentences,
    )


class FirstView:
    """The whole library's first view for ``prefs``, read in a thread of its own."""

    def __init__(self, library_path: Path, prefs: SummaryPrefs) -> None:
        self.filters = Filters()
        self.prefs = prefs
        #: How many samples a first run is about to store (0: none), known with the view,
        #: so the first frame says "preparing the sample library" rather than "empty".
        self.samples = 0
        self._path = library_path
        # Read once, then told to whoever waits (no concurrent.futures: it loads logging, and
        # this is on the way to the early paint).
        self._bundle: loaders.ViewBundle | None = None
        self._read_done = threading.Event()
        self._lock = threading.Lock()
        self._wake: list[Callable[[], None]] = []
        threading.Thread(target=self._read, name="first view", daemon=True).start()

    def _read(self) -> None:
        try:
            library = Library(self._path)
            try:
                bundle = loaders.load_view_bundle(
                    library, self.filters, None, self.prefs.algorithm, self.prefs.sentences
                )
                if not bundle.view.total:
                    from newsreader.sample import samples_coming

                    self.samples = samples_coming(library)
            finally:
                library.close()
        except Exception:  # the screen reads it again in a worker, which reports the error
            bundle = None
        with self._lock:
            self._bundle = bundle
            self._read_done.set()
            wake, self._wake = self._wake, []
        for call in wake:
            call()

    async def wait(self, seconds: float | None = None) -> loaders.ViewBundle | None:
        """The first view once read; None when it could not be read, or was not within
        ``seconds`` (a library locked by another process: the screen opens meanwhile,
        answers keys and loads it itself)."""
        import asyncio  # not on the way to the early paint (tui.early_paint)

        loop = asyncio.get_running_loop()
        read: asyncio.Future[None] = loop.create_future()

        def done() -> None:
            if not read.done():
                read.set_result(None)

        def wake() -> None:  # in the reading thread
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: none waits
                loop.call_soon_threadsafe(done)

        with self._lock:
            if self._read_done.is_set():
                return self._bundle
            self._wake.append(wake)
        try:
            await asyncio.wait_for(read, seconds)
        except TimeoutError:
            return None
        return self._bundle

    def result(self, seconds: float) -> loaders.ViewBundle | None:
        """The first view, waited for at most ``seconds`` from a thread (None: not read
        by then, or it could not be read)."""
        self._read_done.wait(seconds)
        return self._bundle

    def answers(self, job: LoadView) -> loaders.ViewBundle | None:
        """The view read here when it is what ``job`` asks for and is read already."""
        if not self._read_done.is_set():
            return None
        if (job.filters, job.keep_id, job.prefs) != (self.filters, None, self.prefs):
            return None
        return self._bundle
