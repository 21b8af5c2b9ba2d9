"""The reader driver's input thread: keys from the terminal, a lone Esc taken once its
escape delay is over with nothing else typed, sequences that come in pieces within the
delay still read as one key, and a prompt stop.

The thread reads a pipe standing in for the terminal and posts to a stand-in for the
app (the one method a driver calls on it).
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from textual import constants, events
from textual.message import Message

from tui.driver import ReaderDriver

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver"),
]

#: How long a test waits for a key (far beyond what it takes; reached only when it never comes).
PATIENCE = 30.0


class Inbox:
    """What the driver posts to, in place of the app."""

    def __init__(self) -> None:
        self.messages: asyncio.Queue[Message] = asyncio.Queue()

    async def _post_message(self, message: Message) -> bool:
        await self.messages.put(message)
        return True

    async def key(self) -> str:
        """The next key posted."""
        while True:
            message = await asyncio.wait_for(self.messages.get(), PATIENCE)
            if isinstance(message, events.Key):
                return message.key


class Reading:
    """A driver's input thread reading a pipe."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.driver = ReaderDriver(self.inbox)  # type: ignore[arg-type]
        self._read, self.terminal = os.pipe()
        self.driver.fileno = self._read
        self.thread = threading.Thread(target=self.driver.run_input_thread, daemon=True)
        self.thread.start()

    def type(self, text: str) -> None:
        """What the terminal sends, in one write."""
        os.write(self.terminal, text.encode())

    def stop(self) -> None:
        self.driver.exit_event.set()
        self.thread.join(PATIENCE)
        os.close(self.terminal)
        os.close(self._read)


@pytest_asyncio.fixture
async def reading() -> AsyncIterator[Reading]:
    reader = Reading()  # in the test's event loop: the driver posts to it
    try:
        yield reader
    finally:
        reader.stop()


async def test_keys_and_a_lone_esc_with_nothing_after_it(
    reading: Reading, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.01)
    reading.type("j")
    assert await reading.inbox.key() == "j"
    reading.type("\x1b")  # nothing follows: taken as Esc once the delay is over
    assert await reading.inbox.key() == "escape"
    reading.type("\x1b[B")  # a whole sequence in one write
    assert await reading.inbox.key() == "down"
    reading.type("\x1b")
    assert await reading.inbox.key() == "escape"  # again: the wake-up is not a one-off


async def test_a_sequence_in_pieces_within_the_delay_is_one_key(
    reading: Reading, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long delay: the pieces come well within it, however slow the machine.
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 5.0)
    for piece in ("\x1b", "[1", ";5", "B"):  # ctrl+down, as a slow link might split it
        reading.type(piece)
    assert await reading.inbox.key() == "ctrl+down"
    for piece in ("\x1b[", "A"):
        reading.type(piece)
    assert await reading.inbox.key() == "up"


async def test_the_thread_stops_at_once(reading: Reading) -> None:
    reading.type("j")
    assert await reading.inbox.key() == "j"
    reading.driver.exit_event.set()
    await asyncio.to_thread(reading.thread.join, PATIENCE)
    assert not reading.thread.is_alive()
