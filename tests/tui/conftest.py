"""Fixtures of the reader tests (helpers live in ``reader_support``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import write_library


@pytest.fixture
def library_path(isolated_home: Path) -> Path:
    """A library of fixed fictional articles in the test's home folder."""
    return write_library(isolated_home / "library.sqlite")
