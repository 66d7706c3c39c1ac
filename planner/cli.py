"""The `planner` command: the composition root wiring the database, the domain and the UI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner import __version__
from planner.cli_common import (
    DEFAULT_HOSPITAL,
    DEFAULT_YEAR,
    Context,
    PlannerGroup,
    chosen,
    current_user,
    default_db_path,
    fail,
    plan_options,
)
from planner.cli_reviews import log, review
from planner.cli_snapshots import diff, export, snapshot
from planner.exports import render
from planner.model import Field, PriceClass
from planner.numbers import format_number, format_signed, parse_volume
from planner.pricing import line_cost
from planner.rules import describe_change

if TYPE_CHECKING:
    from screens.app import PlannerApp


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


def make_app(
    db_path: Path | None, hospital: str, year: int, review_since: int | None = None
) -> PlannerApp:
    """The one way to build the app: open the database, load the plan, hand both to the UI.

    With `review_since`, the app opens on the reviewer's review since that snapshot (of the
    snapshot's own plan), resuming an unfinished one.
    """
    from db.plans import list_plans, load_plan
    from db.reviews import start_or_resume
    from screens.app import PlannerApp
    from screens.session import Session

    db = Context(db_path, hospital, year).open()
    user = current_user()
    review = None
    if review_since is not None:
        review = start_or_resume(db, review_since, user)
        plan = next(p for p in list_plans(db) if p.plan_id == review.plan_id)
        hospital, year = plan.hospital.code, plan.year
    return PlannerApp(Session(db, user), load_plan(db, hospital, year), review)


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
    lines = db["lines"].count
    click.echo(f"database ready at {path} ({lines} lines; plans: {plans})")


@main.command()
@plan_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "csv", "json"]),
    default="text",
    show_default=True,
)
@click.pass_obj
def report(ctx: Context, hospital: str | None, year: int | None, fmt: str) -> None:
    """Print the plan grouped by area and category, with subtotals and the tillägg cost."""
    from db.plans import load_plan

    plan = load_plan(ctx.open(), *chosen(ctx, hospital, year))
    click.echo(render(plan, fmt), nl=False)


@main.command()
@plan_options
@click.pass_obj
def lines(ctx: Context, hospital: str | None, year: int | None) -> None:
    """List every line with its key, for `planner set`."""
    from db.plans import load_plan

    plan = load_plan(ctx.open(), *chosen(ctx, hospital, year))
    width = max(len(line.key) for line in plan.lines)
    for line in plan.lines:
        click.echo(f"{line.key:<{width}}  {line.area} / {line.category} / {line.name}")


@main.command(name="set")
@click.argument("key")
@click.argument("field", type=click.Choice([*(f.value for f in Field), "price_class"]))
@click.argument("value")
@click.option("--reason", default="", help="Why the volume changes (kept in the audit log).")
@plan_options
@click.pass_obj
def set_volume(
    ctx: Context,
    key: str,
    field: str,
    value: str,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Set FIELD (uppdrag, bas, tillagg or price_class) of line KEY to VALUE.

    Volumes follow the editing rules (uppdrag keeps bas, bas keeps uppdrag, tillägg keeps
    bas); price_class is visit, treatment or endoscopy.
    """
    from db.edits import edit_line
    from db.plans import Actor, load_line, load_plan, write_price_class

    if field == "price_class" and value not in {cls.value for cls in PriceClass}:
        fail(f"{value!r} is not a price class; use visit, treatment or endoscopy")
    number = None if field == "price_class" else parse_volume(value)
    db = ctx.open()
    plan = load_plan(db, *chosen(ctx, hospital, year))
    if key not in plan.by_key:
        fail(f"no line {key!r} in {plan.hospital.code} {plan.year}; `planner lines` lists the keys")
    actor = Actor(current_user(), "cli", reason)
    if number is None:
        before = after = load_line(db, plan.plan_id, key)
        if PriceClass(value) != before.price_class:
            after = write_price_class(db, plan.plan_id, before, PriceClass(value), actor)
    else:
        result = edit_line(db, plan.plan_id, key, Field(field), number, actor)
        before, after = result.before, result.after
    cost_before, cost_after = line_cost(before, plan.prices), line_cost(after, plan.prices)
    status = "unchanged" if after.version == before.version else "saved"
    click.echo(
        f"{key}: {describe_change(before, after, unchanged=True)};"
        f" tilläggskostnad {format_number(cost_after)} kr"
        f" ({format_signed(cost_after - cost_before)} kr) [{status}]"
    )


@main.group()
def plan() -> None:
    """Create and list plans (one per hospital and year)."""


@plan.command(name="list")
@click.pass_obj
def plan_list(ctx: Context) -> None:
    """Show the plans in the database."""
    from db.plans import list_plans, load_plan
    from planner.pricing import plan_totals

    db = ctx.open()
    for info in list_plans(db):
        totals = plan_totals(load_plan(db, info.hospital.code, info.year))
        click.echo(
            f"{info.hospital.code:<5} {info.year}  {info.hospital.name:<34}"
            f" uppdrag {format_number(totals.uppdrag):>9}"
            f"  tilläggskostnad {format_number(totals.cost):>13} kr"
        )


def parse_plan_ref(text: str) -> tuple[str, int]:
    code, _, year = text.partition("/")
    if not code or not year.isdigit():
        raise click.BadParameter(f"{text!r} is not CODE/YYYY, e.g. NU/2026")
    return code, int(year)


@plan.command(name="create")
@click.option("--hospital", required=True, help="Hospital code.")
@click.option("--year", required=True, type=int, help="Plan year.")
@click.option("--copy-from", help="Copy volumes from an existing plan, CODE/YYYY.")
@click.pass_obj
def plan_create(ctx: Context, hospital: str, year: int, copy_from: str | None) -> None:
    """Add a plan with every line at zero, or copied from another plan."""
    from db.plans import create_plan

    source = parse_plan_ref(copy_from) if copy_from else None
    created = create_plan(ctx.open(), hospital, year, source)
    how = f"copied from {copy_from}" if copy_from else "all lines at zero"
    click.echo(f"created plan {created.hospital.code} {year} ({len(created.lines)} lines, {how})")


@main.command(name="check")
@click.option("--quick", is_flag=True, help="quick_check instead of the full integrity_check.")
@click.pass_obj
def check_command(ctx: Context, quick: bool) -> None:
    """Check the database file: integrity and foreign keys."""
    from db.maintenance import check

    problems = check(ctx.open(), thorough=not quick)
    for problem in problems:
        click.echo(f"problem: {problem}")
    if problems:
        fail(f"{len(problems)} problem(s) found; restore from a backup (`planner backup`)")
    click.echo(f"{ctx.db_path or default_db_path()}: ok (integrity and foreign keys)")


@main.command(name="backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup_command(ctx: Context, target: Path) -> None:
    """Write a consistent copy of the database to TARGET (safe while others edit)."""
    from db.maintenance import backup

    backup(ctx.open(), target)
    click.echo(f"backup written to {target}")


main.add_command(snapshot)
main.add_command(export)
main.add_command(diff)
main.add_command(review)
main.add_command(log)

if __name__ == "__main__":
    main(prog_name=os.path.basename(sys.argv[0]))
