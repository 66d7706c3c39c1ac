"""The plan screen's actions beside editing: snapshots, exports, comparison, review, log.

Each one runs its database and file work on the session's storage thread (a worker), so a
large export or a busy database never freezes the screen; failures become one status line.
Opening plans is in `PlanSwitching`, the on/off settings in `PlanToggles`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from db.plan_view import PlanView, load_plan_view
from db.plans import list_plans, load_plan
from db.snapshots import create_snapshot, list_snapshots, load_snapshot
from planner.display import word
from planner.history import batch_between, parts
from planner.i18n import _
from planner.model import PriceClass, vars_of
from planner.numbers import format_number
from planner.scenario import reference, split_reference
from planner.snapshot import chooser_label, decision_first, live_name
from planner.text import counted
from planner.times import local_time
from screens.dialogs.prompts import ChooseScreen, PromptScreen
from screens.plan_part import PlanPart
from screens.plan_session import SaveClass

if TYPE_CHECKING:
    from screens.dialogs.export_dialog import ExportRequest

SLOW_SECONDS = 0.5


class PlanActions(PlanPart):
    """What the plan screen offers beside the grid's edits, composed into the screen.

    Each action asks through dialogs, then queues its storage work on the app's work queue
    (`screen.work`), so failures become one status line and never end the app.
    """

    def snapshot(self) -> None:
        from screens.dialogs.snapshot_dialog import SnapshotDialog

        self.app.push_screen(SnapshotDialog(), self.make_snapshot)

    def make_snapshot(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        label, note = answer
        plan, user = self.state.plan, self.session.user

        async def work() -> None:
            info = await self.session.run(create_snapshot, plan, label, note, user)
            view: PlanView = await self.session.run(load_plan_view, *plan.ref)
            self.plan.take_view(view)
            self.say(
                _("Snapshot {id} «{label}» saved (sha256 {sha256}…)").format(
                    id=info.id, label=info.label, sha256=info.sha256[:12]
                )
            )

        self.work(work)

    def import_table(self) -> None:
        from screens.dialogs.import_dialog import ImportDialog

        plan = self.state.plan
        self.app.push_screen(
            ImportDialog(self.session, plan.hospital.code, plan.year), self.imported
        )

    def imported(self, outcome: str | None) -> None:
        if outcome is None:
            return
        plan, before = self.state.plan, dict(self.state.lines)

        async def work() -> None:
            view: PlanView = await self.session.run(load_plan_view, *plan.ref)
            self.plan.take_view(view)
            batch = batch_between(before, view.plan.lines)
            if batch is None:
                self.say(outcome)
                return
            self.plan.history.record(batch)
            self.say(_("{outcome} (ctrl+z undoes it in one step)").format(outcome=outcome))

        self.work(work)

    def export(self) -> None:
        from screens.dialogs.export_dialog import ExportDialog

        plan = self.state.plan
        stem = f"plan-{plan.hospital.code}-{plan.year}"
        self.app.push_screen(ExportDialog(stem, self.session.files_root), self.export_plan)

    def export_plan(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        plan = self.state.plan
        path = Path(request.path)

        from db.files_root import write_confined
        from planner.formats.exports import export_bytes

        async def work() -> None:
            started = time.monotonic()
            progress = self.screen.set_interval(
                SLOW_SECONDS,
                lambda: self.say(
                    _("Exporting {path} … {monotonic:.0f} s").format(
                        path=path, monotonic=time.monotonic() - started
                    )
                ),
            )
            try:
                saved = await self.session.run(load_plan, *plan.ref)
                data = await self.session.off_thread(export_bytes, saved, request.fmt, request.sep)
                await self.session.run(write_confined, self.session.files_root, path, data)
            finally:
                progress.stop()
            self.say(
                _("Wrote {path} ({fmt}, {lines})").format(
                    path=path, fmt=request.fmt, lines=counted(len(saved.lines), "line")
                )
            )

        self.say(_("Exporting {path} …").format(path=path))
        self.work(work)

    def choose_snapshot(self, title: str, then: Callable[[int], None]) -> None:
        """Offer this plan's snapshots (latest highlighted) and call `then` with the chosen id."""
        plan_id = self.state.plan.plan_id

        async def work() -> None:
            found = await self.session.run(list_snapshots, plan_id)
            if not found:
                self.say(_("No snapshot of this plan yet: press s to make one"))
                return
            options = [
                (str(s.id), chooser_label(s, local_time(s.created_at)).removeprefix(_("snapshot ")))
                for s in decision_first(found)
            ]
            self.app.push_screen(
                ChooseScreen(title, options, str(found[-1].id)),
                lambda choice: then(int(choice)) if choice else None,
            )

        self.work(work)

    def compare(self) -> None:
        """Compare the live plan with one of its snapshots or with another plan (year on year)."""
        plan = self.state.plan

        async def work() -> None:
            snapshots = await self.session.run(list_snapshots, plan.plan_id)
            plans = await self.session.run(list_plans)
            others = [p for p in plans if p.plan_id != plan.plan_id]
            if not snapshots and not others:
                self.say(_("No snapshot of this plan yet: press s to make one"))
                return
            options = [
                (f"snapshot:{s.id}", chooser_label(s, local_time(s.created_at)))
                for s in decision_first(snapshots)
            ]
            options += [
                (f"plan:{reference(*p.ref)}", _("plan {label}").format(label=p.label))
                for p in others
            ]
            current = f"snapshot:{snapshots[-1].id}" if snapshots else options[0][0]
            title = _("Compare the live plan with")
            self.app.push_screen(ChooseScreen(title, options, current), self.show_comparison)

        self.work(work)

    def show_comparison(self, choice: str | None) -> None:
        if not choice:
            return
        from screens.diff_screen import DiffScreen

        kind, _sep, ref = choice.partition(":")
        plan = self.state.plan

        async def work() -> None:
            live = await self.session.run(load_plan, *plan.ref)
            if kind == "snapshot":
                info, old = await self.session.run(load_snapshot, int(ref))
                label = info.named(old)
            else:
                old = await self.session.run(load_plan, *split_reference(ref))
                label = live_name(old)
            self.app.push_screen(DiffScreen(old, live, label, live_name(live)))

        self.work(work)

    def reason(self) -> None:
        """Asked in the queue, so an edit still being saved is the last edit it finds."""

        async def work() -> None:
            step = self.plan.history.peek_undo()
            if step is None:
                self.say(_("No edit of yours in this plan this session to give a reason for"))
                return
            self.ask_reason(step.key)

        self.work(work)

    def ask_reason(self, key: str) -> None:
        """The reason goes to this session's last edit of the line in this plan (the values
        it left), never to someone else's later edit; the status line names the edit."""
        line = self.state.lines[key]
        plan_id = self.state.plan.plan_id
        step = self.plan.history.peek_undo()
        mine = [part for part in parts(step) if part.key == key] if step is not None else []
        after = mine[-1].after if mine else line
        values = {"price_class": after.price_class.value, **vars_of(after.volumes)}

        def save(reason: str | None) -> None:
            if not reason:
                return
            actor = self.session.actor("tui", reason)

            async def work() -> None:
                from db.audit import add_reason  # the audit's readers: off start-up
                from planner.audit_rows import change_text

                edit = await self.session.run(add_reason, plan_id, key, actor, values)
                change = ", ".join(change_text(e.field, e.old, e.new) for e in edit)
                self.say(
                    _("Reason kept for your edit of {name} ({category}) at {at}: {change}").format(
                        name=line.name,
                        category=line.category,
                        at=local_time(edit[0].at),
                        change=change,
                    )
                )

            self.work(work)

        title = _("Reason for the edit of {name} ({category})").format(
            name=line.name, category=line.category
        )
        self.app.push_screen(PromptScreen(title), save)

    def review(self) -> None:
        self.choose_snapshot(_("Review the changes since snapshot"), self.open_review)

    def open_review(self, snapshot_id: int) -> None:
        from db.reviews import start_or_resume
        from screens.review_screen import ReviewScreen

        async def work() -> None:
            info = await self.session.run(start_or_resume, snapshot_id, self.session.user)
            reload = self.screen.action_reload
            self.app.push_screen(ReviewScreen(self.session, info), lambda _: reload())

        self.work(work)

    def log(self) -> None:
        from screens.log_screen import LogScreen

        plan = self.state.plan
        title = f"{plan.hospital.name} {plan.year}"
        self.app.push_screen(LogScreen(self.session, plan.plan_id, title))

    def line_history(self) -> None:
        """The audit log of the line under the cursor, newest first."""
        key = self.screen.grid.line_at(self.screen.grid.cursor_row)
        if key is None:
            self.say(_("A subtotal has no history of its own: put the cursor on a line"))
            return
        from screens.log_screen import LogScreen

        plan = self.state.plan
        title = f"{plan.hospital.name} {plan.year}"
        self.app.push_screen(LogScreen(self.session, plan.plan_id, title, line_key=key))

    def choose_price_class(self, key: str) -> None:
        """Rule R3: a line's price class is data; changing it is saved and logged like an edit."""
        line = self.state.lines[key]
        prices = self.state.plan.prices
        options = [
            (cls.value, f"{word(cls.value):<10} {format_number(prices.unit_price(cls)):>7} kr")
            for cls in PriceClass
        ]

        def save(choice: str | None) -> None:
            if choice and choice != line.price_class:
                self.plan.request(SaveClass(key, PriceClass(choice), line.version))

        title = _("Price class of {name} ({category})").format(
            name=line.name, category=line.category
        )
        self.app.push_screen(ChooseScreen(title, options, line.price_class.value), save)

    def followup(self) -> None:
        from screens.followup_screen import FollowupScreen

        self.app.push_screen(FollowupScreen(self.session, self.state.current_plan()))

    def price_class(self) -> None:
        """Choose the price class of the line under the cursor (also from the palette)."""
        key = self.screen.grid.line_at(self.screen.grid.cursor_coordinate.row)
        if key is None:
            self.say(_("Move to a line to choose its price class"))
            return
        self.choose_price_class(key)
