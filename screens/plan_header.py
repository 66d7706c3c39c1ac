"""What the plan screen's header says: the plan's name, and whether everything is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.i18n import _, ngettext

if TYPE_CHECKING:
    from planner.model import Plan
    from planner.side_by_side import SidePlan


def plan_title(plan: Plan, narrow: bool, side: SidePlan | None) -> str:
    """The plan (short on a narrow terminal), the scenario and the plan shown beside it."""
    if narrow:
        title = f"{plan.hospital.short_name} {plan.year}"
    else:
        title = f"planner · {plan.hospital.name} ({plan.hospital.short_name}) {plan.year}"
    if plan.scenario:
        title += " · " + _("scenario {scenario}").format(scenario=plan.scenario)
    if side is not None:
        title += f" · ◇ {side.label}"
    return title


def progress_text(editor_open: bool, pending: int, saves: int, notice: str) -> str:
    """Whether anything is unsaved, the R7 notice, the edits this session."""
    if editor_open:
        saved = _("editing (not saved yet)")
    elif pending:
        saved = _("saving…")
    else:
        saved = _("all changes saved")
    edits = ngettext("{saves} edit this session", "{saves} edits this session", saves).format(
        saves=saves
    )
    return " · ".join(part for part in (saved, notice, edits) if part)
