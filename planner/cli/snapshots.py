"""Commands for coordinators: snapshots, exports and comparisons of plan versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from sqlite_utils import Database

from planner.cli import account
from planner.cli.common import Context, chosen, plan_options
from planner.cli.plans import parse_plan_ref
from planner.diff import compare, diff_document
from planner.diff_report import hospitals_note, render_diff
from planner.exports import FORMATS, export_bytes, render
from planner.files import write_atomic
from planner.model import Plan

LIVE = "live"


@click.group()
def snapshot() -> None:
    """Freeze, list and show immutable plan snapshots."""


@snapshot.command(name="create")
@click.option("--label", required=True, help="Short name, e.g. 'OSN 2026-03 proposal'.")
@click.option("--note", default="", help="Longer note kept with the snapshot.")
@plan_options
@click.pass_obj
def snapshot_create(
    ctx: Context, label: str, note: str, hospital: str | None, year: int | None
) -> None:
    """Freeze the current plan (lines, prices, totals) with its sha256."""
    from db.plans import load_plan
    from db.snapshots import create_snapshot

    db = ctx.open()
    info = create_snapshot(
        db, load_plan(db, *chosen(ctx, hospital, year)), label, note, account.current_user()
    )
    click.echo(f"snapshot {info.id} {info.label!r} by {info.author} at {info.created_at}")
    click.echo(f"sha256 {info.sha256}")


@snapshot.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def snapshot_list(ctx: Context, fmt: str) -> None:
    """Show every snapshot, oldest first."""
    from db.plans import list_plans
    from db.snapshots import list_snapshots

    db = ctx.open()
    plans = {p.plan_id: p for p in list_plans(db)}
    found = list_snapshots(db)
    if fmt == "json":
        rows = [
            {**s.meta(), "hospital": plans[s.plan_id].hospital.code, "year": plans[s.plan_id].year}
            for s in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no snapshots yet; `planner snapshot create --label TEXT` makes one")
    for s in found:
        p = plans[s.plan_id]
        click.echo(
            f"{s.id:>4}  {p.hospital.code} {p.year}  {s.created_at}  {s.author:<12}"
            f" {s.label}  [{s.sha256[:12]}]"
        )


@snapshot.command(name="show")
@click.argument("snapshot_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text")
@click.pass_obj
def snapshot_show(ctx: Context, snapshot_id: int, fmt: str) -> None:
    """Print one snapshot: its metadata and the frozen plan."""
    from db.snapshots import load_snapshot

    info, plan = load_snapshot(ctx.open(), snapshot_id)
    if fmt != "json":
        click.echo(f"label   {info.label}\nnote    {info.note}\nauthor  {info.author}")
        click.echo(f"time    {info.created_at}\nsha256  {info.sha256}\n")
    click.echo(render(plan, fmt, meta=info.meta()), nl=False)


def resolve(db: Database, ref: str, ctx: Context, other: Plan | None = None) -> tuple[Plan, str]:
    """A snapshot id, a plan (`NU/2027`) or `live` as a plan and a label.

    `live` is the live plan of `other` if given, else of the global --hospital/--year.
    """
    from db.plans import load_plan
    from db.snapshots import load_snapshot

    if ref == LIVE:
        code, year = (other.hospital.code, other.year) if other else (ctx.hospital, ctx.year)
        return load_plan(db, code, year), LIVE
    if "/" in ref:
        plan = load_plan(db, *parse_plan_ref(ref))
        return plan, f"{plan.hospital.short_name} {plan.year}"
    if not ref.isdigit():
        raise click.BadParameter(
            f"{ref!r} is neither a snapshot id, a plan like NU/2026, nor 'live'"
        )
    info, plan = load_snapshot(db, int(ref))
    return plan, info.title


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (replaced atomically).",
)
@click.option("--sep", type=click.Choice([",", ";"]), default=",", help="CSV separator.")
@click.option(
    "--snapshot", "snapshot_id", type=int, help="Export this snapshot, not the live plan."
)
@plan_options
@click.pass_obj
def export(
    ctx: Context,
    fmt: str,
    output: Path,
    sep: str,
    snapshot_id: int | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """Write the live plan or a snapshot as JSON, CSV, XLSX, Markdown or text."""
    from db.plans import load_plan
    from db.snapshots import load_snapshot

    db = ctx.open()
    meta: dict[str, Any] | None = None
    if snapshot_id is not None:
        info, plan = load_snapshot(db, snapshot_id)
        meta = info.meta()
    else:
        plan = load_plan(db, *chosen(ctx, hospital, year))
    write_atomic(output, export_bytes(plan, fmt, sep, meta))
    what = f"snapshot {snapshot_id}" if snapshot_id is not None else "live plan"
    click.echo(f"wrote {output} ({fmt}, {what}, {len(plan.lines)} lines)")


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--all", "show_all", is_flag=True, help="List unchanged lines too.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text")
@click.pass_obj
def diff(ctx: Context, old: str, new: str, show_all: bool, fmt: str) -> None:
    """Compare OLD and NEW (snapshot ids, plans like NU/2026, or `live`).

    Changed lines, cost deltas split into volume and price effect, and the R7 verdict.
    """
    db = ctx.open()
    if old == LIVE and new != LIVE:
        new_plan, new_label = resolve(db, new, ctx)
        old_plan, old_label = resolve(db, old, ctx, new_plan)
    else:
        old_plan, old_label = resolve(db, old, ctx)
        new_plan, new_label = resolve(db, new, ctx, old_plan)
    result = compare(old_plan, new_plan, include_unchanged=show_all)
    note = hospitals_note(old_plan, new_plan)
    if fmt == "json":
        document = diff_document(result, old_label, new_label)
        click.echo(json.dumps({**document, "note": note}, ensure_ascii=False, indent=2))
    else:
        text = render_diff(result, old_label, new_label, markdown=fmt == "md", note=note)
        click.echo(text, nl=False)
