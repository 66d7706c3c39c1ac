"""Stable line keys: `<area>/<category>/<line>` in lower-case ASCII."""

from __future__ import annotations

import re

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_OTHER = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case, fold å/ä→a and ö→o, turn every run of other characters into one '-'."""
    return _OTHER.sub("-", text.lower().translate(_FOLD)).strip("-")


def line_key(area: str, category: str, line: str) -> str:
    return f"{slug(area)}/{slug(category)}/{slug(line)}"
