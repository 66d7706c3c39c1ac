"""Scenarios in storage: making one as a copy, listing them, applying one to its plan.

The plan's lines as they were when a scenario was made come from the chain (the plan's volume
entries written before the scenario's own plan entry), so nothing extra is stored for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.audit_trail import Actor
from db.connection import write_transaction
from db.edits import restore_line
from db.errors import Invalid
from db.plans import PlanInfo, find_hospital, insert_plan, list_plans, load_plan, plan_exists
from db.snapshots import create_snapshot
from planner.i18n import _
from planner.model import Plan, PriceClass, Volumes
from planner.scenario import (
    ApplyPreview,
    LineValues,
    ScenarioNameError,
    check_scenario_name,
    preview_apply,
    reference,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

PlanRef = tuple[str, int] | tuple[str, int, str | None]


def create_scenario(
    db: Database, code: str, year: int, name: str, actor: Actor, copy_from: PlanRef | None = None
) -> Plan:
    """Add scenario `name` of the plan CODE YEAR, its lines copied from that plan (or from
    `copy_from`, another plan or scenario); the plan itself is not touched."""
    try:
        check_scenario_name(name)
    except ScenarioNameError as exc:
        raise Invalid(str(exc)) from exc
    hospital = find_hospital(db, code)
    with write_transaction(db):
        base = load_plan(db, hospital.code, year)
        source = load_plan(db, *copy_from) if copy_from else base
        if plan_exists(db, hospital.code, year, name):
            raise Invalid(
                _(
                    "{plan} {year} already has a scenario {quoted}; choose another name, or open"
                    " it with --scenario {name}. Nothing was created."
                ).format(plan=hospital.short_name, year=year, quoted=repr(name), name=name)
            )
        insert_plan(
            db,
            hospital.code,
            year,
            {line.key: line.volumes for line in source.lines},
            actor,
            {line.key: line.price_class.value for line in source.lines},
            (name, base.plan_id),
        )
        return load_plan(db, hospital.code, year, name)


def list_scenarios(db: Database) -> list[PlanInfo]:
    return [info for info in list_plans(db) if info.scenario is not None]


def made_from(db: Database, scenario: Plan, base: Plan) -> dict[str, LineValues]:
    """The base plan's lines as the chain says they were just before the scenario was made,
    or as this scenario's last apply left them (so its lines can be applied again)."""
    row = db.execute(
        "SELECT min(id) FROM audit_log WHERE tbl = 'plans' AND plan_id = ?", [scenario.plan_id]
    ).fetchone()
    made_at = row[0] if row and row[0] is not None else 0
    applied = f"scenario {reference(scenario.hospital.code, scenario.year, scenario.scenario)}"
    suffix = f" ({applied})"
    values: dict[str, dict[str, Any]] = {}
    for key, field, new in db.execute(
        "SELECT line_key, field, new FROM audit_log WHERE tbl = 'volumes' AND plan_id = ?"
        " AND (id < ? OR reason = ? OR substr(reason, -?) = ?) ORDER BY id",
        [base.plan_id, made_at, applied, len(suffix), suffix],
    ):
        values.setdefault(key, {})[field] = new
    return {key: _values(row) for key, row in values.items() if None not in _fields(row)}


_FIELDS = ("uppdrag", "bas", "tillagg", "price_class")


def _fields(row: dict[str, Any]) -> list[Any]:
    return [row.get(name) for name in _FIELDS]


def _values(row: dict[str, Any]) -> LineValues:
    volumes = Volumes(int(row["uppdrag"]), int(row["bas"]), int(row["tillagg"]))
    return volumes, PriceClass(row["price_class"])


@dataclass(frozen=True)
class Applied:
    """What `apply_scenario` did: its preview and the snapshot taken before (None: nothing
    was written, a dry run or no difference)."""

    preview: ApplyPreview
    snapshot_id: int | None
    name: str


def apply_scenario(
    db: Database, code: str, year: int, name: str, actor: Actor, *, dry_run: bool = False
) -> Applied:
    """Bring the scenario's differences into its plan in one transaction, after a snapshot of
    the plan; lines the plan changed since the scenario was made are refused (left as they
    are) and named in the preview."""
    hospital = find_hospital(db, code)
    with write_transaction(db):
        plan = load_plan(db, hospital.code, year)
        scenario = load_plan(db, hospital.code, year, name)
        preview = preview_apply(plan, scenario, made_from(db, scenario, plan))
        shown = reference(hospital.code, year, name)
        if dry_run or not preview.changes:
            return Applied(preview, None, shown)
        note = f"scenario {shown} applied: {len(preview.changes)} line(s)"
        snapshot = create_snapshot(db, plan, f"before scenario {shown}", note, actor.user)
        applying = Actor(actor.user, actor.source, actor.reason, f"scenario {shown}")
        for change in preview.changes:
            line = plan.line(change.key)
            restore_line(
                db,
                plan.plan_id,
                line.key,
                change.new,
                PriceClass(change.new_class),
                applying,
                line.version,
            )
    return Applied(preview, snapshot.id, shown)
