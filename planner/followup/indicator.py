"""The decision's own production indicator (R8): first visits and treatments against plan.

"Första besök och behandlingar: utförda volymer i förhållande till plan, målvärde 100 %,
månadsvis": lines of price class visit and treatment (not endoscopy), over the lines that
have reported, to date and month by month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from planner.followup.performance import FollowUp, reported_text
from planner.followup.phasing import to_date
from planner.model import PriceClass

INDICATOR_CLASSES = (PriceClass.VISIT, PriceClass.TREATMENT)
INDICATOR_NAME = "Första besök och behandlingar: utförda volymer i förhållande till plan"
TARGET = Fraction(100)


@dataclass(frozen=True)
class MonthFigure:
    """Performed and planned in one month, over the lines that reported that month."""

    month: int
    performed: int
    planned: int

    @property
    def fulfilment(self) -> Fraction | None:
        return None if self.planned == 0 else Fraction(100 * self.performed, self.planned)


@dataclass(frozen=True)
class Indicator:
    """The indicator to date and per month 1..m; `lines` counts the visit and treatment lines."""

    performed: int
    planned: int
    lines: int
    reported: int
    months: tuple[MonthFigure, ...]

    @property
    def fulfilment(self) -> Fraction | None:
        return None if self.planned == 0 else Fraction(100 * self.performed, self.planned)

    @property
    def reported_text(self) -> str:
        return reported_text(self.reported, self.lines)


def indicator(followup: FollowUp, weights: Sequence[int]) -> Indicator:
    """First visits and treatments performed against the phased plan, to its month and monthly."""
    month = followup.month
    performed = planned = lines = reported = 0
    monthly = [[0, 0] for _ in range(month)]
    for row in followup.rows:
        line = row.line
        if line is None or line.price_class not in INDICATOR_CLASSES:
            continue
        lines += 1
        months = {m: v for m, v in enumerate(row.months[:month], start=1) if v is not None}
        if not months:
            continue
        reported += 1
        uppdrag = line.volumes.uppdrag
        performed += sum(months.values())
        planned += to_date(uppdrag, weights, max(months))  # the line's own last month
        for m, value in months.items():
            before = to_date(uppdrag, weights, m - 1) if m > 1 else 0
            share = to_date(uppdrag, weights, m) - before
            monthly[m - 1][0] += value
            monthly[m - 1][1] += share
    figures = tuple(MonthFigure(m, d, p) for m, (d, p) in enumerate(monthly, start=1))
    return Indicator(performed, planned, lines, reported, figures)
