"""A plan as a screen opens it: the plan and the volumes its changed cells are marked against."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from db.decisions import decision_snapshot
from db.errors import StorageError
from db.plan_settings import BASELINE, DECISION, load_plan_setting
from db.plans import load_plan
from db.snapshots import latest_snapshot, load_snapshot
from planner.model import Plan, Volumes
from planner.prices import line_cost

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class PlanView:
    """The plan, and the latest snapshot's volumes and tillägg cost per line (else the plan's
    own, as opened)."""

    plan: Plan
    baseline: dict[str, Volumes]
    snapshot_id: int | None
    problem: str = ""
    baseline_costs: dict[str, int] = field(default_factory=dict)

    @property
    def baseline_cost(self) -> int:
        """The baseline's tillägg cost: what rule R7 measures the changes since it against."""
        return sum(self.baseline_costs.values())


def load_plan_view(
    db: Database, hospital_code: str, year: int, scenario: str | None = None
) -> PlanView:
    """The plan and its baseline; a snapshot that fails its checks is named, not used.

    The baseline is the latest snapshot, or the decision snapshot when the plan's Δ baseline
    setting says so (and it has one).
    """
    plan = load_plan(db, hospital_code, year, scenario)
    latest = latest_snapshot(db, plan.plan_id)
    if load_plan_setting(db, plan.plan_id, BASELINE) == DECISION:
        latest = decision_snapshot(db, plan.plan_id) or latest
    base, problem = plan, ""
    if latest is not None:
        try:
            base = load_snapshot(db, latest.id)[1]
        except StorageError as exc:
            problem = str(exc)
    return PlanView(
        plan,
        {line.key: line.volumes for line in base.lines},
        latest.id if latest else None,
        problem,
        {line.key: line_cost(line, base.prices) for line in base.lines},
    )
