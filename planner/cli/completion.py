"""Shell completion of what lives in the database: line keys, snapshot ids, plans, hospitals.

Completion reads the database chosen by `--db`/PLANNER_DB read-only and never creates it; any
problem (no database yet, a locked or foreign file) completes nothing instead of failing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
import platformdirs
from click.shell_completion import CompletionItem

from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _database(ctx: click.Context) -> Database | None:
    """The chosen database opened read-only, or None when there is none to read."""
    from db.setup import open_for_reading

    given = ctx.find_root().params.get("db_path") or os.environ.get("PLANNER_DB")
    path = Path(given) if given else platformdirs.user_data_path("planner") / "planner.db"
    if not path.is_file():
        return None
    return open_for_reading(path)


def _plan(ctx: click.Context) -> tuple[str, int]:
    """The plan the command line names so far (a subcommand's options over the global ones,
    which hold the defaults)."""
    hospital, year = "", 0
    for level in reversed(_chain(ctx)):
        hospital = level.params.get("hospital") or hospital
        year = level.params.get("year") or year
    return hospital, year


def _chain(ctx: click.Context) -> list[click.Context]:
    chain: list[click.Context] = []
    here: click.Context | None = ctx
    while here is not None:
        chain.append(here)
        here = here.parent
    return chain


def _reading(names: Callable[[Database, click.Context], list[tuple[str, str]]]) -> Completer:
    """A completer from a function listing (value, help) pairs; failures complete nothing."""

    def complete(ctx: click.Context, _: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            db = _database(ctx)
            if db is None:
                return []
            try:
                found = names(db, ctx)
            finally:
                db.conn.close()
        except Exception:  # completion must never print a traceback into the shell
            return []
        folded = incomplete.casefold()
        return [
            CompletionItem(value, help=text)
            for value, text in found
            if value.casefold().startswith(folded)
        ]

    return complete


def _line_keys(db: Database, ctx: click.Context) -> list[tuple[str, str]]:
    from db.plans import load_plan

    return [(line.key, line.name) for line in load_plan(db, *_plan(ctx)).lines]


def _snapshot_ids(db: Database, _ctx: click.Context) -> list[tuple[str, str]]:
    from db.snapshots import list_snapshots

    return [(str(s.id), s.label) for s in list_snapshots(db)]


def _plans(db: Database, _ctx: click.Context) -> list[tuple[str, str]]:
    from db.plans import list_plans
    from planner.scenario import reference

    return [
        (
            reference(*p.ref),
            _("scenario of {name}").format(name=p.hospital.name) if p.scenario else p.hospital.name,
        )
        for p in list_plans(db)
    ]


def _scenarios(db: Database, _ctx: click.Context) -> list[tuple[str, str]]:
    from db.scenarios import list_scenarios

    return [(str(p.scenario), f"{p.hospital.code} {p.year}") for p in list_scenarios(db)]


def _hospitals(db: Database, _ctx: click.Context) -> list[tuple[str, str]]:
    from db.plans import hospitals

    return [(h.code, h.name) for h in hospitals(db)]


def _versions(db: Database, ctx: click.Context) -> list[tuple[str, str]]:
    return [
        *_snapshot_ids(db, ctx),
        *_plans(db, ctx),
        ("live", _("the plan as it is now")),
        ("decision", _("the plan as decided")),
    ]


line_keys = _reading(_line_keys)
snapshot_ids = _reading(_snapshot_ids)
plans = _reading(_plans)
hospital_codes = _reading(_hospitals)
scenario_names = _reading(_scenarios)
versions = _reading(_versions)
