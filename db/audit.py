"""Reading the append-only audit log, and adding a reason to an edit after the fact."""

from __future__ import annotations

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


# The edits people read: line changes (volumes, price class, outcomes) and reasons; not the
# seed, the checkpoint, plan creation or entries of other chained tables.
_EDITS = (
    "a.source NOT IN ('seed', 'checkpoint') AND (a.tbl IS NULL OR a.tbl = 'outcomes'"
    " OR (a.tbl = 'volumes' AND a.old IS NOT NULL))"
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
        "SELECT a.id, a.at, a.user, p.hospital || ' ' || p.year AS plan, a.line_key,"
        f" {_FIELD} AS field, a.old, a.new, a.reason, a.source"
        f" FROM audit_log a JOIN plans p ON p.id = a.plan_id WHERE {' AND '.join(where)}"
        " ORDER BY a.id"
    )
    return [AuditEntry(**row) for row in db.query(sql, params)]


def add_reason(db: Database, plan_id: int, line_key: str, actor: Actor) -> None:
    """Append a `reason` entry (actor.reason) for a line's last edit; the log is never changed."""
    reason = actor.reason
    if not reason.strip():
        raise Invalid(_("the reason is empty"))
    check_reason(reason)
    with write_transaction(db):
        last = db.execute(
            f"SELECT 1 FROM audit_log a WHERE a.plan_id = ? AND a.line_key = ? AND {_EDITS}"
            " LIMIT 1",
            [plan_id, line_key],
        ).fetchone()
        if last is None:
            raise NotFound(
                _("{line_key} has no edit to give a reason for").format(line_key=line_key)
            )
        append_entry(db, plan_id, line_key, "reason", None, None, actor)
