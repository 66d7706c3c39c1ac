"""Relative edits typed in a cell: "+100", "-50", "+5%", "-2,5%" applied to the current value.

A leading sign makes the text relative; the result is rounded to whole units, halves up,
and then goes through the same rules (R1/R2) as a typed value.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from planner.i18n import _
from planner.numbers import NumberError, parse_volume

_SIGNS = "+-\u2212"
_PERCENT = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?\s*%")


def is_relative(text: str) -> bool:
    """Whether typed text starts with a sign (a change of the value, not a new value)."""
    stripped = text.strip()
    return bool(stripped) and stripped[0] in _SIGNS


def round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def apply_relative(current: int, text: str) -> int:
    """The value `text` ("+100", "-2,5%") makes of `current`; may be below 0 (R1 refuses it)."""
    stripped = text.strip()
    sign = 1 if stripped[0] == "+" else -1
    amount = stripped[1:].strip()
    percent = _PERCENT.fullmatch(amount)
    if percent is not None:
        whole, decimals = percent.group(1), percent.group(2) or ""
        rate = Fraction(int(whole + decimals), 10 ** len(decimals)) / 100
        return round_half_up(current * (1 + sign * rate))
    if amount.endswith("%"):
        raise NumberError(
            _("{stripped!r} is not a percentage like +5% or -2,5%").format(stripped=stripped)
        )
    try:
        step = parse_volume(amount)
    except NumberError as exc:
        raise NumberError(
            _("{stripped!r} is not a change like +100, -50, +5% or -2,5%").format(stripped=stripped)
        ) from exc
    return current + sign * step


def typed_value(text: str, current: int) -> int:
    """What the editor's text asks for: a new value, or a change of `current` (leading sign)."""
    return apply_relative(current, text) if is_relative(text) else parse_volume(text)
