"""Tertial settlement (rule R6): earned tillägg kronor at April, August and December."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.followup import Outcomes, line_figures
from planner.model import Plan, PriceClass

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


def earned_by_class(
    plan: Plan, outcomes: Outcomes, weights: Sequence[int], month: int
) -> dict[str, int]:
    """Cumulative earned kronor at `month` per price class value and in total."""
    earned = dict.fromkeys(CLASSES, 0)
    for line in plan.lines:
        figures = line_figures(line, plan.prices, outcomes.get(line.key, {}), weights, month)
        earned[line.price_class.value] += figures.earned_kr
        earned[TOTAL] += figures.earned_kr
    return earned


def settle(plan: Plan, outcomes: Outcomes, weights: Sequence[int], month: int) -> list[Tertial]:
    """The three tertials as of reporting month `month`; payment = earned(end) - earned(prev)."""
    tertials = []
    previous = dict.fromkeys(CLASSES, 0)
    for number, end in enumerate(TERTIAL_ENDS, start=1):
        if end > month:
            tertials.append(Tertial(number, end, "open", {}, {}))
            continue
        earned = earned_by_class(plan, outcomes, weights, end)
        payment = {cls: earned[cls] - previous[cls] for cls in CLASSES}
        status = "final" if end == 12 else "preliminary"
        tertials.append(Tertial(number, end, status, earned, payment))
        previous = earned
    return tertials
