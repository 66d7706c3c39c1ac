"""Following the year: outcomes in (import, set, clear), the follow-up and the settlement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli import account, completion
from planner.cli.common import Context, WholeNumber, fail, plan_options
from planner.cli.phasing import open_plan, phasing, plan_name
from planner.display import month_name
from planner.followup.performance import follow_up, reporting_month
from planner.i18n import N_, _
from planner.keys import unknown_key_message
from planner.model import Plan
from planner.numbers import format_number, parse_volume
from planner.readers.outcome_import import Cell, ImportInvalid, month_of, parse_outcomes
from planner.text import escape_control, first_problems

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMATS = ["text", "md", "csv", "json", "xlsx"]


def _month(text: str, plan: Plan) -> int:
    month = month_of(text, plan.year)
    if month is None:
        fail(_("{text!r} is not a month; use 1..12 or a name such as april").format(text=text))
    return month


def _key(plan: Plan, key: str) -> str:
    if key not in plan.by_key:
        fail(unknown_key_message(key, plan_name(plan), plan.by_key))
    return key


def _shown(value: int | None) -> str:
    return _("not reported") if value is None else format_number(value)


@click.group()
def outcomes() -> None:
    """Performed units per line and month: import a file, set or clear one month."""


@outcomes.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reason", default="", help="Why (kept in the audit log with the file's sha256).")
@click.option(
    "--dry-run", is_flag=True, help="Show what would change and who set it; write nothing."
)
@plan_options
@click.pass_obj
def outcomes_import(
    ctx: Context, file: Path, reason: str, dry_run: bool, hospital: str | None, year: int | None
) -> None:
    """Import FILE (CSV or XLSX, long or wide form); all or nothing."""
    from db.audit_trail import Actor
    from db.outcomes import import_outcomes
    from planner.cli.outcome_files import read_outcome_file

    db, plan = open_plan(ctx, hospital, year, read_only=dry_run)
    rows, digest = read_outcome_file(file)
    name = escape_control(file.name)
    try:
        values = parse_outcomes(rows, plan)
    except ImportInvalid as exc:
        for problem in first_problems([str(p) for p in exc.problems]):
            click.echo(f"  {name}: {problem}", err=True)
        fail(
            _("{plan}: {count} problem(s) in {file}; nothing was imported").format(
                plan=plan_name(plan), count=len(exc.problems), file=name
            )
        )
    actor = Actor(account.current_user(), "import", reason)
    if dry_run:
        _dry_run(db, plan, name, values, actor.user)
        return
    result = import_outcomes(db, plan.plan_id, values, actor, f"{name} sha256 {digest}")
    if result.changed == 0:
        click.echo(
            _("{plan}: {file} changes nothing ({unchanged} values already stored)").format(
                plan=plan_name(plan), file=name, unchanged=format_number(result.unchanged)
            )
        )
        return
    click.echo(
        _(
            "{plan}: imported {file} (sha256 {digest}…): {changed} values changed,"
            " {unchanged} unchanged{others}"
        ).format(
            plan=plan_name(plan),
            file=name,
            digest=digest[:12],
            changed=format_number(result.changed),
            unchanged=format_number(result.unchanged),
            others=_typed_by_others(result.typed_by_others),
        )
    )


def _typed_by_others(counts: dict[str, int]) -> str:
    """ "; 3 replaced values were typed by others since the last import (anna 2, bo 1)"."""
    if not counts:
        return ""
    who = ", ".join(f"{escape_control(user)} {n}" for user, n in sorted(counts.items()))
    return _("; {count} replaced values were typed by others since the last import ({who})").format(
        count=format_number(sum(counts.values())), who=who
    )


def _dry_run(db: Database, plan: Plan, name: str, values: dict[Cell, int], user: str) -> None:
    """What an import would change, old → new and who set the old value; writes nothing."""
    from db.outcomes import changes, load_outcomes, setters, typed_by_others

    diff = changes(load_outcomes(db, plan.plan_id), values)
    set_by = setters(db, plan.plan_id)
    click.echo(
        _("{plan}: {file} would change {count} values").format(
            plan=plan_name(plan), file=name, count=format_number(len(diff))
        )
    )
    for (key, month), old in sorted(diff.items()):
        who = set_by.get((key, month))
        by = (
            _(" (set by {user}, {source})").format(user=escape_control(who.user), source=who.source)
            if who and old is not None
            else ""
        )
        new = format_number(values[(key, month)])
        click.echo(f"  {key} {month_name(month)}: {_shown(old)} → {new}{by}")
    others = _typed_by_others(typed_by_others(diff, set_by, user)).removeprefix("; ")
    click.echo(_("dry run: nothing was written") + ("; " + others if others else ""))


def _write_one(
    ctx: Context,
    key: str,
    month_text: str,
    value: int | None,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    from db.audit_trail import Actor
    from db.outcomes import set_outcome

    db, plan = open_plan(ctx, hospital, year)
    month = _month(month_text, plan)
    actor = Actor(account.current_user(), "cli", reason)
    old, new = set_outcome(db, plan.plan_id, _key(plan, key), month, value, actor)
    status = _("unchanged") if old == new else _("saved")
    click.echo(
        f"{plan_name(plan)}: {key} {month_name(month)} {_shown(old)} → {_shown(new)} [{status}]"
    )


@outcomes.command(name="set")
@click.argument("key", shell_complete=completion.line_keys)
@click.argument("month")
@click.argument("value")
@click.option("--reason", default="", help="Why the figure changes (kept in the audit log).")
@plan_options
@click.pass_obj
def outcomes_set(
    ctx: Context,
    key: str,
    month: str,
    value: str,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Set line KEY's performed units in MONTH (1..12 or a name) to VALUE."""
    _write_one(ctx, key, month, parse_volume(value), reason, hospital, year)


@outcomes.command(name="clear")
@click.argument("key", shell_complete=completion.line_keys)
@click.argument("month")
@click.option("--reason", default="", help="Why the figure is withdrawn (kept in the audit log).")
@plan_options
@click.pass_obj
def outcomes_clear(
    ctx: Context, key: str, month: str, reason: str, hospital: str | None, year: int | None
) -> None:
    """Make line KEY's MONTH "not reported" again."""
    _write_one(ctx, key, month, None, reason, hospital, year)


def _followup_month(plan: Plan, reported: dict[str, dict[int, int]], month: str | None) -> int:
    if month is not None:
        return _month(month, plan)
    latest = reporting_month(reported)
    if latest is None:
        fail(
            _("{plan} has no outcomes yet; `planner outcomes import FILE` adds them").format(
                plan=plan_name(plan)
            )
        )
    return latest


@click.command()
@click.option("--month", help="Reporting month (default: the latest month with any figure).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--sep", type=click.Choice([",", ";"]), default=",", help="CSV separator.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@plan_options
@click.pass_obj
def followup(
    ctx: Context,
    month: str | None,
    fmt: str,
    sep: str,
    output: Path | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """Performed against the phased plan per line: fulfilment, earned tillägg, forecast."""
    from db.files import write_atomic
    from db.outcomes import load_outcomes
    from db.phasing import load_phasing
    from db.plan_settings import load_reading
    from planner.formats.followup_report import render_followup
    from planner.formats.followup_xlsx import render_followup_xlsx

    db, plan = open_plan(ctx, hospital, year)
    reported = load_outcomes(db, plan.plan_id)
    weights = load_phasing(db, plan.plan_id)
    m = _followup_month(plan, reported, month)
    result = follow_up(plan, reported, weights, m, load_reading(db, plan.plan_id))
    if fmt == "xlsx":
        if output is None:
            fail(_("xlsx needs --output FILE"))
        data = render_followup_xlsx(plan, result, weights)
    else:
        text = render_followup(plan, result, weights, fmt, sep)
        if output is None:
            click.echo(text, nl=False)
            return
        data = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    write_atomic(output, data)
    click.echo(
        _("{plan}: wrote {file} ({format}, follow-up to {month})").format(
            plan=plan_name(plan), file=output, format=fmt, month=month_name(result.month)
        )
    )


@click.command()
@click.option("--tertial", type=WholeNumber(N_("a tertial"), 1, 3), help="Only this tertial.")
@click.option("--month", help="Reporting month (default: the latest month with any figure).")
@click.option("--format", "fmt", type=click.Choice(FORMATS[:4]), default="text", show_default=True)
@click.option("--sep", type=click.Choice([",", ";"]), default=",", help="CSV separator.")
@plan_options
@click.pass_obj
def settlement(
    ctx: Context,
    tertial: int | None,
    month: str | None,
    fmt: str,
    sep: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Earned tillägg kronor per price class at April, August, December, and each payment."""
    from db.outcomes import load_outcomes
    from db.phasing import load_phasing
    from db.plan_settings import load_reading
    from planner.followup.settlement import settle
    from planner.formats.followup_report import render_settlement

    db, plan = open_plan(ctx, hospital, year)
    reported = load_outcomes(db, plan.plan_id)
    m = _followup_month(plan, reported, month)
    reading = load_reading(db, plan.plan_id)
    tertials = settle(plan, reported, load_phasing(db, plan.plan_id), m, reading)
    if tertial is not None:
        tertials = [tertials[tertial - 1]]
    click.echo(render_settlement(plan, tertials, m, fmt, sep, reading), nl=False)


COMMANDS = (outcomes, followup, settlement, phasing)
