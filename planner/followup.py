"""Rules R6 and R8 per line and group: performed against the phased plan, earned tillägg, forecast.

Outcomes map a line key to its reported months (1..12 → performed units); a month that is
absent is "not reported", which differs from a reported 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from fractions import Fraction

from planner.grouping import RowKind, area_group, category_group, grouped_rows
from planner.model import Plan, PlanLine, Prices
from planner.phasing import MONTHS, check_month, cumulative_share, round_half_up, to_date

Outcomes = Mapping[str, Mapping[int, int]]
LOW, HIGH = Fraction(90), Fraction(110)


@dataclass(frozen=True)
class Figures:
    """Summable follow-up figures for a line or a group, at one reporting month."""

    uppdrag: int = 0
    bas: int = 0
    tillagg: int = 0
    performed: int = 0
    planned: int = 0
    bas_to_date: int = 0
    earned_units: int = 0
    earned_kr: int = 0
    forecast: int = 0
    forecast_units: int = 0
    forecast_kr: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def fulfilment(self) -> Fraction | None:
        """D / P in percent; None when nothing is planned to date."""
        return None if self.planned == 0 else Fraction(100 * self.performed, self.planned)


def earned_units(performed: int, bas_to_date: int, tillagg: int) -> int:
    """E = min(max(D - B, 0), tillägg): units above the bas share, up to the tillägg."""
    return min(max(performed - bas_to_date, 0), tillagg)


def performed_to_date(months: Mapping[int, int], month: int) -> int:
    """D(m): the sum of the reported months 1..m."""
    return sum(value for m, value in months.items() if m <= month)


def line_figures(
    line: PlanLine, prices: Prices, months: Mapping[int, int], weights: Sequence[int], month: int
) -> Figures:
    """Every R6/R8 figure of one line at reporting month `month`."""
    v = line.volumes
    price = prices.unit_price(line.price_class)
    performed = performed_to_date(months, month)
    bas_to_date = to_date(v.bas, weights, month)
    earned = earned_units(performed, bas_to_date, v.tillagg)
    forecast = round_half_up(performed / cumulative_share(weights, month))
    forecast_units = earned_units(forecast, v.bas, v.tillagg)
    return Figures(
        v.uppdrag,
        v.bas,
        v.tillagg,
        performed,
        to_date(v.uppdrag, weights, month),
        bas_to_date,
        earned,
        earned * price,
        forecast,
        forecast_units,
        forecast_units * price,
    )


@dataclass(frozen=True)
class Row:
    """A displayed follow-up row: months are summed over the group (None: none reported)."""

    kind: RowKind
    label: str
    figures: Figures
    months: tuple[int | None, ...]
    line: PlanLine | None = None
    group: str = ""


@dataclass(frozen=True)
class FollowUp:
    """The whole plan followed up to `month`: rows grouped like the plan, the total last."""

    month: int
    rows: list[Row]

    @property
    def total(self) -> Row:
        return self.rows[-1]

    def line_row(self, key: str) -> Row:
        return next(r for r in self.rows if r.line is not None and r.line.key == key)


def reporting_month(outcomes: Outcomes) -> int | None:
    """The latest month with any figure, or None when nothing is reported."""
    return max((m for months in outcomes.values() for m in months), default=None)


def _add_months(
    a: tuple[int | None, ...], b: Mapping[int, int] | tuple[int | None, ...]
) -> tuple[int | None, ...]:
    values = b if isinstance(b, tuple) else tuple(b.get(m) for m in MONTHS)
    return tuple(
        x if y is None else y if x is None else x + y for x, y in zip(a, values, strict=True)
    )


def follow_up(plan: Plan, outcomes: Outcomes, weights: Sequence[int], month: int) -> FollowUp:
    """Figures per line at `month`, with subtotals per category and area and the total."""
    check_month(month)
    empty: tuple[int | None, ...] = (None,) * 12
    sums: dict[str, tuple[Figures, tuple[int | None, ...]]] = {}
    by_key: dict[str, Row] = {}
    for line in plan.lines:
        months = outcomes.get(line.key, {})
        row = Row(
            RowKind.LINE,
            line.name,
            line_figures(line, plan.prices, months, weights, month),
            _add_months(empty, months),
            line,
        )
        by_key[line.key] = row
        for group in (area_group(line), category_group(line), ""):
            figures, group_months = sums.get(group, (Figures(), empty))
            sums[group] = (figures + row.figures, _add_months(group_months, row.months))
    rows = []
    for shown in grouped_rows(plan):
        if shown.line is not None:
            rows.append(by_key[shown.line.key])
        else:
            figures, months = sums.get(shown.group, (Figures(), empty))
            rows.append(Row(shown.kind, shown.label, figures, months, group=shown.group))
    return FollowUp(month, rows)


def format_fulfilment(value: Fraction | None) -> str:
    """One decimal, halves up ("106.7 %"); "—" when nothing is planned to date."""
    if value is None:
        return "—"
    tenths = round_half_up(value * 10)
    return f"{tenths // 10}.{tenths % 10} %"


def fulfilment_mark(value: Fraction | None) -> str:
    """ "low" below 90 %, "high" above 110 %, else "" (target 100 %)."""
    if value is None:
        return ""
    return "low" if value < LOW else "high" if value > HIGH else ""
