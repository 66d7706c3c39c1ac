"""`planner indicators`: the decision's follow-up register, outcomes per period, and import."""

from __future__ import annotations

import re
from pathlib import Path

import click

from planner.cli import account
from planner.cli.common import YEAR, Context, chosen, fail, plan_options
from planner.decision.register import assess
from planner.decision.targets import shown_value
from planner.formats.register_report import REGISTER_FORMATS, status_text
from planner.i18n import N_, _, ngettext
from planner.text import escape_control

_DUE = re.compile(r"([0-9]{4})-([0-9]{2})")
VERDICTS = {"met": "met", "not-met": "not met", "none": ""}
OUTCOME_FIELDS = {"value": N_("value"), "note": N_("note"), "verdict": N_("verdict")}


def _due(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    match = _DUE.fullmatch(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        fail(
            _("--due {text} is not a month; write YYYY-MM, e.g. 2026-08 for the interim").format(
                text=repr(text)
            )
        )
    return int(match[1]), int(match[2])


@click.group(invoke_without_command=True)
@click.option("--due", help="Only what must be reported for this month (YYYY-MM).")
@click.option(
    "--format", "fmt", type=click.Choice(REGISTER_FORMATS), default="text", show_default=True
)
@click.option("--sep", type=click.Choice([",", ";"]), default=",", help="CSV separator.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@plan_options
@click.pass_context
def indicators(
    ctx: click.Context,
    due: str | None,
    fmt: str,
    sep: str,
    output: Path | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """The register: every indicator with its target and latest outcome, met or not."""
    if ctx.invoked_subcommand is not None:
        return
    from db.files import write_atomic
    from db.register import load_indicator_outcomes, load_register
    from planner.formats.register_report import register_lines, render_register
    from planner.formats.register_xlsx import render_register_xlsx

    obj: Context = ctx.obj
    code, plan_year = chosen(obj, hospital, year)
    when = _due(due)
    if when is not None and when[0] != plan_year:
        fail(
            _("--due {due} is outside {year}; add --year {other}").format(
                due=due, year=plan_year, other=when[0]
            )
        )
    db = obj.open()
    found = load_register(db, code, plan_year)
    if not found:
        fail(_("{code} has no indicator register for {year}").format(code=code, year=plan_year))
    lines = register_lines(found, load_indicator_outcomes(db, found), when)
    shown_due = None if when is None else f"{when[0]}-{when[1]:02d}"
    if fmt == "xlsx":
        if output is None:
            fail(_("xlsx needs --output FILE"))
        data = render_register_xlsx(code, plan_year, lines, shown_due)
    else:
        text = render_register(code, plan_year, lines, fmt, shown_due, sep)
        if output is None:
            click.echo(text, nl=False)
            return
        data = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    write_atomic(output, data)
    count = len(lines)
    click.echo(
        ngettext(
            "{code} {year}: wrote {output} ({fmt}, {count} indicator)",
            "{code} {year}: wrote {output} ({fmt}, {count} indicators)",
            count,
        ).format(code=code, year=plan_year, output=output, fmt=fmt, count=count)
    )


@indicators.command(name="set")
@click.argument("ident", metavar="ID")
@click.argument("period")
@click.argument("value")
@click.option("--note", help="Kept with the outcome (where the figure comes from); default: kept.")
@click.option(
    "--judged",
    type=click.Choice(["met", "not-met", "none"]),
    help="A person's judgement where the target is in words (or none); none withdraws it.",
)
@click.option("--reason", default="", help="Why it changes (kept in the audit log).")
@plan_options
@click.pass_obj
def indicators_set(
    ctx: Context,
    ident: str,
    period: str,
    value: str,
    note: str | None,
    judged: str | None,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Store the outcome VALUE of indicator ID for PERIOD (YYYY-MM, or YYYY for the year)."""
    from db.audit_trail import Actor
    from db.register import find_indicator, load_indicator_outcomes, set_outcome

    code, plan_year = chosen(ctx, hospital, year)
    db = ctx.open()
    found = find_indicator(db, code, plan_year, ident)
    actor = Actor(account.current_user(), "cli", reason)
    verdict = None if judged is None else VERDICTS[judged]
    old, new, changed = set_outcome(db, found, period, value, note, actor, verdict)
    outcomes = load_indicator_outcomes(db, [found])[found.id]
    shown = {a.period: a for a in assess(found, outcomes)}[period.strip()]
    state = _("saved") if changed else _("unchanged")
    before = (
        "" if old is None or old == new else f"{escape_control(shown_value(found.target, old))} → "
    )
    gap = f" ({shown.shown_gap})" if shown.shown_gap else ""
    click.echo(
        f"{found.id} {shown.period}: {before}{escape_control(shown_value(found.target, new))}"
        f" {status_text(shown.status.value)}{gap} [{state}]"
    )


@indicators.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--until", "last_year", type=YEAR, help="Last year a multi-year commission runs.")
@plan_options
@click.pass_obj
def indicators_import(
    ctx: Context,
    file: Path,
    dry_run: bool,
    last_year: int | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """Read a decision's follow-up register (NU's tables or Närhälsan's plan) from FILE.

    Whose and which years come from the title ("… till styrelsen för X", "Uppdrag 2026",
    "2025-2027"); --hospital, --year and --until choose them for a document without one.
    """
    from db.audit_trail import Actor
    from db.decision_parts import register_part
    from db.input_files import read_input_file
    from db.register import board_code, import_register, known_provider
    from planner.readers.decision_register import RegisterError, read_title

    text = read_input_file(file).decode("utf-8-sig", errors="replace")
    db = ctx.open()
    title = read_title(text)
    code, first = chosen(ctx, hospital, year)
    until = last_year
    if title is not None:
        named = board_code(db, title.board)
        given = hospital is not None or ctx.hospital_given
        if named is not None and given and named != code:
            fail(
                _(
                    "{file} is {board}'s decision (its title), not {code}'s; nothing was imported"
                ).format(file=file.name, board=title.board, code=code)
            )
        code = named or code
        if year is None and not ctx.year_given and title.first_year is not None:
            first = title.first_year
            until = until or title.last_year
    until = until or first
    if until < first:
        fail(_("--until {until} is before {first}").format(until=until, first=first))
    if not known_provider(db, code):
        fail(
            _("{code} is not a hospital code (nor NH, Närhälsan); nothing was imported").format(
                code=repr(code)
            )
        )
    try:
        part = register_part(text, code, first, until)
    except RegisterError as exc:
        fail(_("{file}: {error}; nothing was imported").format(file=file.name, error=exc))
    for check in part.checks:
        click.echo(_("check {what}").format(what=check))
    actor = Actor(account.current_user(), "import", note=file.name)
    result = import_register(db, part.rows, actor, dry_run=dry_run)
    changed = ", ".join(map(str, result.changed)) or _("none")
    years = str(first) if until == first else _("{first} to {last}").format(first=first, last=until)
    told = (
        _(
            "{code} {years}: {count} indicators read; would add {added}, changed: {changed},"
            " unchanged {same} (dry run: nothing written)"
        )
        if dry_run
        else _(
            "{code} {years}: {count} indicators read; added {added}, changed: {changed},"
            " unchanged {same}"
        )
    )
    click.echo(
        told.format(
            code=code,
            years=years,
            count=len(part.rows),
            added=result.added,
            changed=changed,
            same=result.same,
        )
    )


@indicators.command(name="log")
@click.argument("ident", metavar="[ID]", required=False)
@plan_options
@click.pass_obj
def indicators_log(ctx: Context, ident: str | None, hospital: str | None, year: int | None) -> None:
    """Every change of the register's outcomes (or of indicator ID): who, when, old, new, why."""
    from db.register import find_indicator, load_register, outcome_history
    from planner.times import local_time

    code, plan_year = chosen(ctx, hospital, year)
    db = ctx.open()
    register = load_register(db, code, plan_year)
    if not register:
        fail(_("{code} has no indicator register for {year}").format(code=code, year=plan_year))
    only = None if ident is None else find_indicator(db, code, plan_year, ident).number
    firsts = sorted({i.first_year for i in register})
    changes = [c for first in firsts for c in outcome_history(db, code, first)]
    shown = [c for c in changes if only is None or c.number == only]
    if not shown:
        click.echo(_("no outcome has been entered yet"))
    targets = {i.number: i.target for i in register}

    def value(field: str, number: int, stored: object) -> str:
        if stored is None:
            return _("nothing")
        if field == "value" and number in targets:
            return escape_control(shown_value(targets[number], str(stored)))
        return escape_control(str(stored))

    for c in shown:
        old, new = value(c.field, c.number, c.old), value(c.field, c.number, c.new)
        why = f"  «{escape_control(c.reason)}»" if c.reason else ""
        field = _(OUTCOME_FIELDS.get(c.field, c.field))
        click.echo(
            f"{local_time(c.at)}  {escape_control(c.user)}  {c.number} {c.period} {field}:"
            f" {old} → {new}  [{c.source}]{why}"
        )


@indicators.command(name="clear")
@click.argument("ident", metavar="ID")
@click.argument("period")
@click.option("--reason", default="", help="Why it is removed (kept in the audit log).")
@plan_options
@click.pass_obj
def indicators_clear(
    ctx: Context, ident: str, period: str, reason: str, hospital: str | None, year: int | None
) -> None:
    """Remove the outcome of indicator ID for PERIOD: it is not reported again (logged)."""
    from db.audit_trail import Actor
    from db.register import clear_outcome, find_indicator
    from planner.i18n import _

    code, plan_year = chosen(ctx, hospital, year)
    db = ctx.open()
    found = find_indicator(db, code, plan_year, ident)
    old = clear_outcome(db, found, period, Actor(account.current_user(), "cli", reason))
    if old is None:
        said = _("{id} {period}: no outcome stored; nothing changed")
    else:
        said = _("{id} {period}: {old} removed; not reported again")
    shown = "" if old is None else escape_control(shown_value(found.target, old))
    click.echo(said.format(id=found.id, period=period.strip(), old=shown))
