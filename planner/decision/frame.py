"""Rule R11: the decision's compensation frame, its bridge from last year and what is paid.

The frame (ersättningsram, tkr) = last year's frame + uplift (halves up) + the signed
adjustments. It is paid monthly: to the end of month m, round(F * m / 12). Items settled
against outcome ("med avräkning") have a level L; at each tertial end m the level to date is
Lm = round(L * m / 12) and the adjustment min(actual to date, Lm) - Lm, never positive.
Pure: figures in, figures out; the tillägg earned (R6) is given by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from planner.display import month_name
from planner.followup.phasing import round_half_up
from planner.followup.settlement import TERTIAL_ENDS
from planner.i18n import _
from planner.model import Hospital
from planner.numbers import format_number

TKR = 1000
"""Kronor in a thousand kronor (tkr)."""
MAX_AMOUNT = 10**12
"""The largest amount (tkr or kr) a decision's figure may have."""


@dataclass(frozen=True)
class Adjustment:
    """One signed line of the bridge between the uplifted subtotal and the frame."""

    label: str
    tkr: int


@dataclass(frozen=True)
class Bridge:
    """Last year's frame, the uplift and the adjustments; every sum is derived from them."""

    last_tkr: int
    last_reference: str
    uplift_percent: Fraction
    uplift_tkr: int
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def subtotal_tkr(self) -> int:
        return self.last_tkr + self.uplift_tkr

    @property
    def adjustments_tkr(self) -> int:
        return sum(a.tkr for a in self.adjustments)

    @property
    def raised_tkr(self) -> int:
        return sum(a.tkr for a in self.adjustments if a.tkr > 0)

    @property
    def lowered_tkr(self) -> int:
        return sum(a.tkr for a in self.adjustments if a.tkr < 0)

    @property
    def frame_tkr(self) -> int:
        return self.subtotal_tkr + self.adjustments_tkr

    @property
    def change_tkr(self) -> int:
        return self.frame_tkr - self.last_tkr

    @property
    def change_percent(self) -> Fraction | None:
        """The change against last year's frame in percent (None when there was none)."""
        return Fraction(self.change_tkr * 100, self.last_tkr) if self.last_tkr else None


@dataclass(frozen=True)
class Item:
    """An item settled against outcome: its key, its label and its yearly level."""

    key: str
    label: str
    level: int


@dataclass(frozen=True)
class Money:
    """A decision's money: in `unit` ("tkr" or "kr"), the bridge (if printed), the printed
    frame (None: not printed) and the items (settled against outcome when `settled`)."""

    unit: str
    bridge: Bridge | None
    printed_frame: int | None
    items: tuple[Item, ...]
    settled: bool

    @property
    def frame(self) -> int:
        """The frame from its parts: the bridge's, else the sum of the items."""
        return self.bridge.frame_tkr if self.bridge else sum(i.level for i in self.items)


@dataclass(frozen=True)
class Frame:
    """A provider's frame as stored: unit, bridge (None: not printed), items and actuals.

    `numbers` are the stored numbers of the adjustments, in the bridge's order.
    """

    hospital: Hospital
    year: int
    unit: str
    bridge: Bridge | None
    printed_total: int | None
    items: tuple[Item, ...]
    settled: bool
    numbers: tuple[int, ...]
    actuals: dict[str, dict[int, int]]

    @property
    def total(self) -> int:
        """The frame from its parts: the bridge's, else the sum of the items."""
        return self.bridge.frame_tkr if self.bridge else sum(i.level for i in self.items)

    @property
    def name(self) -> str:
        return f"{self.hospital.short_name} {self.year}"

    def item(self, text: str) -> Item:
        """An item by its key or its number in the list (1 = first)."""
        wanted = text.strip()
        if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(self.items):
            return self.items[int(wanted) - 1]
        for item in self.items:
            if item.key == wanted.casefold():
                return item
        known = ", ".join(f"{n} {i.key}" for n, i in enumerate(self.items, 1)) or _("none")
        raise LookupError(
            _("no item {item} in the frame of {name}; items: {known}").format(
                item=repr(wanted), name=self.name, known=known
            )
        )


@dataclass(frozen=True)
class FieldChange:
    """One value of a frame's row before and after (None: the row was not there / is gone)."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class FrameChange:
    """One stored change of a frame's row, from the hash chain: when (UTC, ISO), who, what, why.

    `kind` is "frame", "adjustment", "item" or "actual"; `ref` the adjustment's stored number
    or the item's key; `label` the adjustment's or item's label as it was; `month` an actual's.
    """

    at: str
    user: str
    kind: str
    ref: str
    label: str
    month: int | None
    fields: tuple[FieldChange, ...]
    reason: str
    source: str

    @property
    def action(self) -> str:
        """ "added" (the row was not there), "removed" (it is gone) or "changed"."""
        if all(f.old is None for f in self.fields):
            return "added"
        return "removed" if all(f.new is None for f in self.fields) else "changed"


def uplift_amount(last: int, percent: Fraction) -> int:
    """The uplift of `last` by `percent`, whole thousands, halves up (5 561 881 * 2.2 %)."""
    return round_half_up(Fraction(last) * percent / 100)


def uplifted(value: int, percent: Fraction) -> int:
    """`value` raised by `percent`, halves up (an item's level next year)."""
    return value + uplift_amount(value, percent)


def next_bridge(frame_tkr: int, reference: str, percent: Fraction) -> Bridge:
    """Next year's bridge started from this year's frame: last frame and uplift, no adjustments."""
    return Bridge(frame_tkr, reference, percent, uplift_amount(frame_tkr, percent))


def check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(_("month must be from 1 to 12, not {month}").format(month=month))
    return month


def frame_paid(frame_tkr: int, month: int) -> int:
    """The frame paid to the end of `month`: round(F * m / 12), so December pays F exactly."""
    return round_half_up(Fraction(frame_tkr * check_month(month), 12))


def monthly_instalment(frame_tkr: int) -> int:
    """The first month's instalment, round(F / 12)."""
    return frame_paid(frame_tkr, 1)


def level_to_date(level: int, month: int) -> int:
    """An item's level to the end of `month`: round(L * m / 12)."""
    return round_half_up(Fraction(level * check_month(month), 12))


def item_adjustment(level: int, actual_to_date: int, month: int) -> int:
    """min(actual to date, Lm) - Lm: an item pays back what it did not use, never more."""
    due = level_to_date(level, month)
    return min(actual_to_date, due) - due


def settled_end(month: int) -> int:
    """The latest tertial end (4, 8, 12) at or before `month`; 0 before the first."""
    return max((end for end in TERTIAL_ENDS if end <= month), default=0)


def actual_to_date(months: Mapping[int, int], month: int) -> int | None:
    """The latest actual cost to date entered for a month ≤ `month` (None: nothing entered)."""
    entered = [m for m in months if m <= month]
    return months[max(entered)] if entered else None


DOUBTFUL_TIMES_LEVEL = 2
"""An actual to date above this many times the item's yearly level is said to be doubtful."""


def actual_doubts(item: Item, months: Mapping[int, int], month: int) -> list[str]:
    """Why the actual to date entered for `month` looks wrong, though it is kept (planners may
    be right): lower than an earlier month's or higher than a later month's (an actual is the
    cost to date, so it never falls), or more than twice the item's level for the year."""
    value = months[month]
    shown = {"label": item.label, "value": format_number(value), "month": month_name(month)}
    doubts = []
    earlier = [m for m in months if m < month]
    if earlier and months[before := max(earlier)] > value:
        doubts.append(
            _(
                "{value} tkr to the end of {month} is less than the {other} tkr entered to"
                " the end of {other_month} ({label}), but an actual is the cost to date;"
                " kept as entered"
            ).format(**shown, other=format_number(months[before]), other_month=month_name(before))
        )
    later = [m for m in months if m > month]
    if later and months[after := min(later)] < value:
        doubts.append(
            _(
                "{value} tkr to the end of {month} is more than the {other} tkr entered to"
                " the end of {other_month} ({label}), but an actual is the cost to date;"
                " kept as entered"
            ).format(**shown, other=format_number(months[after]), other_month=month_name(after))
        )
    if value > DOUBTFUL_TIMES_LEVEL * item.level:
        doubts.append(
            _(
                "{value} tkr to the end of {month} is more than twice the level for the year,"
                " {level} tkr ({label}); kept as entered"
            ).format(**shown, level=format_number(item.level))
        )
    return doubts


@dataclass(frozen=True)
class ItemSettlement:
    """One item at a tertial end: its level to date, the actual to date, the adjustment."""

    item: Item
    level_to_date: int
    actual: int | None
    adjustment: int


def settle_items(
    items: Sequence[Item], actuals: Mapping[str, Mapping[int, int]], end: int
) -> tuple[ItemSettlement, ...]:
    """Every item settled at tertial end `end` (0: none yet, nothing settled).

    An item without an actual to date is not settled: its adjustment is 0 until one is entered.
    """
    if end == 0:
        return tuple(ItemSettlement(item, 0, None, 0) for item in items)
    result = []
    for item in items:
        actual = actual_to_date(actuals.get(item.key, {}), end)
        due = level_to_date(item.level, end)
        adjustment = 0 if actual is None else item_adjustment(item.level, actual, end)
        result.append(ItemSettlement(item, due, actual, adjustment))
    return tuple(result)


def tertial_status(end: int) -> str:
    return {0: "none", 12: "final"}.get(end, "preliminary")


@dataclass(frozen=True)
class Payments:
    """What the region pays to the end of a month: frame paid, item adjustments, tillägg."""

    month: int
    settled_end: int
    frame_paid_tkr: int
    items: tuple[ItemSettlement, ...]
    tillagg_kr: int

    @property
    def item_adjustments_tkr(self) -> int:
        return sum(s.adjustment for s in self.items)

    @property
    def frame_part_tkr(self) -> int:
        return self.frame_paid_tkr + self.item_adjustments_tkr

    @property
    def total_kr(self) -> int:
        return self.frame_part_tkr * TKR + self.tillagg_kr

    @property
    def status(self) -> str:
        return tertial_status(self.settled_end)


def payments(
    frame_tkr: int,
    items: Sequence[Item],
    actuals: Mapping[str, Mapping[int, int]],
    month: int,
    tillagg_kr: int,
) -> Payments:
    """Frame paid to the end of `month`, the items settled at the latest tertial end ≤ month,
    and the tillägg earned at that end (the caller's R6 settlement)."""
    end = settled_end(check_month(month))
    settled = settle_items(items, actuals, end)
    return Payments(month, end, frame_paid(frame_tkr, month), settled, tillagg_kr)


def forecast_actual(months: Mapping[int, int]) -> int | None:
    """An item's actual for the year from its latest actual to date: round(A * 12 / m)."""
    if not months:
        return None
    latest = max(months)
    return round_half_up(Fraction(months[latest] * 12, latest))


def year_forecast(
    frame_tkr: int,
    items: Sequence[Item],
    actuals: Mapping[str, Mapping[int, int]],
    tillagg_kr: int,
) -> Payments:
    """The year as forecast: the whole frame, each item's level capped by its forecast actual
    (an item without actuals keeps its level), and the forecast tillägg."""
    settled = []
    for item in items:
        actual = forecast_actual(actuals.get(item.key, {}))
        adjustment = 0 if actual is None else min(actual, item.level) - item.level
        settled.append(ItemSettlement(item, item.level, actual, adjustment))
    return Payments(12, 12, frame_tkr, tuple(settled), tillagg_kr)
