"""The user's keymap file: binding ids moved to other keys, read once when the app starts.

`PLANNER_KEYMAP` names the file, else `keymap.toml` in planner's config folder, e.g.

    "plan.undo" = "ctrl+u"
    "followup.clear" = "x,delete"

A file that cannot be used is one message; the app starts with its own keys.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import platformdirs

from db.errors import Invalid
from db.input_files import read_input_file
from planner.i18n import _
from planner.text import escape_control

MAX_BYTES = 64 * 1024


def keymap_path() -> Path:
    given = os.environ.get("PLANNER_KEYMAP")
    return Path(given) if given else platformdirs.user_config_path("planner") / "keymap.toml"


def read_keymap_file(path: Path) -> tuple[dict[str, object], str]:
    """The entries of the keymap file (none when there is no file) and a problem ("" if none);
    a FIFO or an oversized file is refused like any input file, never waited on."""
    if not path.exists():
        return {}, ""
    import tomllib  # only a file that exists is parsed: kept off most start-ups

    try:
        return tomllib.loads(read_input_file(path, MAX_BYTES).decode("utf-8")), ""
    except Invalid as exc:
        return {}, escape_control(_("keymap {path} not used: {exc}").format(path=path, exc=exc))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, escape_control(_("keymap {path} not used: {exc}").format(path=path, exc=exc))


def check_keymap(
    path: Path, data: dict[str, object], known: Collection[str]
) -> tuple[dict[str, str], str]:
    """The keymap of the file's entries, or a problem naming the first wrong ones."""
    wrong = [
        str(name)
        for name, keys in data.items()
        if name not in known
        or not isinstance(keys, str)
        or not keys.strip()
        or not keys.isprintable()
    ]
    if wrong:
        listed = ", ".join(sorted(wrong)[:5])
        why = _("keymap {path} not used: unknown binding id or bad keys for {listed}").format(
            path=path, listed=listed
        )
        return {}, escape_control(why)
    return {name: str(keys).replace(" ", "") for name, keys in data.items()}, ""
