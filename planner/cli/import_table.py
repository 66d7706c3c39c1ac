"""`planner import-table`: bring a decision's volume table into a plan, checked first."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.cli import account
from planner.cli.common import Context, chosen_plan, fail, plan_options
from planner.i18n import _
from planner.numbers import format_number
from planner.text import escape_control


def read_source(file: str) -> tuple[bytes, str]:
    """The bytes of FILE or stdin ("-"), refused before reading when above the size limit."""
    from db.table_import import MAX_BYTES, read_table_file

    if file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            fail(
                _("stdin is above {limit} bytes; a table may be at most that").format(
                    limit=format_number(MAX_BYTES)
                )
            )
        return data, "stdin"
    return read_table_file(Path(file)), Path(file).name


@click.command(name="import-table")
@click.argument("file")
@plan_options
@click.option("--dry-run", is_flag=True, help="Show the summary; write nothing.")
@click.option(
    "--decision",
    help="Label of a created plan's decision snapshot, e.g. 'Beslut OSN 2025-09-25 § 294'"
    " (default: 'Beslut (import FILE)').",
)
@click.option("--allow-missing", is_flag=True, help="Keep the plan's values for absent lines.")
@click.option(
    "--accept-total-mismatch",
    is_flag=True,
    help="Accept a Totalsumma that its lines disagree with.",
)
@click.pass_obj
def import_table(
    ctx: Context,
    file: str,
    hospital: str | None,
    year: int | None,
    dry_run: bool,
    decision: str | None,
    allow_missing: bool,
    accept_total_mismatch: bool,
) -> None:
    """Import a volume table (pasted text, CSV or XLSX; FILE or - for stdin) into a plan.

    The plan is the one chosen by --hospital/--year (here or before the command). A plan
    the import creates is frozen at once as its decision snapshot.
    """
    from db.table_import import (
        apply_import,
        check_decision_label,
        decision_label,
        preview_import,
        sha256_of,
    )
    from planner.formats.import_summary import summary_lines
    from planner.readers.table_rows import TableInputError, rows_from_bytes

    check_decision_label(decision)
    data, name = read_source(file)
    shown = escape_control(name)
    try:
        rows = rows_from_bytes(data, name)
    except TableInputError as exc:
        fail(f"{shown}: {exc}")
    db = ctx.read() if dry_run else ctx.open()
    code, plan_year, scenario = chosen_plan(ctx, hospital, year)
    preview = preview_import(
        db,
        code,
        plan_year,
        rows,
        shown,
        sha256_of(data),
        allow_missing=allow_missing,
        accept_total_mismatch=accept_total_mismatch,
        scenario=scenario,
    )
    lines = summary_lines(shown, preview.new_plan, preview.diff, preview.result, preview.created)
    if not preview.result.ok:
        click.echo("\n".join(escape_control(line) for line in lines[:-1]), err=True)
        fail(lines[-1])
    click.echo("\n".join(escape_control(line) for line in lines))
    if dry_run:
        click.echo(_("dry run: nothing was written"))
        return
    snapshot = apply_import(db, preview, account.current_user(), decision)
    if preview.created:
        click.echo(
            _(
                "imported: the plan was created; decision snapshot {snapshot} «{shown}»"
                " (`planner diff decision live` compares with it)"
            ).format(snapshot=snapshot, shown=escape_control(decision_label(shown, decision)))
        )
    elif snapshot is None:
        click.echo(_("nothing to change: the plan already holds this table"))
    else:
        click.echo(
            _(
                "imported after snapshot {snapshot}; `planner review --since {snapshot}` reviews it"
            ).format(snapshot=snapshot)
        )
