"""The text shown before and after a table import: what changes, the cost delta, R7."""

from __future__ import annotations

from planner.diff import PlanDiff
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
        lines = [f"table {source}: {counted(len(result.volumes), 'line')} read"]
    else:
        lines = [f"table {source}: not imported, {counted(len(result.errors), 'error')}:"]
    lines += [f"  note: {w}" for w in first_problems([str(w) for w in result.warnings])]
    lines += [f"  error: {e}" for e in first_problems([str(e) for e in result.errors])]
    if not result.ok:
        lines.append(f"{len(result.errors)} error(s): nothing was imported")
        return lines
    volumes = (
        f"uppdrag {format_number(total.uppdrag)}, bas {format_number(total.bas)},"
        f" tillägg {format_number(total.tillagg)}"
    )
    if created:
        lines.append(f"{name}: new plan with {counted(len(new_plan.lines), 'line')}")
    else:
        lines.append(f"{name}: {counted(len(diff.changes), 'line')} changed")
        for change in diff.changes:
            lines.append(
                f"  {change.area}/{change.category}/{change.name}:"
                f" {format_number(change.old.uppdrag)}/{format_number(change.old.bas)}/"
                f"{format_number(change.old.tillagg)} -> {format_number(change.new.uppdrag)}/"
                f"{format_number(change.new.bas)}/{format_number(change.new.tillagg)}"
                f" ({format_signed(change.cost_delta)} kr)"
            )
    lines.append(f"{volumes}; tilläggskostnad {format_number(total.cost)} kr")
    if not created:
        lines.append(
            f"Δ tilläggskostnad {format_signed(diff.cost_delta)} kr; R7: {diff.decision.text}"
        )
    return lines
