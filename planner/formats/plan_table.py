"""A plan flattened for export: one plain tuple per line, grouped by area and category with
subtotals as plain integers, so a 100 000-line plan renders without an object per line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from planner.model import Hospital, Plan, Prices
from planner.prices import line_cost

# One line: key, area, category, name, uppdrag, bas, tillagg, price_class, unit_price, cost.
LineRow = tuple[str, str, str, str, int, int, int, str, int, int]
# Summed uppdrag, bas, tillagg and cost (rule R5: integer kronor).
Sums = tuple[int, int, int, int]

_FIGURES = [itemgetter(i) for i in (4, 5, 6, 9)]
_GROUP = itemgetter(1, 2)


@dataclass(frozen=True)
class PlanTable:
    """A plan's lines as rows in catalogue order, with the prices that priced them and the
    notes on its lines (line key → note)."""

    hospital: Hospital
    year: int
    prices: Prices
    lines: Sequence[LineRow]
    notes: Mapping[str, str] = field(default_factory=dict)
    scenario: str | None = None


@dataclass(frozen=True)
class Category:
    name: str
    sums: Sums
    lines: list[LineRow]


@dataclass(frozen=True)
class Area:
    name: str
    sums: Sums
    categories: list[Category]


def plan_table(plan: Plan) -> PlanTable:
    """The rows of a Plan (a snapshot, a plan in memory), each cost by planner.prices."""
    prices = plan.prices
    lines = [
        (
            line.key,
            line.area,
            line.category,
            line.name,
            line.volumes.uppdrag,
            line.volumes.bas,
            line.volumes.tillagg,
            line.price_class.value,
            prices.unit_price(line.price_class),
            line_cost(line, prices),
        )
        for line in plan.lines
    ]
    return PlanTable(plan.hospital, plan.year, prices, lines, plan.notes, plan.scenario)


def sums(lines: Sequence[LineRow]) -> Sums:
    """uppdrag, bas, tillägg and cost summed over the lines."""
    uppdrag, bas, tillagg, cost = (sum(map(get, lines)) for get in _FIGURES)
    return uppdrag, bas, tillagg, cost


def add(parts: Sequence[Sums]) -> Sums:
    uppdrag, bas, tillagg, cost = (sum(part[i] for part in parts) for i in range(4))
    return uppdrag, bas, tillagg, cost


def grouped(lines: Sequence[LineRow]) -> tuple[list[Area], Sums]:
    """Areas with their categories and lines, and the plan total.

    The order is planner.grouping's: areas and categories in the order of their first line,
    a line listed away from its group still under it.
    """
    tree: dict[str, dict[str, list[LineRow]]] = {}
    for (area, category), run in groupby(lines, _GROUP):
        tree.setdefault(area, {}).setdefault(category, []).extend(run)
    areas = []
    for area, categories in tree.items():
        parts = [Category(name, sums(rows), rows) for name, rows in categories.items()]
        areas.append(Area(area, add([part.sums for part in parts]), parts))
    return areas, add([area.sums for area in areas])
