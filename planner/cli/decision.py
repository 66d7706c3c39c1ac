"""`planner import-decision`: read a whole decision document, check every printed sum, and
bring in its volumes, prices, frame, bridge and items as one audited step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from planner.cli import account
from planner.cli.common import YEAR, Context, fail, hospital_code
from planner.cli.import_table import read_source
from planner.numbers import format_number, format_signed
from planner.text import counted, escape_control, first_problems

if TYPE_CHECKING:
    from db.decision_import import DecisionPreview


def summary(preview: DecisionPreview) -> list[str]:
    """What the document holds and what importing it would change."""
    decision = preview.decision
    lines = [f"decision {preview.source}: {preview.hospital.name} {preview.year}"]
    if preview.volumes is not None:
        lines.append(f"  volume table: {counted(len(preview.volumes.volumes), 'line')} read")
    prices = decision.prices
    if prices.visit is not None or prices.treatment is not None:
        lines.append(
            f"  tillägg prices: visit {_kr(prices.visit)}, treatment {_kr(prices.treatment)}"
        )
    if prices.endoscopy:
        shown = ", ".join(f"{code} {format_number(v)}" for code, v in prices.endoscopy.items())
        lines.append(f"  endoscopy prices: {shown} kr")
    for (code, cls), (old, new) in preview.prices.items():
        lines.append(f"    {code} {cls.value}: {_kr(old)} → {format_number(new)} kr")
    if prices.table:
        lines.append(f"  price table: {counted(len(prices.table), 'row')}")
    money = decision.money
    if money is not None and money.bridge is not None:
        b = money.bridge
        lines.append(
            f"  bridge: {format_number(b.last_tkr)} + {format_number(b.uplift_tkr)}"
            f" ({float(b.uplift_percent):g} %) = {format_number(b.subtotal_tkr)};"
            f" {counted(len(b.adjustments), 'adjustment')} {format_signed(b.adjustments_tkr)};"
            f" frame {format_number(b.frame_tkr)} tkr"
        )
    if money is not None and money.bridge is not None:
        lines += [
            f"    {n:>2}. {a.label}: {format_signed(a.tkr)}"
            for n, a in enumerate(money.bridge.adjustments, 1)
        ]
    if money is not None:
        levels = " + ".join(format_number(i.level) for i in money.items) or "none"
        what = "items settled against outcome" if money.settled else "compensation items"
        total = "" if money.printed_frame is not None or money.bridge else " (total not printed)"
        summed = format_number(sum(i.level for i in money.items))
        lines.append(f"  {what} ({money.unit}): {levels} = {summed}{total}")
        lines += [f"    {i.key}: {i.label}" for i in money.items]
        lines.append(_against_stored(preview))
    lines += follow_up_lines(preview)
    lines += [f"  note: {w}" for w in first_problems(preview.warnings)]
    lines += [f"  error: {e}" for e in first_problems(preview.errors)]
    return lines


def follow_up_lines(preview: DecisionPreview) -> list[str]:
    """The register and training places read, against what is stored."""
    lines = []
    counts = preview.register_counts
    if preview.register is not None and counts is not None:
        changed = ", ".join(map(str, counts.changed)) or "none"
        lines.append(
            f"  indicators: {len(preview.register.rows)} read; {counts.added} new,"
            f" changed: {changed}, unchanged {counts.same}"
        )
    if preview.places is not None:
        lines.append(
            f"  training places: {len(preview.places.places)} read,"
            f" {preview.places_changed} to change"
        )
        lines += [f"    {note}" for note in preview.places.notes]
    return lines


def _against_stored(preview: DecisionPreview) -> str:
    """The frame read against the one stored for the provider and year."""
    money, before = preview.decision.money, preview.frame_before
    if money is None:
        return "  no frame read"
    if before is None:
        return f"  frame: {format_number(money.frame)} {money.unit} (new)"
    if before.total == money.frame:
        return f"  frame: {format_number(money.frame)} {money.unit}, as stored"
    return (
        f"  frame: {format_number(before.total)} → {format_number(money.frame)} {money.unit}"
        f" ({format_signed(money.frame - before.total)})"
    )


def _kr(value: int | None) -> str:
    return "none" if value is None else format_number(value)


@click.command(name="import-decision")
@click.argument("file")
@click.option("--hospital", callback=hospital_code, help="The provider (default: from the title).")
@click.option("--year", type=YEAR, help="The year (default: from the title).")
@click.option("--dry-run", is_flag=True, help="Show everything; write nothing.")
@click.option(
    "--accept-total-mismatch", is_flag=True, help="Accept printed sums their parts disagree with."
)
@click.pass_obj
def import_decision(
    ctx: Context,
    file: str,
    hospital: str | None,
    year: int | None,
    dry_run: bool,
    accept_total_mismatch: bool,
) -> None:
    """Import a decision document (its text, FILE or - for stdin): the volume table, the
    prices, the frame with its bridge and the items settled against outcome."""
    from db.decision_import import apply_decision, preview_decision
    from db.table_import import sha256_of

    data, name = read_source(file)
    shown = escape_control(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{shown} is not UTF-8 text; save the decision as text (UTF-8) and try again")
    db = ctx.read() if dry_run else ctx.open()
    preview = preview_decision(
        db,
        text,
        shown,
        sha256_of(data),
        hospital=hospital,
        year=year,
        accept_total_mismatch=accept_total_mismatch,
    )
    lines = [escape_control(line) for line in summary(preview)]
    if not preview.ok:
        click.echo("\n".join(lines), err=True)
        fail(f"{counted(len(preview.errors), 'error')}: nothing was imported")
    click.echo("\n".join(lines))
    if dry_run:
        click.echo("dry run: nothing was written")
        return
    applied = apply_decision(db, preview, account.current_user())
    if not applied.changed:
        click.echo("nothing to change: the database already holds this decision")
        return
    parts = [f"{counted(applied.prices, 'price')} set"]
    if applied.plan_created:
        parts.append(f"the plan created (decision snapshot {applied.snapshot})")
    elif applied.lines_changed:
        parts.append(
            f"{counted(applied.lines_changed, 'line')} changed after snapshot {applied.snapshot}"
        )
    parts.append(f"{counted(applied.money_rows, 'row')} of the frame and price table written")
    if applied.register_rows:
        parts.append(f"{counted(applied.register_rows, 'indicator')} added or changed")
    if applied.place_rows:
        parts.append(f"{counted(applied.place_rows, 'row')} of training places changed")
    click.echo("imported: " + "; ".join(parts))
