"""An ingest run's page cache: larger while it runs, as it was after."""

from __future__ import annotations

from newsreader.store import Library, larger_cache


def _cache_size(library: Library) -> int:
    return int(library.conn.execute("PRAGMA cache_size").fetchone()[0])


def test_the_cache_is_larger_inside_and_as_it_was_after(library: Library):
    before = _cache_size(library)
    with larger_cache(library.conn, 32768):
        assert _cache_size(library) == -32768
    assert _cache_size(library) == before


def test_a_cache_larger_already_is_left_alone(library: Library):
    library.conn.execute("PRAGMA cache_size = -65536")
    with larger_cache(library.conn, 32768):
        assert _cache_size(library) == -65536
    assert _cache_size(library) == -65536


def test_a_connection_closed_inside_is_no_error(tmp_path):
    library = Library(tmp_path / "library.sqlite")
    with larger_cache(library.conn, 32768):
        library.close()
