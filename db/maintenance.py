"""Integrity checks and consistent backups of a planner database."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from db.connection import APPLICATION_ID, database_files, read_header
from db.errors import StorageError
from db.files import (
    WriteError,
    fsync_folder,
    output_mode,
    permission_bits,
    real_target,
    refuse_existing,
    refuse_protected,
    refuse_special,
)
from db.tamper_checks import tamper_problems
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database


def check(db: Database, thorough: bool = True) -> list[str]:
    """Problems found by integrity_check (or quick_check), foreign_key_check and the tamper
    checks (schema objects, audit chain, chained tables against its replay, snapshot hashes,
    R1 on every line); [] if none."""
    pragma = "integrity_check" if thorough else "quick_check"
    problems = [row[0] for row in db.execute(f"PRAGMA {pragma}").fetchall() if row[0] != "ok"]
    problems += [
        _("foreign key: {table} row {rowid} points to a missing {parent}").format(
            table=table, rowid=rowid, parent=parent
        )
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()
    ]
    return problems + tamper_problems(db)


def backup(db: Database, target: Path, *, force: bool = False) -> None:
    """Copy the database with SQLite's backup API (consistent while others write), atomically.

    Never onto the database's own files (compared by device and inode, through symlinks); an
    existing TARGET only with `force`; a symlink is written through. The copy is never readable
    by more people than the database itself.
    """
    files = database_files(db)
    try:
        refuse_protected(target, files)
        real = real_target(target)
        refuse_special(real)
        refuse_existing(target, force)
    except WriteError as exc:
        raise StorageError(str(exc)) from exc
    folder = real.parent
    if not folder.is_dir():
        raise StorageError(
            _("cannot write {target}: the folder {folder} does not exist").format(
                target=target, folder=folder
            )
        )
    mode = output_mode(real, permission_bits(files[0]) if files else None)
    tmp = folder / f".{real.name}.backup-{os.getpid()}"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        os.chmod(tmp, mode)
        dest = sqlite3.connect(tmp)
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        if read_header(tmp)[0] != APPLICATION_ID:
            raise StorageError(_("the backup copy is not a planner database; nothing was replaced"))
        os.replace(tmp, real)
        fsync_folder(folder)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            _("cannot write the backup {target}: {exc}").format(target=target, exc=exc)
        ) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
