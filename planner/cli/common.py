"""What every planner command shares: database choice, plan options, one-line errors."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click
import platformdirs
from sqlite_utils import Database

from planner.files import WriteError
from planner.numbers import NumberError
from planner.rules import EditRefused

DEFAULT_HOSPITAL = "NU"
DEFAULT_YEAR = 2026


def default_db_path() -> Path:
    return platformdirs.user_data_path("planner") / "planner.db"


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@dataclass
class Context:
    """What every command shares: where the database is and which plan is meant."""

    db_path: Path | None
    hospital: str
    year: int

    def open(self, *, create: bool = False) -> Database:
        """Open the chosen database; only the default one is created on first use."""
        from db.setup import open_database

        path = self.db_path or default_db_path()
        return open_database(path, create=create or self.db_path is None)


class PlannerGroup(click.Group):
    """Turns every expected failure into one `error:` line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from db.errors import StorageError

        try:
            return super().invoke(ctx)
        except (StorageError, EditRefused, NumberError, WriteError) as exc:
            fail(str(exc))
        except sqlite3.Error as exc:
            fail(f"database error: {exc}")


def plan_options(func: Any) -> Any:
    """--hospital and --year on a subcommand, overriding the global ones."""
    func = click.option("--year", type=int, help="Plan year (default 2026).")(func)
    return click.option("--hospital", help="Hospital code: SU, NU, SKAS, SAS, SV.")(func)


def chosen(ctx: Context, hospital: str | None, year: int | None) -> tuple[str, int]:
    return hospital or ctx.hospital, year or ctx.year
