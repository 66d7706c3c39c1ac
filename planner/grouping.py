"""The plan as displayed: area and category subtotal rows heading their lines, then the total."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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
