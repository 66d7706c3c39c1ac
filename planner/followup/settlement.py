"""Tertial settlement (rule R6): earned tillägg kronor at April, August and December."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.followup.performance import Outcomes, line_figures
from planner.followup.reading import Reading
from planner.model import Plan, PlanLine, PriceClass, Prices

TERTIAL_ENDS = (4, 8, 12)
TOTAL = "total"
CLASSES = (*(cls.value for cls in PriceClass), TOTAL)


@dataclass(frozen=True)
class Tertial:
    """One tertial: cumulative earned kronor at its end and its payment, per class and total.

    `status` is "final" (December), "preliminary" (April, August) or "open" when the
    reporting month has not reached its end; an open tertial has no figures.
    """

    number: int
    end: int
    status: str
    earned: dict[str, int]
    payment: dict[str, int]


def line_earned(
    line: PlanLine,
    prices: Prices,
    months: Mapping[int, int],
    weights: Sequence[int],
    reading: Reading = Reading.PHASED,
) -> tuple[int, ...]:
    """The line's cumulative earned kronor at each tertial end (April, August, December)."""
    return tuple(
        line_figures(line, prices, months, weights, end, reading).earned_kr for end in TERTIAL_ENDS
    )


def earned_lines(
    plan: Plan, outcomes: Outcomes, weights: Sequence[int], reading: Reading = Reading.PHASED
) -> dict[str, tuple[int, ...]]:
    """line_earned for every line; the app keeps it and redoes only the line that changed."""
    return {
        line.key: line_earned(line, plan.prices, outcomes.get(line.key, {}), weights, reading)
        for line in plan.lines
    }


def tertials(plan: Plan, earned: Mapping[str, tuple[int, ...]], month: int) -> list[Tertial]:
    """The three tertials as of reporting month `month`; payment = earned(end) - earned(prev)."""
    at_end = {end: dict.fromkeys(CLASSES, 0) for end in TERTIAL_ENDS}
    for line in plan.lines:
        for end, kronor in zip(TERTIAL_ENDS, earned[line.key], strict=True):
            at_end[end][line.price_class.value] += kronor
            at_end[end][TOTAL] += kronor
    result = []
    previous = dict.fromkeys(CLASSES, 0)
    for number, end in enumerate(TERTIAL_ENDS, start=1):
        if end > month:
            result.append(Tertial(number, end, "open", {}, {}))
            continue
        now = at_end[end]
        payment = {cls: now[cls] - previous[cls] for cls in CLASSES}
        result.append(Tertial(number, end, "final" if end == 12 else "preliminary", now, payment))
        previous = now
    return result


def settle(
    plan: Plan,
    outcomes: Outcomes,
    weights: Sequence[int],
    month: int,
    reading: Reading = Reading.PHASED,
) -> list[Tertial]:
    """The settlement as of `month` from the outcomes, under the plan's reading."""
    return tertials(plan, earned_lines(plan, outcomes, weights, reading), month)
