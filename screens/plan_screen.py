"""The main screen: the plan grid, its cell editor, totals, filter, undo/redo and plan switch."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from db.edits import edit_line
from db.errors import Conflict, StorageError
from db.plans import list_plans, load_plan, write_line
from db.settings import REASON_PROMPT, get_setting
from db.snapshots import latest_snapshot, load_snapshot
from planner.history import History, Step
from planner.model import Field, Plan, PlanLine, PriceClass, Volumes
from planner.numbers import NumberError, format_number, format_signed, parse_volume
from planner.plan_state import PlanState
from planner.pricing import line_cost
from planner.rules import EditRefused, describe_change
from planner.search import matches
from screens.cell_editor import CellEditor, Outcome
from screens.dialogs import ChooseScreen
from screens.help_screen import HelpScreen, binding_rows
from screens.plan_coordination import CoordinatorActions
from screens.plan_filter import FilterActions
from screens.plan_grid import PRICE_COLUMN, VOLUME_COLUMNS, PlanGrid
from screens.session import Session
from screens.status_line import StatusLine
from screens.totals_panel import TotalsPanel

EDITOR_KEYS = [
    ("0-9", "start editing the cell with that digit"),
    ("enter (in editor)", "save and move down one line"),
    ("tab (in editor)", "save and move right"),
    ("escape (in editor)", "cancel the edit"),
    ("arrows / h j k l", "move"),
]


class PlanScreen(CoordinatorActions, FilterActions, Screen[None]):
    """Edit one plan; every commit is saved at once with its audit entry."""

    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", id="plan.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="plan.redo"),
        Binding("slash", "filter", "Filter", key_display="/", id="plan.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="plan.clear_filter"),
        Binding("o", "switch", "Open plan", id="plan.switch"),
        Binding("s", "snapshot", "Snapshot", id="snapshot.create"),
        Binding("e", "export", "Export", id="export.plan"),
        Binding("d", "compare", "Compare", id="plan.compare"),
        Binding("v", "review", "Review", id="review.start"),
        Binding("r", "reason", "Reason", show=False, id="plan.reason"),
        Binding("L", "log", "Log", show=False, id="log.show"),
        Binding("f", "followup", "Follow-up", show=False, id="followup.show"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="plan.reload"),
        Binding("f1,question_mark", "help", "Help", key_display="F1/?", id="plan.help"),
        Binding("q", "app.quit", "Quit", id="plan.quit"),
    ]

    def __init__(self, session: Session, plan: Plan) -> None:
        super().__init__()
        self.session = session
        self.state = PlanState(plan)
        self.baselines: dict[int, dict[str, Volumes]] = {}
        self.histories: dict[int, History] = {}
        self.editing: tuple[str, Field] | None = None
        self.filter_text = ""
        self.filter_typing = False
        self.filter_timer: Timer | None = None
        self.reason_prompt = bool(get_setting(session.db, session.user, REASON_PROMPT))

    @property
    def history(self) -> History:
        return self.histories.setdefault(self.state.plan.plan_id, History())

    @property
    def baseline(self) -> dict[str, Volumes]:
        """Volumes of the latest snapshot, else as first opened: changed cells are marked."""
        plan = self.state.plan
        if plan.plan_id not in self.baselines:
            latest = latest_snapshot(self.session.db, plan.plan_id)
            base = load_snapshot(self.session.db, latest.id)[1] if latest else plan
            self.baselines[plan.plan_id] = {line.key: line.volumes for line in base.lines}
        return self.baselines[plan.plan_id]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Input(placeholder="filter lines: area, category or name", id="filter")
        yield PlanGrid(self.start_edit, self.forward_key, self.forward_paste, id="grid")
        yield TotalsPanel(id="totals")
        yield StatusLine(id="status")
        yield Footer()
        yield CellEditor(id="editor")
        yield Static("", id="cell-error")

    def on_mount(self) -> None:
        self.show_plan()
        self.set_focus(self.grid)

    @property
    def grid(self) -> PlanGrid:
        return self.query_one(PlanGrid)

    @property
    def editor(self) -> CellEditor:
        return self.query_one(CellEditor)

    def show_plan(self) -> None:
        """Rebuild the grid and the panels from the state (open, switch, reload, filter)."""
        visible = (lambda line: matches(line, self.filter_text)) if self.filter_text else None
        self.grid.show(self.state, self.baseline, visible)
        self.query_one(TotalsPanel).show(self.state)
        self.update_title()

    def update_title(self) -> None:
        plan = self.state.plan
        edits = len(self.history.done)
        self.title = f"planner · {plan.hospital.name} ({plan.hospital.short_name}) {plan.year}"
        saved = "all changes saved" if self.editing is None else "editing (not saved yet)"
        self.sub_title = f"{saved} · {edits} edit{'s' if edits != 1 else ''} this session"

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    # editing

    def start_edit(self, initial: str | None) -> None:
        """Open the editor over the cursor cell, with `initial` text or the current value."""
        coordinate = self.grid.cursor_coordinate
        key = self.grid.line_at(coordinate.row)
        which = VOLUME_COLUMNS.get(coordinate.column)
        if key is not None and coordinate.column == PRICE_COLUMN and initial is None:
            self.choose_price_class(key)
            return
        if key is None or which is None:
            self.say("Subtotals are computed: move to a line's Uppdrag, Bas or Tillägg (or Price)")
            return
        original = format_number(self.state.lines[key].volumes.get(which))
        self.editing = (key, which)
        x, y, width = self.grid.cell_screen_region(coordinate)
        self.editor.styles.offset = (x, y)
        self.editor.styles.width = max(width, 10)
        self.editor.start(initial if initial is not None else original, original)
        self.update_title()

    def forward_key(self, event: Key) -> bool:
        """While a cell or the filter is being edited, keys go there; True when taken."""
        if self.filter_typing:
            self.type_into_filter(event)
            return True
        if self.editing is None:
            return False
        outcome = self.editor.feed(event)
        if outcome is Outcome.CANCEL:
            self.cancel_edit()
        elif outcome is not Outcome.TYPING:
            self.commit_edit(self.editor.value, outcome.value)
        return True

    def forward_paste(self, text: str) -> bool:
        """Pasted text goes into the open editor, or opens one on a volume cell."""
        if self.editing is None:
            self.start_edit("")
            if self.editing is None:
                return False
        self.editor.paste(text)
        return True

    def close_editor(self) -> None:
        self.editing = None
        self.editor.stop()
        self.query_one("#cell-error").display = False
        self.update_title()

    def cell_error(self, text: str) -> None:
        """Show why an edit was refused right under the cell; the editor stays open."""
        error = self.query_one("#cell-error", Static)
        error.update(text)
        offset = self.editor.styles.offset
        error.styles.offset = (offset.x.value, offset.y.value + 1)
        error.display = True
        self.say(text, error=True)

    def cancel_edit(self) -> None:
        self.close_editor()
        self.say("Edit cancelled; nothing changed")

    def commit_edit(self, text: str, move: str) -> None:
        """Parse, apply R2 and save in one transaction; refusals keep the editor open."""
        if self.editing is None:
            return
        key, which = self.editing
        try:
            value = parse_volume(text)
        except NumberError as exc:
            self.cell_error(f"{exc}; nothing changed")
            return
        line = self.state.lines[key]
        try:
            result = edit_line(
                self.session.db,
                self.state.plan.plan_id,
                key,
                which,
                value,
                self.session.actor("tui"),
                expected_version=line.version,
            )
        except EditRefused as exc:
            self.cell_error(f"{exc}; nothing changed")
            return
        except Conflict as exc:
            self.close_editor()
            self.apply_line(exc.current)
            self.say(str(exc), error=True)
            return
        except StorageError as exc:
            self.cell_error(str(exc))
            return
        self.close_editor()
        if result.changed:
            self.history.record(Step(key, result.before, result.after))
            self.apply_line(result.after)
            self.say_saved("Saved", result.before, result.after)
        self.move_after_commit(move)
        if result.changed and self.reason_prompt:
            self.ask_reason(key)

    def move_after_commit(self, move: str) -> None:
        row, column = self.grid.cursor_coordinate
        if move == "down":
            self.grid.move_cursor(row=self.grid.next_line_row(row), column=column)
        elif column < max(VOLUME_COLUMNS):
            self.grid.move_cursor(row=row, column=column + 1)
        else:
            self.grid.move_cursor(row=self.grid.next_line_row(row), column=min(VOLUME_COLUMNS))

    def apply_line(self, line: PlanLine) -> None:
        """Put a saved line on screen: its cells, its subtotals, the totals panel."""
        groups = self.state.update(line)
        self.grid.refresh_line(line, groups)
        self.query_one(TotalsPanel).show(self.state)
        self.update_title()

    def say_saved(self, verb: str, before: PlanLine, after: PlanLine) -> None:
        prices = self.state.plan.prices
        changes = describe_change(before, after)
        delta = line_cost(after, prices) - line_cost(before, prices)
        self.say(
            f"{verb}: {after.name} ({after.category}) {changes}; tilläggskostnad"
            f" {format_signed(delta)} kr, total {format_number(self.state.total.cost)} kr"
        )

    # undo and redo

    def action_undo(self) -> None:
        step = self.history.peek_undo()
        if step is None:
            self.say("Nothing to undo")
            return
        if self.restore(step, step.before, "undo", "Undone"):
            self.history.undo()
            self.update_title()

    def action_redo(self) -> None:
        step = self.history.peek_redo()
        if step is None:
            self.say("Nothing to redo")
            return
        if self.restore(step, step.after, "tui", "Redone"):
            self.history.redo()
            self.update_title()

    def restore(self, step: Step, target: PlanLine, source: str, verb: str) -> bool:
        """Write `target`'s volumes and class back (saved and logged); False if not saved."""
        if self.save_line(step.key, target, source, verb) is None:
            return False
        self.focus_line(step.key)
        return True

    def save_line(self, key: str, target: PlanLine, source: str, verb: str) -> PlanLine | None:
        """Write a line's volumes and class under the version check and show the result.

        A conflict shows the other planner's values; any other failure is one message.
        """
        line = self.state.lines[key]
        try:
            after = write_line(
                self.session.db,
                self.state.plan.plan_id,
                line,
                target.volumes,
                target.price_class,
                self.session.actor(source),
            )
        except Conflict as exc:
            self.apply_line(exc.current)
            self.say(str(exc), error=True)
            return None
        except StorageError as exc:
            self.say(str(exc), error=True)
            return None
        self.apply_line(after)
        self.say_saved(verb, line, after)
        return after

    def choose_price_class(self, key: str) -> None:
        """Rule R3: a line's price class is data; changing it is saved and logged like an edit."""
        line = self.state.lines[key]
        prices = self.state.plan.prices
        options = [
            (cls.value, f"{cls.value:<10} {format_number(prices.unit_price(cls)):>7} kr")
            for cls in PriceClass
        ]

        def save(choice: str | None) -> None:
            if not choice or choice == line.price_class:
                return
            current = self.state.lines[key]
            target = replace(current, price_class=PriceClass(choice))
            after = self.save_line(key, target, "tui", "Saved")
            if after is not None:
                self.history.record(Step(key, current, after))
                self.update_title()

        title = f"Price class of {line.name} ({line.category})"
        self.app.push_screen(ChooseScreen(title, options, line.price_class.value), save)

    def focus_line(self, key: str) -> None:
        row_key = f"line:{key}"
        if row_key in self.grid.rows:
            column = self.grid.cursor_coordinate.column
            self.grid.move_cursor(row=self.grid.get_row_index(row_key), column=column)

    # switch, reload, help

    def action_switch(self) -> None:
        plans = list_plans(self.session.db)
        current = f"{self.state.plan.hospital.code}/{self.state.plan.year}"
        options = [
            (f"{p.hospital.code}/{p.year}", f"{p.hospital.short_name} {p.year}  {p.hospital.name}")
            for p in plans
        ]
        self.app.push_screen(ChooseScreen("Open plan", options, current), self.open_plan)

    def open_plan(self, choice: str | None) -> None:
        if not choice:
            return
        code, year = choice.split("/")
        try:
            self.state = PlanState(load_plan(self.session.db, code, int(year)))
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        self.show_plan()
        self.set_focus(self.grid)
        self.grid.move_cursor(row=self.grid.first_line_row(), column=1)
        self.say(f"Opened {self.state.plan.hospital.name} {year}")

    def action_reload(self) -> None:
        plan = self.state.plan
        self.state = PlanState(load_plan(self.session.db, plan.hospital.code, plan.year))
        self.show_plan()
        self.say("Reloaded from the database")

    def help_keys(self) -> list[tuple[str, str]]:
        keys = binding_rows(self.BINDINGS)
        return [*EDITOR_KEYS, *keys, ("ctrl+p", "command palette: every action by name")]

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("planner: keys of the plan screen", self.help_keys()))

    def action_followup(self) -> None:
        from screens.followup_screen import FollowupScreen

        self.app.push_screen(FollowupScreen(self.session, self.state.plan))

    @property
    def editor_dirty(self) -> bool:
        return self.editing is not None and self.editor.dirty
