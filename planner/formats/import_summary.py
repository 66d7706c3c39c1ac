"""The text shown before and after a table import: what changes, the cost delta, R7."""

from __future__ import annotations

from planner.diff import PlanDiff
from planner.i18n import _
from planner.model import Plan
from planner.numbers import format_number, format_signed
from planner.prices import plan_totals
from planner.readers.decision_table import TableResult
from planner.text import counted, first_problems


def split_verdict(lines: list[str], ok: bool, created: bool) -> tuple[list[str], list[str]]:
    """The summary as details (findings, changed lines) and the verdict shown without scrolling:
    the totals with Δ and R7, or the new plan, or the refusal."""
    keep = 1 if not ok else 2
    return lines[:-keep], lines[-keep:]


def summary_lines(
    source: str, new_plan: Plan, diff: PlanDiff, result: TableResult, created: bool
) -> list[str]:
    """The summary: findings, then the plan's totals and either 'new plan' or the changes."""
    name = f"{new_plan.hospital.short_name} {new_plan.year}"
    total = plan_totals(new_plan)
    if result.ok:
        lines = [
            _("table {source}: {volumes} read").format(
                source=source, volumes=counted(len(result.volumes), "line")
            )
        ]
    else:
        lines = [
            _("table {source}: not imported, {errors}:").format(
                source=source, errors=counted(len(result.errors), "error")
            )
        ]
    lines += [
        _("  note: {w}").format(w=w) for w in first_problems([str(w) for w in result.warnings])
    ]
    lines += [
        _("  error: {e}").format(e=e) for e in first_problems([str(e) for e in result.errors])
    ]
    if not result.ok:
        lines.append(_("{errors} error(s): nothing was imported").format(errors=len(result.errors)))
        return lines
    volumes = _("uppdrag {uppdrag}, bas {bas}, tillägg {tillagg}").format(
        uppdrag=format_number(total.uppdrag),
        bas=format_number(total.bas),
        tillagg=format_number(total.tillagg),
    )
    if created:
        lines.append(
            _("{name}: new plan with {lines}").format(
                name=name, lines=counted(len(new_plan.lines), "line")
            )
        )
    else:
        lines.append(
            _("{name}: {changes} changed").format(
                name=name, changes=counted(len(diff.changes), "line")
            )
        )
        for change in diff.changes:
            lines.append(
                f"  {change.area}/{change.category}/{change.name}:"
                f" {format_number(change.old.uppdrag)}/{format_number(change.old.bas)}/"
                f"{format_number(change.old.tillagg)} -> {format_number(change.new.uppdrag)}/"
                f"{format_number(change.new.bas)}/{format_number(change.new.tillagg)}"
                f" ({format_signed(change.cost_delta)} kr)"
            )
    lines.append(
        _("{volumes}; tilläggskostnad {cost} kr").format(
            volumes=volumes, cost=format_number(total.cost)
        )
    )
    if not created:
        lines.append(
            _("Δ tilläggskostnad {cost_delta} kr; R7: {text}").format(
                cost_delta=format_signed(diff.cost_delta), text=diff.decision.text
            )
        )
    return lines
