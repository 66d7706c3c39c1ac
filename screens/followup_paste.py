"""Blocks pasted into the follow-up: stored in one transaction, undone in one from the palette.

Kept apart from the follow-up screen, which calls these on its work queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.outcomes import Cell, OutcomeConflict, import_outcomes, restore_outcomes
from planner.text import counted

if TYPE_CHECKING:
    from screens.followup_screen import FollowupScreen


class PastedBlocks:
    """The months the last pasted block changed: their values before and as pasted."""

    def __init__(self, screen: FollowupScreen) -> None:
        self.screen = screen
        self.last: tuple[dict[Cell, int | None], dict[Cell, int]] | None = None

    async def store(self, values: dict[Cell, int], what: str) -> None:
        """Every value of a checked block in one transaction (one change set in the log)."""
        screen = self.screen
        actor = screen.session.actor("tui")
        pid = screen.plan.plan_id
        result = await screen.session.run(import_outcomes, pid, values, actor, what)
        await screen.reload()
        if result.replaced:
            self.last = (result.replaced, {cell: values[cell] for cell in result.replaced})
        screen.say(
            f"{screen.name_of_plan}: {what} saved in one step:"
            f" {counted(result.changed, 'value')} changed, {result.unchanged} unchanged"
            " (palette: followup: undo the last paste)"
        )

    async def undo(self) -> None:
        """Put the last pasted block's months back in one transaction, if none changed since."""
        screen = self.screen
        if self.last is None:
            screen.say("No pasted block to undo")
            return
        before, pasted = self.last
        self.last = None
        actor = screen.session.actor("undo")
        try:
            changed = await screen.session.run(
                restore_outcomes, screen.plan.plan_id, before, pasted, actor
            )
        except OutcomeConflict as exc:
            await screen.reload()
            screen.say(f"The paste was not undone: {exc}", error=True)
            return
        await screen.reload()
        screen.say(
            f"{screen.name_of_plan}: the pasted block is undone;"
            f" {counted(changed, 'value')} put back in one step"
        )
