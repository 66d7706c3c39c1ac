"""`planner frame` (the decision's frame, its bridge and items; adjustments and actuals) and
`planner payments` (what the region pays to a month end, rule R11)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli import account
from planner.cli.common import MAX_ID, Context, WholeNumber, chosen, fail, plan_options
from planner.formats.frame_log import LOG_FORMATS
from planner.formats.frame_report import FRAME_FORMATS
from planner.i18n import N_, _
from planner.numbers import format_number, format_signed
from planner.text import escape_control

if TYPE_CHECKING:
    from sqlite_utils import Database

    from planner.decision.frame import Frame

AMOUNT = WholeNumber(N_("an amount in tkr"), -(10**12), 10**12)
ACTUAL = WholeNumber(N_("an actual cost"), 0, 10**12)
INDEX = WholeNumber(N_("an adjustment number"), 1, MAX_ID)


def _open(
    ctx: Context, hospital: str | None, year: int | None, *, read_only: bool
) -> tuple[Database, Frame]:
    from db.frames import load_frame

    db = ctx.read() if read_only else ctx.open()
    return db, load_frame(db, *chosen(ctx, hospital, year))


def _write_or_echo(text: str | None, data: bytes | None, output: Path | None, what: str) -> None:
    from db.files import write_atomic

    if output is None:
        if data is not None:
            fail(_("xlsx needs --output FILE"))
        click.echo(text, nl=False)
        return
    write_atomic(output, data if data is not None else (text or "").encode("utf-8"))
    click.echo(_("wrote {path} ({what})").format(path=output, what=what))


@click.group(invoke_without_command=True)
@click.option(
    "--format", "fmt", type=click.Choice(FRAME_FORMATS), default="text", show_default=True
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@plan_options
@click.pass_context
def frame(
    click_ctx: click.Context, fmt: str, output: Path | None, hospital: str | None, year: int | None
) -> None:
    """The decision's frame: the bridge from last year, the items settled against outcome,
    the fixed part and the monthly instalment (tkr)."""
    if click_ctx.invoked_subcommand is not None:
        return
    from planner.formats.frame_report import render_frame
    from planner.formats.frame_xlsx import render_frame_xlsx

    _db, shown = _open(click_ctx.obj, hospital, year, read_only=True)
    if fmt == "xlsx":
        _write_or_echo(None, render_frame_xlsx(shown), output, "xlsx")
    else:
        _write_or_echo(render_frame(shown, fmt), None, output, fmt)


@frame.command(name="actual")
@click.argument("item")
@click.argument("tkr", type=ACTUAL, required=False)
@click.option("--month", type=WholeNumber(N_("a month"), 1, 12), required=True, help="Month 1..12.")
@click.option("--clear", is_flag=True, help="Withdraw the month's figure.")
@click.option("--reason", default="", help="Why (kept in the audit log).")
@plan_options
@click.pass_obj
def frame_actual(
    ctx: Context,
    item: str,
    tkr: int | None,
    month: int,
    clear: bool,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Enter ITEM's actual cost to date (tkr) at the end of --month; ITEM is its key or its
    number in the list."""
    from db.audit_trail import Actor, check_reason
    from db.frames import load_frame, set_item_actual
    from planner.decision.frame import actual_doubts

    if (tkr is None) == (not clear):
        fail(_("give the actual cost TKR, or --clear to withdraw the month's figure"))
    db = ctx.open()
    code, plan_year = chosen(ctx, hospital, year)
    actor = Actor(account.current_user(), "cli", check_reason(reason))
    found, old = set_item_actual(db, code, plan_year, item, month, tkr, actor)
    stored = load_frame(db, code, plan_year)
    before = _("not reported") if old is None else format_number(old)
    after = _("not reported") if tkr is None else format_number(tkr)
    click.echo(
        _("{name}: {label} [{key}] to the end of month {month}: {before} → {after}").format(
            name=stored.name,
            label=found.label,
            key=found.key,
            month=month,
            before=before,
            after=after,
        )
    )
    if tkr is not None:
        for doubt in actual_doubts(found, stored.actuals.get(found.key, {}), month):
            click.echo(_("warning: {doubt}").format(doubt=escape_control(doubt)), err=True)


@frame.command(name="log")
@click.option("--format", "fmt", type=click.Choice(LOG_FORMATS), default="text", show_default=True)
@plan_options
@click.pass_obj
def frame_log(ctx: Context, fmt: str, hospital: str | None, year: int | None) -> None:
    """Every change of the frame since the decision: adjustments added, changed or removed
    (with their reasons), items and actuals; times in local time."""
    from db.frame_log import frame_history
    from planner.formats.frame_log import render_frame_log

    db, shown = _open(ctx, hospital, year, read_only=True)
    changes = frame_history(db, shown.hospital.code, shown.year)
    click.echo(render_frame_log(shown.name, changes, fmt), nl=False)


@frame.group(name="adjust")
def frame_adjust() -> None:
    """Add, change or remove an adjustment of the bridge (each with a reason)."""


def _echo_frame(db: Database, ctx: Context, hospital: str | None, year: int | None) -> None:
    from db.frames import load_frame

    now = load_frame(db, *chosen(ctx, hospital, year))
    click.echo(
        _("{name}: the frame is now {tkr} tkr").format(name=now.name, tkr=format_number(now.total))
    )


@frame_adjust.command(name="add")
@click.argument("label")
@click.argument("tkr", type=AMOUNT)
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@plan_options
@click.pass_obj
def adjust_add(
    ctx: Context, label: str, tkr: int, reason: str, hospital: str | None, year: int | None
) -> None:
    """Add an adjustment LABEL of TKR (signed) at the end of the bridge."""
    from db.audit_trail import Actor
    from db.frames import add_adjustment

    db = ctx.open()
    actor = Actor(account.current_user(), "cli", reason)
    number = add_adjustment(db, *chosen(ctx, hospital, year), label, tkr, actor)
    click.echo(
        _("adjustment {number} added: {tkr} tkr").format(number=number, tkr=format_signed(tkr))
    )
    _echo_frame(db, ctx, hospital, year)


@frame_adjust.command(name="change")
@click.argument("number", type=INDEX)
@click.option("--label", help="The new label.")
@click.option("--tkr", type=AMOUNT, help="The new amount (signed).")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@plan_options
@click.pass_obj
def adjust_change(
    ctx: Context,
    number: int,
    label: str | None,
    tkr: int | None,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Change adjustment NUMBER (its number in `planner frame`)."""
    from db.audit_trail import Actor
    from db.frames import change_adjustment

    if label is None and tkr is None:
        fail(_("give --label, --tkr or both"))
    db = ctx.open()
    actor = Actor(account.current_user(), "cli", reason)
    old, new = change_adjustment(
        db, *chosen(ctx, hospital, year), number, actor, label=label, amount=tkr
    )
    assert new is not None
    click.echo(
        _("adjustment {number}: {old} → {new} tkr").format(
            number=number, old=format_signed(old.tkr), new=format_signed(new.tkr)
        )
    )
    _echo_frame(db, ctx, hospital, year)


@frame_adjust.command(name="remove")
@click.argument("number", type=INDEX)
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@plan_options
@click.pass_obj
def adjust_remove(
    ctx: Context, number: int, reason: str, hospital: str | None, year: int | None
) -> None:
    """Remove adjustment NUMBER from the bridge."""
    from db.audit_trail import Actor
    from db.frames import change_adjustment

    db = ctx.open()
    actor = Actor(account.current_user(), "cli", reason)
    old, _new = change_adjustment(db, *chosen(ctx, hospital, year), number, actor)
    click.echo(
        _("adjustment {number} removed ({tkr} tkr)").format(
            number=number, tkr=format_signed(old.tkr)
        )
    )
    _echo_frame(db, ctx, hospital, year)


@click.command()
@click.option(
    "--month",
    type=WholeNumber(N_("a month"), 1, 12),
    help="Month 1..12 (default: the latest reported, else 12).",
)
@click.option(
    "--format", "fmt", type=click.Choice(FRAME_FORMATS), default="text", show_default=True
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@plan_options
@click.pass_obj
def payments(
    ctx: Context,
    month: int | None,
    fmt: str,
    output: Path | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """What the region pays to the end of a month: frame paid, item adjustments at the latest
    tertial end, tillägg earned then (R6), the total; and the year as forecast."""
    from db.payments import load_payments
    from planner.formats.frame_report import render_payments
    from planner.formats.frame_xlsx import render_payments_xlsx

    db, shown = _open(ctx, hospital, year, read_only=True)
    if shown.unit != "tkr" or (shown.bridge is None and shown.printed_total is None):
        fail(
            _("{name} has compensation items in kronor, not a frame paid monthly").format(
                name=shown.name
            )
        )
    paid, whole = load_payments(db, shown, month)
    if fmt == "xlsx":
        _write_or_echo(None, render_payments_xlsx(shown.name, shown.total, paid), output, "xlsx")
    else:
        _write_or_echo(render_payments(shown.name, paid, whole, fmt), None, output, fmt)
