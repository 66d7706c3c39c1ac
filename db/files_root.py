"""The files folder of a served session: every path a dialog reads or writes stays inside it.

A served browser session runs as the server's account, so a path box must not reach that
account's other files. A path is resolved (symlinks followed, `..` refused outright) and must
land inside the folder; the check runs when the dialog takes the path and again just before
the file is opened, so a symlink swapped in between is caught. Without a folder (a local
`planner`), paths mean what they always meant.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from db.errors import Invalid
from db.output_files import write_output
from db.table_import import read_table_file
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database


class OutsideFolder(Invalid):
    """A path that leaves the session's files folder; the message says which folder is allowed."""


def _outside(text: str, root: Path) -> OutsideFolder:
    return OutsideFolder(
        _(
            "{text} is outside the files folder {root}: only files in it can be read or written"
        ).format(text=text, root=root)
    )


def named(root: Path, typed: str) -> Path:
    """The path `typed` names, judged by its text alone (no disk access, for a live label)."""
    text = typed.strip()
    if ".." in Path(text).parts:
        raise OutsideFolder(
            _("'..' is not allowed: files stay inside the files folder {root}").format(root=root)
        )
    target = Path(os.path.abspath(root / text))
    if not target.is_relative_to(os.path.abspath(root)):
        raise _outside(text, root)
    return target


def confined(root: Path, typed: str) -> Path:
    """The real path `typed` names inside `root` (relative names start there), or OutsideFolder.

    Symlinks are followed, so one that leaves the folder is refused and one inside is fine.
    """
    named(root, typed)
    base = Path(os.path.realpath(root))
    target = Path(os.path.realpath(base / typed.strip()))
    if not target.is_relative_to(base):
        raise _outside(typed.strip(), root)
    return target


def read_confined(root: Path | None, path: Path) -> bytes:
    """A table file's bytes, checked against the files folder again right before it is opened."""
    return read_table_file(path if root is None else confined(root, str(path)))


def write_confined(db: Database, root: Path | None, path: Path, data: bytes) -> None:
    """Write an output file, checked against the files folder again right before writing."""
    write_output(db, path if root is None else confined(root, str(path)), data)
