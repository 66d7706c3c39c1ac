"""The changes of a frame as people read them: bridge, items and actuals, from the hash chain.

The seeded figures (source "seed") are left out: they are the decision as shipped, not a change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from db.plans import find_hospital
from planner.frame import FrameChange

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
    """Every change of the provider's frame for the year, oldest first; adjustments and items
    named by their label as it was when changed (a removed one by its last label)."""
    hospital = find_hospital(db, code, any_provider=True)
    marks = ", ".join("?" for _ in KINDS)
    rows = db.execute(
        "SELECT at, user, tbl, row_key, field, old, new, reason, source FROM audit_log"
        f" WHERE tbl IN ({marks}) AND json_extract(row_key, '$.hospital') = ?"
        " AND json_extract(row_key, '$.year') = ? ORDER BY id",
        [*KINDS, hospital.code, year],
    ).fetchall()
    labels: dict[tuple[str, str], str] = {}
    changes = []
    for at, user, table, stored_key, field, old, new, reason, source in rows:
        kind, ref = KINDS[table], _ref(json.loads(stored_key))
        named = ("item" if kind == "actual" else kind, ref)
        if field == "label":
            labels[named] = new if new is not None else old
        if source == "seed":
            continue
        month = json.loads(stored_key).get("month")
        changes.append(
            FrameChange(
                at, user, kind, ref, labels.get(named, ""), month, field, old, new, reason, source
            )
        )
    return changes
