"""Each line's and group's change in tillägg and tilläggskostnad since a baseline (the latest
snapshot), for the grid's Δ columns; they add up to the R7 total."""

from __future__ import annotations

from dataclasses import dataclass

from planner.grouping import Row, area_group, category_group
from planner.model import PlanLine, Prices, Volumes
from planner.prices import line_cost

TOTAL_GROUP = ""  # the Totalsumma row's key among the group deltas


@dataclass(frozen=True)
class Delta:
    """A change in tillägg and tilläggskostnad against the baseline."""

    tillagg: int = 0
    cost: int = 0

    def __add__(self, other: Delta) -> Delta:
        return Delta(self.tillagg + other.tillagg, self.cost + other.cost)

    def __sub__(self, other: Delta) -> Delta:
        return Delta(self.tillagg - other.tillagg, self.cost - other.cost)


@dataclass(frozen=True)
class Baseline:
    """The baseline's volumes and tillägg cost per line key."""

    volumes: dict[str, Volumes]
    costs: dict[str, int]

    def line_delta(self, line: PlanLine, prices: Prices) -> Delta:
        """A line's change; a line the baseline does not hold counts from zero."""
        base = self.volumes.get(line.key)
        return Delta(
            line.volumes.tillagg - (base.tillagg if base else 0),
            line_cost(line, prices) - self.costs.get(line.key, 0),
        )

    def group_deltas(self, rows: list[Row], prices: Prices) -> dict[str, Delta]:
        """Each area's and category's change (and the total's, under TOTAL_GROUP)."""
        deltas: dict[str, Delta] = {}
        for row in rows:
            if row.line is None:
                continue
            change = self.line_delta(row.line, prices)
            for group in (area_group(row.line), category_group(row.line), TOTAL_GROUP):
                deltas[group] = deltas.get(group, Delta()) + change
        return deltas
