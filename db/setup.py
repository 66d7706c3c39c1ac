"""Opening, creating and upgrading a planner database file as one step.

A new database and its folder get no access for "other" (0660 and 0770, narrowed by the umask):
on a shared host only the owner and the planners' group may read the plans.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from db.connection import (
    APPLICATION_ID,
    connect,
    connect_read_only,
    deferred_database,
    open_error,
    raw_connect,
    write_transaction,
)
from db.errors import StorageError
from db.file_checks import check_local, check_writable
from db.files import fsync_folder, real_target
from db.schema import check_not_newer, migrate, needs_migration, upgrading
from db.schema_objects import missing_objects
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

DATABASE_MODE = 0o660
FOLDER_MODE = 0o770


def _make_folder(folder: Path) -> None:
    """Create the database's folder (missing parents with the usual permissions)."""
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            _("cannot create the folder {folder}: {strerror}").format(
                folder=folder, strerror=exc.strerror
            )
        ) from exc


def _create(path: Path) -> None:
    """Build a seeded database beside `path` and rename it into place, so no half file is left."""
    _make_folder(path.parent)
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DATABASE_MODE))
        _build(tmp, path)
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        raise StorageError(
            _("cannot create {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _build(path: Path, shown: Path) -> None:
    """Mark an empty file as planner's, create the schema and seed it, in one transaction.

    Errors name `shown`, the database being made, not a temp file.
    """
    from db.seed import seed  # only a new or upgraded file is seeded: kept off the start-up path

    conn = _connect_fresh(path, shown)
    try:
        db = deferred_database(conn)
        with upgrading(db), write_transaction(db):
            migrate(db)
            seed(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _connect_fresh(path: Path, shown: Path) -> sqlite3.Connection:
    """A connection to a new file, marked with planner's application_id before WAL is on."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.close()
    except sqlite3.Error as exc:
        raise open_error(shown, exc) from exc
    return raw_connect(path, shown=shown)


def _is_empty_file(path: Path) -> bool:
    """A 0-byte regular file, e.g. one an administrator made with the group's permissions."""
    try:
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


def refuse_damaged(db: Database, path: Path) -> None:
    """Refuse a file whose planner tables or triggers were dropped; never recreate them."""
    missing = missing_objects(db)
    if missing:
        raise StorageError(
            _(
                "{path} is missing {missing}: it was changed outside planner and is not"
                " opened (nothing was recreated or written). Run `planner check` on it"
                " and restore the database from a backup"
            ).format(path=path, missing=", ".join(missing))
        )


def open_database(path: Path, *, create: bool = False, reseed: bool = False) -> Database:
    """Open `path` (created and seeded when missing or empty and `create` is set); upgrade it.

    A symlinked path is followed: the file it names is created, the link stays.
    """
    if create:
        target = real_target(path)
        if not target.exists():
            check_local(target)
            _create(target)
        elif _is_empty_file(target):
            check_local(target)
            check_writable(target)
            _build(target, target)
    db = connect(path)
    try:
        check_not_newer(db)
        refuse_damaged(db, path)
        if needs_migration(db) or reseed:
            from db.seed import seed

            with upgrading(db), write_transaction(db):
                migrate(db)
                seed(db)
    except BaseException:
        db.conn.close()
        raise
    return db


def open_for_check(path: Path) -> Database:
    """Open a file read-only to check it as it is: older and damaged schemas allowed."""
    return connect_read_only(path, allow_older=True)


def open_for_reading(path: Path) -> Database:
    """Open a database read-only for reading commands; a damaged schema is refused."""
    db = connect_read_only(path)
    try:
        refuse_damaged(db, path)
    except BaseException:
        db.conn.close()
        raise
    return db
