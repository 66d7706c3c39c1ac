"""The plan screen's actions for coordinators: snapshots, exports, comparison, review, log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from db.audit import add_reason
from db.errors import StorageError
from db.plans import list_plans, load_plan
from db.reviews import start_or_resume
from db.settings import REASON_PROMPT, set_setting
from db.snapshots import create_snapshot, list_snapshots, load_snapshot
from planner.exports import export_bytes
from planner.files import WriteError, write_atomic
from planner.history import History
from planner.model import Volumes
from planner.plan_state import PlanState
from screens.dialogs import ChooseScreen, PromptScreen
from screens.diff_screen import DiffScreen
from screens.export_dialog import ExportDialog, ExportRequest
from screens.log_screen import LogScreen
from screens.review_screen import ReviewScreen
from screens.session import Session
from screens.snapshot_dialog import SnapshotDialog


class CoordinatorActions:
    """Mixed into PlanScreen; works on its session, plan state and status line."""

    app: App[None]
    session: Session
    state: PlanState
    baselines: dict[int, dict[str, Volumes]]
    history: History
    reason_prompt: bool
    say: Callable[..., None]
    show_plan: Callable[[], None]
    action_reload: Callable[[], None]

    def action_snapshot(self) -> None:
        self.app.push_screen(SnapshotDialog(), self.make_snapshot)

    def make_snapshot(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        label, note = answer
        try:
            info = create_snapshot(self.session.db, self.state.plan, label, note, self.session.user)
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        self.baselines.pop(self.state.plan.plan_id, None)
        self.show_plan()
        self.say(f"Snapshot {info.id} «{info.label}» saved (sha256 {info.sha256[:12]}…)")

    def action_export(self) -> None:
        plan = self.state.plan
        stem = f"plan-{plan.hospital.code}-{plan.year}"
        self.app.push_screen(ExportDialog(stem), self.export_plan)

    def export_plan(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        plan = self.state.plan
        try:
            saved = load_plan(self.session.db, plan.hospital.code, plan.year)
            write_atomic(Path(request.path), export_bytes(saved, request.fmt, request.sep))
        except (StorageError, WriteError) as exc:
            self.say(str(exc), error=True)
            return
        self.say(f"Wrote {request.path} ({request.fmt}, {len(saved.lines)} lines)")

    def choose_snapshot(self, title: str, then: Callable[[int], None]) -> None:
        """Offer this plan's snapshots (latest highlighted) and call `then` with the chosen id."""
        found = list_snapshots(self.session.db, self.state.plan.plan_id)
        if not found:
            self.say("No snapshot of this plan yet: press s to make one")
            return
        options = [(str(s.id), f"{s.id}  {s.created_at[:16]}  {s.label}") for s in found]
        self.app.push_screen(
            ChooseScreen(title, options, options[-1][0]),
            lambda choice: then(int(choice)) if choice else None,
        )

    def action_compare(self) -> None:
        """Compare the live plan with one of its snapshots or with another plan (year on year)."""
        plan = self.state.plan
        snapshots = list_snapshots(self.session.db, plan.plan_id)
        others = [p for p in list_plans(self.session.db) if p.plan_id != plan.plan_id]
        if not snapshots and not others:
            self.say("No snapshot of this plan yet: press s to make one")
            return
        options = [
            (f"snapshot:{s.id}", f"snapshot {s.id}  {s.created_at[:16]}  {s.label}")
            for s in snapshots
        ]
        options += [
            (f"plan:{p.hospital.code}/{p.year}", f"plan {p.hospital.short_name} {p.year}")
            for p in others
        ]
        current = options[len(snapshots) - 1][0] if snapshots else options[0][0]
        title = "Compare the live plan with"
        self.app.push_screen(ChooseScreen(title, options, current), self.show_comparison)

    def show_comparison(self, choice: str | None) -> None:
        if not choice:
            return
        kind, _, ref = choice.partition(":")
        plan = self.state.plan
        try:
            live = load_plan(self.session.db, plan.hospital.code, plan.year)
            if kind == "snapshot":
                info, old = load_snapshot(self.session.db, int(ref))
                label = info.title
            else:
                code, year = ref.split("/")
                old = load_plan(self.session.db, code, int(year))
                label = f"{old.hospital.short_name} {old.year}"
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        self.app.push_screen(DiffScreen(old, live, label, "live"))

    def action_reason(self) -> None:
        step = self.history.peek_undo()
        if step is None:
            self.say("No edit in this session to give a reason for")
            return
        self.ask_reason(step.key)

    def ask_reason(self, key: str) -> None:
        line = self.state.lines[key]

        def save(reason: str | None) -> None:
            if not reason:
                return
            try:
                actor = self.session.actor("tui", reason)
                add_reason(self.session.db, self.state.plan.plan_id, key, actor)
            except StorageError as exc:
                self.say(str(exc), error=True)
                return
            self.say(f"Reason kept for {line.name} ({line.category})")

        title = f"Reason for the edit of {line.name} ({line.category})"
        self.app.push_screen(PromptScreen(title), save)

    def action_toggle_reason_prompt(self) -> None:
        on = not self.reason_prompt
        set_setting(self.session.db, self.session.user, REASON_PROMPT, "on" if on else "")
        self.reason_prompt = on
        self.say(f"Ask for a reason after each edit: {'on' if on else 'off'}")

    def action_review(self) -> None:
        self.choose_snapshot("Review the changes since snapshot", self.open_review)

    def open_review(self, snapshot_id: int) -> None:
        try:
            info = start_or_resume(self.session.db, snapshot_id, self.session.user)
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        self.app.push_screen(ReviewScreen(self.session, info), lambda _: self.action_reload())

    def action_log(self) -> None:
        plan = self.state.plan
        title = f"{plan.hospital.name} {plan.year}"
        self.app.push_screen(LogScreen(self.session, plan.plan_id, title))
