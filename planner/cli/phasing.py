"""The plan's phasing: 12 month weights whose cumulative share phases the plan to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from planner.cli import account
from planner.cli.common import Context, WholeNumber, chosen_plan, fail, plan_options
from planner.display import month_labels, percent
from planner.followup.phasing import MAX_WEIGHT, PhasingError, cumulative_share
from planner.i18n import N_, _
from planner.model import Plan
from planner.text import escape_control
from planner.times import local_time

if TYPE_CHECKING:
    from sqlite_utils import Database


def open_plan(
    ctx: Context, hospital: str | None, year: int | None, *, read_only: bool = False
) -> tuple[Database, Plan]:
    """The chosen database and plan; every plan command starts here."""
    from db.plans import load_plan

    db = ctx.read() if read_only else ctx.open()
    return db, load_plan(db, *chosen_plan(ctx, hospital, year))


def plan_name(plan: Plan) -> str:
    """ "NU 2026": how write commands name the plan they changed."""
    return plan.label


@click.group()
def phasing() -> None:
    """The plan's 12 month weights: plan to date is uppdrag times their cumulative share."""


@phasing.command(name="show")
@plan_options
@click.pass_obj
def phasing_show(ctx: Context, hospital: str | None, year: int | None) -> None:
    """Print the weights, the cumulative share per month and every change."""
    from db.phasing import load_phasing, phasing_history

    db, plan = open_plan(ctx, hospital, year)
    weights = load_phasing(db, plan.plan_id)
    click.echo(_("{plan}: phasing").format(plan=plan_name(plan)))
    for m, label in enumerate(month_labels(), start=1):
        share = percent(100 * cumulative_share(weights, m))
        click.echo(f"  {label}  {weights[m - 1]:>7}  {share:>7}")
    for e in phasing_history(db, plan.plan_id):
        why = f"  «{escape_control(e.reason)}»" if e.reason else ""
        old, new = " ".join(map(str, e.old)), " ".join(map(str, e.new))
        user = escape_control(e.user)
        click.echo(f"{local_time(e.at)}  {user}  {old} → {new}  [{e.source}]{why}")


@phasing.command(name="set")
@click.argument(
    "weights", nargs=-1, type=WholeNumber(N_("a month weight"), -MAX_WEIGHT, MAX_WEIGHT)
)
@click.option("--reason", default="", help="Why, e.g. working days (kept in the phasing log).")
@plan_options
@click.pass_obj
def phasing_set(
    ctx: Context, weights: tuple[int, ...], reason: str, hospital: str | None, year: int | None
) -> None:
    """Set the 12 month weights W1 … W12 (positive whole numbers; all 1 is even)."""
    from db.audit_trail import Actor
    from db.phasing import set_phasing

    db, plan = open_plan(ctx, hospital, year)
    try:
        old, new = set_phasing(
            db, plan.plan_id, weights, Actor(account.current_user(), "cli", reason)
        )
    except PhasingError as exc:
        fail(f"{plan_name(plan)}: {exc}")
    status = _("unchanged") if old == new else _("saved")
    click.echo(
        _("{plan}: phasing {weights} [{status}]").format(
            plan=plan_name(plan), weights=" ".join(map(str, new)), status=status
        )
    )
