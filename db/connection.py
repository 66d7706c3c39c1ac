"""Opening planner databases: recognise the file first, then configure every connection.

Writers get WAL, FULL sync, foreign keys and a busy timeout; readers open the file read-only and
change nothing in it (not even the journal mode).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from db.errors import Busy, NotPlannerDatabase, StorageError
from db.file_checks import check_local, check_readable_file, check_writable
from db.schema import SCHEMA_VERSION, check_not_newer
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table, View

APPLICATION_ID = 0x504C414E  # "PLAN"
DEFAULT_BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MAX_BUSY_TIMEOUT_MS = 86_400_000
_DISK_FULL_BYTES = 1 << 20
_OPEN_FAILURES = ("disk I/O error", "unable to open")


class _DeferredDatabase:
    """A planner connection that becomes a sqlite_utils.Database on first use of its API.

    Importing sqlite-utils (with dateutil and pluggy) is about a third of start-up; opening a
    file and reading the first screen's plan need only `conn`, `execute` and `query`, so the import
    waits until something else is asked, mostly after the first frame. Planner's connections
    are in autocommit mode, where sqlite-utils' execute() is the connection's own.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers=on;")  # what sqlite_utils.Database sets
        self._database: Database | None = None
        self._lock = threading.Lock()

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """The connection's execute until sqlite-utils is loaded, then its (with its tracer)."""
        if self._database is not None:
            return self._database.execute(sql, parameters)
        return self.conn.execute(sql, parameters)

    def query(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Rows as dicts, as sqlite-utils' query() gives them, without loading it."""
        cursor = self.execute(sql, parameters)
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def _loaded(self) -> Database:
        with self._lock:
            if self._database is None:
                from sqlite_utils import Database

                self._database = Database(self.conn, execute_plugins=False)
            return self._database

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loaded(), name)

    def __getitem__(self, name: str) -> Table | View:
        return self._loaded()[name]


def deferred_database(conn: sqlite3.Connection) -> Database:
    """`conn` as the sqlite_utils.Database every storage function takes, loaded when needed."""
    return cast("Database", _DeferredDatabase(conn))


def busy_timeout_ms() -> int:
    """How long a writer waits for a busy database: PLANNER_BUSY_TIMEOUT_MS, else 5 000 ms."""
    text = os.environ.get("PLANNER_BUSY_TIMEOUT_MS")
    if text is None:
        return DEFAULT_BUSY_TIMEOUT_MS
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits) > _MAX_BUSY_TIMEOUT_MS:
        raise StorageError(
            _(
                "PLANNER_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 0"
                " to {MAX_BUSY_TIMEOUT_MS}, not {text!r}"
            ).format(MAX_BUSY_TIMEOUT_MS=_MAX_BUSY_TIMEOUT_MS, text=text)
        )
    return int(digits)


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
        raise StorageError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
    not_sqlite = NotPlannerDatabase(
        _("{path} is not a planner database (not an SQLite file)").format(path=path)
    )
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
        raise StorageError(_("cannot read {path}: {exc}").format(path=path, exc=exc)) from exc
    return int(application_id), int(user_version)


def recognise(path: Path) -> None:
    """Refuse any existing file that is not a planner database, before SQLite touches it."""
    application_id, _version = read_header(path)
    if application_id != APPLICATION_ID:
        raise NotPlannerDatabase(
            _(
                "{path} is an SQLite file of another program, not a planner database;"
                " left untouched"
            ).format(path=path)
        )


def _configure_session(conn: sqlite3.Connection) -> None:
    """What every connection sets, changing nothing in the file: busy timeout, foreign keys."""
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Writers only: WAL (recorded in the file header) and FULL sync."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def free_bytes(folder: Path) -> int | None:
    """Bytes an unprivileged writer may still use on the filesystem holding `folder`."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def open_error(path: Path, exc: sqlite3.Error) -> StorageError:
    """Why `path` could not be opened, in one line; a full disk is named as such."""
    free = free_bytes(path.parent if str(path.parent) else Path("."))
    text = str(exc)
    low = free is not None and free < _DISK_FULL_BYTES
    if "full" in text or (low and any(failure in text for failure in _OPEN_FAILURES)):
        return StorageError(
            _(
                "cannot open {path}: the disk is full ({value} bytes free); SQLite"
                " needs room for its -wal and -shm files. Free some space and try"
                " again; nothing was written"
            ).format(path=path, value=free or 0)
        )
    return StorageError(_("cannot open {path}: {text}").format(path=path, text=text))


def raw_connect(path: Path, *, wal: bool = True, shown: Path | None = None) -> sqlite3.Connection:
    """An autocommit connection configured by the storage rules (WAL, FULL sync, FKs, timeout).

    The UI hands the connection to its one storage thread, so it is not bound to its creator's.
    Errors name `shown` (the database a temp file will become) if given, else `path`.
    """
    timeout = busy_timeout_ms()
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=timeout / 1000, check_same_thread=False
        )
        _configure_session(conn)
        if wal:
            _switch_to_wal(conn)
    except sqlite3.Error as exc:
        raise open_error(shown or path, exc) from exc
    return conn


@contextmanager
def _closed_on_failure(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Close `conn` when the checks inside fail; a SQLite error is named as an open error."""
    try:
        yield
    except sqlite3.Error as exc:
        conn.close()
        raise open_error(path, exc) from exc
    except BaseException:
        conn.close()
        raise


def connect(path: Path) -> Database:
    """Open an existing, recognised planner database on a local disk with write access.

    The schema is checked before WAL is switched on, so a file from a newer planner is left
    byte for byte as it was. planner uses no sqlite-utils plugins; not loading them saves an
    entry-point scan per open.
    """
    check_readable_file(path)
    check_local(path)
    recognise(path)
    check_writable(path)
    conn = raw_connect(path, wal=False)
    db = deferred_database(conn)
    with _closed_on_failure(conn, path):
        check_not_newer(db)
        _switch_to_wal(conn)
    return db


def connect_read_only(path: Path, *, allow_older: bool = False) -> Database:
    """Open an existing planner database read-only: nothing in the file is ever changed.

    An older schema is refused (readers need the current tables) unless `allow_older`.
    """
    check_readable_file(path)
    check_local(path)
    recognise(path)
    uri = f"{path.absolute().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        _configure_session(conn)
    except sqlite3.Error as exc:
        raise open_error(path, exc) from exc
    db = deferred_database(conn)
    with _closed_on_failure(conn, path):
        check_not_newer(db)
        version = db.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION and not allow_older:
        conn.close()
        raise StorageError(
            _(
                "{path} has schema version {version}, older than this planner"
                " ({SCHEMA_VERSION}); run `planner init` to upgrade it (reading"
                " commands never change the file)"
            ).format(path=path, version=version, SCHEMA_VERSION=SCHEMA_VERSION)
        )
    return db


def database_files(db: Database) -> tuple[Path, ...]:
    """The database's own files: the main file and its -wal, -shm and -journal, resolved."""
    rows = db.execute("PRAGMA database_list").fetchall()
    name = next((row[2] for row in rows if row[1] == "main"), "")
    if not name:
        return ()
    main = Path(os.path.realpath(name))
    return (main, *(main.with_name(main.name + suffix) for suffix in ("-wal", "-shm", "-journal")))


def translate(exc: sqlite3.Error) -> StorageError:
    """SQLite's failures while writing as one clear message; the transaction was rolled back."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return Busy()
    if "full" in text:
        return StorageError(
            _(
                "the disk (or the database's size limit) is full; the edit was not"
                " saved. Free some space and try again"
            )
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(_("the database is read-only; the edit was not saved"))
    return StorageError(_("database error, nothing was saved: {text}").format(text=text))


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
