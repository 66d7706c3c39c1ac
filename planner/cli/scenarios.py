"""`planner scenario`: list the what-if scenarios and apply one to its plan."""

from __future__ import annotations

import click

from planner import display
from planner.cli import account, completion
from planner.cli.common import Context, fail
from planner.cli.plans import parse_plan_ref
from planner.formats.diff_report import change_cells
from planner.formats.text_table import tabulate
from planner.i18n import _, ngettext
from planner.numbers import format_number, format_signed
from planner.scenario import ApplyPreview, LineValues, Refused, reference
from planner.text import counted, escape_control


@click.group()
def scenario() -> None:
    """What-if scenarios: named copies of a plan (`NU/2026/forslag-a`), edited apart from it.

    Make one with `planner plan create --hospital NU --year 2026 --scenario forslag-a`, edit it
    with `planner --scenario forslag-a …` or in the app, and bring it into the plan with
    `planner scenario apply NU/2026/forslag-a`.
    """


@scenario.command(name="list")
@click.pass_obj
def scenario_list(ctx: Context) -> None:
    """Every scenario with its tilläggskostnad and how far it is from its plan."""
    from db.plans import load_plan
    from db.scenarios import list_scenarios
    from planner.diff import Decision, compare

    db = ctx.read()
    rows = []
    for info in list_scenarios(db):
        plan = load_plan(db, info.hospital.code, info.year)
        diff = compare(plan, load_plan(db, *info.ref))
        rows.append(
            [
                escape_control(reference(*info.ref)),
                counted(len(diff.changes), "line"),
                format_number(diff.new_cost),
                format_signed(diff.cost_delta),
                _("board") if diff.decision is Decision.BOARD else _("delegation"),
            ]
        )
    if not rows:
        click.echo(
            _(
                "No scenario yet; `planner plan create --hospital NU --year 2026 --scenario"
                " forslag-a` makes one"
            )
        )
        return
    headers = [_("Scenario"), _("Differs"), _("Tilläggskostnad (kr)"), _("Δ vs plan (kr)"), "R7"]
    align = ("left", "right", "right", "right", "left")
    click.echo(tabulate(rows, headers, colalign=align, disable_numparse=True))


def _values(values: LineValues) -> str:
    volumes, price_class = values
    numbers = "/".join(format_number(n) for n in (volumes.uppdrag, volumes.bas, volumes.tillagg))
    return f"{numbers} {display.word(price_class.value)}"


def refused_line(line: Refused) -> str:
    """One refused line, named, with the three versions (uppdrag/bas/tillägg class)."""
    return _(
        "refused: {name} ({key}): the plan changed since the scenario was made"
        " ({then} then, {now} now); the scenario has {scenario}"
    ).format(
        name=line.name,
        key=line.key,
        then=_values(line.made_from),
        now=_values(line.plan_now),
        scenario=_values(line.scenario),
    )


def report_lines(preview: ApplyPreview, name: str) -> list[str]:
    """What applying does: the lines brought over, the R7 verdict and the refused lines."""
    plan = preview.before
    lines = [
        _("Scenario {name} → {plan} {year} (live)").format(
            name=name, plan=plan.hospital.short_name, year=plan.year
        )
    ]
    if preview.changes:
        rows = [change_cells(change) for change in preview.changes]
        headers = [_("Line"), _("Uppdrag"), _("Bas"), _("Tillägg"), _("Δ tilläggskostnad (kr)")]
        align = ("left", "right", "right", "right", "right")
        lines.append(tabulate(rows, headers, colalign=align, disable_numparse=True))
    else:
        lines.append(_("No line to bring over."))
    diff = preview.diff
    lines.append(
        _("Tilläggskostnad {old} → {new} kr ({delta} kr); decision: {decision}").format(
            old=format_number(diff.old_cost),
            new=format_number(diff.new_cost),
            delta=format_signed(diff.cost_delta),
            decision=diff.decision.text,
        )
    )
    lines += [refused_line(line) for line in preview.refused]
    return lines


@scenario.command(name="apply")
@click.argument("ref", metavar="CODE/YYYY/SCENARIO", shell_complete=completion.plans)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--reason", default="", help="Why, kept with every change in the log.")
@click.pass_obj
def scenario_apply(ctx: Context, ref: str, dry_run: bool, reason: str) -> None:
    """Bring a scenario's differences into its plan as one change set, after a snapshot.

    A line the plan changed since the scenario was made is refused and named; the other lines
    are applied. The R7 verdict says whether the change set needs a board decision.
    """
    from db.audit_trail import Actor
    from db.scenarios import apply_scenario

    code, year, name = parse_plan_ref(ref, "CODE/YYYY/SCENARIO")
    if name is None:
        fail(
            _(
                "{ref} names a plan, not a scenario;"
                " give CODE/YYYY/SCENARIO, e.g. NU/2026/forslag-a"
            ).format(ref=repr(ref))
        )
    db = ctx.read() if dry_run else ctx.open()
    actor = Actor(account.current_user(), "cli", reason)
    applied = apply_scenario(db, code, year, name, actor, dry_run=dry_run)
    for line in report_lines(applied.preview, applied.name):
        click.echo(escape_control(line) if "\n" not in line else line)
    if dry_run:
        click.echo(_("dry run: nothing was written"))
    elif applied.snapshot_id is None:
        click.echo(_("nothing to apply: the plan already holds the scenario's other lines"))
    else:
        count = counted(len(applied.preview.changes), "line")
        click.echo(
            _(
                "applied {lines} after snapshot {id};"
                " `planner review --since {id}` reviews the change set"
            ).format(lines=count, id=applied.snapshot_id)
        )
    if applied.preview.refused:
        refused = len(applied.preview.refused)
        click.echo(
            ngettext(
                "{count} line refused: the plan's own change is kept;"
                " edit the scenario (or the plan) and apply again",
                "{count} lines refused: the plan's own change is kept;"
                " edit the scenario (or the plan) and apply again",
                refused,
            ).format(count=refused),
            err=True,
        )
