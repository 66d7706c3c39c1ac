"""A plan as a screen opens it: the plan and the volumes its changed cells are marked against."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db.plans import load_plan
from db.snapshots import latest_snapshot, load_snapshot
from planner.model import Plan, Volumes


@dataclass(frozen=True)
class PlanView:
    """The plan, and the latest snapshot's volumes (else the plan's own, as opened)."""

    plan: Plan
    baseline: dict[str, Volumes]
    snapshot_id: int | None


def load_plan_view(db: Database, hospital_code: str, year: int) -> PlanView:
    plan = load_plan(db, hospital_code, year)
    latest = latest_snapshot(db, plan.plan_id)
    base = load_snapshot(db, latest.id)[1] if latest else plan
    return PlanView(
        plan, {line.key: line.volumes for line in base.lines}, latest.id if latest else None
    )
