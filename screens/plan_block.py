"""A block pasted into the plan's volumes: saved as one step, undone and redone as one.

Called by the `PlanSession` (kept apart so the session stays small): every line of the block
is written in one transaction (`db.edits.edit_lines`), recorded as one `Batch` in the undo
history, and ctrl+z puts all its lines back in one transaction too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.edits import edit_lines, restore_lines
from db.errors import Conflict, StorageError
from planner.history import Batch, Step
from planner.i18n import _, ngettext
from planner.model import Field, PlanLine
from planner.numbers import format_number, format_signed
from planner.prices import line_cost
from planner.rules import EditRefused
from planner.text import counted

if TYPE_CHECKING:
    from screens.plan_session import PlanSession


@dataclass(frozen=True)
class SaveBlock:
    """Checked values of a pasted block, in reading order, and each line's version then."""

    edits: tuple[tuple[str, Field, int], ...]
    versions: dict[str, int]


def cost_change(plan: PlanSession, steps: tuple[Step, ...], undo: bool = False) -> int:
    prices = plan.state.plan.prices
    change = sum(line_cost(s.after, prices) - line_cost(s.before, prices) for s in steps)
    return -change if undo else change


async def save_block(plan: PlanSession, request: SaveBlock) -> None:
    """Store every value of the block in one transaction, as one undoable step."""
    expected = {k: plan.expected_version(k, v) for k, v in request.versions.items()}
    pid, actor = plan.state.plan.plan_id, plan.session.actor("tui")
    try:
        results = await plan.session.run(edit_lines, pid, request.edits, actor, expected)
    except Conflict as exc:
        plan.conflict(exc, exc.current.key)
        plan.show.say(
            _(
                "Paste refused: {name} ({category}) was changed elsewhere; nothing was changed"
            ).format(name=exc.current.name, category=exc.current.category),
            error=True,
        )
        return
    except (EditRefused, StorageError) as exc:
        plan.show.say(_("Paste refused: {exc}; nothing was changed").format(exc=exc), error=True)
        return
    steps = tuple(Step(r.after.key, r.before, r.after) for r in results if r.changed)
    if not steps:
        plan.show.say(_("The pasted block holds the values the plan already has; nothing changed"))
        return
    plan.history.record(Batch(steps))
    show_lines(plan, [s.after for s in steps])
    count = len(request.edits)
    plan.show.say(
        _(
            "Pasted {values} into {lines} in one step (ctrl+z undoes it):"
            " tilläggskostnad {delta} kr · total {cost} kr"
        ).format(
            values=ngettext("{count} value", "{count} values", count).format(count=count),
            lines=counted(len(steps), "line"),
            delta=format_signed(cost_change(plan, steps)),
            cost=format_number(plan.state.total.cost),
        )
    )


def show_lines(plan: PlanSession, lines: list[PlanLine]) -> None:
    """Show the written lines and count the step as one save."""
    for after in lines:
        plan.own_versions.setdefault(after.key, set()).add(after.version)
        plan.show.show_line(after, plan.state.update(after))
    plan.saves += 1
    plan.show.progress_changed()


async def undo_redo_block(plan: PlanSession, batch: Batch, undo: bool) -> None:
    """Put every line of a pasted block back (or again) in one transaction."""
    history = plan.history
    targets = [
        (
            s.key,
            (s.before if undo else s.after).volumes,
            (s.before if undo else s.after).price_class,
            history.expected_version(s.key),
        )
        for s in batch.steps
    ]
    pid = plan.state.plan.plan_id
    actor = plan.session.actor("undo" if undo else "redo")
    try:
        results = await plan.session.run(restore_lines, pid, targets, actor)
    except Conflict as exc:
        plan.conflict(exc, exc.current.key)
        if undo:
            text = _(
                "Not undone: {name} ({category}) of the pasted block was changed elsewhere;"
                " its undo history ends there"
            )
        else:
            text = _(
                "Not redone: {name} ({category}) of the pasted block was changed elsewhere;"
                " its undo history ends there"
            )
        plan.show.say(text.format(name=exc.current.name, category=exc.current.category), error=True)
        return
    written = [r.after for r in results]
    if undo:
        history.undo(*written)
    else:
        history.redo(*written)
    show_lines(plan, written)
    if undo:
        text = _(
            "Undone: the pasted block of {lines}: tilläggskostnad {delta} kr · total {cost} kr"
        )
    else:
        text = _(
            "Redone: the pasted block of {lines}: tilläggskostnad {delta} kr · total {cost} kr"
        )
    plan.show.say(
        text.format(
            lines=counted(len(batch.steps), "line"),
            delta=format_signed(cost_change(plan, batch.steps, undo)),
            cost=format_number(plan.state.total.cost),
        )
    )
    plan.show.focus_line(batch.key)
