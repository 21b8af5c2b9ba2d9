"""The sync tests' server: a Google Reader API on 127.0.0.1 (see ``greader_server``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from greader_server import GReaderServer

from newsreader.config import Settings
from newsreader.store import Library


@pytest.fixture
def greader() -> Iterator[GReaderServer]:
    """A running loopback Google Reader server; stopped (every handler joined) after the test."""
    server = GReaderServer().start()
    yield server
    server.stop()


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch, greader: GReaderServer) -> str:
    """The server's password, given the way a user would: NEWSREADER_GREADER_PASSWORD."""
    monkeypatch.setenv("NEWSREADER_GREADER_PASSWORD", greader.password)
    return greader.password


@pytest.fixture
def make_library(tmp_path: Path, greader: GReaderServer, password: str) -> Iterator:
    """Libraries with an account on the loopback server, closed after the test."""
    opened: list[Library] = []

    def make(name: str = "one") -> Library:
        library = Library(tmp_path / name / "library.sqlite")
        library.set_sync_account("greader", greader.url, greader.username)
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


@pytest.fixture
def settings() -> Settings:
    """Default settings."""
    return Settings()
