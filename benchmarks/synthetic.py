"""Build benchmark databases: the seeded plan plus a synthetic plan with many lines, every
volume in the hash chain as planner writes it."""

from __future__ import annotations

import random
from pathlib import Path

from db.audit_trail import Actor
from db.chain import record_change
from db.connection import write_transaction
from db.plans import create_plan
from db.setup import open_database


def synthetic_db(path: Path, lines: int, hospital: str = "SU", year: int = 2026) -> None:
    """Seeded database plus `lines` extra catalogue lines and a plan (hospital, year) over all."""
    db = open_database(path, create=True)
    rng = random.Random(42)
    classes = ["visit", "treatment", "endoscopy"]
    start = db["lines"].count + 1
    with write_transaction(db):
        db.table("lines").insert_all(
            {
                "key": f"somatik/synthetic-{i // 100}/line-{i}",
                "position": start + i,
                "area": "Somatik",
                "category": f"Synthetic {i // 100}",
                "name": f"Line {i}",
                "price_class": classes[i % 3],
            }
            for i in range(lines)
        )
    actor = Actor("bench", "cli")
    create_plan(db, hospital, year, actor)
    with write_transaction(db):
        rows = db.execute(
            "SELECT line_key, uppdrag, bas, tillagg, price_class FROM volumes WHERE plan_id = 2"
        ).fetchall()
        for key, *old in rows:
            bas, tillagg = rng.randint(0, 5000), rng.randint(0, 5000)
            db.execute(
                "UPDATE volumes SET uppdrag = ?, bas = ?, tillagg = ?"
                " WHERE plan_id = 2 AND line_key = ?",
                [bas + tillagg, bas, tillagg, key],
            )
            values = dict(zip(("uppdrag", "bas", "tillagg", "price_class"), old, strict=True))
            new = {**values, "uppdrag": bas + tillagg, "bas": bas, "tillagg": tillagg}
            record_change(db, "volumes", {"plan_id": 2, "line_key": key}, values, new, actor)
    db.conn.close()
