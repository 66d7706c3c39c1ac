"""The plan screen's actions for coordinators: snapshots, exports, comparison, review, log.

Each one runs its database and file work on the session's storage thread (a worker), so a
large export or a busy database never freezes the screen; failures become one status line.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from db.audit import add_reason
from db.connection import translate
from db.decisions import decision_snapshot
from db.errors import StorageError
from db.plan_settings import BASELINE, DECISION, LATEST, load_plan_setting, set_plan_setting
from db.plan_view import PlanView, load_plan_view
from db.plans import list_plans, load_plan
from db.settings import REASON_PROMPT, set_setting
from db.snapshots import create_snapshot, list_snapshots, load_snapshot
from planner.files import WriteError
from planner.history import History
from planner.plan_state import PlanState
from planner.snapshot import chooser_label, decision_first, live_name
from planner.text import counted
from planner.times import local_time
from screens.dialogs import ChooseScreen, PromptScreen
from screens.plan_grid import PlanGrid
from screens.session import Session

if TYPE_CHECKING:
    from screens.export_dialog import ExportRequest

SLOW_SECONDS = 0.5


class CoordinatorActions(Screen[None]):
    """PlanScreen's base: actions that read or write beside the grid's edits.

    What the actions need of the plan screen is declared here and provided there.
    """

    session: Session
    state: PlanState
    reason_prompt: bool

    @property
    def history(self) -> History:
        raise NotImplementedError

    @property
    def grid(self) -> PlanGrid:
        raise NotImplementedError

    def say(self, text: str, error: bool = False) -> None:
        raise NotImplementedError

    def take_view(self, view: PlanView) -> None:
        raise NotImplementedError

    def action_reload(self) -> None:
        raise NotImplementedError

    def guarded(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run `work` in a worker; a storage or file failure is said in the status line."""

        async def run() -> None:
            try:
                await work()
            except (StorageError, WriteError) as exc:
                self.say(str(exc), error=True)
            except sqlite3.Error as exc:
                self.say(str(translate(exc)), error=True)

        self.run_worker(run(), group="storage")

    def action_snapshot(self) -> None:
        from screens.snapshot_dialog import SnapshotDialog

        self.app.push_screen(SnapshotDialog(), self.make_snapshot)

    def make_snapshot(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        label, note = answer
        plan, user = self.state.plan, self.session.user

        async def work() -> None:
            info = await self.session.run(create_snapshot, plan, label, note, user)
            view: PlanView = await self.session.run(load_plan_view, plan.hospital.code, plan.year)
            self.take_view(view)
            self.say(f"Snapshot {info.id} «{info.label}» saved (sha256 {info.sha256[:12]}…)")

        self.guarded(work)

    def action_import_table(self) -> None:
        from screens.import_dialog import ImportDialog

        plan = self.state.plan
        self.app.push_screen(
            ImportDialog(self.session, plan.hospital.code, plan.year), self.imported
        )

    def imported(self, outcome: str | None) -> None:
        if outcome is None:
            return
        plan = self.state.plan

        async def work() -> None:
            view: PlanView = await self.session.run(load_plan_view, plan.hospital.code, plan.year)
            self.take_view(view)
            self.say(outcome)

        self.guarded(work)

    def action_export(self) -> None:
        from screens.export_dialog import ExportDialog

        plan = self.state.plan
        stem = f"plan-{plan.hospital.code}-{plan.year}"
        self.app.push_screen(ExportDialog(stem), self.export_plan)

    def export_plan(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        plan = self.state.plan
        path = Path(request.path)

        from db.output_files import write_output
        from planner.exports import export_bytes

        async def work() -> None:
            started = time.monotonic()
            progress = self.set_interval(
                SLOW_SECONDS,
                lambda: self.say(f"Exporting {path} … {time.monotonic() - started:.0f} s"),
            )
            try:
                saved = await self.session.run(load_plan, plan.hospital.code, plan.year)
                data = await self.session.off_thread(export_bytes, saved, request.fmt, request.sep)
                await self.session.run(write_output, path, data)
            finally:
                progress.stop()
            self.say(f"Wrote {path} ({request.fmt}, {counted(len(saved.lines), 'line')})")

        self.say(f"Exporting {path} …")
        self.guarded(work)

    def choose_snapshot(self, title: str, then: Callable[[int], None]) -> None:
        """Offer this plan's snapshots (latest highlighted) and call `then` with the chosen id."""
        plan_id = self.state.plan.plan_id

        async def work() -> None:
            found = await self.session.run(list_snapshots, plan_id)
            if not found:
                self.say("No snapshot of this plan yet: press s to make one")
                return
            options = [
                (str(s.id), chooser_label(s, local_time(s.created_at)).removeprefix("snapshot "))
                for s in decision_first(found)
            ]
            self.app.push_screen(
                ChooseScreen(title, options, str(found[-1].id)),
                lambda choice: then(int(choice)) if choice else None,
            )

        self.guarded(work)

    def action_compare(self) -> None:
        """Compare the live plan with one of its snapshots or with another plan (year on year)."""
        plan = self.state.plan

        async def work() -> None:
            snapshots = await self.session.run(list_snapshots, plan.plan_id)
            plans = await self.session.run(list_plans)
            others = [p for p in plans if p.plan_id != plan.plan_id]
            if not snapshots and not others:
                self.say("No snapshot of this plan yet: press s to make one")
                return
            options = [
                (f"snapshot:{s.id}", chooser_label(s, local_time(s.created_at)))
                for s in decision_first(snapshots)
            ]
            options += [
                (f"plan:{p.hospital.code}/{p.year}", f"plan {p.hospital.short_name} {p.year}")
                for p in others
            ]
            current = f"snapshot:{snapshots[-1].id}" if snapshots else options[0][0]
            title = "Compare the live plan with"
            self.app.push_screen(ChooseScreen(title, options, current), self.show_comparison)

        self.guarded(work)

    def show_comparison(self, choice: str | None) -> None:
        if not choice:
            return
        from screens.diff_screen import DiffScreen

        kind, _, ref = choice.partition(":")
        plan = self.state.plan

        async def work() -> None:
            live = await self.session.run(load_plan, plan.hospital.code, plan.year)
            if kind == "snapshot":
                info, old = await self.session.run(load_snapshot, int(ref))
                label = info.named(old)
            else:
                code, year = ref.split("/")
                old = await self.session.run(load_plan, code, int(year))
                label = live_name(old)
            self.app.push_screen(DiffScreen(old, live, label, live_name(live)))

        self.guarded(work)

    def action_reason(self) -> None:
        step = self.history.peek_undo()
        if step is None:
            self.say("No edit in this session to give a reason for")
            return
        self.ask_reason(step.key)

    def ask_reason(self, key: str) -> None:
        line = self.state.lines[key]
        plan_id = self.state.plan.plan_id

        def save(reason: str | None) -> None:
            if not reason:
                return
            actor = self.session.actor("tui", reason)

            async def work() -> None:
                await self.session.run(add_reason, plan_id, key, actor)
                self.say(f"Reason kept for {line.name} ({line.category})")

            self.guarded(work)

        title = f"Reason for the edit of {line.name} ({line.category})"
        self.app.push_screen(PromptScreen(title), save)

    def action_toggle_delta_baseline(self) -> None:
        """Mark changes (Δ, underlines, R7) since the decision or since the latest snapshot."""
        pid = self.state.plan.plan_id

        async def work() -> None:
            current = await self.session.run(load_plan_setting, pid, BASELINE)
            wanted = LATEST if current == DECISION else DECISION
            if wanted == DECISION and await self.session.run(decision_snapshot, pid) is None:
                self.say("This plan has no decision snapshot (init or import-table takes one)")
                return
            actor = self.session.actor("tui")
            await self.session.run(set_plan_setting, pid, BASELINE, wanted, actor)
            plan = self.state.plan
            view = await self.session.run(load_plan_view, plan.hospital.code, plan.year)
            self.take_view(view)
            since = "the decision" if wanted == DECISION else "the latest snapshot"
            self.say(f"Δ columns and changed cells now since {since} (snapshot {view.snapshot_id})")

        self.guarded(work)

    def action_toggle_reason_prompt(self) -> None:
        on = not self.reason_prompt

        async def work() -> None:
            await self.session.run(
                set_setting, self.session.user, REASON_PROMPT, "on" if on else ""
            )
            self.reason_prompt = on
            self.say(f"Ask for a reason after each edit: {'on' if on else 'off'}")

        self.guarded(work)

    def action_review(self) -> None:
        self.choose_snapshot("Review the changes since snapshot", self.open_review)

    def open_review(self, snapshot_id: int) -> None:
        from db.reviews import start_or_resume
        from screens.review_screen import ReviewScreen

        async def work() -> None:
            info = await self.session.run(start_or_resume, snapshot_id, self.session.user)
            self.app.push_screen(ReviewScreen(self.session, info), lambda _: self.action_reload())

        self.guarded(work)

    def action_log(self) -> None:
        from screens.log_screen import LogScreen

        plan = self.state.plan
        title = f"{plan.hospital.name} {plan.year}"
        self.app.push_screen(LogScreen(self.session, plan.plan_id, title))

    def action_line_history(self) -> None:
        """The audit log of the line under the cursor, newest first."""
        key = self.grid.line_at(self.grid.cursor_row)
        if key is None:
            self.say("A subtotal has no history of its own: put the cursor on a line")
            return
        from screens.log_screen import LogScreen

        plan = self.state.plan
        title = f"{plan.hospital.name} {plan.year}"
        self.app.push_screen(LogScreen(self.session, plan.plan_id, title, line_key=key))
