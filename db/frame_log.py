"""The changes of a frame as people read them: bridge, items and actuals, from the hash chain.

The seeded figures (source "seed") are left out: they are the decision as shipped, not a change.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from db.plans import find_hospital
from planner.decision.frame import FieldChange, FrameChange

if TYPE_CHECKING:
    from sqlite_utils import Database

KINDS = {
    "frames": "frame",
    "frame_adjustments": "adjustment",
    "frame_items": "item",
    "frame_item_actuals": "actual",
}


def _ref(key: dict[str, object]) -> str:
    for name in ("number", "key", "item_key"):
        if name in key:
            return str(key[name])
    return ""


def frame_history(db: Database, code: str, year: int) -> list[FrameChange]:
    """Every change of the provider's frame for the year, oldest first, one per row written
    (an adjustment added is its label and amount together); adjustments and items named by
    their label as it was when changed (a removed one by its last label)."""
    hospital = find_hospital(db, code, any_provider=True)
    marks = ", ".join("?" for _ in KINDS)
    rows = db.execute(
        "SELECT at, user, tbl, row_key, field, old, new, reason, source FROM audit_log"
        f" WHERE tbl IN ({marks}) AND json_extract(row_key, '$.hospital') = ?"
        " AND json_extract(row_key, '$.year') = ? ORDER BY id",
        [*KINDS, hospital.code, year],
    ).fetchall()
    labels: dict[tuple[str, str], str] = {}
    changes: list[FrameChange] = []
    last: tuple[object, ...] | None = None
    for at, user, table, stored_key, field, old, new, reason, source in rows:
        kind, key = KINDS[table], json.loads(stored_key)
        ref = _ref(key)
        named = ("item" if kind == "actual" else kind, ref)
        if field == "label":
            labels[named] = new if new is not None else old
        if source == "seed":
            continue
        one = FieldChange(field, old, new)
        edit = (at, user, table, stored_key, reason, source)
        if edit == last and all(f.field != field for f in changes[-1].fields):
            changes[-1] = replace(changes[-1], fields=(*changes[-1].fields, one))
            continue
        last = edit
        label = labels.get(named, "")
        changes.append(
            FrameChange(at, user, kind, ref, label, key.get("month"), (one,), reason, source)
        )
    return changes
