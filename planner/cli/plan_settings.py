"""`planner plan reading`: the plan's earned-tillägg reading (R6), a logged plan setting."""

from __future__ import annotations

import click

from planner.cli import account
from planner.cli.common import Context, plan_options
from planner.cli.phasing import open_plan, plan_name
from planner.followup.reading import Reading
from planner.i18n import _
from planner.times import local_time


@click.command(name="reading")
@click.argument("value", required=False, type=click.Choice([r.value for r in Reading]))
@click.option("--reason", default="", help="Why (kept in the plan settings log).")
@plan_options
@click.pass_obj
def plan_reading(
    ctx: Context, value: str | None, reason: str, hospital: str | None, year: int | None
) -> None:
    """Show or set how tillägg is earned: phased (R6, default) or bas-first.

    phased: a line earns tillägg above its bas phased to date; bas-first: only beyond its
    whole bas ("per utförd prestation upp till fastställd volym"). Both end the year equal.
    """
    from db.audit_trail import Actor, check_reason
    from db.plan_settings import READING, load_reading, set_reading, setting_history

    db, plan = open_plan(ctx, hospital, year)
    if value is None:
        reading = load_reading(db, plan.plan_id)
        click.echo(
            _("{plan}: earned tillägg reading {text}").format(
                plan=plan_name(plan), text=reading.text
            )
        )
        for e in setting_history(db, plan.plan_id, READING):
            why = f"  «{e.reason}»" if e.reason else ""
            click.echo(f"{local_time(e.at)}  {e.user}  {e.old} → {e.new}  [{e.source}]{why}")
        return
    actor = Actor(account.current_user(), "cli", check_reason(reason))
    old, new = set_reading(db, plan.plan_id, value, actor)
    status = _("unchanged") if old == new else _("saved")
    click.echo(
        _("{plan}: earned tillägg reading {value} → {value2} [{status}]").format(
            plan=plan_name(plan), value=old.value, value2=new.value, status=status
        )
    )
