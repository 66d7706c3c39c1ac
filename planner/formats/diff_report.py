"""The comparison of two plan versions as text or Markdown tables, with the R10 split."""

from __future__ import annotations

from planner.diff import Effects, LineChange, PlanDiff
from planner.display import word
from planner.formats.text_table import tabulate
from planner.i18n import N_, _
from planner.model import Plan
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


def _effect_cells(effects: Effects) -> list[str]:
    return [format_signed(effects.volume), format_signed(effects.price)]


HEADERS = [N_("Line"), N_("Uppdrag"), N_("Bas"), N_("Tillägg"), N_("Δ tilläggskostnad (kr)")]
EFFECT_HEADERS = [N_("Volume effect (kr)"), N_("Price effect (kr)")]


def hospitals_note(old: Plan, new: Plan) -> str:
    """Empty for one hospital; otherwise says the comparison crosses hospitals."""
    if old.hospital.code == new.hospital.code:
        return ""
    return _("different hospitals: {old} and {new}, each at its own prices").format(
        old=old.hospital.short_name, new=new.hospital.short_name
    )


def diff_heading(old_label: str, new_label: str, note: str = "") -> str:
    """Both sides named in full: `Changes NU 2026 (live) → NU 2027 (live)`."""
    heading = _("Changes {old} → {new}").format(old=old_label, new=new_label)
    return heading + (f" ({note})" if note else "")


def _table(rows: list[list[str]], headers: list[str], fmt: str) -> str:
    align = ("left", *("right",) * (len(headers) - 1))
    shown = [_(header) for header in headers]
    return tabulate(rows, shown, tablefmt=fmt, colalign=align, disable_numparse=True)


def render_diff(
    diff: PlanDiff, old_label: str, new_label: str, markdown: bool = False, note: str = ""
) -> str:
    """The comparison as a text or Markdown report; labels and line names are made inert."""
    fmt = "github" if markdown else "simple"
    inert = md_cell if markdown else escape_control
    heading = inert(diff_heading(old_label, new_label, note))
    if diff.changes:
        rows = [
            [inert(cell) for cell in change_cells(c)] + _effect_cells(c.effects)
            for c in diff.changes
        ]
        table = _table(rows, HEADERS + EFFECT_HEADERS, fmt)
    else:
        table = _("No line changed.")
    categories = _table(
        [
            [inert(group), format_signed(e.total), *_effect_cells(e)]
            for group, e in diff.effects_by_category.items()
            if e != Effects()
        ]
        or [[_("(none)"), "0", "0", "0"]],
        [N_("Category"), N_("Δ tilläggskostnad (kr)"), *EFFECT_HEADERS],
        fmt,
    )
    classes = _table(
        [
            [word(cls), format_signed(e.total), *_effect_cells(e)]
            for cls, e in diff.effects_by_class.items()
        ],
        [N_("Price class"), N_("Δ tilläggskostnad (kr)"), *EFFECT_HEADERS],
        fmt,
    )
    total = _(
        "Tilläggskostnad {old} → {new} kr; total Δ tilläggskostnad: {delta} kr"
        " (volume effect {volume} kr, price effect {price} kr)"
    ).format(
        old=format_number(diff.old_cost),
        new=format_number(diff.new_cost),
        delta=format_signed(diff.cost_delta),
        volume=format_signed(diff.effects.volume),
        price=format_signed(diff.effects.price),
    )
    verdict = _("Decision: {verdict}").format(verdict=diff.decision.text)
    if markdown:
        by_category, by_class = _("By category"), _("By price class")
        return (
            f"# {heading}\n\n{table}\n\n## {by_category}\n\n{categories}\n\n"
            f"## {by_class}\n\n{classes}\n\n**{total}**\n\n**{verdict}**\n"
        )
    return f"{heading}\n\n{table}\n\n{categories}\n\n{classes}\n\n{total}\n{verdict}\n"
