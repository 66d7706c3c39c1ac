"""Evidence of changes made outside planner: schema objects, the audit chain, the chained
tables against the chain's replay, snapshots, R1.

Each check returns one line per finding; a part whose table is missing is skipped, since the
missing table is itself reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.chain import chain_state_problems
from db.schema_objects import schema_problems
from planner.i18n import _
from planner.integrity import (
    AUDIT_FIELDS,
    GENESIS,
    ROW_FIELDS,
    Untrusted,
    chain_problem,
    require_r1,
    verified_document,
)
from planner.model import Volumes
from planner.numbers import whole_number

if TYPE_CHECKING:
    from sqlite_utils import Database


def _columns(db: Database, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def audit_chain_problems(db: Database) -> list[str]:
    """The first entry where the hash chain breaks (changed, inserted or removed entries)."""
    if "hash" not in _columns(db, "audit_log"):
        return []
    columns = [name for name in (*AUDIT_FIELDS, *ROW_FIELDS) if name in _columns(db, "audit_log")]
    cursor = db.execute(f"SELECT {', '.join(columns)}, hash FROM audit_log ORDER BY id")
    names = [*columns, "hash"]
    entries = (dict(zip(names, row, strict=True)) for row in cursor)
    problem = chain_problem(entries)
    return [problem] if problem else []


def _head_state(db: Database, head_id: int, head: str) -> str | None:
    """None if audit entry `head_id` still carries `head`, else "missing" or "changed".

    Head 0 is the empty log's (GENESIS), which every later log still starts from.
    """
    if head_id == 0:
        return None if head == GENESIS else "changed"
    row = db.execute("SELECT hash FROM audit_log WHERE id = ?", [head_id]).fetchone()
    if row is not None and row[0] == head:
        return None
    return "missing" if row is None else "changed"


def _anchor_problem(db: Database, record: dict) -> str | None:
    """A snapshot records the audit head it saw; that entry must still be there, unchanged."""
    head_id = record["audit_head_id"]
    state = _head_state(db, head_id, record["audit_head"]) if head_id else None
    if state is None:
        return None
    return _(
        "snapshot {record} was taken after audit entry {head_id}, which is now"
        " {state}: the audit log was cut or rewritten"
    ).format(record=record["id"], head_id=head_id, state=state)


def noted_head_problems(db: Database, noted: str) -> list[str]:
    """An audit head noted earlier ("ID:HASH" as `planner check` prints it) must still hold."""
    if "hash" not in _columns(db, "audit_log"):
        return [_("this database has no audit chain yet; open it with planner once to add it")]
    head_id, _sep, head = noted.partition(":")
    if whole_number(head_id, 0, 2**63 - 1) is None or len(head) != 64:
        return [
            _(
                "{noted!r} is not an audit head; give it as ID:HASH, as `planner check` prints it"
            ).format(noted=noted)
        ]
    state = _head_state(db, int(head_id), head.lower())
    if state is None:
        return []
    return [
        _("audit entry {head_id} noted as the head is now {state}: the log was rewritten").format(
            head_id=head_id, state=state
        )
    ]


def snapshot_problems(db: Database) -> list[str]:
    """Every snapshot: content sha256, record hash, a plan that keeps R1, and its audit anchor."""
    if "record_sha256" not in _columns(db, "snapshots"):
        return []
    audit = "hash" in _columns(db, "audit_log")
    problems = []
    for record in db.query("SELECT * FROM snapshots ORDER BY id"):
        try:
            verified_document(record)
        except Untrusted as exc:
            problems.append(_("snapshot {record}: {exc}").format(record=record["id"], exc=exc))
        anchor = _anchor_problem(db, record) if audit else None
        if anchor:
            problems.append(anchor)
    return problems


def volume_problems(db: Database) -> list[str]:
    """R1 on every stored line (a row written with CHECK constraints switched off)."""
    if not _columns(db, "volumes"):
        return []
    rows = db.execute(
        "SELECT coalesce(p.hospital || ' ' || p.year, 'plan ' || v.plan_id), v.line_key,"
        " v.uppdrag, v.bas, v.tillagg FROM volumes v LEFT JOIN plans p ON p.id = v.plan_id"
        " ORDER BY v.plan_id, v.rowid"
    )
    problems = []
    for plan, key, uppdrag, bas, tillagg in rows:
        try:
            where = _("volumes of {plan} line {key}").format(plan=plan, key=repr(key))
            require_r1(where, Volumes(uppdrag, bas, tillagg))
        except Untrusted as exc:
            problems.append(str(exc))
    return problems


def tamper_problems(db: Database) -> list[str]:
    """Everything `planner check` looks at beyond SQLite's own integrity and foreign keys."""
    problems = schema_problems(db)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "audit_log" in tables:
        broken = audit_chain_problems(db)
        problems += broken
        if not broken and "tbl" in _columns(db, "audit_log"):
            problems += chain_state_problems(db)  # a broken chain says nothing to replay
    if "snapshots" in tables:
        problems += snapshot_problems(db)
    return problems + volume_problems(db)
