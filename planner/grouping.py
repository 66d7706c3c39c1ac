"""The plan as displayed: area and category subtotal rows heading their lines, then the total."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.model import Plan, PlanLine
from planner.pricing import Totals, line_totals, sum_lines

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


def group_totals(plan: Plan, group: str) -> Totals:
    """Subtotal of an area ("Somatik") or a category ("Somatik/Undersökning")."""
    if "/" in group:
        members = (line for line in plan.lines if category_group(line) == group)
    else:
        members = (line for line in plan.lines if line.area == group)
    return sum_lines(members, plan.prices)


def grouped_rows(plan: Plan) -> list[Row]:
    """Rows in document order: area, its categories, each category's lines; the total last.

    Areas and categories appear in the order of their first line, so a line listed away
    from its group still lands under it.
    """
    tree: dict[str, dict[str, list[PlanLine]]] = {}
    for line in plan.lines:
        tree.setdefault(line.area, {}).setdefault(line.category, []).append(line)
    rows: list[Row] = []
    for area, categories in tree.items():
        members = [line for lines in categories.values() for line in lines]
        rows.append(Row(RowKind.AREA, area, sum_lines(members, plan.prices), group=area))
        for category, lines in categories.items():
            group = f"{area}/{category}"
            totals = sum_lines(lines, plan.prices)
            rows.append(Row(RowKind.CATEGORY, category, totals, group=group))
            rows.extend(
                Row(RowKind.LINE, line.name, line_totals(line, plan.prices), line=line)
                for line in lines
            )
    rows.append(Row(RowKind.TOTAL, TOTAL_LABEL, sum_lines(plan.lines, plan.prices)))
    return rows
