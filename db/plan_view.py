"""A plan as a screen opens it: the plan and the volumes its changed cells are marked against."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db.errors import StorageError
from db.plans import load_plan
from db.snapshots import latest_snapshot, load_snapshot
from planner.model import Plan, Volumes
from planner.pricing import plan_totals


@dataclass(frozen=True)
class PlanView:
    """The plan, and the latest snapshot's volumes and tillägg cost (else the plan's own, as
    opened)."""

    plan: Plan
    baseline: dict[str, Volumes]
    snapshot_id: int | None
    problem: str = ""
    baseline_cost: int = 0


def load_plan_view(db: Database, hospital_code: str, year: int) -> PlanView:
    """The plan and its baseline; a snapshot that fails its checks is named, not used."""
    plan = load_plan(db, hospital_code, year)
    latest = latest_snapshot(db, plan.plan_id)
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
        plan_totals(base).cost,
    )
