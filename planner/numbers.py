"""The one parser of whole numbers read from users or files, and the display format of numbers.

Only ASCII digits count, with the grouping the README allows ("1234", "1 234", no-break
spaces): `str.isdigit()` also passes '²' and Arabic-Indic or fullwidth digits, which `int()`
then either refuses with a traceback or reads as a number nobody typed.
"""

from __future__ import annotations

import re

from planner.i18n import _
from planner.text import escape_control

MAX_VOLUME = 9_999_999
_SHOWN_DIGITS = 30
_GROUP_SEPARATORS = " \u00a0\u202f"
_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")
_SIGNED = re.compile(r"([-\u2212+])\s*([0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)")


class NumberError(ValueError):
    """A typed volume was not a whole number in the accepted format."""


def whole_digits(text: str) -> str | None:
    """The digits of an unsigned whole number ("1234", "1 234", "1\u00a0234"), or None."""
    stripped = text.strip(" \t")
    if not (_PLAIN.fullmatch(stripped) or _GROUPED.fullmatch(stripped)):
        return None
    return "".join(ch for ch in stripped if ch not in _GROUP_SEPARATORS).lstrip("0") or "0"


def whole_number(text: str, low: int = 0, high: int = MAX_VOLUME) -> int | None:
    """The value of an unsigned whole number in low..high, or None for anything else."""
    digits = whole_digits(text)
    if digits is None or len(digits) > _SHOWN_DIGITS:
        return None
    value = int(digits)
    return value if low <= value <= high else None


def parse_whole(text: str, what: str, low: int, high: int) -> int:
    """An unsigned or signed (`-3 355`, `+80 615`, as amounts are shown) whole number in
    low..high, or NumberError in one line."""
    stripped = text.strip(" \t")
    signed = _SIGNED.fullmatch(stripped)
    negative = signed is not None and signed[1] != "+"
    digits = whole_digits(signed[2] if signed else stripped)
    if not stripped or digits is None:
        raise NumberError(
            _("{text} is not a whole number ({what})").format(text=_quoted(text), what=_(what))
        )
    if len(digits) > _SHOWN_DIGITS:
        raise NumberError(
            _("a {digits}-digit number is too large for {what}").format(
                digits=len(digits), what=_(what)
            )
        )
    value = -int(digits) if negative else int(digits)
    if not low <= value <= high:
        raise NumberError(
            _("{what} must be from {low} to {high}, not {value}").format(
                what=_(what),
                low=format_number(low),
                high=format_number(high),
                value=format_number(value),
            )
        )
    return value


def _quoted(text: str) -> str:
    """Typed text in a message: quoted, shortened, and with control characters escaped."""
    shown = text.strip()
    return "'" + escape_control(shown if len(shown) <= 40 else shown[:40] + "…") + "'"


def parse_volume(text: str) -> int:
    """Parse "4600", "4 600" or "4\u00a0600" into an int in 0..9 999 999; refuse anything else."""
    stripped = text.strip(" \t")
    if not stripped:
        raise NumberError(_("enter a whole number, e.g. 4 600"))
    signed = _SIGNED.fullmatch(stripped)
    if signed and signed[1] != "+" and stripped.strip("-\u2212 \u00a0\u202f0"):
        raise NumberError(
            _("{stripped} is negative: a volume must be 0 or more").format(stripped=stripped)
        )
    digits = whole_digits(stripped)
    if digits is None:
        raise NumberError(
            _("{text} is not a whole number (digits with optional spaces)").format(
                text=_quoted(text)
            )
        )
    if len(digits) > _SHOWN_DIGITS:
        raise NumberError(
            _("a {digits}-digit number is above the maximum {MAX_VOLUME}").format(
                digits=len(digits), MAX_VOLUME=format_number(MAX_VOLUME)
            )
        )
    value = int(digits)
    if value > MAX_VOLUME:
        raise NumberError(
            _("{value} is above the maximum {MAX_VOLUME}").format(
                value=format_number(value), MAX_VOLUME=format_number(MAX_VOLUME)
            )
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
