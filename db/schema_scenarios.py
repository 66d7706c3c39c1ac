"""Schema step m016_scenarios: the plans table rebuilt to hold scenarios beside the plans."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

_SLUG = " AND ".join(
    f"scenario NOT GLOB '{pattern}'" for pattern in ("*[^a-z0-9-]*", "-*", "*-", "*--*")
)


def rebuild_plans_for_scenarios(db: Database) -> None:
    """The plans table is rebuilt (SQLite cannot drop a UNIQUE constraint) with ids kept, so every
    reference stays; the one unique key is over (hospital, year, scenario), NULL counting as the
    plan itself. The caller runs the steps with foreign keys off and checks them at the end.
    """
    for statement in (
        f"""CREATE TABLE plans_rebuilt (
            id INTEGER PRIMARY KEY,
            hospital TEXT NOT NULL REFERENCES hospitals(code),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            created_at TEXT NOT NULL,
            scenario TEXT CHECK (scenario IS NULL OR
                (length(scenario) BETWEEN 1 AND 40 AND {_SLUG})),
            base_plan_id INTEGER REFERENCES plans(id),
            CHECK ((scenario IS NULL) = (base_plan_id IS NULL))
        ) STRICT""",
        "INSERT INTO plans_rebuilt (id, hospital, year, created_at)"
        " SELECT id, hospital, year, created_at FROM plans ORDER BY id",
        "DROP TABLE plans",
        "ALTER TABLE plans_rebuilt RENAME TO plans",
        "CREATE UNIQUE INDEX plans_reference ON plans (hospital, year, ifnull(scenario, ''))",
    ):
        db.execute(statement)
