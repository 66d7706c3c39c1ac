"""The main screen: the plan grid, the filter, totals and the status line around a plan session.

The screen composes the widgets, forwards what the planner asks for to the `PlanSession`
(which orders, stores and diffs) and draws what the session tells it; the actions beside
editing are composed parts (`DELEGATED`): `PlanActions` (snapshot, export, compare, review,
log), `PlanSwitching` (open another plan), `PlanToggles` (the on/off settings) and
`PlanNavigation` (filter, sort, jumps); `plan_header` words the title and sub-title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from db.plan_view import PlanView
from planner.i18n import _
from planner.model import PlanLine
from planner.plan_state import PlanState
from planner.search import matches
from screens.dialogs.help_screen import HelpScreen
from screens.note_actions import edit_note, show_note_at_cursor
from screens.plan_block import SaveBlock
from screens.plan_header import plan_title, progress_text
from screens.plan_keys import PLAN_BINDINGS, plan_help
from screens.plan_navigation import PlanNavigation
from screens.plan_part import LazyPart
from screens.plan_session import PlanSession, Refresh, SaveEdit, UndoRedo
from screens.plan_toggles import PlanToggles
from screens.session import Session
from screens.side_by_side import SideBySide
from screens.widgets.cell_editor import CellEditor
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.footer import Footer
from screens.widgets.note_panel import NotePanel
from screens.widgets.plan_filter import PlanFilter
from screens.widgets.plan_grid import VOLUME_COLUMNS, Editing, PlanGrid
from screens.widgets.status_line import StatusLine
from screens.widgets.totals_panel import TotalsPanel

if TYPE_CHECKING:
    from screens.dialogs.export_dialog import ExportRequest
    from screens.plan_actions import PlanActions
    from screens.plan_switching import PlanSwitching
    from screens.scenario_apply import ScenarioApply

POLL_SECONDS = 1.0
# The screen's actions that its parts carry out (bound as action_NAME below the class).
DELEGATED = {
    "actions": ["snapshot", "export", "import_table", "compare", "review", "reason", "log"],
    "switching": ["switch"],
    "toggles": ["toggle_delta", "toggle_delta_baseline"],
    "navigation": ["filter", "clear_filter", "sort", "plan_order", "totals_row"],
}
DELEGATED["navigation"] += ["next_category", "previous_category", "next_area", "previous_area"]
DELEGATED["actions"] += ["line_history", "followup", "price_class"]


class PlanScreen(Screen[None]):
    """Edit one plan; every commit is saved at once with its audit entry."""

    BINDINGS = PLAN_BINDINGS
    actions: LazyPart[PlanActions] = LazyPart("screens.plan_actions", "PlanActions")
    switching: LazyPart[PlanSwitching] = LazyPart("screens.plan_switching", "PlanSwitching")
    scenario_apply: LazyPart[ScenarioApply] = LazyPart("screens.scenario_apply", "ScenarioApply")

    def __init__(self, session: Session, view: PlanView) -> None:
        super().__init__()
        self.session = session
        self.work = session.work.for_screen(self.run_worker, self.say)
        self.plan = PlanSession(session, view, self.work)
        self.plan.display = self
        self.toggles = PlanToggles(self)
        self.side_by_side = SideBySide(self)
        self.navigation = PlanNavigation(self)
        self.editor_open = False

    @property
    def state(self) -> PlanState:
        return self.plan.state

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield PlanFilter(id="filter")
        yield PlanGrid(id="grid")
        yield NotePanel(id="note")
        yield TotalsPanel(id="totals")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.show_plan()
        self.set_focus(self.grid)
        if self.plan.problem:
            self.say(self.plan.problem, error=True)
        self.work(self.toggles.load_settings)
        self.set_interval(POLL_SECONDS, self.plan.poll)

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

    async def settled(self) -> None:
        """Wait until every queued request is stored (tests, quitting)."""
        await self.work.settled()

    # drawing what the session says (its PlanDisplay)

    def show_plan(self) -> None:
        """Rebuild the grid and the panels from the state (open, switch, reload, filter)."""
        text = self.navigation.filter_text
        visible = (lambda line: matches(line, text)) if text else None
        state, known = self.plan.state, self.plan.known
        self.grid.show(
            state.rows(),
            state.plan.prices,
            known.baseline,
            visible,
            known.baseline_costs,
            self.navigation.order,
            state.notes,
        )
        show_note_at_cursor(self)
        self.query_one(TotalsPanel).show(state, self.plan.board_notice())
        self.title = plan_title(state.plan, self.grid.narrow, self.grid.side)
        self.progress_changed()

    def plan_replaced(self) -> None:
        self.grid.by_others.clear()
        self.show_plan()

    def progress_changed(self) -> None:
        """The header: whether anything is unsaved, the R7 notice, the edits this session."""
        plan = self.plan
        notice = plan.board_notice()
        self.sub_title = progress_text(self.editor_open, plan.pending, plan.saves, notice)

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def show_line(self, line: PlanLine, groups: list[str], by_others: bool = False) -> None:
        """Put a stored line on screen: its cells, its subtotals, the totals panel."""
        if by_others:
            self.grid.mark_changed_by_others({line.key})
        state = self.plan.state
        self.grid.show_line(line, {group: state.groups[group] for group in groups}, state.total)
        self.query_one(TotalsPanel).show(state, self.plan.board_notice())
        self.progress_changed()

    def plan_opened(self, at_line: str | None) -> None:
        self.side_by_side.forget()
        self.set_focus(self.grid)
        self.grid.move_cursor(row=self.grid.first_line_row(), column=1)
        if at_line is not None:
            self.grid.focus_line(at_line)

    def focus_line(self, key: str) -> None:
        self.grid.focus_line(key)

    def show_conflict(self, key: str) -> None:
        if self.grid.editing is None:
            self.grid.focus_line(key)

    def give_back(self, request: SaveEdit, message: str) -> None:
        """A value that could not be stored goes back into the editor (or is named)."""
        if self.grid.editing is None:
            self.grid.reopen(Editing(request.key, request.field, request.version), request.text)
            self.grid.show_error(message)
        else:
            line = self.plan.state.lines[request.key]
            self.say(
                _("{message}; {name} {label} {text} was not saved").format(
                    message=message, name=line.name, label=request.field.label, text=request.text
                ),
                error=True,
            )

    def ask_reason(self, key: str) -> None:
        self.actions.ask_reason(key)

    def others_wrote(self) -> None:
        self.side_by_side.follow()

    def show_notes(self, keys: set[str]) -> None:
        for key in keys:
            self.grid.show_note(key, self.state.notes.get(key, ""))
        show_note_at_cursor(self)

    # messages from the grid and the filter

    def on_editable_grid_edit_requested(self, message: EditableGrid.EditRequested) -> None:
        editing: Editing = message.editing
        key, field, version = editing.key, editing.field, editing.version
        self.plan.request(SaveEdit(key, field, version, message.value, message.text))

    def on_editable_grid_block_pasted(self, message: EditableGrid.BlockPasted) -> None:
        """A checked block of volumes: saved as one step that ctrl+z undoes whole."""
        grid = self.grid
        edits = tuple(
            (key, VOLUME_COLUMNS[column], value) for (key, column), value in message.values.items()
        )
        versions = {key: grid.lines[key].version for key, _, _ in edits}
        self.plan.request(SaveBlock(edits, versions))

    def on_data_table_cell_highlighted(self) -> None:
        show_note_at_cursor(self)

    def action_note(self) -> None:
        edit_note(self)

    def on_plan_grid_price_class_requested(self, message: PlanGrid.PriceClassRequested) -> None:
        self.actions.choose_price_class(message.key)

    def on_editable_grid_notice(self, message: EditableGrid.Notice) -> None:
        self.say(message.text, message.error)

    def on_editable_grid_editor_changed(self, message: EditableGrid.EditorChanged) -> None:
        self.editor_open = message.open
        self.progress_changed()

    def on_plan_grid_layout_changed(self) -> None:
        self.show_plan()

    def on_plan_grid_diverted_key(self, message: PlanGrid.DivertedKey) -> None:
        self.query_one(PlanFilter).type_key(message.key, message.character, message.printable)

    def on_plan_filter_applied(self, message: PlanFilter.Applied) -> None:
        self.navigation.filter_applied(message)

    def on_plan_grid_undo_requested(self, message: PlanGrid.UndoRequested) -> None:
        self.plan.request(UndoRedo(message.undo))

    # actions on the grid and the view

    def action_undo(self) -> None:
        # Through the grid's messages: an edit whose Enter came just before is queued first.
        self.grid.post_message(PlanGrid.UndoRequested(undo=True))

    def action_redo(self) -> None:
        self.grid.post_message(PlanGrid.UndoRequested(undo=False))

    def action_reload(self) -> None:
        self.plan.request(Refresh(full=True))

    def action_side_by_side(self) -> None:
        """Key w: another plan or scenario beside this one, or hide it."""
        self.side_by_side.toggle()

    def action_apply_scenario(self) -> None:
        """Palette: apply the open scenario to its plan (dry run, question, change set)."""
        self.scenario_apply.start()

    def action_help(self) -> None:
        keys = plan_help(getattr(self.app, "keymap", {}))
        self.app.push_screen(HelpScreen(_("planner: keys of the plan screen"), keys))

    # the actions beside editing, composed (see DELEGATED)

    def open_plan(self, choice: str | None, at_line: str | None = None) -> None:
        self.switching.open_plan(choice, at_line)

    def export_plan(self, request: ExportRequest | None) -> None:
        self.actions.export_plan(request)

    def action_toggle_reason_prompt(self) -> None:
        self.toggles.toggle_reason_prompt()


def _delegated(part: str, name: str) -> Callable[[PlanScreen], None]:
    def action(screen: PlanScreen) -> None:
        getattr(getattr(screen, part), name)()

    action.__doc__ = f"{part}.{name}"
    return action


for _part, _names in DELEGATED.items():
    for _name in _names:
        setattr(PlanScreen, f"action_{_name}", _delegated(_part, _name))
