"""The main screen: the plan grid, totals, undo/redo, plan switch and other planners' edits.

The grid asks for writes by messages; the screen queues them and one worker stores them in
order on the session's storage thread, then shows the saved line, its subtotals and totals.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Footer, Header

from db.changes import data_version, last_writers
from db.connection import translate
from db.edits import EditResult, edit_line, restore_line, set_price_class
from db.errors import Conflict, StorageError
from db.plan_view import PlanView, load_plan_view
from db.plans import hospitals, list_plans, plans_with_totals
from db.settings import DELTA_COLUMN, REASON_PROMPT, get_setting, set_setting
from planner.diff import board_warning, edit_warning
from planner.grouping import RowKind
from planner.history import History, Step
from planner.model import PlanLine, PriceClass, Volumes
from planner.numbers import format_number, format_signed
from planner.plan_state import PlanState
from planner.pricing import line_cost
from planner.rules import EditRefused, describe_change
from planner.search import matches
from screens.cell_editor import CellEditor
from screens.dialogs import ChooseScreen
from screens.help_screen import HelpScreen, binding_rows
from screens.plan_coordination import CoordinatorActions
from screens.plan_filter import PlanFilter
from screens.plan_grid import Editing, PlanGrid
from screens.session import Session
from screens.status_line import StatusLine
from screens.totals_panel import TotalsPanel

if TYPE_CHECKING:
    from screens.new_plan_dialog import NewPlan

POLL_SECONDS = 1.0
EDITOR_KEYS = [
    ("0-9", "start editing the cell with that digit"),
    ("+ / -", "change the cell's value: +100, -50, +5%, -2,5% (whole units, halves up)"),
    ("enter", "edit the cell with its current value; on Price: choose the price class"),
    ("enter (in editor)", "save and move down one line"),
    ("tab (in editor)", "save and move right"),
    ("escape (in editor)", "cancel the edit"),
    ("arrows / h j k l", "move"),
    ("home / end", "first / last column"),
    ("pgup / pgdn", "one page up / down"),
    ("ctrl+home / ctrl+end", "first / last row"),
]


@dataclass(frozen=True)
class SaveEdit:
    editing: Editing
    value: int
    text: str


@dataclass(frozen=True)
class SaveClass:
    key: str
    price_class: PriceClass
    version: int


@dataclass(frozen=True)
class UndoRedo:
    undo: bool


@dataclass(frozen=True)
class Refresh:
    """Look for other writers' changes; `full` reloads everything (ctrl+r)."""

    full: bool


NEW_PLAN = "new"


@dataclass(frozen=True)
class OpenPlan:
    hospital: str
    year: int
    at_line: str | None = None


Request = SaveEdit | SaveClass | UndoRedo | Refresh | OpenPlan


class PlanScreen(CoordinatorActions):
    """Edit one plan; every commit is saved at once with its audit entry."""

    # The footer shows keys in this order: the essential ones first, so 80 columns keep them.
    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", id="plan.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="plan.redo"),
        Binding("slash", "filter", "Filter", key_display="/", id="plan.filter"),
        Binding("f1,question_mark", "help", "Help", key_display="F1/?", id="plan.help"),
        Binding("q", "app.quit", "Quit", id="plan.quit"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="plan.clear_filter"),
        Binding("o", "switch", "Open plan", id="plan.switch"),
        Binding("s", "snapshot", "Snapshot", id="snapshot.create"),
        Binding("e", "export", "Export", id="export.plan"),
        Binding("i", "import_table", "Import", show=False, id="import.table"),
        Binding("d", "compare", "Compare", id="plan.compare"),
        Binding("v", "review", "Review", id="review.start"),
        Binding("r", "reason", "Reason", show=False, id="plan.reason"),
        Binding("L", "log", "Log", show=False, id="log.show"),
        Binding("H", "line_history", "Line history", show=False, id="log.line"),
        Binding("f", "followup", "Follow-up", show=False, id="followup.show"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="plan.reload"),
        Binding(
            "right_square_bracket", "next_category", "Next category", show=False, key_display="]"
        ),
        Binding(
            "left_square_bracket",
            "previous_category",
            "Previous category",
            show=False,
            key_display="[",
        ),
        Binding("right_curly_bracket", "next_area", "Next area", show=False, key_display="}"),
        Binding(
            "left_curly_bracket", "previous_area", "Previous area", show=False, key_display="{"
        ),
        Binding("D", "toggle_delta", "Δ column", show=False, id="plan.delta"),
        Binding("B", "toggle_delta_baseline", "Δ since", show=False, id="plan.delta_since"),
        Binding("t", "totals_row", "Go to Totalsumma", show=False, id="plan.totals_row"),
    ]

    saves: reactive[int] = reactive(0)
    pending: reactive[int] = reactive(0)
    editor_open: reactive[bool] = reactive(False)

    def __init__(self, session: Session, view: PlanView) -> None:
        super().__init__()
        self.session = session
        self.state = PlanState(view.plan)
        self.baselines: dict[int, PlanView] = {}
        self.keep_baseline(view)
        self.problem = view.problem
        self.histories: dict[int, History] = {}
        self.own_versions: dict[str, set[int]] = {}
        self.filter_text = ""
        self.reason_prompt = False
        self.requests: asyncio.Queue[Request] = asyncio.Queue()
        self.seen_data_version: int | None = None
        self.refresh_queued = False

    @property
    def baseline(self) -> dict[str, Volumes]:
        """What changed cells are marked against: the latest snapshot, else the plan as it was
        first opened in this session."""
        return self.baselines[self.state.plan.plan_id].baseline

    def board_notice(self) -> str:
        """Rule R7 for the changes since the latest snapshot ("" while within delegation)."""
        known = self.baselines[self.state.plan.plan_id]
        return board_warning(known.snapshot_id, self.state.total.cost - known.baseline_cost)

    def keep_baseline(self, view: PlanView) -> None:
        known = self.baselines.get(view.plan.plan_id)
        if known is None or known.snapshot_id != view.snapshot_id:
            self.baselines[view.plan.plan_id] = view

    @property
    def history(self) -> History:
        return self.histories.setdefault(self.state.plan.plan_id, History())

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield PlanFilter(id="filter")
        yield PlanGrid(id="grid")
        yield TotalsPanel(id="totals")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.show_plan()
        self.set_focus(self.grid)
        if self.problem:
            self.say(self.problem, error=True)
        self.run_worker(self.store_requests(), name="storage", group="storage")
        self.run_worker(self.load_settings(), group="storage")
        self.set_interval(POLL_SECONDS, self.poll)

    @property
    def grid(self) -> PlanGrid:
        return self.query_one(PlanGrid)

    @property
    def editor(self) -> CellEditor:
        return self.grid.editor

    @property
    def editing(self) -> Editing | None:
        return self.grid.editing

    @property
    def editor_dirty(self) -> bool:
        return self.grid.editor_dirty

    # what the header and panels show

    def show_plan(self) -> None:
        """Rebuild the grid and the panels from the state (open, switch, reload, filter)."""
        text = self.filter_text
        visible = (lambda line: matches(line, text)) if text else None
        costs = self.baselines[self.state.plan.plan_id].baseline_costs
        self.grid.show(self.state.rows(), self.state.plan.prices, self.baseline, visible, costs)
        self.query_one(TotalsPanel).show(self.state, self.board_notice())
        plan = self.state.plan
        if self.grid.narrow:
            self.title = f"{plan.hospital.short_name} {plan.year}"
        else:
            self.title = f"planner · {plan.hospital.name} ({plan.hospital.short_name}) {plan.year}"
        self.show_sub_title()

    def show_sub_title(self) -> None:
        if self.editor_open:
            saved = "editing (not saved yet)"
        elif self.pending:
            saved = "saving…"
        else:
            saved = "all changes saved"
        edits = f"{self.saves} edit{'s' if self.saves != 1 else ''} this session"
        notice = self.board_notice()
        self.sub_title = " · ".join(part for part in (saved, notice, edits) if part)

    def watch_saves(self) -> None:
        self.show_sub_title()

    def watch_pending(self) -> None:
        self.show_sub_title()

    def watch_editor_open(self) -> None:
        self.show_sub_title()

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def show_line(self, line: PlanLine, by_others: bool = False) -> None:
        """Put a saved line on screen: its cells, its subtotals, the totals panel."""
        if by_others:
            self.grid.mark_changed_by_others({line.key})
        groups = self.state.update(line)
        subtotals = {group: self.state.groups[group] for group in groups}
        self.grid.show_line(line, subtotals, self.state.total)
        self.query_one(TotalsPanel).show(self.state, self.board_notice())
        self.show_sub_title()

    def say_saved(self, verb: str, result: EditResult) -> None:
        """The line, its cost change first (so a narrow terminal still shows it), the change."""
        before, after = result.before, result.after
        prices = self.state.plan.prices
        delta = line_cost(after, prices) - line_cost(before, prices)
        notice = self.board_notice() or edit_warning(delta)
        self.say(
            f"{verb}: {after.name} ({after.category}) tilläggskostnad {format_signed(delta)} kr"
            + (f" · {notice}" if notice else "")
            + f" · {describe_change(before, after)}"
            f" · total {format_number(self.state.total.cost)} kr",
            error=bool(notice),
        )

    # messages from the grid and the filter

    def on_plan_grid_edit_requested(self, message: PlanGrid.EditRequested) -> None:
        self.request(SaveEdit(message.editing, message.value, self.editor.value))

    def on_plan_grid_price_class_requested(self, message: PlanGrid.PriceClassRequested) -> None:
        self.choose_price_class(message.key)

    def on_plan_grid_notice(self, message: PlanGrid.Notice) -> None:
        self.say(message.text, message.error)

    def on_plan_grid_editor_changed(self, message: PlanGrid.EditorChanged) -> None:
        self.editor_open = message.open

    def on_plan_grid_layout_changed(self) -> None:
        self.show_plan()

    def on_plan_grid_diverted_key(self, message: PlanGrid.DivertedKey) -> None:
        self.query_one(PlanFilter).type_key(message.key, message.character, message.printable)

    def on_plan_filter_applied(self, message: PlanFilter.Applied) -> None:
        if message.text != self.filter_text:
            self.filter_text = message.text
            self.show_plan()
            shown = self.grid.shown_lines()
            noun = "line" if shown == 1 else "lines"
            self.say(f"filter {message.text!r}: {shown} {noun}" if message.text else "")
        if message.done:
            self.grid.diverted = False
            self.set_focus(self.grid)
        if message.to_first:
            self.grid.move_cursor(row=self.grid.first_line_row())

    # the storage queue

    def request(self, request: Request) -> None:
        """Queue a request; writes count as pending (the header says "saving…"), polls not."""
        if not isinstance(request, Refresh):
            self.pending += 1
        self.requests.put_nowait(request)

    async def settled(self) -> None:
        """Wait until every queued request is stored (tests, quitting)."""
        await self.requests.join()

    async def store_requests(self) -> None:
        """Store queued requests one by one; every storage failure is one status message."""
        while True:
            request = await self.requests.get()
            try:
                await self.store(request)
            except StorageError as exc:
                self.say(str(exc), error=True)
            except sqlite3.Error as exc:
                self.say(str(translate(exc)), error=True)
            finally:
                self.requests.task_done()
                if not isinstance(request, Refresh):
                    self.pending -= 1

    async def store(self, request: Request) -> None:
        if isinstance(request, SaveEdit):
            await self.save_edit(request)
        elif isinstance(request, SaveClass):
            await self.save_class(request)
        elif isinstance(request, UndoRedo):
            await self.undo_redo(request.undo)
        elif isinstance(request, Refresh):
            await self.refresh_from_database(request.full)
        else:
            await self.open_plan_now(request.hospital, request.year, request.at_line)

    async def load_settings(self) -> None:
        user = self.session.user
        try:
            value = await self.session.run(get_setting, user, REASON_PROMPT)
            delta = await self.session.run(get_setting, user, DELTA_COLUMN)
        except (StorageError, sqlite3.Error) as exc:
            self.say(f"settings not read: {exc}", error=True)
            return
        self.reason_prompt = bool(value)
        if bool(delta) != self.grid.delta_shown:
            self.grid.delta_shown = bool(delta)
            self.show_plan()

    def expected_version(self, key: str, began_at: int) -> int:
        """The version to write over: the one the edit began on, moved past our own saves."""
        current = self.state.lines[key].version
        own = self.own_versions.get(key, set())
        if all(v in own for v in range(began_at + 1, current + 1)):
            return current
        return began_at

    def saved(self, result: EditResult, verb: str) -> None:
        after = result.after
        self.own_versions.setdefault(after.key, set()).add(after.version)
        self.saves += 1
        self.show_line(after)
        self.say_saved(verb, result)

    def conflict(self, exc: Conflict, key: str) -> None:
        """Another writer got there first: show their line and end this line's undo history."""
        self.history.forget(key)
        self.show_line(exc.current, by_others=True)
        if self.grid.editing is None:
            self.grid.focus_line(key)
        self.say(str(exc), error=True)

    async def save_edit(self, request: SaveEdit) -> None:
        editing = request.editing
        key = editing.key
        expected = self.expected_version(key, editing.version)
        actor = self.session.actor("tui")
        pid = self.state.plan.plan_id
        try:
            result = await self.session.run(
                edit_line, pid, key, editing.field, request.value, actor, expected
            )
        except Conflict as exc:
            self.conflict(exc, key)
            return
        except EditRefused as exc:
            self.say(f"{exc}; nothing changed", error=True)
            return
        except StorageError as exc:
            self.give_back(request, str(exc))
            return
        if result.changed:
            self.history.record(Step(key, result.before, result.after))
            self.saved(result, "Saved")
            if self.reason_prompt:
                self.ask_reason(key)

    def give_back(self, request: SaveEdit, message: str) -> None:
        """A value that could not be stored goes back into the editor (or is named)."""
        if self.grid.editing is None:
            self.grid.open_editor(request.editing, request.text)
            self.grid.show_error(message)
        else:
            line = self.state.lines[request.editing.key]
            self.say(
                f"{message}; {line.name} {request.editing.field.label} {request.text}"
                " was not saved",
                error=True,
            )

    async def save_class(self, request: SaveClass) -> None:
        key = request.key
        expected = self.expected_version(key, request.version)
        pid, actor = self.state.plan.plan_id, self.session.actor("tui")
        try:
            result = await self.session.run(
                set_price_class, pid, key, request.price_class, actor, expected
            )
        except Conflict as exc:
            self.conflict(exc, key)
            return
        if result.changed:
            self.history.record(Step(key, result.before, result.after))
            self.saved(result, "Saved")

    async def undo_redo(self, undo: bool) -> None:
        history = self.history
        step = history.peek_undo() if undo else history.peek_redo()
        if step is None:
            self.say(self.nothing_to(undo))
            return
        target = step.before if undo else step.after
        expected = history.expected_version(step.key)
        pid = self.state.plan.plan_id
        actor = self.session.actor("undo" if undo else "tui")
        try:
            result = await self.session.run(
                restore_line, pid, step.key, target.volumes, target.price_class, actor, expected
            )
        except Conflict as exc:
            self.conflict(exc, step.key)
            verb = "undone" if undo else "redone"
            self.say(
                f"Not {verb}: {exc.current.name} ({exc.current.category}) was changed elsewhere"
                " since your edit; its undo history ends there",
                error=True,
            )
            return
        if undo:
            history.undo(result.after)
        else:
            history.redo(result.after)
        self.saved(result, "Undone" if undo else "Redone")
        self.grid.focus_line(step.key)

    def nothing_to(self, undo: bool) -> str:
        """Why ctrl+z/ctrl+y does nothing, naming the line whose history another writer ended."""
        text = "Nothing to undo" if undo else "Nothing to redo"
        ended = self.history.ended
        if not ended or ended[-1] not in self.state.lines:
            return text
        line = self.state.lines[ended[-1]]
        return (
            f"{text}: the undo history of {line.name} ({line.category}) ended"
            " when it was changed elsewhere"
        )

    async def refresh_from_database(self, full: bool) -> None:
        """Show what other writers changed (or, with `full`, reload the whole plan)."""
        self.refresh_queued = False
        version = await self.session.run(data_version)
        if not full and version == self.seen_data_version:
            return
        self.seen_data_version = version
        plan = self.state.plan
        if full:
            view = await self.session.run(load_plan_view, plan.hospital.code, plan.year)
            self.take_view(view)
            self.say("Reloaded from the database")
            return
        fresh = await self.session.run(load_plan_view, plan.hospital.code, plan.year)
        known_snapshot = self.baselines[plan.plan_id].snapshot_id
        if fresh.plan.prices != plan.prices or fresh.snapshot_id != known_snapshot:
            self.take_view(fresh)
            self.say("The plan was changed elsewhere; shown as it is now")
            return
        changed = [
            line for line in fresh.plan.lines if line.version != self.state.lines[line.key].version
        ]
        if not changed:
            return
        writers = await self.session.run(last_writers, plan.plan_id, [c.key for c in changed])
        self.say(self.describe_others(changed, writers))
        self.history.reconcile({line.key: line.version for line in fresh.plan.lines})
        for line in changed:
            self.show_line(line, by_others=True)

    def describe_others(self, changed: list[PlanLine], writers: dict[str, str]) -> str:
        first = changed[0]
        before = self.state.lines[first.key]
        who = writers.get(first.key, "another planner")
        others = len(changed) - 1
        more = f" (and {others} more line{'s' if others != 1 else ''})" if others else ""
        return f"{first.name} changed by {who}: {describe_change(before, first)}{more}"

    def take_view(self, view: PlanView) -> None:
        self.state = PlanState(view.plan)
        self.keep_baseline(view)
        self.history.reconcile({line.key: line.version for line in view.plan.lines})
        self.grid.by_others.clear()
        self.show_plan()
        if view.problem:
            self.say(view.problem, error=True)

    def poll(self) -> None:
        """About once a second: ask whether another connection committed."""
        if not self.refresh_queued:
            self.refresh_queued = True
            self.request(Refresh(full=False))

    async def open_plan_now(self, hospital: str, year: int, at_line: str | None = None) -> None:
        view = await self.session.run(load_plan_view, hospital, year)
        self.own_versions.clear()
        self.grid.by_others.clear()
        self.take_view(view)
        self.set_focus(self.grid)
        self.grid.move_cursor(row=self.grid.first_line_row(), column=1)
        if at_line is not None:
            self.grid.focus_line(at_line)
        self.say(f"Opened {view.plan.hospital.name} {year}")

    # actions

    def action_undo(self) -> None:
        # Through the grid's messages: an edit whose Enter came just before is queued first.
        self.grid.post_message(PlanGrid.UndoRequested(undo=True))

    def action_redo(self) -> None:
        self.grid.post_message(PlanGrid.UndoRequested(undo=False))

    def on_plan_grid_undo_requested(self, message: PlanGrid.UndoRequested) -> None:
        self.request(UndoRedo(message.undo))

    def action_next_category(self) -> None:
        self.jump(RowKind.CATEGORY, 1)

    def action_previous_category(self) -> None:
        self.jump(RowKind.CATEGORY, -1)

    def action_next_area(self) -> None:
        self.jump(RowKind.AREA, 1)

    def action_previous_area(self) -> None:
        self.jump(RowKind.AREA, -1)

    def jump(self, kind: RowKind, step: int) -> None:
        if not self.grid.jump(kind, step):
            where = "next" if step > 0 else "previous"
            self.say(f"No {where} {kind.value} in the lines shown")

    def action_toggle_delta(self) -> None:
        """Show or hide the change since the latest snapshot per line; kept per user."""
        on = not self.grid.delta_shown
        self.grid.delta_shown = on
        self.show_plan()
        known = self.baselines[self.state.plan.plan_id]
        since = f"snapshot {known.snapshot_id}" if known.snapshot_id else "opening"
        self.say(f"Δ columns {'on' if on else 'off'}: change in tillägg and cost since {since}")

        async def remember() -> None:
            await self.session.run(set_setting, self.session.user, DELTA_COLUMN, "on" if on else "")

        self.guarded(remember)

    def action_totals_row(self) -> None:
        self.grid.jump_to_total()

    def action_price_class(self) -> None:
        """Choose the price class of the line under the cursor (also from the palette)."""
        key = self.grid.line_at(self.grid.cursor_coordinate.row)
        if key is None:
            self.say("Move to a line to choose its price class")
            return
        self.choose_price_class(key)

    def action_reload(self) -> None:
        self.request(Refresh(full=True))

    def action_filter(self) -> None:
        self.grid.diverted = True
        self.query_one(PlanFilter).open()

    def action_clear_filter(self) -> None:
        box = self.query_one(PlanFilter)
        if box.display or self.filter_text:
            box.clear_text()
            self.say("Filter cleared")

    def choose_price_class(self, key: str) -> None:
        """Rule R3: a line's price class is data; changing it is saved and logged like an edit."""
        line = self.state.lines[key]
        prices = self.state.plan.prices
        options = [
            (cls.value, f"{cls.value:<10} {format_number(prices.unit_price(cls)):>7} kr")
            for cls in PriceClass
        ]

        def save(choice: str | None) -> None:
            if choice and choice != line.price_class:
                self.request(SaveClass(key, PriceClass(choice), line.version))

        title = f"Price class of {line.name} ({line.category})"
        self.app.push_screen(ChooseScreen(title, options, line.price_class.value), save)

    def action_switch(self) -> None:
        self.run_worker(self.offer_plans(), group="storage")

    async def offer_plans(self) -> None:
        """Every plan with its uppdrag and cost, and a way to make a new one."""
        try:
            plans = await self.session.run(plans_with_totals)
        except (StorageError, sqlite3.Error) as exc:
            self.say(str(exc), error=True)
            return
        current = f"{self.state.plan.hospital.code}/{self.state.plan.year}"
        options = [
            (
                f"{p.hospital.code}/{p.year}",
                f"{p.hospital.short_name:<5} {p.year}  uppdrag {format_number(t.uppdrag):>9}"
                f"  tilläggskostnad {format_number(t.cost):>13} kr",
            )
            for p, t in plans
        ]
        options.append((NEW_PLAN, "+ New plan… (empty or a copy; prices by uplift)"))
        self.app.push_screen(ChooseScreen("Open plan", options, current), self.open_or_create)

    def open_or_create(self, choice: str | None) -> None:
        if choice == NEW_PLAN:
            self.run_worker(self.ask_new_plan(), group="storage")
        else:
            self.open_plan(choice)

    async def ask_new_plan(self) -> None:
        from db.prices import price_years
        from screens.new_plan_dialog import NewPlanDialog

        known = await self.session.run(hospitals)
        plans = [(p.hospital.code, p.year) for p in await self.session.run(list_plans)]
        years = await self.session.run(price_years)
        plan = self.state.plan
        dialog = NewPlanDialog(known, plans, years, plan.year + 1, plan.hospital.code)
        self.app.push_screen(dialog, self.create_plan)

    def create_plan(self, answer: NewPlan | None) -> None:
        from db.plan_creation import create_plan_with_prices

        if answer is None:
            return
        why = f"uplift from {answer.uplift[0]} for a new plan" if answer.uplift else ""
        actor = self.session.actor("tui", why)

        async def work() -> None:
            args = (answer.hospital, answer.year, answer.copy_from, answer.uplift, actor)
            created = await self.session.run(create_plan_with_prices, *args)
            self.request(OpenPlan(created.hospital.code, created.year))

        self.guarded(work)

    def open_plan(self, choice: str | None, at_line: str | None = None) -> None:
        """Switch to the plan `CODE/YYYY` (queued after pending saves), optionally at a line."""
        if choice:
            code, year = choice.split("/")
            self.request(OpenPlan(code, int(year), at_line))

    def help_keys(self) -> list[tuple[str, str]]:
        keys = binding_rows(self.BINDINGS)
        return [
            *EDITOR_KEYS,
            *keys,
            ("ctrl+p", "command palette: every action by name"),
            ("ctrl+q", "quit (as q)"),
        ]

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("planner: keys of the plan screen", self.help_keys()))

    def action_followup(self) -> None:
        from screens.followup_screen import FollowupScreen

        self.app.push_screen(FollowupScreen(self.session, self.state.current_plan()))
