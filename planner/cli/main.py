"""The `planner` entry point: global options, the app itself, `init`, and every command group."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from planner import __version__
from planner.cli import completion
from planner.cli.app_factory import make_app
from planner.cli.common import (
    DEFAULT_HOSPITAL,
    DEFAULT_YEAR,
    YEAR,
    Context,
    PlannerGroup,
    chosen_plan,
    database_path,
    hospital_code,
    plan_options,
    scenario_name,
)
from planner.cli.decision import import_decision
from planner.cli.followup import COMMANDS as FOLLOWUP_COMMANDS
from planner.cli.frame import frame, payments
from planner.cli.import_table import import_table
from planner.cli.indicators import indicators
from planner.cli.language import lang_option
from planner.cli.maintenance import backup_command, check_command
from planner.cli.notes import note, notes
from planner.cli.places import places
from planner.cli.plan_settings import plan_reading
from planner.cli.plans import lines, plan, report, set_volume
from planner.cli.prices import prices
from planner.cli.region import region
from planner.cli.reviews import log, review
from planner.cli.scenarios import scenario
from planner.cli.serve import serve, web_user_name
from planner.cli.snapshots import diff, export, snapshot
from planner.i18n import _


@click.group(cls=PlannerGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    envvar="PLANNER_DB",
    callback=database_path,
    help="Database file (default: the user data folder; env PLANNER_DB).",
)
@click.option(
    "--hospital",
    default=DEFAULT_HOSPITAL,
    show_default=True,
    callback=hospital_code,
    shell_complete=completion.hospital_codes,
    help="Hospital code.",
)
@click.option("--year", default=DEFAULT_YEAR, show_default=True, type=YEAR, help="Plan year.")
@click.option(
    "--scenario",
    callback=scenario_name,
    shell_complete=completion.scenario_names,
    help="Work on this scenario of the plan (e.g. forslag-a) instead of the plan itself.",
)
@click.version_option(__version__, prog_name="planner")
@lang_option
@click.pass_context
def main(
    ctx: click.Context, db_path: Path | None, hospital: str, year: int, scenario: str | None
) -> None:
    """Plan commissioned care volumes: bas, tillägg and the tillägg cost."""
    given = {
        name: ctx.get_parameter_source(name) is not ParameterSource.DEFAULT
        for name in ("hospital", "year")
    }
    ctx.obj = Context(db_path, hospital, year, given["hospital"], given["year"], scenario)
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@main.command()
@plan_options
@click.option(
    "--files-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    hidden=True,
    help="The only folder the dialogs may read and write (set by `planner serve`).",
)
@click.option(
    "--web-user",
    callback=web_user_name,
    hidden=True,
    help="The web user a sign-on proxy signed in (set by `planner serve`).",
)
@click.pass_obj
def tui(
    ctx: Context,
    hospital: str | None,
    year: int | None,
    files_root: Path | None,
    web_user: str | None,
) -> None:
    """Open the plan in the terminal app (also what `planner` alone does)."""
    app = make_app(
        ctx.db_path, *chosen_plan(ctx, hospital, year), files_root=files_root, web_user=web_user
    )
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


@main.command()
@click.pass_obj
def init(ctx: Context) -> None:
    """Create the database and seed it (safe to run again: existing volumes stay).

    A seeded plan that still holds its decided table is frozen as its decision snapshot.
    """
    from db.decisions import seed_decision_snapshots
    from db.plans import list_plans
    from db.setup import open_database
    from planner.cli import account

    path = ctx.path
    db = open_database(path, create=True, reseed=True)
    taken = seed_decision_snapshots(db, account.current_user())
    plans = ", ".join(f"{p.hospital.code} {p.year}" for p in list_plans(db, scenarios=False))
    lines_count = db["lines"].count
    click.echo(
        _("database ready at {path} ({lines_count} lines; plans: {plans})").format(
            path=path, lines_count=lines_count, plans=plans
        )
    )
    for info in taken:
        click.echo(
            _("decision snapshot {id} «{label}» (the decided table)").format(
                id=info.id, label=info.label
            )
        )


plan.add_command(plan_reading)
for command in (report, lines, set_volume, plan, check_command, backup_command, import_table):
    main.add_command(command)
for command in (snapshot, export, diff, review, log, prices, region, serve, scenario):
    main.add_command(command)
for command in FOLLOWUP_COMMANDS:
    main.add_command(command)
for command in (indicators, places, import_decision, frame, payments):
    main.add_command(command)
for command in (note, notes):
    main.add_command(command)


def run() -> None:
    """Console-script entry point."""
    main(prog_name=os.path.basename(sys.argv[0]))
