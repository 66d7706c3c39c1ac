"""The one format of numbers, percents, amounts, months, tertials and chart axes people read.

Whole numbers are grouped with a no-break space in both languages ("63 480", as the decision
documents print them); decimals and percents take the chosen language's mark ("106,7 %" in
Swedish, "106.7 %" in English); month names come from Babel's locale data. Machine formats
(CSV numbers, JSON) never come through here.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Literal

from planner.i18n import N_, _, language
from planner.numbers import format_number, format_signed

DASH = "—"
_PRICE_CLASSES = ("visit", "treatment", "endoscopy")
# Words of the data shown as words: price classes and settlement states.
VOCABULARY = frozenset(
    [
        N_("visit"),
        N_("treatment"),
        N_("endoscopy"),
        N_("total"),
        N_("final"),
        N_("preliminary"),
        N_("open"),
        N_("finished"),
    ]
)
_DECIMAL_MARK = {"sv": ",", "en": "."}

__all__ = [
    "amount",
    "axis_tick",
    "decimal",
    "format_number",
    "format_signed",
    "month_label",
    "month_labels",
    "month_name",
    "percent",
    "share",
    "short_word",
    "tertial",
    "word",
]


def decimal(value: float | Fraction, places: int = 1) -> str:
    """A decimal number rounded half up, grouped, with the language's decimal mark."""
    scale = 10**places
    scaled = Fraction(value) * scale
    units = int(abs(scaled) + Fraction(1, 2))
    sign = "-" if scaled < 0 and units else ""
    whole, part = divmod(units, scale)
    text = sign + format_number(whole)
    return f"{text}{_DECIMAL_MARK[language()]}{part:0{places}d}" if places else text


def percent(value: float | Fraction | None, places: int = 1) -> str:
    """A percentage already in percent units ("106,7 %"); "—" for None."""
    return DASH if value is None else f"{decimal(value, places)} %"


def share(part: float | Fraction, whole: float | Fraction, places: int = 1) -> str:
    """`part` as a percentage of `whole` ("61,6 %"); "—" when `whole` is 0."""
    return DASH if not whole else percent(Fraction(part) / Fraction(whole) * 100, places)


def word(value: str) -> str:
    """A price class or settlement state in the chosen language; other text as it is."""
    return _(value) if value in VOCABULARY else value


def short_word(value: str) -> str:
    """A price class in as few letters as tell the classes apart ("v" / "bes", "beh")."""
    words = [word(cls) for cls in _PRICE_CLASSES]
    length = 1 if len({w[0] for w in words}) == len(words) else 3
    return word(value)[:length]


def amount(kronor: int) -> str:
    """Kronor as people read them: "3 829 800 kr"."""
    return f"{format_number(kronor)} kr"


@cache
def _months(language_code: str, width: Literal["abbreviated", "narrow", "wide"]) -> tuple[str, ...]:
    from babel.dates import get_month_names  # Babel's locale data: read on first use only

    names = get_month_names(width, context="stand-alone", locale=language_code)
    return tuple(str(names[m]) for m in range(1, 13))


def month_name(month: int) -> str:
    """The month's full name: "januari" in Swedish, "January" in English."""
    names = _months(language(), "wide")
    return names[month - 1].lower() if language() == "sv" else names[month - 1]


def month_labels() -> tuple[str, ...]:
    """The twelve three-letter column labels: "jan" … "dec" / "Jan" … "Dec"."""
    return tuple(month_name(m)[:3] for m in range(1, 13))


def month_label(month: int) -> str:
    """The month's three-letter label ("maj" / "May")."""
    return month_labels()[month - 1]


def tertial(number: int, end_month: int) -> str:
    """A tertial by number and months: "T2 (maj\u2013aug)" / "T2 (May\u2013Aug)"."""
    return _("T{number} ({first}\u2013{last})").format(
        number=number, first=month_label(end_month - 3), last=month_label(end_month)
    )


def axis_tick(value: float) -> str:
    """A chart axis label in the same style as the figures: "64 000", "53 333"."""
    return format_number(round(value))
