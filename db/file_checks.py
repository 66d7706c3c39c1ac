"""Checks made before SQLite opens a file: a plain readable file on a local disk, writable."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from db.errors import NoDatabase, StorageError
from planner.i18n import _

NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
    "ncpfs",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "fuse.glusterfs",
    "ceph",
}


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces and tabs in paths as octal escapes."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def filesystem_of(path: Path, mounts: str) -> tuple[str, str]:
    """(mount point, filesystem type) of the mount holding `path`, from /proc/mounts text."""
    target = str(path)
    best = ("/", "")
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best[0]):
            best = (point, fstype)
    return best


def check_local(path: Path, mounts: str | None = None) -> None:
    """Refuse a database on a network filesystem: WAL's shared memory needs a local disk."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
    resolved = path.resolve()
    point, fstype = filesystem_of(resolved if resolved.exists() else resolved.parent, mounts)
    if fstype.lower() in NETWORK_FILESYSTEMS:
        raise StorageError(
            _(
                "{path} is on a network filesystem ({fstype} at {point}); planner's"
                " database must be on a local disk (SQLite's WAL mode cannot lock over"
                " a network). Put it on the host's own disk and reach it over SSH;"
                " nothing was written"
            ).format(path=path, fstype=fstype, point=point)
        )


def check_readable_file(path: Path) -> None:
    """Refuse a missing path, a folder, a FIFO or device, or an unreadable file, without opening it.

    Opening a FIFO for reading would block until someone writes to it.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise NoDatabase(str(path)) from None
    except OSError as exc:
        raise StorageError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
    if stat.S_ISDIR(mode):
        raise StorageError(
            _("{path} is a folder, not a database file; give the file's path").format(path=path)
        )
    if not stat.S_ISREG(mode):
        raise StorageError(
            _("{path} is not a regular file (a FIFO, socket or device); refused").format(path=path)
        )
    if not mode & (stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH) or not os.access(path, os.R_OK):
        raise StorageError(
            _("cannot read {path} (mode {mode}); ask its owner for read access").format(
                path=path, mode=stat.filemode(mode)
            )
        )


def check_writable(path: Path) -> None:
    """Refuse a file or folder without write permission, before SQLite tries to write to it."""
    mode = path.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise StorageError(
            _(
                "{path} is read-only (mode {mode}); planner needs to write to the"
                " database file. Ask its owner for write access (see 'Running on a"
                " shared host')"
            ).format(path=path, mode=stat.filemode(mode))
        )
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(
            _(
                "the folder {folder} is not writable; SQLite keeps its WAL files beside"
                " the database"
            ).format(folder=folder)
        )
