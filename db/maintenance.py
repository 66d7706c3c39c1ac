"""Integrity checks and consistent backups of a planner database."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from db.connection import APPLICATION_ID, read_header
from db.errors import StorageError
from db.tamper_checks import tamper_problems


def check(db: Database, thorough: bool = True) -> list[str]:
    """Problems found by integrity_check (or quick_check), foreign_key_check and the tamper
    checks (schema objects, audit chain, snapshot hashes, R1 on every line); [] if none."""
    pragma = "integrity_check" if thorough else "quick_check"
    problems = [row[0] for row in db.execute(f"PRAGMA {pragma}").fetchall() if row[0] != "ok"]
    problems += [
        f"foreign key: {table} row {rowid} points to a missing {parent}"
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()
    ]
    return problems + tamper_problems(db)


def backup(db: Database, target: Path) -> None:
    """Copy the database with SQLite's backup API (consistent while others write), atomically."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StorageError(f"cannot write {target}: the folder {folder} does not exist")
    tmp = folder / f".{target.name}.backup-{os.getpid()}"
    try:
        dest = sqlite3.connect(tmp)
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        if read_header(tmp)[0] != APPLICATION_ID:
            raise StorageError("the backup copy is not a planner database; nothing was replaced")
        os.replace(tmp, target)
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"cannot write the backup {target}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
