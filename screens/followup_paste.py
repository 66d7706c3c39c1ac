"""Blocks pasted into the follow-up: stored in one transaction, undone in one from the palette.

Kept apart from the follow-up screen, which calls these on its work queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.outcomes import Cell, OutcomeConflict, import_outcomes, restore_outcomes
from planner.i18n import _, ngettext

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
        changed = ngettext("{count} value", "{count} values", result.changed).format(
            count=result.changed
        )
        screen.say(
            _(
                "{plan}: {what} saved in one step: {changed} changed, {unchanged} unchanged"
                " (palette: followup: undo the last paste)"
            ).format(
                plan=screen.name_of_plan, what=what, changed=changed, unchanged=result.unchanged
            )
        )

    async def undo(self) -> None:
        """Put the last pasted block's months back in one transaction, if none changed since."""
        screen = self.screen
        if self.last is None:
            screen.say(_("No pasted block to undo"))
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
            screen.say(_("The paste was not undone: {exc}").format(exc=exc), error=True)
            return
        await screen.reload()
        screen.say(
            _("{plan}: the pasted block is undone; {values} put back in one step").format(
                plan=screen.name_of_plan,
                values=ngettext("{count} value", "{count} values", changed).format(count=changed),
            )
        )
