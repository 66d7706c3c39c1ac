"""Comparing two versions of a plan: changed lines, cost deltas, their volume/price split (R10)
and the R7 verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planner.i18n import _
from planner.model import ZERO, Plan, PlanLine, PriceClass, Volumes
from planner.numbers import format_number, format_signed

BOARD_THRESHOLD = 3_000_000


class Decision(StrEnum):
    """Rule R7: who may decide a change."""

    DELEGATION = "delegation"
    BOARD = "board"

    @property
    def text(self) -> str:
        if self is Decision.BOARD:
            return _("board decision (|Δ tilläggskostnad| above {BOARD_THRESHOLD} kr)").format(
                BOARD_THRESHOLD=format_number(BOARD_THRESHOLD)
            )
        return _("delegation (|Δ tilläggskostnad| at most {BOARD_THRESHOLD} kr)").format(
            BOARD_THRESHOLD=format_number(BOARD_THRESHOLD)
        )


def decide(cost_delta: int) -> Decision:
    return Decision.BOARD if abs(cost_delta) > BOARD_THRESHOLD else Decision.DELEGATION


def board_warning(snapshot_id: int | None, cost_delta: int) -> str:
    """Rule R7 while editing: what to say when the changes since the latest snapshot move the
    tillägg cost by more than the threshold ("" while a delegation may still decide)."""
    if snapshot_id is None or decide(cost_delta) is not Decision.BOARD:
        return ""
    return _("since snapshot {snapshot_id}: {cost_delta} kr — needs a board decision").format(
        snapshot_id=snapshot_id, cost_delta=format_signed(cost_delta)
    )


def edit_warning(cost_delta: int) -> str:
    """Rule R7 for one edit on its own (e.g. before any snapshot): "" within delegation."""
    if decide(cost_delta) is not Decision.BOARD:
        return ""
    return _("this edit alone: {cost_delta} kr — needs a board decision").format(
        cost_delta=format_signed(cost_delta)
    )


@dataclass(frozen=True)
class Effects:
    """Rule R10: a cost change as volume effect plus price effect (integer kronor)."""

    volume: int = 0
    price: int = 0

    @property
    def total(self) -> int:
        return self.volume + self.price

    def __add__(self, other: Effects) -> Effects:
        return Effects(self.volume + other.volume, self.price + other.price)


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
    old_price: int = 0
    new_price: int = 0

    @property
    def cost_delta(self) -> int:
        return self.new_cost - self.old_cost

    @property
    def effects(self) -> Effects:
        """Δtillägg times old unit price, new tillägg times Δunit price; they sum to cost_delta."""
        return Effects(
            (self.new.tillagg - self.old.tillagg) * self.old_price,
            self.new.tillagg * (self.new_price - self.old_price),
        )

    @property
    def price_class(self) -> str:
        """The class the change is counted under: the new one, or the old for a removed line."""
        return self.new_class or self.old_class

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_class != self.new_class or self.cost_delta != 0


@dataclass(frozen=True)
class PlanDiff:
    changes: list[LineChange]
    by_category: dict[str, int]
    effects_by_category: dict[str, Effects]
    effects_by_class: dict[str, Effects]
    effects: Effects
    old_cost: int = 0
    new_cost: int = 0

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
    old_price = old_plan.prices.unit_price((old or some).price_class)
    new_price = new_plan.prices.unit_price((new or some).price_class)
    return LineChange(
        some.key,
        some.area,
        some.category,
        some.name,
        old.volumes if old else ZERO,
        new.volumes if new else ZERO,
        old.price_class.value if old else "",
        new.price_class.value if new else "",
        old.volumes.tillagg * old_price if old else 0,
        new.volumes.tillagg * new_price if new else 0,
        old_price,
        new_price,
    )


def compare(old: Plan, new: Plan, include_unchanged: bool = False) -> PlanDiff:
    """Every line (in the new plan's order, then lines only the old one has) that differs."""
    keys = [line.key for line in new.lines]
    keys += [line.key for line in old.lines if line.key not in new.by_key]
    all_changes = [_change(old.by_key.get(k), new.by_key.get(k), old, new) for k in keys]
    changes = [c for c in all_changes if include_unchanged or c.changed]
    by_category: dict[str, int] = {}
    effects_by_category: dict[str, Effects] = {}
    effects_by_class = {cls.value: Effects() for cls in PriceClass}
    for change in all_changes:
        group = f"{change.area}/{change.category}"
        by_category[group] = by_category.get(group, 0) + change.cost_delta
        effects_by_category[group] = effects_by_category.get(group, Effects()) + change.effects
        effects_by_class[change.price_class] += change.effects
    total = sum((c.effects for c in all_changes), Effects())
    old_cost = sum(c.old_cost for c in all_changes)
    new_cost = sum(c.new_cost for c in all_changes)
    return PlanDiff(
        changes, by_category, effects_by_category, effects_by_class, total, old_cost, new_cost
    )


def _volumes(v: Volumes) -> dict[str, int]:
    return {"uppdrag": v.uppdrag, "bas": v.bas, "tillagg": v.tillagg}


def _effects(effects: Effects) -> dict[str, int]:
    return {"volume_effect": effects.volume, "price_effect": effects.price}


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
                **_effects(c.effects),
            }
            for c in diff.changes
        ],
        "by_category": [
            {"category": group, "tillagg_cost_delta": effects.total, **_effects(effects)}
            for group, effects in diff.effects_by_category.items()
            if effects != Effects()
        ],
        "by_price_class": [
            {"price_class": cls, "tillagg_cost_delta": effects.total, **_effects(effects)}
            for cls, effects in diff.effects_by_class.items()
        ],
        "totals": {
            "old_tillagg_cost": diff.old_cost,
            "new_tillagg_cost": diff.new_cost,
            "tillagg_cost_delta": diff.cost_delta,
            **_effects(diff.effects),
        },
        "decision": diff.decision.value,
    }
