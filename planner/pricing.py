"""Rule R5: the supplementary (tillägg) cost of lines and of any group of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.model import Plan, PlanLine, PriceClass, Prices, Volumes


@dataclass(frozen=True)
class Totals:
    """Summed volumes and tillägg cost (integer kronor) over some lines."""

    uppdrag: int = 0
    bas: int = 0
    tillagg: int = 0
    cost: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.uppdrag + other.uppdrag,
            self.bas + other.bas,
            self.tillagg + other.tillagg,
            self.cost + other.cost,
        )

    @property
    def volumes(self) -> Volumes:
        return Volumes(self.uppdrag, self.bas, self.tillagg)


def line_cost(line: PlanLine, prices: Prices) -> int:
    """tillägg times the unit price of the line's class."""
    return line.volumes.tillagg * prices.unit_price(line.price_class)


def line_totals(line: PlanLine, prices: Prices) -> Totals:
    v = line.volumes
    return Totals(v.uppdrag, v.bas, v.tillagg, line_cost(line, prices))


def add_up(parts: Iterable[Totals]) -> Totals:
    """Sum totals with plain integers (no intermediate objects; exports sum 100 000 lines)."""
    uppdrag = bas = tillagg = cost = 0
    for part in parts:
        uppdrag += part.uppdrag
        bas += part.bas
        tillagg += part.tillagg
        cost += part.cost
    return Totals(uppdrag, bas, tillagg, cost)


def sum_lines(lines: Iterable[PlanLine], prices: Prices) -> Totals:
    return add_up(line_totals(line, prices) for line in lines)


def plan_totals(plan: Plan) -> Totals:
    return sum_lines(plan.lines, plan.prices)


def totals_by_class(plan: Plan) -> dict[PriceClass, Totals]:
    """Totals per price class, every class present (zero when no line has it)."""
    result = {cls: Totals() for cls in PriceClass}
    for line in plan.lines:
        result[line.price_class] = result[line.price_class] + line_totals(line, plan.prices)
    return result
