"""Opening planner databases: recognise the file first, then configure every connection."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from db.errors import Busy, NoDatabase, NotPlannerDatabase, StorageError
from db.file_checks import check_local, check_writable

APPLICATION_ID = 0x504C414E  # "PLAN"
BUSY_TIMEOUT_MS = int(os.environ.get("PLANNER_BUSY_TIMEOUT_MS", "5000"))


def read_header(path: Path) -> tuple[int, int]:
    """Return (application_id, user_version) from the file header without writing to it.

    Read through SQLite (read-only, immutable: no locks, no -wal or -shm), never with
    open()/close(): closing any descriptor of a file drops every POSIX lock this process
    holds on it, also another open connection's, so other processes would take that
    connection for gone and checkpoint and delete the WAL under it ("disk I/O error").
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror}") from exc
    not_sqlite = NotPlannerDatabase(f"{path} is not a planner database (not an SQLite file)")
    if size < 100:
        raise not_sqlite
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise not_sqlite from exc
        raise StorageError(f"cannot read {path}: {exc}") from exc
    return int(application_id), int(user_version)


def recognise(path: Path) -> None:
    """Refuse any existing file that is not a planner database, before SQLite touches it."""
    application_id, _ = read_header(path)
    if application_id != APPLICATION_ID:
        raise NotPlannerDatabase(
            f"{path} is an SQLite file of another program, not a planner database; left untouched"
        )


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def raw_connect(path: Path) -> sqlite3.Connection:
    """An autocommit connection configured by the storage rules (WAL, FULL sync, FKs, timeout).

    The UI hands the connection to its one storage thread, so it is not bound to its creator's.
    """
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        _configure(conn)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open {path}: {exc}") from exc
    return conn


def connect(path: Path) -> Database:
    """Open an existing, recognised planner database on a local disk with write access.

    planner uses no sqlite-utils plugins; not loading them saves an entry-point scan per open.
    """
    if not path.exists():
        raise NoDatabase(str(path))
    check_local(path)
    recognise(path)
    check_writable(path)
    return Database(raw_connect(path), execute_plugins=False)


def translate(exc: sqlite3.Error) -> StorageError:
    """SQLite's failures while writing as one clear message; the transaction was rolled back."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return Busy()
    if "full" in text:
        return StorageError(
            "the disk (or the database's size limit) is full; the edit was not saved."
            " Free some space and try again"
        )
    if "readonly" in text or "read-only" in text:
        return StorageError("the database is read-only; the edit was not saved")
    return StorageError(f"database error, nothing was saved: {text}")


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """Run a write as one BEGIN IMMEDIATE transaction; joins an open one instead of nesting."""
    if db.conn.in_transaction:
        yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise translate(exc) from exc
    try:
        yield db
        db.conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        _rollback(db)
        raise translate(exc) from exc
    except BaseException:
        _rollback(db)
        raise


def _rollback(db: Database) -> None:
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")
