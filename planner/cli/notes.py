"""`planner note` and `planner notes`: what a line's number rests on, kept and logged."""

from __future__ import annotations

import click

from planner.cli import account, completion
from planner.cli.common import Context, fail, plan_options
from planner.cli.phasing import open_plan, plan_name
from planner.i18n import _
from planner.keys import unknown_key_message
from planner.text import escape_control


@click.command(name="note")
@click.argument("key", shell_complete=completion.line_keys)
@click.argument("text", required=False)
@click.option("--clear", is_flag=True, help="Remove the line's note.")
@click.option("--reason", default="", help="Why (kept in the audit log).")
@plan_options
@click.pass_obj
def note(
    ctx: Context,
    key: str,
    text: str | None,
    clear: bool,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Show, set (TEXT) or remove (--clear) the note on line KEY: what its number rests on.

    A note is one line of at most 500 characters; every change is kept in the log.
    """
    from db.audit_trail import Actor, check_reason
    from db.notes import load_note, set_note

    if clear and text is not None:
        fail(_("give a note or --clear, not both; nothing was changed"))
    read_only = text is None and not clear
    db, plan = open_plan(ctx, hospital, year, read_only=read_only)
    name = plan_name(plan)
    if key not in plan.by_key:
        fail(unknown_key_message(key, name, plan.by_key))
    if read_only:
        kept = load_note(db, plan.plan_id, key)
        shown = escape_control(kept) if kept else _("no note")
        click.echo(f"{name}: {key}: {shown}")
        return
    actor = Actor(account.current_user(), "cli", check_reason(reason))
    old, new = set_note(db, plan.plan_id, key, None if clear else text, actor)
    status = _("unchanged") if old == new else _("saved") if new else _("removed")
    shown = escape_control(new) if new else _("no note")
    click.echo(f"{name}: {key}: {shown} [{status}]")


@click.command(name="notes")
@plan_options
@click.pass_obj
def notes(ctx: Context, hospital: str | None, year: int | None) -> None:
    """List the plan's lines that have a note, in the plan's order, with the note."""
    from db.notes import load_notes

    db, plan = open_plan(ctx, hospital, year, read_only=True)
    kept = load_notes(db, plan.plan_id)
    if not kept:
        click.echo(
            _('{plan}: no line has a note (planner note KEY "TEXT" adds one)').format(
                plan=plan_name(plan)
            )
        )
        return
    width = max(len(key) for key in kept)
    for line in plan.lines:
        if line.key in kept:
            click.echo(f"{line.key:<{width}}  {escape_control(kept[line.key])}")
