"""Fixtures every test shares.

Every test runs with ``NEWSREADER_HOME`` and ``NEWSREADER_CONFIG`` pointing
into its own temporary folder, so no test can touch the user's real library
or settings. Tests that read the evaluation data in ``../shared/data`` take the
``shared_data`` fixture, which skips them with a reason when it is absent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NEWSREADER_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private NEWSREADER_HOME, config path and user folders (data, config, cache) for
    each test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    for proxy in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield home


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data``; the test is skipped when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_DATA} (../shared/data)")
    return SHARED_DATA


@pytest.fixture
def library(isolated_home: Path):
    """An empty library in the test's home folder."""
    from newsreader.store import Library

    lib = Library(isolated_home / "library.sqlite")
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def tok():
    """An English ``NewsTokenizer``, shared by a module's tests."""
    from summarize.tokenizer import NewsTokenizer

    return NewsTokenizer("english")
