"""Applying a checked volume table: a new plan, or audited edits to an existing one.

An existing plan is snapshotted ("before import of FILE") and every changed line goes through
the one edit path in one transaction with it, so `planner review --since` that snapshot works
and a killed import leaves neither the snapshot nor any edit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.connection import write_transaction
from db.decisions import take_decision_snapshot
from db.edits import restore_line
from db.errors import Invalid, NotFound
from db.input_files import MAX_BYTES, read_input_file
from db.plans import find_hospital, insert_plan, load_plan, load_prices, plan_exists
from db.snapshots import create_snapshot
from planner.diff import PlanDiff, compare
from planner.i18n import N_, _
from planner.model import ZERO, Plan, PlanLine, PriceClass
from planner.readers.decision_table import TableResult, check_table
from planner.readers.table_rows import RawRow
from planner.snapshot import MAX_LABEL
from planner.text import check_user_text

if TYPE_CHECKING:
    from sqlite_utils import Database

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
    """The file's bytes: a regular file of at most MAX_BYTES (db.input_files reads it)."""
    return read_input_file(path, MAX_BYTES)


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
    scenario: str | None = None,
) -> ImportPreview:
    """Check the table against the plan (or the catalogue, for a new plan; a scenario must
    exist) or the scenario; write nothing."""
    hospital = find_hospital(db, hospital_code)
    created = scenario is None and not plan_exists(db, hospital.code, year)
    old = (
        _empty_plan(db, hospital.code, year)
        if created
        else load_plan(db, hospital.code, year, scenario)
    )
    result = check_table(
        rows, old.lines, allow_missing=allow_missing, accept_total_mismatch=accept_total_mismatch
    )
    lines = tuple(
        replace(line, volumes=result.volumes.get(line.key, line.volumes)) for line in old.lines
    )
    new = replace(old, lines=lines)
    return ImportPreview(source, sha256, result, old, new, compare(old, new), created)


def decision_label(source: str, decision: str | None = None) -> str:
    """The label of a created plan's decision snapshot: as given (never cut: a label longer
    than MAX_LABEL is refused, see check_decision_label), else "Beslut (import FILE)"."""
    given = (decision or "").strip()
    return given if given else f"Beslut (import {source[:150]})"


def check_decision_label(decision: str | None) -> None:
    """Refuse a --decision label breaking the label rules before anything is read or written."""
    try:
        check_user_text(N_("the decision label"), (decision or "").strip(), MAX_LABEL)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc


def apply_import(
    db: Database, preview: ImportPreview, user: str, decision: str | None = None
) -> int | None:
    """Write the previewed import; the id of the snapshot taken (None: nothing taken).

    A created plan is frozen at once as its decision snapshot, labelled `decision`; an
    existing plan is snapshotted before the changed lines are written.
    """
    if not preview.result.ok:
        raise Invalid(
            _("the table has {errors} error(s); nothing was imported").format(
                errors=len(preview.result.errors)
            )
        )
    plan = preview.old_plan
    reason = f"import of {preview.source} (sha256 {preview.sha256})"
    actor = Actor(user, "import", note=reason)
    if preview.created:
        with write_transaction(db):
            if plan_exists(db, plan.hospital.code, plan.year):
                raise NotFound(
                    _("a plan for {short_name} {year} already exists").format(
                        short_name=plan.hospital.short_name, year=plan.year
                    )
                )
            insert_plan(db, plan.hospital.code, plan.year, preview.result.volumes, actor)
            created = load_plan(db, plan.hospital.code, plan.year)
            label = decision_label(preview.source, decision)
            return take_decision_snapshot(db, created, label, user).id
    if not preview.diff.changes:
        return None
    with write_transaction(db):
        label = f"before import of {preview.source[:150]}"
        snapshot = create_snapshot(db, plan, label, reason, user)
        for change in preview.diff.changes:
            line = plan.line(change.key)
            restore_line(
                db, plan.plan_id, line.key, change.new, line.price_class, actor, line.version
            )
    return snapshot.id
