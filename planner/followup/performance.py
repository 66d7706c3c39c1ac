"""Rules R6 and R8 per line and group: performed against the phased plan, earned tillägg, forecast.

Outcomes map a line key to its reported months (1..12 → performed units); a month that is
absent is "not reported", which differs from a reported 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from planner import display
from planner.followup.phasing import MONTHS, check_month, round_half_up, to_date, year_forecast
from planner.followup.reading import Reading
from planner.grouping import RowKind, area_group, category_group, grouped_rows
from planner.i18n import _, ngettext
from planner.model import Plan, PlanLine, Prices

Outcomes = Mapping[str, Mapping[int, int]]
LOW, HIGH = Fraction(90), Fraction(110)


def reported_text(reported: int, lines: int) -> str:
    """ "3 of 49 lines reported", in the chosen language."""
    return ngettext(
        "{reported} of {lines} line reported", "{reported} of {lines} lines reported", lines
    ).format(reported=reported, lines=lines)


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
    lines: int = 0
    reported: int = 0

    def values(self) -> tuple[int, ...]:
        """Every figure in field order (cheaper than dataclasses.astuple, which deep-copies)."""
        return (
            self.uppdrag, self.bas, self.tillagg, self.performed, self.planned, self.bas_to_date,
            self.earned_units, self.earned_kr, self.forecast, self.forecast_units, self.forecast_kr,
            self.lines, self.reported,
        )  # fmt: skip

    def counted(self) -> tuple[int, ...]:
        """What a line adds to its subtotals (R8): its plan to date only once it has reported."""
        if self.reported:
            return self.values()
        return (
            self.uppdrag, self.bas, self.tillagg, self.performed, 0, 0,
            self.earned_units, self.earned_kr, self.forecast, self.forecast_units, self.forecast_kr,
            self.lines, 0,
        )  # fmt: skip

    @property
    def reported_text(self) -> str:
        """ "3 of 49 lines reported": which lines a subtotal's comparison covers."""
        return reported_text(self.reported, self.lines)

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


def own_month(months: Mapping[int, int], month: int) -> int:
    """The month a line is judged at: its last reported month up to `month` (one line reported
    early for May does not make every other line's April look short), else `month`."""
    return max((m for m in months if m <= month), default=month)


def line_figures(
    line: PlanLine,
    prices: Prices,
    months: Mapping[int, int],
    weights: Sequence[int],
    month: int,
    reading: Reading = Reading.PHASED,
) -> Figures:
    """Every R6/R8 figure of one line at month `month` (the settlement's tertial end; the
    follow-up passes the line's own month).

    Under the bas-first reading the bas to date is the whole bas in every month.
    """
    v = line.volumes
    price = prices.unit_price(line.price_class)
    performed = performed_to_date(months, month)
    bas_to_date = v.bas if reading is Reading.BAS_FIRST else to_date(v.bas, weights, month)
    earned = earned_units(performed, bas_to_date, v.tillagg)
    forecast = year_forecast(performed, weights, month)
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
        1,
        int(any(m <= month for m in months)),
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
    reading: Reading = Reading.PHASED
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {r.line.key if r.line else r.group: i for i, r in enumerate(self.rows)}
        object.__setattr__(self, "index", index)

    @property
    def total(self) -> Row:
        return self.rows[-1]

    def line_row(self, key: str) -> Row:
        return self.rows[self.index[key]]

    def judged_months(self) -> dict[int, int]:
        """Reported lines per month they are judged at (their own last reported month)."""
        counts: dict[int, int] = {}
        for row in self.rows:
            if row.line is not None and row.figures.reported:
                shown = [
                    m for m, v in enumerate(row.months[: self.month], start=1) if v is not None
                ]
                counts[shown[-1]] = counts.get(shown[-1], 0) + 1
        return dict(sorted(counts.items()))

    @property
    def judged_text(self) -> str:
        """ "Each line is judged at its own last reported month: 48 lines to April, 1 line to
        May."; empty when every reported line reaches the follow-up's month."""
        counts = self.judged_months()
        if set(counts) <= {self.month}:
            return ""
        parts = [
            ngettext("{count} line to {month}", "{count} lines to {month}", n).format(
                count=n, month=display.month_name(m)
            )
            for m, n in counts.items()
        ]
        return _("Each line is judged at its own last reported month: {parts}.").format(
            parts=", ".join(parts)
        )


def reporting_month(outcomes: Outcomes) -> int | None:
    """The latest month with any figure, or None when nothing is reported."""
    return max((m for months in outcomes.values() for m in months), default=None)


def _groups(line: PlanLine) -> tuple[str, str, str]:
    """The subtotal rows a line counts in: its area, its category and the total ("")."""
    return area_group(line), category_group(line), ""


def follow_up(
    plan: Plan,
    outcomes: Outcomes,
    weights: Sequence[int],
    month: int,
    reading: Reading = Reading.PHASED,
) -> FollowUp:
    """Figures per line at `month`, with subtotals per category and area and the total.

    Each line is judged at its own last reported month up to `month` (`judged_text` says so):
    one line reported early for May must not make every other line's April look short.

    Subtotals compare over the lines with a reported month (R8): an unreported line adds its
    volumes but no plan to date. They add plain integer lists (a plan may have 5 000 lines).
    """
    check_month(month)
    sums: dict[str, list[int]] = {}
    month_sums: dict[str, list[int | None]] = {}
    by_key: dict[str, Row] = {}
    for line in plan.lines:
        months = outcomes.get(line.key, {})
        figures = line_figures(
            line, plan.prices, months, weights, own_month(months, month), reading
        )
        values = figures.counted()
        by_key[line.key] = Row(
            RowKind.LINE, line.name, figures, tuple(months.get(m) for m in MONTHS), line
        )
        for group in _groups(line):
            acc = sums.setdefault(group, [0] * len(values))
            for i, value in enumerate(values):
                acc[i] += value
            group_months = month_sums.setdefault(group, [None] * 12)
            for m, value in months.items():
                group_months[m - 1] = (group_months[m - 1] or 0) + value
    rows = []
    for shown in grouped_rows(plan):
        if shown.line is not None:
            rows.append(by_key[shown.line.key])
        else:
            figures = Figures(*sums.get(shown.group, ()))
            months_shown = tuple(month_sums.get(shown.group, [None] * 12))
            rows.append(Row(shown.kind, shown.label, figures, months_shown, group=shown.group))
    return FollowUp(month, rows, reading)


def with_line(
    result: FollowUp, plan: Plan, outcomes: Outcomes, weights: Sequence[int], key: str
) -> FollowUp:
    """The follow-up after line `key`'s months changed, at the same reporting month.

    The line's row is recomputed and its category, area and total rows move by the
    difference; a group month that lost its last figure becomes "not reported" again.
    """
    line = plan.line(key)
    months = outcomes.get(key, {})
    old = result.line_row(key)
    at = own_month(months, result.month)
    figures = line_figures(line, plan.prices, months, weights, at, result.reading)
    new = Row(RowKind.LINE, line.name, figures, tuple(months.get(m) for m in MONTHS), line)
    rows = list(result.rows)
    rows[result.index[key]] = new
    for group in _groups(line):
        index = result.index[group]
        row = rows[index]
        group_months = []
        for m, (total, before, after) in enumerate(
            zip(row.months, old.months, new.months, strict=True), start=1
        ):
            value = (total or 0) - (before or 0) + (after or 0)
            if after is None and before is not None:
                still = any(
                    m in outcomes.get(ln.key, {}) for ln in plan.lines if group in _groups(ln)
                )
                group_months.append(value if still else None)
            else:
                group_months.append(total if before == after else value)
        summed = Figures(
            *(
                t - b + a
                for t, b, a in zip(
                    row.figures.values(), old.figures.counted(), figures.counted(), strict=True
                )
            )
        )
        rows[index] = replace(row, figures=summed, months=tuple(group_months))
    return FollowUp(result.month, rows, result.reading)


NOT_REPORTED = "\u2013"
"""What a figure of a row with no reported line shows: not reported, never 0.0 % ▼."""


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
