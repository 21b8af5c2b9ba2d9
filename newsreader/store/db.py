"""Opening the library file: pragmas, schema upgrades, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsreader.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsreader.store.schema import statements as _statements

BUSY_TIMEOUT_MS = 5000


class LibraryError(RuntimeError):
    """The library file cannot be opened or is not a newsreader library."""


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the library at ``path`` and upgrade its schema."""
    path = Path(path)
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"{path.parent}: cannot create library folder: {exc.strerror}"
            ) from None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        _migrate(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path}: not a newsreader library ({exc})") from None
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{path}: library schema version {version} is newer than this newsreader "
            f"understands ({SCHEMA_VERSION}); upgrade newsreader"
        )
    if version == 0 and _has_foreign_tables(conn):
        raise LibraryError(f"{path}: is an SQLite file but not a newsreader library")
    # Foreign keys are off while the schema changes (SQLite's advice: a migration
    # that rebuilds a table must not cascade its DROP), and checked before each commit.
    for target in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have upgraded it.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current == target:
                for statement in _statements(MIGRATIONS[target]):
                    conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise sqlite3.DatabaseError(
                        f"migration to version {target + 1} broke a foreign key: {tuple(broken)}"
                    )
                conn.execute(f"PRAGMA user_version = {target + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return bool(row[0] > 0)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction: all of it is committed, or none of it."""
    if conn.in_transaction:  # nested: the outer transaction decides
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def write_if_free(conn: sqlite3.Connection, wait: bool = False) -> Iterator[bool]:
    """A write transaction begun only if the write lock is free now (or ``wait``).

    Yields False, with no transaction, when another connection holds the lock;
    the block then writes nothing. Inside an open transaction it yields True.
    """
    if conn.in_transaction or wait:
        with transaction(conn):
            yield True
        return
    if not _begin_now(conn):
        yield False
        return
    try:
        yield True
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _begin_now(conn: sqlite3.Connection) -> bool:
    """BEGIN IMMEDIATE without waiting; False when the write lock is taken."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return True
