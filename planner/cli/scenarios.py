"""`planner scenario`: list the what-if scenarios and apply one to its plan."""

from __future__ import annotations

import click

from planner.cli import account, completion
from planner.cli.common import Context, fail
from planner.cli.plans import parse_plan_ref
from planner.formats.diff_report import change_cells
from planner.formats.text_table import tabulate
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
    from planner.diff import compare

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
                diff.decision.value,
            ]
        )
    if not rows:
        click.echo(
            "No scenario yet; `planner plan create --hospital NU --year 2026 --scenario"
            " forslag-a` makes one"
        )
        return
    headers = ["Scenario", "Differs", "Tilläggskostnad (kr)", "Δ vs plan (kr)", "R7"]
    align = ("left", "right", "right", "right", "left")
    click.echo(tabulate(rows, headers, colalign=align, disable_numparse=True))


def _values(values: LineValues) -> str:
    volumes, price_class = values
    numbers = "/".join(format_number(n) for n in (volumes.uppdrag, volumes.bas, volumes.tillagg))
    return f"{numbers} {price_class.value}"


def refused_line(line: Refused) -> str:
    """One refused line, named, with the three versions (uppdrag/bas/tillägg class)."""
    return (
        f"refused: {line.name} ({line.key}): the plan changed since the scenario was made"
        f" ({_values(line.made_from)} then, {_values(line.plan_now)} now);"
        f" the scenario has {_values(line.scenario)}"
    )


def report_lines(preview: ApplyPreview, name: str) -> list[str]:
    """What applying does: the lines brought over, the R7 verdict and the refused lines."""
    plan = preview.before
    lines = [f"Scenario {name} → {plan.hospital.short_name} {plan.year} (live)"]
    if preview.changes:
        rows = [change_cells(change) for change in preview.changes]
        headers = ["Line", "Uppdrag", "Bas", "Tillägg", "Δ tilläggskostnad (kr)"]
        align = ("left", "right", "right", "right", "right")
        lines.append(tabulate(rows, headers, colalign=align, disable_numparse=True))
    else:
        lines.append("No line to bring over.")
    diff = preview.diff
    lines.append(
        f"Tilläggskostnad {format_number(diff.old_cost)} → {format_number(diff.new_cost)} kr"
        f" ({format_signed(diff.cost_delta)} kr); decision: {diff.decision.text}"
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
            f"{ref!r} names a plan, not a scenario; give CODE/YYYY/SCENARIO, e.g. NU/2026/forslag-a"
        )
    db = ctx.read() if dry_run else ctx.open()
    actor = Actor(account.current_user(), "cli", reason)
    applied = apply_scenario(db, code, year, name, actor, dry_run=dry_run)
    for line in report_lines(applied.preview, applied.name):
        click.echo(escape_control(line) if "\n" not in line else line)
    if dry_run:
        click.echo("dry run: nothing was written")
    elif applied.snapshot_id is None:
        click.echo("nothing to apply: the plan already holds the scenario's other lines")
    else:
        count = counted(len(applied.preview.changes), "line")
        click.echo(
            f"applied {count} after snapshot {applied.snapshot_id};"
            f" `planner review --since {applied.snapshot_id}` reviews the change set"
        )
    if applied.preview.refused:
        click.echo(
            f"{counted(len(applied.preview.refused), 'line')} refused: the plan's own change is"
            " kept; edit the scenario (or the plan) and apply again",
            err=True,
        )
