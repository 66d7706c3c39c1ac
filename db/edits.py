"""One edit of one line: read, apply rule R2, write with its audit entries, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db.audit_trail import Actor
from db.connection import write_transaction
from db.errors import Conflict
from db.plans import load_line, write_volumes
from planner.model import Field, PlanLine
from planner.rules import apply_edit


@dataclass(frozen=True)
class EditResult:
    before: PlanLine
    after: PlanLine

    @property
    def changed(self) -> bool:
        return self.before.volumes != self.after.volumes


def edit_line(
    db: Database,
    pid: int,
    key: str,
    which: Field,
    value: int,
    actor: Actor,
    expected_version: int | None = None,
) -> EditResult:
    """Set one field of a line by R2; with `expected_version`, a newer line is a Conflict."""
    with write_transaction(db):
        current = load_line(db, pid, key)
        if expected_version is not None and current.version != expected_version:
            raise Conflict(current)
        new = apply_edit(current.volumes, which, value)
        if new == current.volumes:
            return EditResult(current, current)
        return EditResult(current, write_volumes(db, pid, current, new, actor))
