"""Opening the library file safely, one SQLite connection per thread, errors made readable.

Opening refuses, without writing a byte, a file made by a newer Broadsheet and a file that
is not a healthy SQLite database; a damaged file is first copied aside so that nothing the
user had is ever lost or silently replaced.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import LibraryError
from reader.library.migrations import (
    REQUIRED_TABLES,
    SCHEMA_VERSION,
    apply_migrations,
    user_version,
)

#: How long a writer waits for another process's write transaction (the TUI open while
#: ``broadsheet add`` runs) before giving up with "library is busy".
BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Free space below which an I/O error during a write is reported as a full disk.
_NEARLY_FULL = 1024 * 1024


def _describe(exc: sqlite3.Error) -> str:
    """One line saying what went wrong, in the user's terms."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "library is busy: another Broadsheet is writing to it; try again"
    if "readonly" in text or "read-only" in text:
        return "library is read-only: cannot write to it (check the file's permissions)"
    if "disk is full" in text or "database or disk is full" in text:
        return "disk is full: the change was not saved and the library is unchanged"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"library file is damaged ({exc})"
    if "unable to open" in text:
        return "cannot open the library file (check the folder exists and is writable)"
    return f"library error: {exc}"


def _describe_at(exc: sqlite3.Error, path: Path) -> str:
    """:func:`_describe`, with a copy of a damaged file kept aside, and a full disk told
    from other I/O errors by looking at the disk (in WAL mode a write that meets ENOSPC
    surfaces as a bare "disk I/O error")."""
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        # Found while reading or writing: keep a copy before anything else touches it.
        copy = keep_damaged_copy(path) if path.is_file() else None
        kept = f"; a copy is kept at {copy}" if copy else ""
        return f"library file is damaged ({exc}){kept}"
    if "disk i/o error" in text:
        with suppress(OSError):
            if shutil.disk_usage(path.parent).free < _NEARLY_FULL:
                return _describe(sqlite3.OperationalError("database or disk is full"))
        return "disk I/O error: the change was not saved (check the disk holding the library)"
    return _describe(exc)


@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3 and OS errors into LibraryError naming the library file."""
    try:
        yield
    except sqlite3.Error as exc:
        raise LibraryError(_describe_at(exc, path), str(path)) from exc
    except OSError as exc:
        raise LibraryError(
            f"cannot use the library file: {exc.strerror or exc}", str(path)
        ) from exc


def _header_problem(path: Path) -> str | None:
    """Why ``path`` is not a usable SQLite file, judged from its header; None if it looks fine."""
    size = path.stat().st_size
    if size == 0:
        return None  # an empty file is a new library
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "it is not a SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged"
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    wal = path.with_name(path.name + "-wal")
    # With a non-empty WAL the main file may legitimately lag behind its header until the
    # next checkpoint; only judge the length when there is none.
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if header_valid and pages and not wal_pending and size < pages * page_size:
        return f"it is truncated ({size} of {pages * page_size} bytes)"
    return None


def keep_damaged_copy(path: Path) -> Path | None:
    """Copy a damaged library aside (once per version of the file); return the copy's path."""
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y%m%dT%H%M%SZ")
        copy = path.with_name(f"{path.name}.corrupt-{stamp}")
        if not copy.exists():
            shutil.copy2(path, copy)
            # Recent commits may live only in the write-ahead log: keep it beside the copy.
            wal = path.with_name(path.name + "-wal")
            if wal.is_file() and wal.stat().st_size:
                shutil.copy2(wal, copy.with_name(copy.name + "-wal"))
        return copy
    except OSError:
        return None


def _damaged(path: Path, reason: str) -> LibraryError:
    copy = keep_damaged_copy(path)
    kept = f"; a copy is kept at {copy}" if copy else ""
    return LibraryError(
        f"library file is unusable: {reason}{kept}; move it away to start a new library",
        str(path),
    )


class _Connection(sqlite3.Connection):
    """A connection that can be weakly referenced (the base class cannot)."""


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves.
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=_Connection
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Sorting a filtered list builds temporary b-trees: keep them off the disk. A 16 MB
        # page cache holds the list columns and indexes of a 100k-article library.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -16384")
        # A checkpoint is the only step that syncs to disk in WAL mode with
        # synchronous=NORMAL; doing it every ~32 MB of WAL instead of every 4 MB halves the
        # cost of a one-article import transaction (feeds store their items one by one).
        conn.execute("PRAGMA wal_autocheckpoint = 8192")
        # NORMAL is durable against a killed process in WAL mode (only power loss can lose
        # the last commits) and makes each commit far cheaper. (open_library switches a
        # new file to WAL right after connecting, before any write.)
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()  # a damaged or busy file: do not leave the handle open
        raise
    return conn


def open_library(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the library at ``path``; return a connection.

    Raises:
        LibraryError: the file is damaged, not a database, not a Broadsheet library, made by
            a newer Broadsheet, or cannot be created.
    """
    with translate_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            if not path.is_file():
                raise LibraryError("library path is not a file", str(path))
            problem = _header_problem(path)
            if problem:
                raise _damaged(path, problem)
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise LibraryError(_describe_at(exc, path), str(path)) from exc
    try:
        _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    try:
        version = user_version(conn)
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, f"SQLite cannot read it ({exc})") from exc
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"library was made by a newer Broadsheet (schema {version}; this version knows up "
            f"to {SCHEMA_VERSION}); upgrade Broadsheet to open it",
            str(path),
        )
    if version == 0 and tables:
        raise LibraryError(
            "file is an SQLite database but not a Broadsheet library; not touching it", str(path)
        )
    if version == SCHEMA_VERSION and not tables >= REQUIRED_TABLES:
        raise _damaged(path, f"tables are missing: {', '.join(sorted(REQUIRED_TABLES - tables))}")
    with translate_errors(path):
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise LibraryError(f"cannot switch the library to WAL mode (got {mode})", str(path))
        if version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the write lock.
                apply_migrations(conn, user_version(conn))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise


class ConnectionPool:
    """One connection per thread to one library file (sqlite3 objects stay in their thread)."""

    def __init__(self, path: Path) -> None:
        """Open the library (raising LibraryError when unusable) for the calling thread."""
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._closed = False
        # Weak: a worker thread's connection must close when the thread ends (the TUI runs
        # each query in a short-lived worker), not live as long as the library.
        self._all: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._remember(open_library(path))

    def _remember(self, conn: sqlite3.Connection) -> None:
        self._local.conn = conn
        with self._lock:
            self._all.add(conn)

    def get(self) -> sqlite3.Connection:
        """The calling thread's connection, opened on first use."""
        if self._closed:
            raise LibraryError("library is closed", str(self.path))
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            with translate_errors(self.path):
                conn = _connect(self.path)
            self._remember(conn)
        return conn

    def close(self) -> None:
        """Close every connection this pool opened (other threads' ones as best we can)."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            conns, self._all = list(self._all), weakref.WeakSet()
        for conn in conns:
            # One made in another thread refuses; it closes when that thread's locals go.
            with suppress(sqlite3.ProgrammingError):
                conn.close()
        self._local = threading.local()


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
