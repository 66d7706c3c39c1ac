"""Commands for coordinators: snapshots, exports and comparisons of plan versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli import account, completion
from planner.cli.common import Context, chosen_plan, fail, plan_options, row_id
from planner.cli.plans import parse_plan_ref
from planner.diff import compare, diff_document
from planner.formats.diff_report import hospitals_note, render_diff
from planner.formats.exports import FORMATS, TABLE_FORMATS, export_bytes, export_rows, render
from planner.i18n import _
from planner.model import Plan
from planner.snapshot import DECISION_MARK, live_name
from planner.text import counted, escape_control, escape_json
from planner.times import local_time

if TYPE_CHECKING:
    from sqlite_utils import Database

LIVE = "live"
DECISION = "decision"


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
    plan = load_plan(db, *chosen_plan(ctx, hospital, year))
    info = create_snapshot(db, plan, label, note, account.current_user())
    click.echo(
        escape_control(
            _("{plan}: snapshot {id} «{label}» by {author} at {created_at}").format(
                plan=plan.label,
                id=info.id,
                label=info.label,
                author=info.author,
                created_at=local_time(info.created_at),
            )
        )
    )
    click.echo(f"sha256 {info.sha256}")


@snapshot.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def snapshot_list(ctx: Context, fmt: str) -> None:
    """Show every snapshot, oldest first."""
    from db.plans import list_plans
    from db.snapshots import list_snapshots

    db = ctx.read()
    plans = {p.plan_id: p for p in list_plans(db)}
    found = list_snapshots(db)
    if fmt == "json":
        rows = [
            {
                **s.meta(),
                "hospital": plans[s.plan_id].hospital.code,
                "year": plans[s.plan_id].year,
                "decision": s.is_decision,
            }
            for s in found
        ]
        click.echo(escape_json(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    if not found:
        click.echo(_("no snapshots yet; `planner snapshot create --label TEXT` makes one"))
    for s in found:
        p = plans[s.plan_id]
        mark = f"  {_(DECISION_MARK)}" if s.is_decision else ""
        line = (
            f"{s.id:>4}  {p.label}  {local_time(s.created_at)}  {s.author:<12}"
            f" {s.label}  [{s.sha256[:12]}]{mark}"
        )
        click.echo(escape_control(line))


@snapshot.command(name="show")
@click.argument("snapshot_id", type=row_id("snapshot"), shell_complete=completion.snapshot_ids)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text")
@click.pass_obj
def snapshot_show(ctx: Context, snapshot_id: int, fmt: str) -> None:
    """Print one snapshot: its metadata and the frozen plan."""
    from db.snapshots import load_snapshot

    info, plan = load_snapshot(ctx.read(), snapshot_id)
    if fmt != "json":
        label, note, author, when = _("label"), _("note"), _("author"), _("time")
        width = max(map(len, (label, note, author, when, "sha256"))) + 2
        click.echo(escape_control(f"{label:<{width}}{info.label}"))
        click.echo(f"{note:<{width}}{escape_control(info.note, multiline=True)}")
        click.echo(escape_control(f"{author:<{width}}{info.author}"))
        click.echo(f"{when:<{width}}{local_time(info.created_at)}")
        click.echo(f"{'sha256':<{width}}{info.sha256}\n")
    text = render(plan, fmt, meta=info.meta())
    click.echo(escape_json(text) if fmt == "json" else text, nl=False)


def resolve(db: Database, ref: str, ctx: Context) -> tuple[Plan, str]:
    """A snapshot id, a plan (`NU/2027`) or `live` as a plan and its full name.

    `live` is always the plan chosen by the global --hospital/--year/--scenario, never the
    other side's.
    """
    from db.plans import load_plan
    from db.snapshots import load_snapshot

    if ref == LIVE:
        plan = load_plan(db, ctx.hospital, ctx.year, ctx.scenario)
        return plan, live_name(plan)
    if ref == DECISION:
        info, plan = load_snapshot(db, decision_id(db, ctx))
        return plan, info.named(plan)
    if "/" in ref:
        plan = load_plan(db, *parse_plan_ref(ref))
        return plan, live_name(plan)
    text = ref.strip()
    if not (text.isascii() and text.isdigit()):
        raise click.BadParameter(
            _("{ref!r} is neither a snapshot id, a plan like NU/2026, nor 'live'").format(ref=ref)
        )
    info, plan = load_snapshot(db, row_id("snapshot").convert(text, None, None))
    return plan, info.named(plan)


def decision_id(db: Database, ctx: Context) -> int:
    """The id of the decision snapshot of the plan chosen by --hospital/--year."""
    from db.decisions import decision_snapshot
    from db.plans import load_plan

    plan = load_plan(db, ctx.hospital, ctx.year)
    found = decision_snapshot(db, plan.plan_id)
    if found is None:
        fail(
            _(
                "{short_name} {year} has no decision snapshot (`planner init` takes one"
                " for a seeded plan, `import-table` for a plan it creates)"
            ).format(short_name=plan.hospital.short_name, year=plan.year)
        )
    return found.id


def refuse_other_hospitals(db: Database, ctx: Context, sides: list[tuple[Plan, str]]) -> None:
    """Snapshots and `live` compare one hospital's plan, the one chosen with --hospital if given.

    Crossing hospitals takes naming the plans (`NU/2026 SU/2026`), so it is never by accident.
    """
    from db.plans import find_hospital

    names = _(" and ").join(label for _side, label in sides)
    codes = {plan.hospital.code for plan, _label in sides}
    if len(codes) > 1:
        fail(
            _(
                "{names}: plans of different hospitals are not compared (name both"
                " plans, e.g. NU/2026 SU/2026, or choose --hospital)"
            ).format(names=names)
        )
    if ctx.hospital_given and codes != {find_hospital(db, ctx.hospital).code}:
        fail(
            _("{names}, not {hospital}: drop --hospital or pick its snapshots").format(
                names=names, hospital=ctx.hospital
            )
        )


SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".md": "md", ".txt": "text"}


def guess_format(output: Path, fmt: str | None) -> tuple[str, str]:
    """The format given, else the one the file name's suffix names; and how it was chosen."""
    if fmt is not None:
        return fmt, fmt
    guessed = SUFFIX_FORMATS.get(output.suffix.lower()) if str(output) != "-" else None
    if guessed is None:
        fail(
            _(
                "cannot tell the format from {output!r}; give --format ({FORMATS}) or a"
                " file name ending in {SUFFIX_FORMATS}"
            ).format(
                output=str(output),
                FORMATS=", ".join(FORMATS),
                SUFFIX_FORMATS=", ".join(SUFFIX_FORMATS),
            )
        )
    return guessed, _("{guessed}, from the file name").format(guessed=guessed)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="json, csv, xlsx, md or text (default: from the file name's suffix).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="File to write (replaced atomically), or - for standard output.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists (as backup does).")
@click.option("--sep", type=click.Choice([",", ";"]), default=",", help="CSV separator.")
@click.option(
    "--snapshot",
    "snapshot_id",
    type=row_id("snapshot"),
    shell_complete=completion.snapshot_ids,
    help="Export this snapshot, not the live plan.",
)
@plan_options
@click.pass_obj
def export(
    ctx: Context,
    fmt: str | None,
    output: Path,
    force: bool,
    sep: str,
    snapshot_id: int | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """Write the live plan or a snapshot as JSON, CSV, XLSX, Markdown or text.

    `--output -` prints to standard output; an existing file is replaced only with --force.
    """
    from db.output_files import write_output
    from db.plan_rows import load_plan_table
    from db.plans import load_plan
    from db.snapshots import load_snapshot

    fmt, how = guess_format(output, fmt)
    db = ctx.read()
    scenario = chosen_plan(ctx, hospital, year)[2]
    what = _("scenario {scenario}").format(scenario=scenario) if scenario else _("live plan")
    if snapshot_id is not None:
        info, plan = load_snapshot(db, snapshot_id)
        data, count = export_bytes(plan, fmt, sep, info.meta()), len(plan.lines)
        what = _("snapshot {snapshot_id}").format(snapshot_id=snapshot_id)
    elif fmt in TABLE_FORMATS:
        table = load_plan_table(db, *chosen_plan(ctx, hospital, year))
        data, count = export_rows(table, fmt, sep), len(table.lines)
    else:
        plan = load_plan(db, *chosen_plan(ctx, hospital, year))
        data, count = export_bytes(plan, fmt, sep), len(plan.lines)
    if str(output) == "-":
        click.echo(data, nl=False)
        return
    write_output(db, output, data, force=force)
    click.echo(
        escape_control(
            _("wrote {output} ({how}, {what}, {count})").format(
                output=output, how=how, what=what, count=counted(count, "line")
            )
        )
    )


@click.command()
@click.argument("old", shell_complete=completion.versions)
@click.argument("new", shell_complete=completion.versions)
@click.option("--all", "show_all", is_flag=True, help="List unchanged lines too.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text")
@click.pass_obj
def diff(ctx: Context, old: str, new: str, show_all: bool, fmt: str) -> None:
    """Compare OLD and NEW (snapshot ids, plans like NU/2026, `live` or `decision`).

    `live` is the plan chosen by --hospital/--year; `decision` is its decision snapshot.

    Changed lines, cost deltas split into volume and price effect, and the R7 verdict.
    """
    db = ctx.read()
    old_plan, old_label = resolve(db, old, ctx)
    new_plan, new_label = resolve(db, new, ctx)
    if "/" not in old + new:
        refuse_other_hospitals(db, ctx, [(old_plan, old_label), (new_plan, new_label)])
    result = compare(old_plan, new_plan, include_unchanged=show_all)
    note = hospitals_note(old_plan, new_plan)
    if fmt == "json":
        document = diff_document(result, old_label, new_label)
        click.echo(
            escape_json(json.dumps({**document, "note": note}, ensure_ascii=False, indent=2))
        )
    else:
        text = render_diff(result, old_label, new_label, markdown=fmt == "md", note=note)
        click.echo(text, nl=False)
