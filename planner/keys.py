"""Stable line keys: `<area>/<category>/<line>` in lower-case ASCII."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from planner.i18n import _

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_OTHER = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case, fold å/ä→a and ö→o, turn every run of other characters into one '-'."""
    return _OTHER.sub("-", text.lower().translate(_FOLD)).strip("-")


def line_key(area: str, category: str, line: str) -> str:
    return f"{slug(area)}/{slug(category)}/{slug(line)}"


def suggest_keys(text: str, keys: Iterable[str], limit: int = 3) -> list[str]:
    """Line keys a mistyped key may mean: those holding it (by slug), else the closest ones."""
    known = list(keys)
    typed = slug(text) if text.strip() else ""
    holding = [k for k in known if typed and typed in k]
    if holding:
        return holding[:limit]
    by_name = {k.rsplit("/", 1)[-1]: k for k in known}
    close = difflib.get_close_matches(typed, list(by_name), n=1, cutoff=0.6)
    return [by_name[c] for c in close] or difflib.get_close_matches(text, known, n=1)


def unknown_key_message(text: str, where: str, keys: Iterable[str]) -> str:
    """ "no line 'hud' in NU 2026; did you mean 'somatik/forstabesok/hud'?" and where to look."""
    close = suggest_keys(text, keys)
    hint = (
        _("did you mean {join}? ").format(join=_(" or ").join(repr(k) for k in close))
        if close
        else ""
    )
    return _("no line {text!r} in {where}; {hint}`planner lines` lists the keys").format(
        text=text, where=where, hint=hint
    )
