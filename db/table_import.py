"""Applying a checked volume table: a new plan, or audited edits to an existing one.

An existing plan is snapshotted first ("before import of FILE"), then every changed line goes
through the one edit path in one transaction, so `planner review --since` that snapshot works.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from db.audit_trail import Actor
from db.connection import write_transaction
from db.decisions import take_decision_snapshot
from db.edits import restore_line
from db.errors import Invalid, NotFound
from db.plans import find_hospital, insert_plan, load_plan, load_prices, plan_exists
from db.snapshots import create_snapshot
from planner.decision_table import TableResult, check_table
from planner.diff import PlanDiff, compare
from planner.model import ZERO, Plan, PlanLine, PriceClass
from planner.snapshot import MAX_LABEL
from planner.table_rows import RawRow

MAX_BYTES = 5 * 1024 * 1024
_CATALOGUE_SQL = "SELECT key, area, category, name, price_class FROM lines ORDER BY position"


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: the checked table, the plan before and after, their diff."""

    source: str
    sha256: str
    result: TableResult
    old_plan: Plan
    new_plan: Plan
    diff: PlanDiff
    created: bool


def read_table_file(path: Path) -> bytes:
    """The file's bytes, refused by its size before reading when above MAX_BYTES."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Invalid(
                f"{path} is {size:,} bytes; a table file may be at most {MAX_BYTES:,} bytes"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror}") from exc
    if len(data) > MAX_BYTES:
        raise Invalid(f"{path} grew above {MAX_BYTES:,} bytes while it was read")
    return data


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _empty_plan(db: Database, hospital_code: str, year: int) -> Plan:
    hospital = find_hospital(db, hospital_code)
    prices = load_prices(db, hospital, year)
    lines = tuple(
        PlanLine(key, area, category, name, PriceClass(cls), ZERO)
        for key, area, category, name, cls in db.execute(_CATALOGUE_SQL).fetchall()
    )
    return Plan(hospital, year, prices, lines)


def preview_import(
    db: Database,
    hospital_code: str,
    year: int,
    rows: list[RawRow],
    source: str,
    sha256: str,
    *,
    allow_missing: bool = False,
    accept_total_mismatch: bool = False,
) -> ImportPreview:
    """Check the table against the plan (or the catalogue, for a new plan); write nothing."""
    hospital = find_hospital(db, hospital_code)
    created = not plan_exists(db, hospital.code, year)
    old = _empty_plan(db, hospital.code, year) if created else load_plan(db, hospital.code, year)
    result = check_table(
        rows, old.lines, allow_missing=allow_missing, accept_total_mismatch=accept_total_mismatch
    )
    lines = tuple(
        replace(line, volumes=result.volumes.get(line.key, line.volumes)) for line in old.lines
    )
    new = replace(old, lines=lines)
    return ImportPreview(source, sha256, result, old, new, compare(old, new), created)


def decision_label(source: str, decision: str | None = None) -> str:
    """The label of a created plan's decision snapshot: as given, else "Beslut (import FILE)"."""
    given = (decision or "").strip()
    return given[:MAX_LABEL] if given else f"Beslut (import {source[:150]})"


def apply_import(
    db: Database, preview: ImportPreview, user: str, decision: str | None = None
) -> int | None:
    """Write the previewed import; the id of the snapshot taken (None: nothing taken).

    A created plan is frozen at once as its decision snapshot, labelled `decision`; an
    existing plan is snapshotted before the changed lines are written.
    """
    if not preview.result.ok:
        raise Invalid(f"the table has {len(preview.result.errors)} error(s); nothing was imported")
    plan = preview.old_plan
    if preview.created:
        with write_transaction(db):
            if plan_exists(db, plan.hospital.code, plan.year):
                raise NotFound(f"a plan for {plan.hospital.short_name} {plan.year} already exists")
            insert_plan(db, plan.hospital.code, plan.year, preview.result.volumes)
            created = load_plan(db, plan.hospital.code, plan.year)
            label = decision_label(preview.source, decision)
            return take_decision_snapshot(db, created, label, user).id
    if not preview.diff.changes:
        return None
    reason = f"import of {preview.source} (sha256 {preview.sha256})"
    snapshot = create_snapshot(db, plan, f"before import of {preview.source[:150]}", reason, user)
    actor = Actor(user, "import", reason)
    with write_transaction(db):
        for change in preview.diff.changes:
            line = plan.line(change.key)
            restore_line(
                db, plan.plan_id, line.key, change.new, line.price_class, actor, line.version
            )
    return snapshot.id
