"""Opening the library file: pragmas, schema upgrades, transactions, read-only libraries.

Writes never fail for a lock another newsreader holds: a write waits up to
:data:`BUSY_TIMEOUT_MS` for the lock in each try and is tried again until
:data:`WRITE_PATIENCE_SECONDS` have passed, so a star in the reader and a file
imported while a refresh runs are stored. A write that truly cannot be made
(a full disk, a read-only library, the lock held for minutes) is rolled back
whole and raised as :class:`LibraryWriteError`, whose one-line message says so.

A library on a read-only mount, or a file the user may not write, is opened
read-only (``mode=ro``, or ``immutable=1`` when SQLite cannot share the WAL
index there): reading works, and the first write raises
:class:`ReadOnlyLibraryError`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from newsreader.store.schema import INDEX_PENDING, MIGRATIONS, SCHEMA_VERSION
from newsreader.store.schema import statements as _statements
from newsreader.store.story_vectors import pack_json_vector

#: How long one try of a write waits for another connection's write lock. The
#: longest writer's transaction (one feed's articles, one enrichment batch) is
#: far shorter; a schema upgrade of a large library can take this long.
BUSY_TIMEOUT_MS = 30_000
#: How long a write keeps trying before it is reported as failed.
WRITE_PATIENCE_SECONDS = 120.0
#: Pause between two tries of a write whose lock wait ended early (WAL recovery).
_RETRY_PAUSE_SECONDS = 0.05


class LibraryError(RuntimeError):
    """The library file cannot be opened or is not a newsreader library."""


class LibraryWriteError(LibraryError, sqlite3.OperationalError):
    """A write that could not be made; nothing of it was written.

    Also an :class:`sqlite3.OperationalError`, so code that reports a failed
    write per item (a file of an import, a feed of a refresh) still does.
    """


class ReadOnlyLibraryError(LibraryWriteError):
    """The library is read-only here: it can be read, not written."""


class LibraryConnection(sqlite3.Connection):
    """A connection that knows its library's path and whether it may write."""

    path: str = ""
    read_only: bool = False
    #: Why it cannot write: "read-only" (a mount, permissions) or a full disk.
    read_only_reason: str = "read-only"


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the library at ``path`` and upgrade its schema.

    A library that cannot be written here is opened read-only instead.
    """
    path = Path(path)
    exists = str(path) != ":memory:" and path.exists()
    if exists and _cannot_write(path):
        return _connect_read_only(path)
    if str(path) != ":memory:" and not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"{path.parent}: cannot create library folder: {exc.strerror}"
            ) from None
    try:
        conn = _open(str(path), path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        _migrate(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.OperationalError as exc:
        if path.exists() and _is_read_only_failure(exc):
            # A full disk has no room for the WAL index: the library can still be read.
            full = "full" in str(exc) or "disk I/O" in str(exc)
            return _connect_read_only(path, "the disk is full" if full else "read-only")
        raise LibraryError(f"{path}: not a newsreader library ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path}: not a newsreader library ({exc})") from None
    return conn


def _open(target: str, path: Path, *, uri: bool = False) -> LibraryConnection:
    conn = sqlite3.connect(
        target,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
        factory=LibraryConnection,
    )
    assert isinstance(conn, LibraryConnection)
    conn.path = str(path)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _cannot_write(path: Path) -> bool:
    """True when this process may not write the (existing) library or its folder.

    The folder counts: SQLite writes its WAL and index files beside the library.
    """
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK)


def _is_read_only_failure(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return any(
        word in text for word in ("readonly", "read-only", "unable to open", "disk I/O", "full")
    )


def _connect_read_only(path: Path, reason: str = "read-only") -> sqlite3.Connection:
    """The library opened for reading only (``mode=ro``, else ``immutable=1``)."""
    base = f"file:{quote(str(path.absolute()))}?mode=ro"
    last: sqlite3.Error | None = None
    # Without a WAL index beside it that SQLite may use, a WAL library opens only
    # as immutable: read as it is on disk, nothing locked.
    for query in (base, base + "&immutable=1"):
        try:
            conn = _open(query, path, uri=True)
            conn.read_only, conn.read_only_reason = True, reason
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            last = exc
            continue
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{path}: not a newsreader library ({exc})") from None
        if version != SCHEMA_VERSION:
            conn.close()
            raise LibraryError(
                f"{path}: the library is read-only here and its schema is version {version},"
                f" not {SCHEMA_VERSION}: open it once where it can be written"
            )
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    raise LibraryError(f"{path}: cannot open the library, even read-only ({last})")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{path}: library schema version {version} is newer than this newsreader "
            f"understands ({SCHEMA_VERSION}); upgrade newsreader"
        )
    if version == SCHEMA_VERSION:  # current: nothing more to check or do
        return
    if version == 0 and _has_foreign_tables(conn):
        raise LibraryError(f"{path}: is an SQLite file but not a newsreader library")
    # Upgrades that convert stored values call back into Python.
    conn.create_function("pack_story_vector", 1, pack_json_vector, deterministic=True)
    # Foreign keys are off while the schema changes (SQLite's advice: a migration
    # that rebuilds a table must not cascade its DROP), and checked before each commit.
    for target in range(version, SCHEMA_VERSION):
        _begin(conn)
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
            _rollback(conn)
            raise


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return bool(row[0] > 0)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction: all of it is committed, or none of it.

    The write lock is waited for (:data:`BUSY_TIMEOUT_MS` each try, tried
    again for :data:`WRITE_PATIENCE_SECONDS`); a write that fails is rolled
    back whole and raised as :class:`LibraryWriteError` when the library is
    read-only, full or kept busy.
    """
    if conn.in_transaction:  # nested: the outer transaction decides
        yield conn
        return
    _begin(conn)
    with _held(conn):
        yield conn


@contextmanager
def _held(conn: sqlite3.Connection) -> Iterator[None]:
    """The body of a begun write transaction: committed whole, or rolled back whole."""
    try:
        yield
    except BaseException as exc:
        _rollback(conn)
        _raise_write_error(conn, exc)
        raise
    try:
        _index_pending(conn)
        conn.execute("COMMIT")
    except BaseException as exc:
        _rollback(conn)
        _raise_write_error(conn, exc)
        raise


def _index_pending(conn: sqlite3.Connection) -> None:
    """Index the transaction's new and changed articles, all in one statement."""
    if conn.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone() is not None:
        for statement in INDEX_PENDING:
            conn.execute(statement)


#: Pages (in KiB) a connection keeps in memory while it ingests: placing articles in
#: stories reads and writes index pages all over a large library, far more than the
#: default 2 MiB holds, so most would be read again from the file.
INGEST_CACHE_KIB = 32768


@contextmanager
def larger_cache(conn: sqlite3.Connection, kib: int = INGEST_CACHE_KIB) -> Iterator[None]:
    """Inside: the connection keeps up to ``kib`` KiB of pages in memory (never fewer than
    it kept); its cache size is put back after (the pages over it are let go)."""
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    kept = -before if before < 0 else before * page_size // 1024
    if kept >= kib:
        yield
        return
    conn.execute(f"PRAGMA cache_size = {-kib}")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.ProgrammingError):  # closed already: nothing kept
            conn.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """A part of the open transaction that is undone alone when it raises.

    What came before it in the transaction stays, to be committed or rolled
    back with the transaction.
    """
    conn.execute("SAVEPOINT part")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled the whole transaction back
            conn.execute("ROLLBACK TO part")
            conn.execute("RELEASE part")
        raise
    conn.execute("RELEASE part")


def is_read_only(conn: sqlite3.Connection) -> bool:
    """True for a library opened read-only (see :func:`connect`)."""
    return bool(getattr(conn, "read_only", False))


def _begin(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for another writer as long as a user's write may wait."""
    if is_read_only(conn):
        raise _read_only_error(conn)
    deadline = time.monotonic() + WRITE_PATIENCE_SECONDS
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                _raise_write_error(conn, exc)
                raise
            if time.monotonic() >= deadline:
                raise LibraryWriteError(
                    f"{_name(conn)}: the library stayed busy for {WRITE_PATIENCE_SECONDS:.0f} s"
                    " (another newsreader is writing); nothing was written"
                ) from exc
            time.sleep(_RETRY_PAUSE_SECONDS)


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back what is open; SQLite may have done it already (a full disk)."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _raise_write_error(conn: sqlite3.Connection, exc: BaseException) -> None:
    """Raise the one-line error of a failed write; return when ``exc`` is another failure."""
    if isinstance(exc, sqlite3.OperationalError) and not isinstance(exc, LibraryWriteError):
        error = _write_error(conn, str(exc))
        if error is not None:
            raise error from exc


def _write_error(conn: sqlite3.Connection, text: str) -> LibraryWriteError | None:
    """The one-line error for a write that failed with ``text`` (read-only, full, busy)."""
    if "readonly" in text or "read-only" in text:
        return _read_only_error(conn)
    if "full" in text:
        return LibraryWriteError(f"{_name(conn)}: the disk is full; nothing of this was written")
    if "disk I/O" in text:
        return LibraryWriteError(f"{_name(conn)}: cannot write ({text}); nothing was written")
    if "locked" in text or "busy" in text:
        return LibraryWriteError(f"{_name(conn)}: the library is busy ({text}); nothing written")
    return None


def _read_only_error(conn: sqlite3.Connection) -> ReadOnlyLibraryError:
    return ReadOnlyLibraryError(read_only_message(conn))


def read_only_message(conn: sqlite3.Connection) -> str:
    """What a write to a library opened read-only says, in one line."""
    reason = getattr(conn, "read_only_reason", "read-only")
    return f"{_name(conn)}: the library cannot be changed here ({reason}); it can still be read"


def _name(conn: sqlite3.Connection) -> str:
    return str(getattr(conn, "path", "") or "library")


@contextmanager
def write_if_free(conn: sqlite3.Connection, wait: bool = False) -> Iterator[bool]:
    """A write transaction begun only if the write lock is free now (or ``wait``).

    Yields False, with no transaction, when another connection holds the lock;
    the block then writes nothing. Inside an open transaction it yields True.
    """
    if conn.in_transaction or wait or is_read_only(conn):
        with transaction(conn):
            yield True
        return
    if not _begin_now(conn):
        yield False
        return
    with _held(conn):
        yield True


def _begin_now(conn: sqlite3.Connection) -> bool:
    """BEGIN IMMEDIATE without waiting; False when the write lock is taken."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if not _is_busy(exc):
            raise
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return True
