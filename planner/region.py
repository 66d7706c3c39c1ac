"""The region view: every hospital's plan for one year side by side, line by line.

Each hospital's cells are costed at its own prices (rule R4). A hospital without a plan that
year has no cells (None), never zeros, and adds nothing to the region totals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from planner.grouping import TOTAL_LABEL, RowKind
from planner.model import Hospital, Plan, PlanLine, PriceClass
from planner.prices import Totals, add_up, line_totals, totals_by_class

Cells = tuple[Totals | None, ...]


def cells_total(cells: Cells) -> Totals:
    """The region's sum over the hospitals that have a plan."""
    return add_up(cell for cell in cells if cell is not None)


@dataclass(frozen=True)
class RegionRow:
    """One row: per hospital its totals (None without a plan), and the region's sum."""

    kind: RowKind
    label: str
    cells: Cells
    key: str = ""
    group: str = ""

    @property
    def total(self) -> Totals:
        return cells_total(self.cells)


@dataclass(frozen=True)
class ScenarioColumn:
    """A scenario shown beside the region, one cell per row: never in the region's sums."""

    label: str
    cells: Cells


@dataclass(frozen=True)
class RegionView:
    year: int
    hospitals: tuple[Hospital, ...]
    rows: list[RegionRow]
    by_class: dict[PriceClass, Cells]
    scenario: ScenarioColumn | None = None

    @property
    def total(self) -> RegionRow:
        return self.rows[-1]

    def has_plan(self, index: int) -> bool:
        return self.total.cells[index] is not None

    @property
    def planned(self) -> list[int]:
        """Indexes of the hospitals with a plan this year."""
        return [i for i in range(len(self.hospitals)) if self.has_plan(i)]


def _sum_cells(parts: Sequence[Cells], present: Sequence[bool]) -> Cells:
    return tuple(
        add_up(part[i] or Totals() for part in parts) if here else None
        for i, here in enumerate(present)
    )


def _catalogue(plans: Sequence[Plan]) -> list[PlanLine]:
    """Every line any plan has, in the first plan's order, then lines only others hold."""
    seen: dict[str, PlanLine] = {}
    for plan in plans:
        for line in plan.lines:
            seen.setdefault(line.key, line)
    return list(seen.values())


def region_view(year: int, hospitals: Sequence[Hospital], plans: Mapping[str, Plan]) -> RegionView:
    """The grouped rows (area, category, lines, total) and totals per price class."""
    ordered = [plans.get(h.code) for h in hospitals]
    present = [plan is not None for plan in ordered]
    tree: dict[str, dict[str, list[RegionRow]]] = {}
    for line in _catalogue([p for p in ordered if p is not None]):
        cells: list[Totals | None] = []
        for plan in ordered:
            own = plan.by_key.get(line.key) if plan else None
            cells.append(line_totals(own, plan.prices) if plan and own else None)
        row = RegionRow(RowKind.LINE, line.name, tuple(cells), key=line.key)
        tree.setdefault(line.area, {}).setdefault(line.category, []).append(row)
    rows: list[RegionRow] = []
    area_sums: list[Cells] = []
    for area, categories in tree.items():
        area_index = len(rows)
        rows.append(RegionRow(RowKind.AREA, area, (), group=area))
        category_sums = []
        for category, line_rows in categories.items():
            sums = _sum_cells([r.cells for r in line_rows], present)
            category_sums.append(sums)
            rows.append(RegionRow(RowKind.CATEGORY, category, sums, group=f"{area}/{category}"))
            rows.extend(line_rows)
        area_sum = _sum_cells(category_sums, present)
        area_sums.append(area_sum)
        rows[area_index] = RegionRow(RowKind.AREA, area, area_sum, group=area)
    rows.append(RegionRow(RowKind.TOTAL, TOTAL_LABEL, _sum_cells(area_sums, present)))
    per_plan = [totals_by_class(plan) if plan else None for plan in ordered]
    classes = {cls: tuple(t[cls] if t else None for t in per_plan) for cls in PriceClass}
    return RegionView(year, tuple(hospitals), rows, classes)


def with_scenario(view: RegionView, scenario: Plan) -> RegionView:
    """The view with `scenario`'s column beside the hospitals, marked as a scenario; the
    hospitals' cells and the region's sums stay those of the plans."""
    hospital = scenario.hospital
    own = region_view(view.year, [hospital], {hospital.code: scenario})
    by_row = {(row.kind, row.key or row.group): row.cells[0] for row in own.rows}
    cells = tuple(by_row.get((row.kind, row.key or row.group)) for row in view.rows)
    label = f"{hospital.short_name} ◇ {scenario.scenario}"
    return replace(view, scenario=ScenarioColumn(label, cells))
