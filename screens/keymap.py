"""The user's keymap file: binding ids moved to other keys, read once when the app starts.

`PLANNER_KEYMAP` names the file, else `keymap.toml` in planner's config folder, e.g.

    "plan.undo" = "ctrl+u"
    "followup.clear" = "x,delete"

A file that cannot be used is one message; the app starts with its own keys.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Collection
from pathlib import Path

import platformdirs

from planner.text import escape_control


def keymap_path() -> Path:
    given = os.environ.get("PLANNER_KEYMAP")
    return Path(given) if given else platformdirs.user_config_path("planner") / "keymap.toml"


def read_keymap(path: Path, known: Collection[str]) -> tuple[dict[str, str], str]:
    """The keymap in `path` (empty when there is no file) and a problem ("" when none)."""
    if not path.exists():
        return {}, ""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, escape_control(f"keymap {path} not used: {exc}")
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
        why = f"keymap {path} not used: unknown binding id or bad keys for {listed}"
        return {}, escape_control(why)
    return {name: keys.replace(" ", "") for name, keys in data.items()}, ""
