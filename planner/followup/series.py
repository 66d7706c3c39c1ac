"""Chart data: cumulative performed by month against the phased plan, for a line or a group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import accumulate

from planner.followup.phasing import MONTHS, to_date
from planner.model import PlanLine


def planned_series(lines: Iterable[PlanLine], weights: Sequence[int]) -> list[int]:
    """P(1) … P(12) summed over the lines (each line rounded on its own, like the grid)."""
    uppdrag = [line.volumes.uppdrag for line in lines]
    return [sum(to_date(u, weights, m) for u in uppdrag) for m in MONTHS]


def performed_series(months: Sequence[int | None], month: int) -> list[int]:
    """D(1) … D(month): the cumulative reported figures; a month not reported adds 0."""
    return list(accumulate(value or 0 for value in months[:month]))
