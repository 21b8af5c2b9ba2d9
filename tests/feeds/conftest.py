"""The feed tests' server: a real HTTP server on 127.0.0.1 (see ``local_http``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from local_http import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running server on 127.0.0.1; stopped after the test."""
    server = FeedServer().start()
    yield server
    server.stop()
