"""The one parser for volumes users type, and the display format of numbers."""

from __future__ import annotations

import re

MAX_VOLUME = 9_999_999
_SHOWN_DIGITS = 30
_GROUP_SEPARATORS = " \u00a0\u202f"
_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")
_NEGATIVE = re.compile(r"[-\u2212]\s*([0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)")


class NumberError(ValueError):
    """A typed volume was not a whole number in the accepted format."""


def parse_volume(text: str) -> int:
    """Parse "4600", "4 600" or "4\u00a0600" into an int in 0..9 999 999; refuse anything else."""
    stripped = text.strip(" \t")
    if not stripped:
        raise NumberError("enter a whole number, e.g. 4 600")
    if _NEGATIVE.fullmatch(stripped) and stripped.strip("-\u2212 \u00a0\u202f0"):
        raise NumberError(f"{stripped} is negative: a volume must be 0 or more")
    if not (_PLAIN.fullmatch(stripped) or _GROUPED.fullmatch(stripped)):
        raise NumberError(f"{text.strip()!r} is not a whole number (digits with optional spaces)")
    digits = "".join(ch for ch in stripped if ch not in _GROUP_SEPARATORS).lstrip("0") or "0"
    if len(digits) > _SHOWN_DIGITS:
        raise NumberError(
            f"a {len(digits)}-digit number is above the maximum {format_number(MAX_VOLUME)}"
        )
    value = int(digits)
    if value > MAX_VOLUME:
        raise NumberError(
            f"{format_number(value)} is above the maximum {format_number(MAX_VOLUME)}"
        )
    return value


GROUP_SPACE = "\u00a0"


def format_number(value: int) -> str:
    """Format an integer with a no-break space between thousands groups ("63 480", as the
    decision documents print it), so a grouped number never wraps inside."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", GROUP_SPACE)


def format_signed(value: int) -> str:
    """Format a delta with an explicit sign ("+970", "-1 200", "0")."""
    return ("+" if value > 0 else "") + format_number(value)
