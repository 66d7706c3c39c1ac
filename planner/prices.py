"""Rules R4, R5 and R9: a year's price list per hospital, the tillägg cost of lines and groups
(tillägg times the unit price), and next year's list by an index uplift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from planner.i18n import _
from planner.model import Plan, PlanLine, PriceClass, Prices, Volumes
from planner.numbers import format_number
from planner.text import escape_control

MIN_UPLIFT, MAX_UPLIFT = Fraction(-50), Fraction(100)
_PERCENT = re.compile(r"([-\u2212])?\+?\s*([0-9]{1,3})(?:[.,]([0-9]{1,2}))?\s*%?")
MAX_PRICE = 99_999_999


class PriceError(ValueError):
    """A typed percent or price that is not acceptable; the message says why."""


def parse_percent(text: str) -> Fraction:
    """Read "2.2", "2,2" or "-0.5" exactly: at most two decimals, within -50 <= p <= 100.

    A regular expression, not Decimal: "9e999999999" would make the uplift spin for minutes.
    """
    shown = escape_control(text.strip()[:40])
    found = _PERCENT.fullmatch(text.strip())
    if not found:
        raise PriceError(
            _("'{shown}' is not a percent with at most two decimals, e.g. 2.2").format(shown=shown)
        )
    sign, whole, decimals = found[1], found[2], found[3] or ""
    percent = Fraction(int(whole + decimals), 10 ** len(decimals))
    percent = -percent if sign else percent
    if not MIN_UPLIFT <= percent <= MAX_UPLIFT:
        raise PriceError(_("an uplift of {shown} % is outside -50 to +100 %").format(shown=shown))
    return percent


def round_half_up(value: Fraction) -> int:
    """Whole kronor, halves away from zero (prices are never negative)."""
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def uplift(price: int, percent: Fraction) -> int:
    """`price` raised by `percent` and rounded to whole kronor, halves up (2 503 at 2.2 → 2 558)."""
    return round_half_up(price * (100 + percent) / 100)


def check_price(value: int) -> int:
    if not 0 <= value <= MAX_PRICE:
        raise PriceError(
            _("a unit price must be 0 to {limit} kr").format(limit=format_number(MAX_PRICE))
        )
    return value


@dataclass(frozen=True)
class PriceEntry:
    """One unit price of a year's list."""

    year: int
    hospital: str
    price_class: PriceClass
    unit_price: int


@dataclass(frozen=True)
class PriceList:
    """A year's unit prices: hospital code → class → kronor; a hospital may be incomplete."""

    year: int
    prices: dict[str, dict[PriceClass, int]]

    def get(self, hospital: str, price_class: PriceClass) -> int | None:
        return self.prices.get(hospital, {}).get(price_class)

    @property
    def entries(self) -> list[PriceEntry]:
        return [
            PriceEntry(self.year, code, cls, price)
            for code, by_class in self.prices.items()
            for cls, price in by_class.items()
        ]

    def uplifted(self, year: int, percent: Fraction) -> PriceList:
        """The list for `year`: every price raised by `percent`, rounded (rule R9)."""
        return PriceList(
            year,
            {
                code: {cls: uplift(price, percent) for cls, price in by_class.items()}
                for code, by_class in self.prices.items()
            },
        )


@dataclass(frozen=True)
class Totals:
    """Summed volumes and tillägg cost (integer kronor) over some lines."""

    uppdrag: int = 0
    bas: int = 0
    tillagg: int = 0
    cost: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.uppdrag + other.uppdrag,
            self.bas + other.bas,
            self.tillagg + other.tillagg,
            self.cost + other.cost,
        )

    @property
    def volumes(self) -> Volumes:
        return Volumes(self.uppdrag, self.bas, self.tillagg)


def line_cost(line: PlanLine, prices: Prices) -> int:
    """tillägg times the unit price of the line's class."""
    return line.volumes.tillagg * prices.unit_price(line.price_class)


def line_totals(line: PlanLine, prices: Prices) -> Totals:
    v = line.volumes
    return Totals(v.uppdrag, v.bas, v.tillagg, line_cost(line, prices))


def add_up(parts: Iterable[Totals]) -> Totals:
    """Sum totals with plain integers (no intermediate objects; exports sum 100 000 lines)."""
    uppdrag = bas = tillagg = cost = 0
    for part in parts:
        uppdrag += part.uppdrag
        bas += part.bas
        tillagg += part.tillagg
        cost += part.cost
    return Totals(uppdrag, bas, tillagg, cost)


def sum_lines(lines: Iterable[PlanLine], prices: Prices) -> Totals:
    return add_up(line_totals(line, prices) for line in lines)


def plan_totals(plan: Plan) -> Totals:
    return sum_lines(plan.lines, plan.prices)


def totals_by_class(plan: Plan) -> dict[PriceClass, Totals]:
    """Totals per price class, every class present (zero when no line has it)."""
    result = {cls: Totals() for cls in PriceClass}
    for line in plan.lines:
        result[line.price_class] = result[line.price_class] + line_totals(line, plan.prices)
    return result
