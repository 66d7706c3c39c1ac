"""Performed units per line and month: reading, one-value writes and whole-file imports.

A month without a row is "not reported". Every change is an entry of the hash chain (table
outcomes, field `performed`, old and new value, None for not reported), in the write's
transaction; `planner log` shows it as `performed:M`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from db import clock
from db.audit_trail import Actor, check_reason
from db.chain import record_change
from db.connection import write_transaction
from db.errors import StorageError
from planner.i18n import _
from planner.numbers import format_number

if TYPE_CHECKING:
    from sqlite_utils import Database

Cell = tuple[str, int]
"""A (line key, month) pair."""


class OutcomeConflict(StorageError):
    """Someone else changed the month since it was read; carries the value as it is now."""

    def __init__(self, key: str, month: int, current: int | None) -> None:
        now = _("not reported") if current is None else format_number(current)
        super().__init__(
            _(
                "{key} month {month} was changed by someone else: it is now {now};"
                " nothing was saved"
            ).format(key=key, month=month, now=now)
        )
        self.current = current


_UNREAD = object()


def load_outcomes(db: Database, pid: int) -> dict[str, dict[int, int]]:
    """Every reported figure of a plan: line key → month → performed."""
    result: dict[str, dict[int, int]] = {}
    for key, month, performed in db.execute(
        "SELECT line_key, month, performed FROM outcomes WHERE plan_id = ?", [pid]
    ):
        result.setdefault(key, {})[month] = performed
    return result


def _current(db: Database, pid: int, key: str, month: int) -> int | None:
    row = db.execute(
        "SELECT performed FROM outcomes WHERE plan_id = ? AND line_key = ? AND month = ?",
        [pid, key, month],
    ).fetchone()
    return None if row is None else int(row[0])


def _store(
    db: Database,
    pid: int,
    key: str,
    month: int,
    old: int | None,
    value: int | None,
    actor: Actor,
    at: str | None = None,
) -> None:
    """Write one month (None: delete it) and chain the change."""
    record_change(
        db,
        "outcomes",
        {"plan_id": pid, "line_key": key, "month": month},
        None if old is None else {"performed": old},
        None if value is None else {"performed": value},
        actor,
        at,
    )
    if value is None:
        db.execute(
            "DELETE FROM outcomes WHERE plan_id = ? AND line_key = ? AND month = ?",
            [pid, key, month],
        )
        return
    db.execute(
        "INSERT INTO outcomes (plan_id, line_key, month, performed) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (plan_id, line_key, month)"
        " DO UPDATE SET performed = excluded.performed, version = version + 1",
        [pid, key, month, value],
    )


def set_outcome(
    db: Database,
    pid: int,
    key: str,
    month: int,
    value: int | None,
    actor: Actor,
    expected: object = _UNREAD,
) -> tuple[int | None, int | None]:
    """Set (or with None clear) one month of one line; returns (old, new).

    With `expected` (the value the caller saw, None for not reported) a different current
    value raises OutcomeConflict: compare-and-set on the value itself, so a clear and
    re-entry in between is noticed too.
    """
    with write_transaction(db):
        old = _current(db, pid, key, month)
        if expected is not _UNREAD and old != expected:
            raise OutcomeConflict(key, month, old)
        if old != value:
            _store(db, pid, key, month, old, value, actor)
    return old, value


@dataclass(frozen=True)
class SetBy:
    """Who last set a stored month, and through what (`tui`, `cli`, `import`)."""

    user: str
    source: str


@dataclass(frozen=True)
class ImportResult:
    changed: int
    unchanged: int
    typed_by_others: dict[str, int] = field(default_factory=dict)
    """Per user: replaced values typed (not imported) by someone else since the last import."""
    replaced: dict[Cell, int | None] = field(default_factory=dict)
    """Each changed month's value before (None: not reported), for an undo."""


def setters(db: Database, pid: int) -> dict[Cell, SetBy]:
    """Who made the newest audit entry of each (line, month) of the plan's outcomes."""
    found: dict[Cell, SetBy] = {}
    for key, month, user, source in db.execute(
        "SELECT line_key, json_extract(row_key, '$.month'), user, source FROM audit_log"
        " WHERE plan_id = ? AND tbl = 'outcomes' ORDER BY id",
        [pid],
    ):
        found[(key, int(month))] = SetBy(user, source)
    return found


def typed_by_others(
    replaced: Mapping[Cell, int | None], set_by: Mapping[Cell, SetBy], importer: str
) -> dict[str, int]:
    """Per user, the replaced values another user typed after the last import of that month."""
    counts: dict[str, int] = {}
    for cell, old in replaced.items():
        who = set_by.get(cell)
        if old is not None and who and who.source != "import" and who.user != importer:
            counts[who.user] = counts.get(who.user, 0) + 1
    return counts


def changes(
    current: Mapping[str, Mapping[int, int]], values: Mapping[Cell, int]
) -> dict[Cell, int | None]:
    """The cells whose new value differs, mapped to their old value (None: not reported)."""
    diff: dict[Cell, int | None] = {}
    for (key, month), value in values.items():
        old = current.get(key, {}).get(month)
        if old != value:
            diff[(key, month)] = old
    return diff


def import_outcomes(
    db: Database, pid: int, values: Mapping[Cell, int], actor: Actor, describe: str
) -> ImportResult:
    """Write a validated file's values in one transaction; cells not in it keep their values.

    Each changed cell gets an audit entry whose reason is `describe` (the file name and its
    sha256) with the number of values changed.
    """
    check_reason(actor.reason)
    with write_transaction(db):
        diff = changes(load_outcomes(db, pid), values)
        others = typed_by_others(diff, setters(db, pid), actor.user)
        if diff:
            note = f"{describe}; {len(diff)} values changed"
            entry_actor = Actor(actor.user, actor.source, actor.reason, note)
            at = clock.now_iso()
            for (key, month), old in diff.items():
                _store(db, pid, key, month, old, values[(key, month)], entry_actor, at)
    return ImportResult(len(diff), len(values) - len(diff), others, diff)


def restore_outcomes(
    db: Database,
    pid: int,
    values: Mapping[Cell, int | None],
    expected: Mapping[Cell, int | None],
    actor: Actor,
) -> int:
    """Put months back (undo of a pasted block; None: not reported) in one transaction.

    Every month must still hold its `expected` value, else OutcomeConflict and nothing is
    written. Returns how many months changed.
    """
    with write_transaction(db):
        current = load_outcomes(db, pid)
        for (key, month), value in expected.items():
            now = current.get(key, {}).get(month)
            if now != value:
                raise OutcomeConflict(key, month, now)
        at = clock.now_iso()
        changed = 0
        for (key, month), value in values.items():
            old = current.get(key, {}).get(month)
            if old != value:
                _store(db, pid, key, month, old, value, actor, at)
                changed += 1
    return changed
