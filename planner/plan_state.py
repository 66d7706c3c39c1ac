"""A plan being edited: current lines plus running subtotals, updated by deltas per edit."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.grouping import Row, area_group, category_group, grouped_rows
from planner.model import Plan, PlanLine, PriceClass
from planner.prices import Totals, line_totals, plan_totals, totals_by_class


def _minus(a: Totals, b: Totals) -> Totals:
    return Totals(a.uppdrag - b.uppdrag, a.bas - b.bas, a.tillagg - b.tillagg, a.cost - b.cost)


@dataclass
class PlanState:
    """Lines by key and totals by group and price class; an update touches only its groups."""

    plan: Plan
    lines: dict[str, PlanLine] = field(init=False)
    groups: dict[str, Totals] = field(init=False)
    by_class: dict[PriceClass, Totals] = field(init=False)
    total: Totals = field(init=False)
    notes: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = dict(self.plan.by_key)
        self.notes = dict(self.plan.notes)
        self.groups = {row.group: row.totals for row in grouped_rows(self.plan) if row.group}
        self.by_class = totals_by_class(self.plan)
        self.total = plan_totals(self.plan)

    def update(self, new: PlanLine) -> list[str]:
        """Replace a line; return the groups (area, category) whose subtotals changed."""
        old = self.lines[new.key]
        self.lines[new.key] = new
        prices = self.plan.prices
        before, after = line_totals(old, prices), line_totals(new, prices)
        delta = _minus(after, before)
        touched = [area_group(new), category_group(new)]
        for name in touched:
            self.groups[name] = self.groups[name] + delta
        self.by_class[old.price_class] = _minus(self.by_class[old.price_class], before)
        self.by_class[new.price_class] = self.by_class[new.price_class] + after
        self.total = self.total + delta
        return touched

    def rows(self) -> list[Row]:
        """The plan as it is now, grouped for display."""
        return grouped_rows(self.current_plan())

    def current_plan(self) -> Plan:
        """The plan as it is now, e.g. for an export."""
        ordered = tuple(self.lines[line.key] for line in self.plan.lines)
        return replace(self.plan, lines=ordered, notes=self.notes)
