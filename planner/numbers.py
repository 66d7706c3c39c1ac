"""The one parser for volumes users type, and the display format of numbers."""

from __future__ import annotations

import re

MAX_VOLUME = 9_999_999
_GROUP_SEPARATORS = " \u00a0\u202f"
_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")


class NumberError(ValueError):
    """A typed volume was not a whole number in the accepted format."""


def parse_volume(text: str) -> int:
    """Parse "4600", "4 600" or "4\u00a0600" into an int in 0..9 999 999; refuse anything else."""
    stripped = text.strip(" \t")
    if not stripped:
        raise NumberError("enter a whole number, e.g. 4 600")
    negative = stripped.startswith("-")
    unsigned = stripped[1:] if negative else stripped
    if not (_PLAIN.fullmatch(unsigned) or _GROUPED.fullmatch(unsigned)):
        raise NumberError(f"{text.strip()!r} is not a whole number (digits with optional spaces)")
    digits = "".join(ch for ch in unsigned if ch not in _GROUP_SEPARATORS).lstrip("0")
    if negative and digits:
        raise NumberError(f"-{_grouped(digits)} is negative: a volume must be 0 or more")
    if negative:
        raise NumberError(f"{text.strip()!r} is not a whole number (digits with optional spaces)")
    if len(digits) > 7 or int(digits or "0") > MAX_VOLUME:
        raise NumberError(f"{_grouped(digits)} is above the maximum {format_number(MAX_VOLUME)}")
    return int(digits or "0")


def _grouped(digits: str) -> str:
    """Digits with a space between thousands groups, without int() (any length is shown)."""
    return re.sub(r"(?<=[0-9])(?=(?:[0-9]{3})+$)", " ", digits)


def format_number(value: int) -> str:
    """Format an integer with a space between thousands groups, as the decision documents do."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", " ")


def format_signed(value: int) -> str:
    """Format a delta with an explicit sign ("+970", "-1 200", "0")."""
    return ("+" if value > 0 else "") + format_number(value)
