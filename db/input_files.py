"""Reading a file a user names for import: a regular file only, never more than a cap.

A FIFO or device would block the open or the read (a FIFO without a writer never ends, and
/dev/zero never stops), so the file is opened without blocking and checked with fstat on the
open descriptor (no gap between the check and the read), then read up to the cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from db.errors import Invalid
from planner.i18n import _
from planner.numbers import format_number

MAX_BYTES = 5 * 1024 * 1024


def _check_open_file(shown: str, info: os.stat_result, max_bytes: int) -> None:
    """Refuse what fstat shows is not a regular file of at most `max_bytes`."""
    if stat.S_ISDIR(info.st_mode):
        raise Invalid(_("{shown} is a folder; give a file").format(shown=shown))
    if not stat.S_ISREG(info.st_mode):
        raise Invalid(
            _("{shown} is not a regular file (a FIFO, socket or device); refused").format(
                shown=shown
            )
        )
    if info.st_size > max_bytes:
        raise Invalid(
            _("{shown} is {size} bytes; an import file may be at most {limit} bytes").format(
                shown=shown, size=format_number(info.st_size), limit=format_number(max_bytes)
            )
        )


def read_input_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file `path`, or Invalid in one line (folder, FIFO, too large)."""
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise Invalid(_("{shown} is a folder; give a file").format(shown=shown)) from None
    except OSError as exc:
        raise Invalid(
            _("cannot read {shown}: {strerror}").format(shown=shown, strerror=exc.strerror)
        ) from exc
    try:
        _check_open_file(shown, os.fstat(fd), max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise Invalid(
            _("cannot read {shown}: {strerror}").format(shown=shown, strerror=exc.strerror)
        ) from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Invalid(
            _("{shown} grew above {limit} bytes while it was read").format(
                shown=shown, limit=format_number(max_bytes)
            )
        )
    return data
