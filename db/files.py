"""Writing output files atomically, never over a protected file and never wider than allowed.

A write goes to a temp file in the target's folder, is fsynced and renamed into place. A symlink
is written through to the file it names (the link stays), and a target that is one of the
`protected` files (the database and its -wal/-shm/-journal), by device and inode, is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planner.i18n import _


class WriteError(OSError):
    """An output file could not be written; the message names the path and the reason."""


def refuse_existing(path: Path, force: bool) -> None:
    """The one rule of export and backup: an existing file is replaced only with --force."""
    if not force and os.path.lexists(path) and real_target(path).exists():
        raise WriteError(
            _("{path} exists; add --force to replace it (nothing was written)").format(path=path)
        )


def real_target(path: Path) -> Path:
    """The file a write to `path` lands in: symlinks followed, even to a missing file."""
    return Path(os.path.realpath(path))


def _identity(path: Path) -> tuple[object, ...] | None:
    """(device, inode) of an existing file; of its folder and name for a missing one."""
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        folder = os.stat(path.parent if str(path.parent) else Path("."))
    except OSError:
        return None
    return (folder.st_dev, folder.st_ino, path.name)


def protected_match(path: Path, protected: Iterable[Path]) -> Path | None:
    """The protected file that `path` (followed through symlinks) is, or None."""
    mine = _identity(real_target(path))
    if mine is None:
        return None
    for other in protected:
        if _identity(real_target(other)) == mine:
            return other
    return None


def refuse_protected(path: Path, protected: Iterable[Path]) -> None:
    """Raise WriteError when writing `path` would replace one of the protected files."""
    hit = protected_match(path, protected)
    if hit is not None:
        raise WriteError(
            _(
                "refusing to write {path}: it is the planner database file {hit};"
                " choose another file name (nothing was written)"
            ).format(path=path, hit=hit)
        )


def refuse_special(path: Path) -> None:
    """Raise WriteError when `path` exists and is a folder, FIFO or device, not a plain file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise WriteError(_("cannot write {path}: it is a folder").format(path=path))
    if not stat.S_ISREG(mode):
        raise WriteError(_("cannot write {path}: it is not a regular file").format(path=path))


def new_file_mode() -> int:
    """The permissions a new file gets under the process's umask (0666 minus the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def permission_bits(path: Path) -> int | None:
    """The rwx bits of an existing file, or None."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return None


def output_mode(target: Path, mode_cap: int | None) -> int:
    """Keep an existing file's permissions (or the umask's for a new one), within `mode_cap`."""
    mode = permission_bits(target)
    if mode is None:
        mode = new_file_mode()
    return mode if mode_cap is None else mode & mode_cap


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(
    path: Path, data: bytes, *, protected: Iterable[Path] = (), mode_cap: int | None = None
) -> None:
    """Replace `path` (or the file its symlink names) with `data`; readers see old or new."""
    refuse_protected(path, protected)
    target = real_target(path)
    refuse_special(target)
    folder = target.parent
    mode = output_mode(target, mode_cap)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(
            _("cannot write {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        fsync_folder(folder)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(
            _("cannot write {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
