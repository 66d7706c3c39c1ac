"""Files planner writes for people (exports, review minutes): never over the database itself.

The database's own files are protected by device and inode, and an output is never readable by
more people than the database it comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from db.connection import database_files
from db.files import (
    permission_bits,
    real_target,
    refuse_existing,
    refuse_protected,
    refuse_special,
    write_atomic,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


def write_output(db: Database, path: Path, data: bytes, *, force: bool = True) -> None:
    """Write `data` to `path` atomically, refusing the database's files; WriteError on failure.

    Without `force` an existing file is refused (the command line's rule, shared with backup).
    """
    files = database_files(db)
    refuse_protected(path, files)
    refuse_special(real_target(path))
    refuse_existing(path, force)
    cap = permission_bits(files[0]) if files else None
    write_atomic(path, data, protected=files, mode_cap=cap)
