"""The `planner` entry point: global options, the app itself, `init`, and every command group."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from planner import __version__
from planner.cli.app_factory import make_app
from planner.cli.common import (
    DEFAULT_HOSPITAL,
    DEFAULT_YEAR,
    Context,
    PlannerGroup,
    chosen,
    default_db_path,
    plan_options,
)
from planner.cli.maintenance import backup_command, check_command
from planner.cli.plans import lines, plan, report, set_volume
from planner.cli.prices import prices
from planner.cli.region import region
from planner.cli.reviews import log, review
from planner.cli.snapshots import diff, export, snapshot


@click.group(cls=PlannerGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="PLANNER_DB",
    help="Database file (default: the user data folder; env PLANNER_DB).",
)
@click.option("--hospital", default=DEFAULT_HOSPITAL, show_default=True, help="Hospital code.")
@click.option("--year", default=DEFAULT_YEAR, show_default=True, type=int, help="Plan year.")
@click.version_option(__version__, prog_name="planner")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, hospital: str, year: int) -> None:
    """Plan commissioned care volumes: bas, tillägg and the tillägg cost."""
    ctx.obj = Context(db_path, hospital, year)
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@main.command()
@plan_options
@click.pass_obj
def tui(ctx: Context, hospital: str | None, year: int | None) -> None:
    """Open the plan in the terminal app (also what `planner` alone does)."""
    make_app(ctx.db_path, *chosen(ctx, hospital, year)).run()


@main.command()
@click.pass_obj
def init(ctx: Context) -> None:
    """Create the database and seed it (safe to run again: existing volumes stay)."""
    from db.plans import list_plans
    from db.setup import open_database

    path = ctx.db_path or default_db_path()
    db = open_database(path, create=True, reseed=True)
    plans = ", ".join(f"{p.hospital.code} {p.year}" for p in list_plans(db))
    lines_count = db["lines"].count
    click.echo(f"database ready at {path} ({lines_count} lines; plans: {plans})")


for command in (report, lines, set_volume, plan, check_command, backup_command):
    main.add_command(command)
for command in (snapshot, export, diff, review, log, prices, region):
    main.add_command(command)


def run() -> None:
    """Console-script entry point."""
    main(prog_name=os.path.basename(sys.argv[0]))
