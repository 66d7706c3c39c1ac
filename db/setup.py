"""Opening, creating and upgrading a planner database file as one step."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from db.connection import APPLICATION_ID, connect, raw_connect, write_transaction
from db.errors import StorageError
from db.file_checks import check_local
from db.schema import check_not_newer, migrate, needs_migration
from db.schema_objects import missing_objects
from db.seed import seed


def _create(path: Path) -> None:
    """Build a seeded database beside `path` and rename it into place, so no half file is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder {path.parent}: {exc.strerror}") from exc
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        conn = _connect_fresh(tmp)
        try:
            db = Database(conn, execute_plugins=False)
            with write_transaction(db):
                migrate(db)
                seed(db)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(f"cannot create {path}: {exc.strerror}") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _connect_fresh(path: Path) -> sqlite3.Connection:
    """A connection to a new file, marked with planner's application_id before WAL is on."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.close()
    except sqlite3.Error as exc:
        raise StorageError(f"cannot create {path}: {exc}") from exc
    return raw_connect(path)


def refuse_damaged(db: Database, path: Path) -> None:
    """Refuse a file whose planner tables or triggers were dropped; never recreate them."""
    missing = missing_objects(db)
    if missing:
        raise StorageError(
            f"{path} is missing {', '.join(missing)}: it was changed outside planner and is"
            " not opened (nothing was recreated or written). Run `planner check` on it and"
            " restore the database from a backup"
        )


def open_database(path: Path, *, create: bool = False, reseed: bool = False) -> Database:
    """Open `path` (created and seeded when missing and `create` is set); upgrade old schemas."""
    if create and not path.exists():
        check_local(path)
        _create(path)
    db = connect(path)
    try:
        check_not_newer(db)
        refuse_damaged(db, path)
        if needs_migration(db) or reseed:
            with write_transaction(db):
                migrate(db)
                seed(db)
    except BaseException:
        db.conn.close()
        raise
    return db


def open_for_check(path: Path) -> Database:
    """Open a file to check it as it is: no upgrade, no seeding, damaged schemas allowed."""
    db = connect(path)
    try:
        check_not_newer(db)
    except BaseException:
        db.conn.close()
        raise
    return db
