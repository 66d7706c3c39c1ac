"""`planner import-decision`: read a whole decision document, check every printed sum, and
bring in its volumes, prices, frame, bridge and items as one audited step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from planner import display
from planner.cli import account
from planner.cli.common import YEAR, Context, fail, hospital_code
from planner.cli.import_table import read_source
from planner.i18n import _, ngettext
from planner.numbers import format_number, format_signed
from planner.text import counted, escape_control, first_problems

if TYPE_CHECKING:
    from db.decision_import import DecisionApplied, DecisionPreview


def summary(preview: DecisionPreview) -> list[str]:
    """What the document holds and what importing it would change."""
    decision = preview.decision
    lines = [
        _("decision {source}: {name} {year}").format(
            source=preview.source, name=preview.hospital.name, year=preview.year
        )
    ]
    if preview.volumes is not None:
        read = counted(len(preview.volumes.volumes), "line")
        lines.append(_("  volume table: {lines} read").format(lines=read))
    prices = decision.prices
    if prices.visit is not None or prices.treatment is not None:
        lines.append(
            _("  tillägg prices: visit {visit}, treatment {treatment}").format(
                visit=_kr(prices.visit), treatment=_kr(prices.treatment)
            )
        )
    if prices.endoscopy:
        shown = ", ".join(f"{code} {format_number(v)}" for code, v in prices.endoscopy.items())
        lines.append(_("  endoscopy prices: {prices} kr").format(prices=shown))
    for (code, cls), (old, new) in preview.prices.items():
        word = display.word(cls.value)
        lines.append(f"    {code} {word}: {_kr(old)} → {format_number(new)} kr")
    if prices.table:
        rows = len(prices.table)
        lines.append(
            ngettext("  price table: {count} row", "  price table: {count} rows", rows).format(
                count=rows
            )
        )
    money = decision.money
    if money is not None and money.bridge is not None:
        b = money.bridge
        count = len(b.adjustments)
        lines.append(
            ngettext(
                "  bridge: {last} + {uplift} ({percent}) = {subtotal};"
                " {count} adjustment {adjustments}; frame {frame} tkr",
                "  bridge: {last} + {uplift} ({percent}) = {subtotal};"
                " {count} adjustments {adjustments}; frame {frame} tkr",
                count,
            ).format(
                last=format_number(b.last_tkr),
                uplift=format_number(b.uplift_tkr),
                percent=display.percent(b.uplift_percent),
                subtotal=format_number(b.subtotal_tkr),
                count=count,
                adjustments=format_signed(b.adjustments_tkr),
                frame=format_number(b.frame_tkr),
            )
        )
    if money is not None and money.bridge is not None:
        lines += [
            f"    {n:>2}. {a.label}: {format_signed(a.tkr)}"
            for n, a in enumerate(money.bridge.adjustments, 1)
        ]
    if money is not None:
        levels = " + ".join(format_number(i.level) for i in money.items) or _("none")
        what = _("items settled against outcome") if money.settled else _("compensation items")
        printed = money.printed_frame is not None or money.bridge
        told = (
            _("  {what} ({unit}): {levels} = {sum}")
            if printed
            else _("  {what} ({unit}): {levels} = {sum} (total not printed)")
        )
        summed = format_number(sum(i.level for i in money.items))
        lines.append(told.format(what=what, unit=money.unit, levels=levels, sum=summed))
        lines += [f"    {i.key}: {i.label}" for i in money.items]
        lines.append(_against_stored(preview))
    lines += follow_up_lines(preview)
    lines += [_("  note: {note}").format(note=w) for w in first_problems(preview.warnings)]
    lines += [_("  error: {error}").format(error=e) for e in first_problems(preview.errors)]
    return lines


def follow_up_lines(preview: DecisionPreview) -> list[str]:
    """The register and training places read, against what is stored."""
    lines = []
    counts = preview.register_counts
    if preview.register is not None and counts is not None:
        changed = ", ".join(map(str, counts.changed)) or _("none")
        lines.append(
            _(
                "  indicators: {read} read; {added} new, changed: {changed}, unchanged {same}"
            ).format(
                read=len(preview.register.rows),
                added=counts.added,
                changed=changed,
                same=counts.same,
            )
        )
    if preview.places is not None:
        lines.append(
            _("  training places: {read} read, {changed} to change").format(
                read=len(preview.places.places), changed=preview.places_changed
            )
        )
        lines += [f"    {note}" for note in preview.places.notes]
    return lines


def _against_stored(preview: DecisionPreview) -> str:
    """The frame read against the one stored for the provider and year."""
    money, before = preview.decision.money, preview.frame_before
    if money is None:
        return _("  no frame read")
    if before is None:
        return _("  frame: {frame} {unit} (new)").format(
            frame=format_number(money.frame), unit=money.unit
        )
    if before.total == money.frame:
        return _("  frame: {frame} {unit}, as stored").format(
            frame=format_number(money.frame), unit=money.unit
        )
    return _("  frame: {old} → {new} {unit} ({change})").format(
        old=format_number(before.total),
        new=format_number(money.frame),
        unit=money.unit,
        change=format_signed(money.frame - before.total),
    )


def _kr(value: int | None) -> str:
    return _("none") if value is None else format_number(value)


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
        fail(
            _("{file} is not UTF-8 text; save the decision as text (UTF-8) and try again").format(
                file=shown
            )
        )
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
        fail(
            _("{errors}: nothing was imported").format(errors=counted(len(preview.errors), "error"))
        )
    click.echo("\n".join(lines))
    if dry_run:
        click.echo(_("dry run: nothing was written"))
        return
    applied = apply_decision(db, preview, account.current_user())
    if not applied.changed:
        click.echo(_("nothing to change: the database already holds this decision"))
        return
    click.echo(_("imported: {parts}").format(parts="; ".join(_applied_parts(applied))))


def _applied_parts(applied: DecisionApplied) -> list[str]:
    """What an import wrote, one part per kind of row."""
    parts = [
        ngettext("{count} price set", "{count} prices set", applied.prices).format(
            count=applied.prices
        )
    ]
    if applied.plan_created:
        parts.append(_("the plan created (decision snapshot {id})").format(id=applied.snapshot))
    elif applied.lines_changed:
        parts.append(
            _("{lines} changed after snapshot {id}").format(
                lines=counted(applied.lines_changed, "line"), id=applied.snapshot
            )
        )
    rows = applied.money_rows
    parts.append(
        ngettext(
            "{count} row of the frame and price table written",
            "{count} rows of the frame and price table written",
            rows,
        ).format(count=rows)
    )
    if applied.register_rows:
        parts.append(
            ngettext(
                "{count} indicator added or changed",
                "{count} indicators added or changed",
                applied.register_rows,
            ).format(count=applied.register_rows)
        )
    if applied.place_rows:
        parts.append(
            ngettext(
                "{count} row of training places changed",
                "{count} rows of training places changed",
                applied.place_rows,
            ).format(count=applied.place_rows)
        )
    return parts
