"""Reading the append-only audit log, and adding a reason to an edit after the fact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.audit_trail import Actor, append_entry, check_reason
from db.connection import write_transaction
from db.errors import Invalid, NotFound
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    plan: str
    line_key: str
    field: str
    old: Any
    new: Any
    reason: str
    source: str


# The edits people read: line changes (volumes, price class, outcomes, notes) and reasons;
# not the seed, the checkpoint, plan creation or entries of other chained tables.
_EDITS = (
    "a.source NOT IN ('seed', 'checkpoint') AND (a.tbl IS NULL OR a.tbl IN ('outcomes',"
    " 'line_notes') OR (a.tbl = 'volumes' AND a.old IS NOT NULL))"
)
# An outcome's field is shown with its month, as `performed:3`.
_FIELD = (
    "CASE WHEN a.tbl = 'outcomes' THEN a.field || ':' || json_extract(a.row_key, '$.month')"
    " ELSE a.field END"
)


def query_log(
    db: Database,
    line_key: str | None = None,
    since: str | None = None,
    plan_id: int | None = None,
) -> list[AuditEntry]:
    """Line edits oldest first, optionally for one line, one plan, or from a date/time on."""
    where: list[str] = [_EDITS]
    params: list[str | int] = []
    if line_key:
        where.append("a.line_key = ?")
        params.append(line_key)
    if since:
        where.append("a.at >= ?")
        params.append(since)
    if plan_id is not None:
        where.append("a.plan_id = ?")
        params.append(plan_id)
    sql = (
        "SELECT a.id, a.at, a.user,"
        " p.hospital || ' ' || p.year || ifnull('/' || p.scenario, '') AS plan, a.line_key,"
        f" {_FIELD} AS field, a.old, a.new, a.reason, a.source"
        f" FROM audit_log a JOIN plans p ON p.id = a.plan_id WHERE {' AND '.join(where)}"
        " ORDER BY a.id"
    )
    return [AuditEntry(**row) for row in db.query(sql, params)]


def add_reason(
    db: Database,
    plan_id: int,
    line_key: str,
    actor: Actor,
    values: Mapping[str, Any] | None = None,
) -> list[AuditEntry]:
    """Append a `reason` entry (actor.reason) for the actor's last edit of the line in this
    plan, the one that gave `values` if given; returns that edit's entries. The log is never
    changed: the reason entry names the edit it explains by its first entry's id (as `old`)."""
    reason = actor.reason
    if not reason.strip():
        raise Invalid(_("the reason is empty"))
    check_reason(reason)
    with write_transaction(db):
        mine = [
            entry
            for entry in reversed(query_log(db, line_key, plan_id=plan_id))
            if entry.user == actor.user and entry.field != "reason"
        ]
        if not mine:
            raise NotFound(
                _("{line_key} has no edit of yours to give a reason for").format(line_key=line_key)
            )
        wanted = values or {}
        edit = next((e for e in mine if e.field in wanted and wanted[e.field] == e.new), mine[0])
        same = [
            e for e in mine if (e.at, e.source, e.reason) == (edit.at, edit.source, edit.reason)
        ]
        entries = sorted(same, key=lambda e: e.id)
        append_entry(db, plan_id, line_key, "reason", entries[0].id, None, actor)
    return entries


def line_names(db: Database) -> dict[str, str]:
    """Line key → "Area / Category / Name": how the log names a line to people."""
    return {
        str(key): f"{area} / {category} / {name}"
        for key, area, category, name in db.execute("SELECT key, area, category, name FROM lines")
    }
