"""Notes on plan lines (what a number rests on): one per line, chained and logged like an edit.

A note is stored as typed (one line, no control characters, at most MAX_LINE_NOTE characters);
clearing it deletes the row. Every change is an entry of the hash chain, so `planner log`,
the line history and `planner check` see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.chain import record_change
from db.connection import write_transaction
from db.errors import Invalid, NotFound
from db.plans import load_line, load_notes
from planner.i18n import N_, _
from planner.text import MAX_LINE_NOTE, check_user_text

__all__ = ["check_note", "load_note", "load_notes", "note_changes", "set_note"]

if TYPE_CHECKING:
    from sqlite_utils import Database

    from planner.review import NoteChange


def check_note(text: str) -> str:
    """The note as it will be kept (outer spaces trimmed), or Invalid saying why not."""
    note = text.strip()
    if not note:
        raise Invalid(_("the note is empty; to remove a note, clear it (`--clear`)"))
    try:
        return check_user_text(N_("the note"), note, MAX_LINE_NOTE)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc


def load_note(db: Database, pid: int, key: str) -> str:
    """The line's note, or "" without one."""
    row = db.execute(
        "SELECT note FROM line_notes WHERE plan_id = ? AND line_key = ?", [pid, key]
    ).fetchone()
    return "" if row is None else str(row[0])


def set_note(db: Database, pid: int, key: str, text: str | None, actor: Actor) -> tuple[str, str]:
    """Keep `text` as the line's note (None: clear it); returns (old, new), "" for none.

    The same note again changes nothing and logs nothing.
    """
    new = "" if text is None else check_note(text)
    with write_transaction(db):
        load_line(db, pid, key)  # an unknown line is NotFound
        old = load_note(db, pid, key)
        if old == new:
            return old, new
        where = {"plan_id": pid, "line_key": key}
        record_change(
            db,
            "line_notes",
            where,
            {"note": old} if old else None,
            {"note": new} if new else None,
            actor,
        )
        if not new:
            db.execute("DELETE FROM line_notes WHERE plan_id = ? AND line_key = ?", [pid, key])
        else:
            db.execute(
                "INSERT INTO line_notes (plan_id, line_key, note) VALUES (?, ?, ?)"
                " ON CONFLICT (plan_id, line_key) DO UPDATE SET note = excluded.note,"
                " version = version + 1",
                [pid, key, new],
            )
    return old, new


def note_changes(db: Database, snapshot_id: int) -> list[NoteChange]:
    """The notes of the snapshot's plan that differ from when it was taken, in plan order.

    Read from the chained log after the snapshot's audit head, so a note written and then
    taken back again is no change.
    """
    from planner.review import NoteChange  # the review's types: off the plan screen's start-up

    row = db.execute(
        "SELECT plan_id, audit_head_id FROM snapshots WHERE id = ?", [snapshot_id]
    ).fetchone()
    if row is None:
        raise NotFound(
            _("no snapshot {id}; `planner snapshot list` shows them").format(id=snapshot_id)
        )
    pid, head = row
    first: dict[str, str] = {}
    last: dict[str, tuple[str, str, str]] = {}
    for key, old, new, user, at in db.execute(
        "SELECT line_key, old, new, user, at FROM audit_log"
        " WHERE tbl = 'line_notes' AND plan_id = ? AND id > ? ORDER BY id",
        [pid, head],
    ):
        first.setdefault(key, old or "")
        last[key] = (new or "", user, at)
    if not last:
        return []
    names = db.execute("SELECT key, area, category, name FROM lines ORDER BY position")
    return [
        NoteChange(key, area, category, name, first[key], *last[key])
        for key, area, category, name in names
        if key in last and first[key] != last[key][0]
    ]
