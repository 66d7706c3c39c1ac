"""The comparison of two plan versions as text or Markdown tables."""

from __future__ import annotations

from tabulate import tabulate

from planner.diff import LineChange, PlanDiff
from planner.numbers import format_number, format_signed
from planner.text import escape_control, md_cell


def _arrow(old: int, new: int) -> str:
    if old == new:
        return format_number(new)
    return f"{format_number(old)} → {format_number(new)}"


def change_cells(change: LineChange) -> list[str]:
    """Line, uppdrag, bas, tillägg (old → new where changed) and the cost delta."""
    return [
        f"{change.area} / {change.category} / {change.name}",
        _arrow(change.old.uppdrag, change.new.uppdrag),
        _arrow(change.old.bas, change.new.bas),
        _arrow(change.old.tillagg, change.new.tillagg),
        format_signed(change.cost_delta),
    ]


HEADERS = ["Line", "Uppdrag", "Bas", "Tillägg", "Δ tilläggskostnad (kr)"]


def render_diff(diff: PlanDiff, old_label: str, new_label: str, markdown: bool = False) -> str:
    """The comparison as a text or Markdown report; labels and line names are made inert."""
    fmt = "github" if markdown else "simple"
    inert = md_cell if markdown else escape_control
    align = ("left", "right", "right", "right", "right")
    heading = inert(f"Changes from {old_label} to {new_label}")
    if diff.changes:
        table = tabulate(
            [[inert(c) for c in change_cells(change)] for change in diff.changes],
            HEADERS,
            tablefmt=fmt,
            colalign=align,
            disable_numparse=True,
        )
    else:
        table = "No line changed."
    categories = tabulate(
        [[inert(group), format_signed(delta)] for group, delta in diff.by_category.items() if delta]
        or [["(none)", "0"]],
        ["Category", "Δ tilläggskostnad (kr)"],
        tablefmt=fmt,
        colalign=("left", "right"),
        disable_numparse=True,
    )
    total = f"Total Δ tilläggskostnad: {format_signed(diff.cost_delta)} kr"
    verdict = f"Decision: {diff.decision.text}"
    if markdown:
        return (
            f"# {heading}\n\n{table}\n\n## By category\n\n{categories}\n\n"
            f"**{total}**\n\n**{verdict}**\n"
        )
    return f"{heading}\n\n{table}\n\n{categories}\n\n{total}\n{verdict}\n"
