"""The bundled samples are a demo: stored on a first start, gone once the user's own arrive."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_http import FeedServer

from newsreader.cli.main import main
from newsreader.config import Settings
from newsreader.models import ArticleQuery, NewArticle
from newsreader.sample import (
    SAMPLE_FILENAME,
    add_samples,
    load_samples,
    prepare_samples,
    remove_if_present,
    remove_samples,
    sample_path,
    stored_samples,
    wanted,
)
from newsreader.store import Library

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "assets" / SAMPLE_FILENAME
RSS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Gazette</title>"
    "<link>http://127.0.0.1/</link><item><title>Cranes arrive</title><guid>c1</guid>"
    "<description>Three new cranes arrived at the fictional harbour of Brindle today, and"
    " the port authority said they would double the number of containers handled.</description>"
    "</item></channel></rss>"
)


def _write_samples(folder: Path, count: int, paragraphs: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_FILENAME
    lines = [
        json.dumps(
            {
                "title": f"Sample {n}",
                "text": f"Sample story {n} about the harbour.\n\n"
                + f"The ferry to the island of Brindle ran late on day {n}. " * 10 * paragraphs,
                "source": f"Outlet {n % 2}",
                "url": f"https://example.com/{n}",
                "published": "2026-01-01T10:00:00+00:00",
                "topics": ["world"] if n % 2 else ["science"],
            }
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _titles(library: Library) -> list[str]:
    return sorted(row.title for row in library.list_articles(ArticleQuery(), limit=1000))


@pytest.fixture
def library_file(isolated_home: Path) -> Path:
    return isolated_home / "library.sqlite"


@pytest.fixture
def with_samples(library_file: Path) -> int:
    """The bundled samples stored as a first start stores them; how many."""
    added = prepare_samples(library_file, Settings())
    assert added >= 15
    return added


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


def test_a_first_start_stores_the_samples_once(library_file: Path) -> None:
    announced: list[int] = []
    articles, _ = load_samples()
    assert prepare_samples(library_file, Settings(), started=announced.append) == len(articles)
    assert announced == [len(articles)]
    assert prepare_samples(library_file, Settings(), started=announced.append) == 0
    assert announced == [len(articles)]  # nothing to prepare the second time
    with Library(library_file) as library:
        assert _titles(library) == sorted(a.title for a in articles)
        assert library.consistency_problems() == []
        first = library.get_article(stored_samples(library)[0])
        assert first is not None and first.topics  # enriched: topics given


def test_a_library_with_the_users_own_gets_no_samples(library_file: Path) -> None:
    with Library(library_file) as library:
        library.add_article(NewArticle(title="Mine", text="My own article.", source_name="me"))
    assert prepare_samples(library_file, Settings()) == 0
    with Library(library_file) as library:
        assert _titles(library) == ["Mine"]


def test_a_subscription_alone_keeps_the_samples_away(library_file: Path) -> None:
    with Library(library_file) as library:
        library.add_feed("http://127.0.0.1:9/feed.xml", "Not fetched yet")
    assert prepare_samples(library_file, Settings()) == 0
    with Library(library_file) as library:
        assert library.is_empty()


def test_importing_a_file_removes_the_samples_and_says_so(
    with_samples: int, library_file: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine" / "notes.txt"
    mine.parent.mkdir()
    mine.write_text("My harbour notes\n\nThe ferry was late again this morning.\n")
    result = _run("import", str(mine))
    assert result.exit_code == 0, result.output
    assert f"removed the {with_samples} sample articles" in result.stderr
    with Library(library_file) as library:
        assert _titles(library) == ["My harbour notes"]
        assert stored_samples(library) == []
        assert [s.name for s in library.stats().sources] == ["mine"]  # sample outlets gone
        assert library.consistency_problems() == []
    # the user's own are in: the samples do not come back on the next start
    assert prepare_samples(library_file, Settings()) == 0


def test_an_import_that_stores_nothing_keeps_the_samples(
    with_samples: int, library_file: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"\xff\xfe{not json")
    result = _run("import", str(broken))
    assert result.exit_code == 1
    assert "sample" not in result.stderr
    with Library(library_file) as library:
        assert len(stored_samples(library)) == with_samples


def test_subscribing_removes_the_samples(
    with_samples: int, library_file: Path, feed_server: FeedServer
) -> None:
    url = feed_server.add("/feed.xml", RSS)
    result = _run("add", url, "--no-fetch")
    assert result.exit_code == 0, result.output
    assert f"removed the {with_samples} sample articles" in result.stderr
    with Library(library_file) as library:
        assert library.is_empty()
        assert [feed.url for feed in library.list_feeds()] == [url]


def test_an_opml_import_removes_the_samples(
    with_samples: int, library_file: Path, tmp_path: Path
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        "<?xml version='1.0'?><opml version='2.0'><body>"
        "<outline type='rss' text='Gazette' xmlUrl='http://127.0.0.1:9/gazette.xml'/>"
        "</body></opml>"
    )
    result = _run("opml", "import", str(opml))
    assert result.exit_code == 0, result.output
    assert f"removed the {with_samples} sample articles" in result.stderr
    with Library(library_file) as library:
        assert stored_samples(library) == []


def test_samples_remove_is_for_good_and_samples_add_brings_them_back(
    with_samples: int, library_file: Path
) -> None:
    removed = _run("samples", "remove")
    assert removed.exit_code == 0 and f"removed {with_samples} sample articles" in removed.output
    assert _run("samples", "remove").output.strip() == "no sample articles to remove"
    assert prepare_samples(library_file, Settings()) == 0  # an empty library, yet none
    added = _run("samples", "add")
    assert added.exit_code == 0 and f"added {with_samples} sample articles" in added.output
    assert "already holds" in _run("samples", "add").output
    with Library(library_file) as library:
        assert len(stored_samples(library)) == with_samples
        assert library.consistency_problems() == []


def test_samples_stored_beside_the_users_own_are_told_apart(library: Library) -> None:
    """A library filled with the samples and the user's own articles (as earlier
    versions left it): removal takes exactly the samples."""
    added = add_samples(library, Settings())
    library.add_article(NewArticle(title="Mine", text="My own article.", source_name="me"))
    assert remove_if_present(library) == (
        f"removed the {added} sample articles now that the library has your own"
        " (`newsreader samples add` brings them back)"
    )
    assert _titles(library) == ["Mine"]
    assert remove_if_present(library) is None
    assert remove_samples(library) == 0


def test_a_first_start_killed_while_storing_stores_all_or_nothing(
    library_file: Path, tmp_path: Path
) -> None:
    """SIGKILL once the child's storing has written a megabyte to the library's WAL
    while holding the write lock: one transaction, so nothing of it may remain."""
    samples = _write_samples(tmp_path / "big", 1000, paragraphs=6)
    Library(library_file).close()  # the schema exists: the child's first write is the samples
    wal = Path(f"{library_file}-wal")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from newsreader.sample import prepare_samples;"
            " prepare_samples(Path(sys.argv[1]), path=Path(sys.argv[2]))",
            str(library_file),
            str(samples),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    watcher = sqlite3.connect(library_file, isolation_level=None, timeout=0)
    try:
        while child.poll() is None:  # the event: a megabyte written, the write lock held
            if wal.exists() and wal.stat().st_size > 1_000_000 and _locked(watcher):
                child.send_signal(signal.SIGKILL)
                break
        assert child.wait() == -signal.SIGKILL, "the child ended before it was killed"
    finally:
        watcher.close()
    articles, _ = load_samples(samples)
    with Library(library_file) as library:
        stored = len(stored_samples(library, samples))
        assert stored in (0, len(articles))  # never a part of them
        assert library.consistency_problems() == []
        assert wanted(library) == (stored == 0)  # none stored: the next start tries again


def _locked(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    connection.execute("ROLLBACK")
    return False


def test_the_bundled_sample_library_is_found_and_imports_cleanly() -> None:
    assert sample_path().read_bytes() == BUNDLED.read_bytes()
    lines = [line for line in BUNDLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles, errors = load_samples()
    assert errors == []
    assert len(articles) == len(lines) >= 15
    assert all(a.source_name and a.published and a.url and a.topics for a in articles)
    assert len({a.source_name for a in articles}) >= 3


def test_a_missing_or_broken_sample_file_adds_nothing(library_file: Path, tmp_path: Path) -> None:
    assert prepare_samples(library_file, Settings(), path=tmp_path / "absent.jsonl") == 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    assert prepare_samples(library_file, Settings(), path=broken) == 0
    with Library(library_file) as library:
        assert library.is_empty()
