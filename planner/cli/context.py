"""Which database and plan a command or the app works on, without click.

Kept apart from `planner.cli.common` so that the app's path to its first frame (`make_app`)
does not load click, which the app itself never uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from sqlite_utils import Database


def default_db_path() -> Path:
    """The user's own database, used when neither --db nor PLANNER_DB names one."""
    return platformdirs.user_data_path("planner") / "planner.db"


@dataclass
class Context:
    """What every command shares: where the database is and which plan is meant."""

    db_path: Path | None
    hospital: str
    year: int
    hospital_given: bool = False
    year_given: bool = False
    scenario: str | None = None

    @property
    def path(self) -> Path:
        return self.db_path or default_db_path()

    def open(self, *, create: bool = False) -> Database:
        """Open the chosen database to write; only the default one is created on first use."""
        from db.setup import open_database

        first_use = self.db_path is None and not self.path.exists()
        db = open_database(self.path, create=create or self.db_path is None)
        if first_use:
            self.freeze_decisions(db)
        return db

    def read(self) -> Database:
        """Open the chosen database read-only (the default one is created on first use)."""
        from db.setup import open_for_reading

        if self.db_path is None and not self.path.exists():
            self.open().conn.close()
        return open_for_reading(self.path)

    @staticmethod
    def freeze_decisions(db: Database) -> None:
        """A newly made default database starts, like `planner init`, with decision snapshots."""
        from db.decisions import seed_decision_snapshots
        from planner.cli import account

        seed_decision_snapshots(db, account.current_user())
