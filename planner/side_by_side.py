"""A second plan or scenario beside the one being edited: its tillägg and cost per row, and the
difference from the plan shown (theirs minus ours), for the grid's side-by-side columns."""

from __future__ import annotations

from dataclasses import dataclass

from planner.grouping import RowKind, grouped_rows
from planner.model import Plan, PlanLine, Prices
from planner.prices import Totals, line_cost
from planner.snapshot_delta import TOTAL_GROUP


@dataclass(frozen=True)
class SideValues:
    """One row of the other plan: its tillägg and cost, and theirs minus ours (None: the
    other plan has no such row)."""

    tillagg: int
    cost: int
    delta_tillagg: int
    delta_cost: int


@dataclass(frozen=True)
class SidePlan:
    """The other plan's lines and subtotals, keyed like the grid's rows."""

    label: str
    lines: dict[str, tuple[int, int]]
    groups: dict[str, Totals]

    def line(self, line: PlanLine, prices: Prices) -> SideValues | None:
        theirs = self.lines.get(line.key)
        if theirs is None:
            return None
        tillagg, cost = theirs
        ours = line_cost(line, prices)
        return SideValues(tillagg, cost, tillagg - line.volumes.tillagg, cost - ours)

    def group(self, group: str, ours: Totals) -> SideValues | None:
        theirs = self.groups.get(group)
        if theirs is None:
            return None
        return SideValues(
            theirs.tillagg, theirs.cost, theirs.tillagg - ours.tillagg, theirs.cost - ours.cost
        )


def side_plan(other: Plan, label: str) -> SidePlan:
    """`other` as side columns, each line costed at its own plan's prices."""
    lines = {
        line.key: (line.volumes.tillagg, line_cost(line, other.prices)) for line in other.lines
    }
    groups = {
        (row.group if row.kind is not RowKind.TOTAL else TOTAL_GROUP): row.totals
        for row in grouped_rows(other)
        if row.kind is not RowKind.LINE
    }
    return SidePlan(label, lines, groups)


def side_label(shown: Plan, other: Plan) -> str:
    """The other plan as the title names it: `scenario forslag-a` for a scenario of the same
    plan, `plan NU 2026` for a plan, `NU 2027/forslag-b` for another plan's scenario."""
    same = (shown.hospital.code, shown.year) == (other.hospital.code, other.year)
    if same and other.scenario:
        return f"scenario {other.scenario}"
    if other.scenario is None:
        return f"plan {other.hospital.short_name} {other.year}"
    return f"{other.hospital.short_name} {other.year}/{other.scenario}"
