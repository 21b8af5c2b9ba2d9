"""A program run in a real pseudo-terminal, measured as its user feels it.

:class:`PtyProgram` starts a command on a fresh pty of a given size (the clock
starts just before the fork), reads everything it writes, keeps a ``pyte``
screen of it (the terminal emulator the bench reads titles from), answers the
terminal queries a real terminal answers (device attributes, cursor position),
and reports per key: the time from writing the key to the last byte before the
output went quiet, the bytes written, and the CPU the program used (its
process CPU clock, which counts every thread, finished ones included).
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyte

#: Linux's CPU clock of another process: ``(~pid << 3) | CPUCLOCK_SCHED``.
_CPUCLOCK_SCHED = 2


def process_cpu_clock(pid: int) -> int:
    """The clock id of process ``pid``'s CPU time (all its threads, in nanoseconds)."""
    return ((~pid) << 3) | _CPUCLOCK_SCHED


class _AnsweringScreen(pyte.Screen):
    """A pyte screen that sends its answers to queries back to the program."""

    def __init__(self, columns: int, lines: int, answer: Callable[[bytes], None]) -> None:
        super().__init__(columns, lines)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data.encode())


@dataclass(frozen=True)
class KeyResult:
    """What one key cost: None for ``settle`` when the program wrote nothing."""

    settle: float | None
    bytes: int
    cpu: float


class ProgramExited(RuntimeError):
    """The program ended while the bench waited for its output."""


class PtyProgram:
    """One run of a command on its own pty (``columns`` x ``lines``)."""

    def __init__(self, argv: list[str], env: dict[str, str], columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: the pty becomes its controlling terminal
            try:
                os.close(master)
                os.login_tty(slave)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        self.pidfd = os.pidfd_open(pid)
        self.clock = process_cpu_clock(pid)
        self.screen = _AnsweringScreen(columns, lines, self._write)
        self.stream = pyte.ByteStream(self.screen)
        self.pending = bytearray()
        self.exited = False
        self.rusage: os.struct_rusage | None = None
        self.exit_status = 0

    # -- low level ---------------------------------------------------------

    def _write(self, data: bytes) -> None:
        if not self.exited:
            os.write(self.fd, data)

    def cpu(self) -> float:
        """The program's CPU time so far (seconds); its final figure once it has exited."""
        if self.rusage is not None:
            return self.rusage.ru_utime + self.rusage.ru_stime
        try:
            return time.clock_gettime(self.clock)
        except OSError:
            return 0.0

    def _reap(self) -> None:
        _pid, status, usage = os.wait4(self.pid, 0)
        self.exited, self.rusage, self.exit_status = True, usage, status
        os.close(self.pidfd)

    def _read(self, timeout: float) -> tuple[int, float]:
        """Wait up to ``timeout`` for output; (bytes read, time read). Reaps on exit."""
        if self.exited:
            return 0, time.perf_counter()
        ready, _, _ = select.select([self.fd, self.pidfd], [], [], max(0.0, timeout))
        now = time.perf_counter()
        if self.fd in ready:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:  # EIO: the program closed its side
                data = b""
            if data:
                self.pending += data
                return len(data), now
        if self.pidfd in ready:
            self._drain()
            self._reap()
        return 0, now

    def _drain(self) -> None:
        while select.select([self.fd], [], [], 0)[0]:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                return
            if not data:
                return
            self.pending += data

    def feed(self) -> None:
        """Put what was read on the screen (outside the timed windows: pyte is slow)."""
        if self.pending:
            data, self.pending = bytes(self.pending), bytearray()
            self.stream.feed(data)

    def text(self) -> str:
        """The screen as text, one line per row."""
        self.feed()
        return "\n".join(self.screen.display)

    # -- measuring ---------------------------------------------------------

    def wait_for(self, check: Callable[[str], bool], timeout: float) -> float:
        """Wait until ``check(screen text)`` holds; the time from the start, in seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            count, at = self._read(deadline - time.perf_counter())
            if count:
                self.feed()
                if check("\n".join(self.screen.display)):
                    return at - self.started
            if self.exited:
                raise ProgramExited(f"exited with status {self.exit_status} before the screen")
            if at >= deadline:
                raise TimeoutError(f"screen not shown after {timeout} s:\n{self.text()}")

    def settle(self, quiet: float, first_byte: float, since: float | None = None) -> KeyResult:
        """Read until no byte came for ``quiet`` seconds; the last byte's time after ``since``.

        ``settle`` is None when nothing came within ``first_byte`` seconds.
        """
        started = time.perf_counter() if since is None else since
        cpu = self.cpu()
        total, last = self._until_quiet(quiet, started + first_byte)
        return KeyResult(None if last is None else last - started, total, self.cpu() - cpu)

    def _until_quiet(self, quiet: float, first_by: float) -> tuple[int, float | None]:
        """Read until no byte came for ``quiet`` seconds, waiting for the first one until
        the clock reads ``first_by``; (bytes read, the last byte's time or None)."""
        total, last = 0, None
        while not self.exited:
            now = time.perf_counter()
            wait = (last + quiet - now) if last is not None else (first_by - now)
            if wait <= 0:
                break
            count, at = self._read(wait)
            if count:
                total += count
                last = at
        return total, last

    def read_for(self, seconds: float) -> int:
        """Read whatever comes for ``seconds``; the bytes read."""
        deadline = time.perf_counter() + seconds
        total = 0
        while not self.exited and time.perf_counter() < deadline:
            count, _at = self._read(deadline - time.perf_counter())
            total += count
        return total

    def key(
        self,
        data: bytes,
        quiet: float,
        first_byte: float,
        until: Callable[[str], bool] | None = None,
        timeout: float = 60.0,
    ) -> KeyResult:
        """Write one key and measure until the screen is settled (and ``until`` holds).

        Without ``until``, the key is done at the first ``quiet`` seconds without output
        (``settle`` is None when nothing came within ``first_byte``). With it, the screen
        is read after each quiet spell and the key is done once ``until(screen text)``
        holds: a frame drawn in pieces, or late on a busy machine, is waited for rather
        than taken for the next key's, and the next key is not written before this one
        was handled (an Esc followed too soon by a key reads as Alt and that key).
        """
        self.feed()
        cpu = self.cpu()
        sent = time.perf_counter()
        os.write(self.fd, data)
        total, last = self._until_quiet(quiet, sent + first_byte)
        while until is not None and not until(self.text()):
            if self.exited:
                raise ProgramExited(f"exited with status {self.exit_status} after {data!r}")
            if time.perf_counter() - sent > timeout:
                raise TimeoutError(
                    f"screen not as expected {timeout} s after {data!r}:\n" + self.text()
                )
            count, at = self._until_quiet(quiet, sent + timeout)
            total += count
            last = at if at is not None else last
        return KeyResult(None if last is None else last - sent, total, self.cpu() - cpu)

    def quit(self, data: bytes, timeout: float = 30.0) -> tuple[float, float]:
        """Write the quit key; (seconds until the process ended, CPU it used meanwhile)."""
        cpu = self.cpu()
        sent = time.perf_counter()
        os.write(self.fd, data)
        deadline = sent + timeout
        while not self.exited:
            _count, at = self._read(deadline - time.perf_counter())
            if at >= deadline and not self.exited:
                self.kill()
                raise TimeoutError(f"still running {timeout} s after {data!r}")
        ended = time.perf_counter()
        return ended - sent, self.cpu() - cpu

    def kill(self) -> None:
        """End the program if it still runs (SIGKILL) and reap it."""
        if not self.exited:
            os.kill(self.pid, 9)
            self._drain()
            self._reap()

    def close(self) -> None:
        """Kill if needed and release the pty."""
        self.kill()
        os.close(self.fd)
