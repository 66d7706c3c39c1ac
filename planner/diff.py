"""Comparing two versions of a plan: changed lines, cost deltas and the R7 verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planner.model import ZERO, Plan, PlanLine, Volumes
from planner.pricing import line_cost

BOARD_THRESHOLD = 3_000_000


class Decision(StrEnum):
    """Rule R7: who may decide a change."""

    DELEGATION = "delegation"
    BOARD = "board"

    @property
    def text(self) -> str:
        if self is Decision.BOARD:
            return "board decision (|Δ tilläggskostnad| above 3 000 000 kr)"
        return "delegation (|Δ tilläggskostnad| at most 3 000 000 kr)"


def decide(cost_delta: int) -> Decision:
    return Decision.BOARD if abs(cost_delta) > BOARD_THRESHOLD else Decision.DELEGATION


@dataclass(frozen=True)
class LineChange:
    key: str
    area: str
    category: str
    name: str
    old: Volumes
    new: Volumes
    old_class: str
    new_class: str
    old_cost: int
    new_cost: int

    @property
    def cost_delta(self) -> int:
        return self.new_cost - self.old_cost

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_class != self.new_class or self.cost_delta != 0


@dataclass(frozen=True)
class PlanDiff:
    changes: list[LineChange]
    by_category: dict[str, int]

    @property
    def cost_delta(self) -> int:
        return sum(change.cost_delta for change in self.changes)

    @property
    def decision(self) -> Decision:
        return decide(self.cost_delta)


def _change(
    old: PlanLine | None, new: PlanLine | None, old_plan: Plan, new_plan: Plan
) -> LineChange:
    some = new or old
    assert some is not None
    return LineChange(
        some.key,
        some.area,
        some.category,
        some.name,
        old.volumes if old else ZERO,
        new.volumes if new else ZERO,
        old.price_class.value if old else "",
        new.price_class.value if new else "",
        line_cost(old, old_plan.prices) if old else 0,
        line_cost(new, new_plan.prices) if new else 0,
    )


def compare(old: Plan, new: Plan, include_unchanged: bool = False) -> PlanDiff:
    """Every line (in the new plan's order, then lines only the old one has) that differs."""
    keys = [line.key for line in new.lines]
    keys += [line.key for line in old.lines if line.key not in new.by_key]
    all_changes = [_change(old.by_key.get(k), new.by_key.get(k), old, new) for k in keys]
    changes = [c for c in all_changes if include_unchanged or c.changed]
    by_category: dict[str, int] = {}
    for change in all_changes:
        group = f"{change.area}/{change.category}"
        by_category[group] = by_category.get(group, 0) + change.cost_delta
    return PlanDiff(changes, by_category)


def _volumes(v: Volumes) -> dict[str, int]:
    return {"uppdrag": v.uppdrag, "bas": v.bas, "tillagg": v.tillagg}


def diff_document(diff: PlanDiff, old_label: str, new_label: str) -> dict[str, Any]:
    """The comparison as a JSON-ready dict."""
    return {
        "schema": "planner.diff/1",
        "old": old_label,
        "new": new_label,
        "changes": [
            {
                "key": c.key,
                "area": c.area,
                "category": c.category,
                "line": c.name,
                "old": {**_volumes(c.old), "price_class": c.old_class, "tillagg_cost": c.old_cost},
                "new": {**_volumes(c.new), "price_class": c.new_class, "tillagg_cost": c.new_cost},
                "tillagg_cost_delta": c.cost_delta,
            }
            for c in diff.changes
        ],
        "by_category": [
            {"category": group, "tillagg_cost_delta": delta}
            for group, delta in diff.by_category.items()
            if delta
        ],
        "totals": {"tillagg_cost_delta": diff.cost_delta},
        "decision": diff.decision.value,
    }
