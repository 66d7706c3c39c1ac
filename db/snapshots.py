"""Storing and reading immutable plan snapshots, each sealed by a hash over its whole record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db import clock
from db.audit_trail import audit_head
from db.connection import write_transaction
from db.errors import Invalid, NotFound, StorageError
from db.plans import find_hospital, load_plan
from planner.i18n import _
from planner.integrity import Untrusted, snapshot_record_hash, verified_document
from planner.model import Plan
from planner.snapshot import (
    MAX_LABEL,
    MAX_NOTE,
    SnapshotInfo,
    canonical_json,
    plan_from_document,
    sha256_hex,
)
from planner.text import check_user_text

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = "id, plan_id, label, note, author, created_at, sha256"


def _info(row: dict[str, Any]) -> SnapshotInfo:
    return SnapshotInfo(**{k: row[k] for k in _COLUMNS.split(", ")})


def create_snapshot(db: Database, plan: Plan, label: str, note: str, author: str) -> SnapshotInfo:
    """Freeze the plan as it is in the database now (not as some screen last saw it)."""
    if not label.strip():
        raise Invalid(_("a snapshot needs a label"))
    try:
        check_user_text(_("the label"), label, MAX_LABEL)
        check_user_text(_("the note"), note, MAX_NOTE, multiline=True)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc
    with write_transaction(db):
        current = load_plan(db, *plan.ref)
        content = canonical_json(current)
        next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM snapshots").fetchone()[0]
        head_id, head = audit_head(db)
        record = {
            "id": next_id,
            "plan_id": current.plan_id,
            "label": label,
            "note": note,
            "author": author,
            "created_at": clock.now_iso(),
            "sha256": sha256_hex(content),
            "content": content,
            "audit_head_id": head_id,
            "audit_head": head,
        }
        record["record_sha256"] = snapshot_record_hash(record)
        db.execute(
            f"INSERT INTO snapshots ({', '.join(record)}) VALUES ({', '.join('?' * len(record))})",
            list(record.values()),
        )
    return get_info(db, next_id)


def get_info(db: Database, snapshot_id: int) -> SnapshotInfo:
    rows = list(db.query(f"SELECT {_COLUMNS} FROM snapshots WHERE id = ?", [snapshot_id]))
    if not rows:
        raise NotFound(
            _("no snapshot {snapshot_id}; `planner snapshot list` shows them").format(
                snapshot_id=snapshot_id
            )
        )
    return _info(rows[0])


def list_snapshots(db: Database, plan_id: int | None = None) -> list[SnapshotInfo]:
    where, params = ("WHERE plan_id = ?", [plan_id]) if plan_id is not None else ("", [])
    sql = f"SELECT {_COLUMNS} FROM snapshots {where} ORDER BY id"
    cursor = db.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [_info(dict(zip(keys, row, strict=True))) for row in cursor]


def latest_snapshot(db: Database, plan_id: int) -> SnapshotInfo | None:
    found = list_snapshots(db, plan_id)
    return found[-1] if found else None


def load_snapshot(db: Database, snapshot_id: int) -> tuple[SnapshotInfo, Plan]:
    """The snapshot and the plan frozen in it, as a Plan with its prices.

    A snapshot whose hashes do not match, or whose content is not a plan that keeps R1, is
    refused: comparisons, exports and reviews never work on a tampered version.
    """
    info = get_info(db, snapshot_id)
    record = next(db.query("SELECT * FROM snapshots WHERE id = ?", [snapshot_id]))
    try:
        doc = verified_document(record)
    except Untrusted as exc:
        raise StorageError(
            _(
                "snapshot {snapshot_id} cannot be trusted: {exc}; it was changed"
                " outside planner. Run `planner check` and restore the database from a"
                " backup"
            ).format(snapshot_id=snapshot_id, exc=exc)
        ) from exc
    hospital = find_hospital(db, doc["hospital"]["code"])
    plan = plan_from_document(doc, hospital.short_name)
    return info, Plan(hospital, plan.year, plan.prices, plan.lines, info.plan_id)
