"""Files planner writes for people (exports, review minutes): never over the database itself.

The database's own files are protected by device and inode, and an output is never readable by
more people than the database it comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from db.connection import database_files
from db.files import permission_bits, write_atomic

if TYPE_CHECKING:
    from sqlite_utils import Database


def write_output(db: Database, path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, refusing the database's files; WriteError on failure."""
    files = database_files(db)
    cap = permission_bits(files[0]) if files else None
    write_atomic(path, data, protected=files, mode_cap=cap)
