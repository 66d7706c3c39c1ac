"""The decided table of a plan as an ordinary immutable snapshot, labelled with its decision.

`planner init` takes it for each seeded plan whose decision reference is in seeds/decisions.csv
while the plan still holds the seeded volumes; `import-table` takes it when it creates a plan.
It is marked by its fixed note (DECISION_NOTE), so hashes and `planner check` cover it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.plans import load_plan, plan_exists
from db.snapshots import create_snapshot, list_snapshots
from planner.model import Plan
from planner.snapshot import DECISION_NOTE, SnapshotInfo

if TYPE_CHECKING:
    from sqlite_utils import Database


def seeded_decisions() -> dict[tuple[str, int], str]:
    """The decision reference of each seeded plan, e.g. ("NU", 2026) → "Beslut OSN … § 294"."""
    import csv  # read only when seeding: kept off the start-up path
    from importlib import resources

    text = resources.files("seeds").joinpath("decisions.csv").read_text(encoding="utf-8")
    return {
        (row["hospital"], int(row["year"])): row["decision"]
        for row in csv.DictReader(text.splitlines())
    }


def decision_snapshot(db: Database, plan_id: int) -> SnapshotInfo | None:
    """The plan's decision snapshot (the first if ever more), or None."""
    return next((s for s in list_snapshots(db, plan_id) if s.is_decision), None)


def take_decision_snapshot(db: Database, plan: Plan, label: str, author: str) -> SnapshotInfo:
    """Freeze the plan as decided, through the one snapshot service."""
    return create_snapshot(db, plan, label, DECISION_NOTE, author)


def seed_decision_snapshots(db: Database, author: str) -> list[SnapshotInfo]:
    """A decision snapshot for every seeded plan that lacks one and still holds its seed."""
    from db.seed import seeded_plans  # the seed's data loads only when seeding, not at start-up

    taken = []
    volumes = seeded_plans()
    for (code, year), label in seeded_decisions().items():
        if not plan_exists(db, code, year):
            continue
        plan = load_plan(db, code, year)
        if decision_snapshot(db, plan.plan_id) is not None:
            continue
        seeded = volumes.get((code, year), {})
        if any(seeded.get(line.key) != line.volumes for line in plan.lines):
            continue
        taken.append(take_decision_snapshot(db, plan, label, author))
    return taken
