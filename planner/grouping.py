"""The plan as displayed: area and category subtotal rows heading their lines, then the total."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Protocol, TypeVar

from planner.model import Plan, PlanLine
from planner.prices import Totals, add_up, line_totals

TOTAL_LABEL = "Totalsumma"


class RowKind(StrEnum):
    AREA = "area"
    CATEGORY = "category"
    LINE = "line"
    TOTAL = "total"


@dataclass(frozen=True)
class Row:
    """One displayed row. `group` identifies a subtotal row (area or area/category)."""

    kind: RowKind
    label: str
    totals: Totals
    line: PlanLine | None = None
    group: str = ""


def area_group(line: PlanLine) -> str:
    return line.area


def category_group(line: PlanLine) -> str:
    return f"{line.area}/{line.category}"


def grouped_rows(plan: Plan) -> list[Row]:
    """Rows in document order: area, its categories, each category's lines; the total last.

    Areas and categories appear in the order of their first line, so a line listed away
    from its group still lands under it.
    """
    tree: dict[str, dict[str, list[Row]]] = {}
    for line in plan.lines:
        row = Row(RowKind.LINE, line.name, line_totals(line, plan.prices), line=line)
        tree.setdefault(line.area, {}).setdefault(line.category, []).append(row)
    rows: list[Row] = []
    area_totals = []
    for area, categories in tree.items():
        area_index = len(rows)
        rows.append(Row(RowKind.AREA, area, Totals(), group=area))
        category_totals = []
        for category, line_rows in categories.items():
            totals = add_up(row.totals for row in line_rows)
            category_totals.append(totals)
            rows.append(Row(RowKind.CATEGORY, category, totals, group=f"{area}/{category}"))
            rows.extend(line_rows)
        area_total = add_up(category_totals)
        area_totals.append(area_total)
        rows[area_index] = Row(RowKind.AREA, area, area_total, group=area)
    rows.append(Row(RowKind.TOTAL, TOTAL_LABEL, add_up(area_totals)))
    return rows


class Grouped(Protocol):
    """A displayed row of the plan or of the follow-up: its kind, its group and its line."""

    @property
    def kind(self) -> RowKind: ...

    @property
    def group(self) -> str: ...

    @property
    def line(self) -> PlanLine | None: ...


R = TypeVar("R", bound=Grouped)
Sortable = int | Fraction | str | None
"""A row's sort value; None (a figure not reported) sorts last in either direction."""


@dataclass(frozen=True)
class SortOrder:
    """A view's order: by `column`, largest (or Ö) first when `descending`; `grouped` keeps
    lines under their category and area (each level sorted by its own subtotal), else lines
    only. Sorting never changes data: the plan's order is `None`."""

    column: str
    descending: bool
    grouped: bool = True


def sorted_rows(rows: list[R], value: Callable[[R], Sortable], order: SortOrder) -> list[R]:
    """`rows` (grouped as `grouped_rows` gives them) in `order`; ties keep the plan's order."""

    def key(row: R) -> tuple[int, Fraction | int | str]:
        found = value(row)
        assert found is not None
        return (1, found.casefold()) if isinstance(found, str) else (0, found)

    def ordered(items: list[R]) -> list[R]:
        known = [row for row in items if value(row) is not None]
        unknown = [row for row in items if value(row) is None]
        return sorted(known, key=key, reverse=order.descending) + unknown

    total = [row for row in rows if row.kind is RowKind.TOTAL]
    if not order.grouped:
        return ordered([row for row in rows if row.kind is RowKind.LINE]) + total
    areas: dict[str, dict[str, list[R]]] = {}
    heads: dict[str, R] = {}
    for row in rows:
        if row.kind in (RowKind.AREA, RowKind.CATEGORY):
            heads[row.group] = row
        elif row.line is not None:
            line = row.line
            areas.setdefault(area_group(line), {}).setdefault(category_group(line), []).append(row)
    result: list[R] = []
    for area in ordered([heads[a] for a in areas]):
        result.append(area)
        categories = areas[area.group]
        for category in ordered([heads[c] for c in categories]):
            result.append(category)
            result.extend(ordered(categories[category.group]))
    return result + total
