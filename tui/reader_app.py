"""The reader's Textual app (made by :func:`tui.app.make_app`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui import keymap
from tui.context import ReaderContext
from tui.first_view import FirstView, summary_prefs
from tui.screens.reader import ReaderScreen
from tui.terminal import monochrome_terminal

#: The longest the app waits for the first view before it opens the screen without it.
FIRST_VIEW_WAIT = 2.0


class ReaderApp(App[None]):
    """newsreader's terminal reader."""

    CSS_PATH = "reader.tcss"
    TITLE = "newsreader"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, context: ReaderContext, first: FirstView | None = None) -> None:
        super().__init__()
        self.context = context
        self._first = first
        if self.no_color or monochrome_terminal():
            self.add_class("-no-color")

    def on_load(self) -> None:
        """The first view is read from now on (unless it is already), while Textual takes
        the terminal over."""
        if self._first is None:
            self._first = FirstView(self.context.library_path, summary_prefs(self.context))

    async def on_mount(self) -> None:
        for problem in keymap.check_keymap(self.context.settings.keys):
            self.notify(problem, severity="warning", markup=False, timeout=10)
        self.set_keymap(self.context.settings.keys)
        if self._first is not None:  # the screen opens with its rows: laid out and drawn once
            await self._first.wait(FIRST_VIEW_WAIT)
        # Pushed once the app's start-up is over: a screen laid out while Textual holds
        # the start-up's drawing is drawn for nothing, then again.
        self.call_later(self.push_screen, ReaderScreen(self.context, self._first))

    def on_unmount(self) -> None:
        """Quitting, however it is asked for, stops a running refresh at once."""
        from tui.refresh import stop_refreshes

        stop_refreshes()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Workers started on the app itself report here too."""
        self.report_worker(event.worker, event.state)

    def report_worker(self, worker: Worker[object], state: WorkerState) -> None:
        """The one place a failed worker is reported (the screens' workers come here)."""
        if state == WorkerState.ERROR:
            error = worker.error
            self.log.error(f"worker {worker.name!r} failed: {error!r}")
            self.notify(
                f"{worker.name} failed: {error}",
                title="Error",
                severity="error",
                markup=False,
                timeout=8,
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists every reader key next to Textual's own commands."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for key in keymap.KEYS:
                keys = keymap.display(keymap.effective_keys(key, self.context.settings.keys))
                yield SystemCommand(
                    key.description,
                    f"{key.group} · keys: {keys}",
                    _action_runner(screen, key.action),
                )


def _action_runner(screen: Screen, action: str) -> Callable[[], None]:
    def run() -> None:
        screen.call_later(screen.run_action, action)

    return run
