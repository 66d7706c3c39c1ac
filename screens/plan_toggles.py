"""The plan screen's on/off settings: the Δ columns (D), Δ since the decision (B) and the
reason prompt, each kept in the database and said in the status line."""

from __future__ import annotations

import sqlite3

from db.decisions import decision_snapshot
from db.errors import StorageError
from db.plan_settings import BASELINE, DECISION, LATEST, load_plan_setting, set_plan_setting
from db.plan_view import load_plan_view
from db.settings import DELTA_COLUMN, REASON_PROMPT
from planner.i18n import _
from screens.plan_part import PlanPart


class PlanToggles(PlanPart):
    """Each toggle is said from the work queue, after the saves asked for before it."""

    async def load_settings(self) -> None:
        """On opening: the user's reason prompt and Δ columns as they last left them."""
        try:
            delta = await self.plan.load_settings()
        except (StorageError, sqlite3.Error) as exc:
            self.say(_("settings not read: {exc}").format(exc=exc), error=True)
            return
        grid = self.screen.grid
        if delta != grid.delta_shown:
            grid.delta_shown = delta
            self.screen.show_plan()

    def toggle_delta(self) -> None:
        """Show or hide the change since the latest snapshot per line; kept per user."""
        on = not self.screen.grid.delta_shown
        self.screen.grid.delta_shown = on
        self.screen.show_plan()
        snapshot = self.plan.known.snapshot_id
        since = _("snapshot {snapshot}").format(snapshot=snapshot) if snapshot else _("opening")
        text = _("Δ columns {value}: change in tillägg and cost since {since}").format(
            value=_("on") if on else _("off"), since=since
        )

        async def work() -> None:
            """Said in the queue, so an edit's "Saved" still being written comes before it."""
            await self.plan.remember(DELTA_COLUMN, on)
            self.say(text)

        self.work(work)

    def toggle_delta_baseline(self) -> None:
        """Mark changes (Δ, underlines, R7) since the decision or since the latest snapshot."""
        pid = self.state.plan.plan_id

        async def work() -> None:
            current = await self.session.run(load_plan_setting, pid, BASELINE)
            wanted = LATEST if current == DECISION else DECISION
            if wanted == DECISION and await self.session.run(decision_snapshot, pid) is None:
                self.say(_("This plan has no decision snapshot (init or import-table takes one)"))
                return
            actor = self.session.actor("tui")
            await self.session.run(set_plan_setting, pid, BASELINE, wanted, actor)
            plan = self.state.plan
            view = await self.session.run(load_plan_view, *plan.ref)
            self.plan.take_view(view)
            since = _("the decision") if wanted == DECISION else _("the latest snapshot")
            self.say(
                _("Δ columns and changed cells now since {since} (snapshot {snapshot_id})").format(
                    since=since, snapshot_id=view.snapshot_id
                )
            )

        self.work(work)

    def toggle_reason_prompt(self) -> None:
        on = not self.plan.reason_prompt

        async def work() -> None:
            await self.plan.remember(REASON_PROMPT, on)
            self.plan.reason_prompt = on
            self.say(
                _("Ask for a reason after each edit: {value}").format(
                    value=_("on") if on else _("off")
                )
            )

        self.work(work)
