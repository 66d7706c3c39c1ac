"""Undo and redo of the open plan's own edits, for the `PlanSession` (kept apart so it stays
small): one line through `db.edits.restore_line`, a pasted block through `plan_block`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.edits import restore_line
from db.errors import Conflict
from planner.history import Batch
from planner.i18n import N_, _
from screens.plan_block import undo_redo_block

if TYPE_CHECKING:
    from screens.plan_session import PlanSession


async def undo_redo(plan: PlanSession, undo: bool) -> None:
    """ctrl+z / ctrl+y: put this session's last edit back (or again) unless another writer
    changed the line since; a pasted block goes back whole."""
    history = plan.history
    step = history.peek_undo() if undo else history.peek_redo()
    if step is None:
        plan.show.say(nothing_to(plan, undo))
        return
    if isinstance(step, Batch):
        await undo_redo_block(plan, step, undo)
        return
    target = step.before if undo else step.after
    expected = history.expected_version(step.key)
    pid = plan.state.plan.plan_id
    actor = plan.session.actor("undo" if undo else "redo")
    try:
        result = await plan.session.run(
            restore_line, pid, step.key, target.volumes, target.price_class, actor, expected
        )
    except Conflict as exc:
        plan.conflict(exc, step.key)
        message = (
            _(
                "Not undone: {name} ({category}) was changed elsewhere since your edit;"
                " its undo history ends there"
            )
            if undo
            else _(
                "Not redone: {name} ({category}) was changed elsewhere since your edit;"
                " its undo history ends there"
            )
        )
        plan.show.say(
            message.format(name=exc.current.name, category=exc.current.category),
            error=True,
        )
        return
    if undo:
        history.undo(result.after)
    else:
        history.redo(result.after)
    plan.saved(result, N_("Undone") if undo else N_("Redone"))
    plan.show.focus_line(step.key)


def nothing_to(plan: PlanSession, undo: bool) -> str:
    """Why ctrl+z/ctrl+y does nothing, naming the line whose history another writer ended."""
    text = _("Nothing to undo") if undo else _("Nothing to redo")
    ended = plan.history.ended
    if not ended or ended[-1] not in plan.state.lines:
        return text
    line = plan.state.lines[ended[-1]]
    return _(
        "{text}: the undo history of {name} ({category}) ended when it was changed elsewhere"
    ).format(text=text, name=line.name, category=line.category)
