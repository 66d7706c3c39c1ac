"""The follow-up of the open plan: performed units per month (editable), plan to date,
fulfilment, earned tillägg and forecast per line, charts and the tertial settlement."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from db.outcomes import OutcomeConflict, load_outcomes, set_outcome
from db.phasing import load_phasing
from db.plan_settings import load_reading
from planner.display import month_name, percent
from planner.followup.indicator import indicator
from planner.followup.performance import (
    FollowUp,
    Reading,
    follow_up,
    reporting_month,
    with_line,
)
from planner.followup.series import performed_series, planned_series
from planner.followup.settlement import earned_lines, line_earned, tertials
from planner.grouping import TOTAL_LABEL, SortOrder, area_group, category_group
from planner.i18n import _
from planner.model import Plan
from planner.numbers import format_number
from screens.dialogs.help_screen import HelpScreen
from screens.followup_keys import (
    FOLLOWUP_BINDINGS,
    FOLLOWUP_EDIT_KEYS,
    FOLLOWUP_PALETTE,
    SORTS,
)
from screens.followup_paste import PastedBlocks
from screens.keys import binding_rows
from screens.session import Session
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.followup_grid import FollowupGrid, MonthCell
from screens.widgets.followup_panels import CumulativeChart, SettlementPanel, reading_word
from screens.widgets.footer import Footer
from screens.widgets.status_line import StatusLine


def shown(value: int | None) -> str:
    return _("not reported") if value is None else format_number(value)


class FollowupScreen(Screen[None]):
    """Typing a digit on a month cell starts an edit; Enter saves it with its audit entry."""

    BINDINGS = FOLLOWUP_BINDINGS
    PALETTE_ONLY = FOLLOWUP_PALETTE
    EDIT_KEYS = FOLLOWUP_EDIT_KEYS

    def __init__(self, session: Session, plan: Plan) -> None:
        super().__init__()
        self.session = session
        self.plan = plan
        self.outcomes: dict[str, dict[int, int]] = {}
        self.weights: tuple[int, ...] = ()
        self.reading = Reading.PHASED
        self.result: FollowUp | None = None
        self.total_planned: list[int] = []
        self.earned: dict[str, tuple[int, ...]] = {}
        self.charted_row = -1
        self.pasted = PastedBlocks(self)
        self.order: SortOrder | None = None
        self.charts_chosen: bool | None = None
        """Charts shown or hidden by `c`; None: by the screen's height (folded below 36 rows)."""
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield FollowupGrid(id="followup-grid")
        yield Static("", id="followup-summary")
        with Horizontal(id="followup-panels"):
            yield CumulativeChart(id="line-chart")
            yield CumulativeChart(id="total-chart")
            yield SettlementPanel(id="settlement")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def grid(self) -> FollowupGrid:
        return self.query_one(FollowupGrid)

    @property
    def editing(self) -> MonthCell | None:
        return self.grid.editing

    async def on_mount(self) -> None:
        self.fold_charts()
        self.say(
            _("Reading the follow-up of {name_of_plan} …").format(name_of_plan=self.name_of_plan)
        )
        if not await self.work.now(self.reload):
            return
        self.grid.move_cursor(row=self.grid.first_line_row(), column=1)
        self.set_focus(self.grid)
        self.say("")

    async def settled(self) -> None:
        """Wait until every save and reload asked for is done (tests)."""
        await self.work.settled()

    def say(self, text: str, error: bool = False) -> None:
        """Status text as plain Text: line names and "[saved]" are data, not markup."""
        line = self.query_one(StatusLine)
        line.update(Text(text))
        line.set_class(error, "error")

    @property
    def name_of_plan(self) -> str:
        return f"{self.plan.hospital.code} {self.plan.year}"

    def action_reload(self) -> None:
        self.work(self.reload)

    async def reload(self) -> None:
        """Read outcomes and phasing again (on the storage thread) and rebuild grid and panels."""
        pid = self.plan.plan_id
        self.outcomes = await self.session.run(load_outcomes, pid)
        self.weights = await self.session.run(load_phasing, pid)
        self.reading = await self.session.run(load_reading, pid)
        self.total_planned = planned_series(self.plan.lines, self.weights)
        self.earned = earned_lines(self.plan, self.outcomes, self.weights, self.reading)
        self.result = self.compute()
        self.grid.show(self.result, reporting_month(self.outcomes) is not None, self.order)
        self.show_panels()

    def compute(self) -> FollowUp:
        month = reporting_month(self.outcomes) or 1
        return follow_up(self.plan, self.outcomes, self.weights, month, self.reading)

    def show_panels(self) -> None:
        assert self.result is not None
        month = self.result.month
        reported = reporting_month(self.outcomes)
        self.title = _("Follow-up · {name} ({short_name})").format(
            name=self.plan.hospital.name, short_name=self.plan.hospital.short_name
        )
        self.sub_title = (
            _("to the end of {month}").format(month=month_name(month))
            if reported
            else _("nothing reported yet")
        )
        total = self.result.total
        self.query_one("#total-chart", CumulativeChart).show(
            _("{TOTAL_LABEL}: performed vs plan").format(TOTAL_LABEL=TOTAL_LABEL),
            self.total_planned,
            performed_series(total.months, month),
        )
        self.show_line_chart()
        self.query_one(SettlementPanel).show(tertials(self.plan, self.earned, month), self.reading)
        found = indicator(self.result, self.weights)
        self.query_one("#followup-summary", Static).update(
            Text(
                _(
                    "Totals: {reported_text} · first visits + treatments {fulfilment} of"
                    " plan (target 100 %; {reported_text2}) · tillägg reading {value}"
                ).format(
                    reported_text=total.figures.reported_text,
                    fulfilment=percent(found.fulfilment),
                    reported_text2=found.reported_text,
                    value=reading_word(self.reading),
                )
                + (f"\n{self.result.judged_text}" if self.result.judged_text else "")
            )
        )

    def show_line_chart(self) -> None:
        """Chart the row under the cursor: a line, or a subtotal over its lines."""
        if self.result is None or not self.grid.row_count:
            return
        key = self.grid.key_at(self.grid.cursor_coordinate.row)
        row = self.grid.shown[key]
        if row.line is not None:
            lines = [row.line]
        elif row.group:
            lines = [
                ln for ln in self.plan.lines if row.group in (area_group(ln), category_group(ln))
            ]
        else:
            lines = list(self.plan.lines)
        planned = (
            self.total_planned
            if not row.group and row.line is None
            else planned_series(lines, self.weights)
        )
        performed = performed_series(row.months, self.result.month)
        self.query_one("#line-chart", CumulativeChart).show(row.label, planned, performed)

    CHARTS_FROM_HEIGHT = 36
    """At least 12 grid rows stay in view with the charts folded away below this height."""

    def on_resize(self) -> None:
        self.fold_charts()

    def fold_charts(self) -> None:
        """Show the charts as chosen with `c`, else only when the screen is tall enough."""
        shown = self.charts_chosen
        if shown is None:
            shown = self.size.height >= self.CHARTS_FROM_HEIGHT
        self.query_one("#followup-panels").display = shown

    def action_import_outcomes(self) -> None:
        from screens.dialogs.outcome_import_dialog import OutcomeImportDialog

        self.app.push_screen(OutcomeImportDialog(self.session, self.plan), self.imported)

    def imported(self, outcome: str | None) -> None:
        """After the dialog: show what was stored (or that nothing was)."""
        if outcome is None:
            self.say(_("Import cancelled; nothing changed"))
            return

        async def work() -> None:
            await self.reload()
            self.say(f"{self.name_of_plan}: {outcome}")

        self.work(work)

    def action_toggle_charts(self) -> None:
        shown = not self.query_one("#followup-panels").display
        self.charts_chosen = shown
        self.fold_charts()
        self.say(_("Charts shown (c hides them)") if shown else _("Charts hidden (c shows them)"))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.coordinate.row != self.charted_row:
            self.charted_row = event.coordinate.row
            self.show_line_chart()

    def action_help(self) -> None:
        keys = [*self.EDIT_KEYS, *binding_rows(self.BINDINGS)]
        self.app.push_screen(HelpScreen(_("planner: keys of the follow-up screen"), keys))

    # editing

    def month_under_cursor(self) -> tuple[str, int] | None:
        """The line and month of the cell under the cursor, if it is a line's month."""
        coordinate = self.grid.cursor_coordinate
        key = self.grid.line_at(coordinate.row)
        month = self.grid.month_at(coordinate.column)
        return None if key is None or month is None else (key, month)

    def on_editable_grid_edit_requested(self, message: EditableGrid.EditRequested) -> None:
        key, month = message.editing
        self.save(key, month, message.value)

    def on_editable_grid_block_pasted(self, message: EditableGrid.BlockPasted) -> None:
        values = dict(message.values)  # the grid's month columns are the months 1..12
        rows, columns = message.size
        what = _("Pasted block ({rows} rows, {columns} columns)").format(rows=rows, columns=columns)
        self.work(lambda: self.pasted.store(values, what))

    def action_sort_rows(self, column: str, descending: bool) -> None:
        """Sort the view (never the data); "" gives back the plan's order. Rows keep their
        place while months are typed; sorting again uses the new figures."""
        self.order = SortOrder(column, descending) if column else None
        assert self.result is not None
        self.grid.show(self.result, reporting_month(self.outcomes) is not None, self.order)
        if not column:
            self.say(_("Rows in the plan's order"))
            return
        action = f"sort_rows({column!r}, {descending})"
        said = next(said for _title, _help, said, known in SORTS if known == action)
        self.say(_(said))

    def action_undo_paste(self) -> None:
        self.work(self.pasted.undo)

    def on_editable_grid_notice(self, message: EditableGrid.Notice) -> None:
        self.say(message.text, message.error)

    def action_clear_month(self) -> None:
        """Make the month under the cursor "not reported" again (saved and logged)."""
        cell = self.month_under_cursor()
        if cell is None:
            self.say(_("Move to a line's month to clear it"))
            return
        self.save(*cell, None)

    def save(self, key: str, month: int, value: int | None) -> None:
        """Store one month in order with the other saves; the screen follows when stored."""
        self.work(lambda: self.store(key, month, value))

    async def store(self, key: str, month: int, value: int | None) -> None:
        """Compare-and-set against the value on screen; show only the rows that changed."""
        current = self.outcomes.get(key, {}).get(month)
        line = self.plan.line(key)
        actor = self.session.actor("tui")
        try:
            old, new = await self.session.run(
                set_outcome, self.plan.plan_id, key, month, value, actor, expected=current
            )
        except OutcomeConflict as exc:
            await self.reload()
            self.say(str(exc), error=True)
            return
        months = self.outcomes.setdefault(key, {})
        if new is None:
            months.pop(month, None)
        else:
            months[month] = new
        self.earned[key] = line_earned(line, self.plan.prices, months, self.weights, self.reading)
        assert self.result is not None
        if (reporting_month(self.outcomes) or 1) == self.result.month:
            self.result = with_line(self.result, self.plan, self.outcomes, self.weights, key)
        else:
            self.result = self.compute()
        self.grid.update(self.result, reporting_month(self.outcomes) is not None)
        self.show_panels()
        status = _("unchanged") if old == new else _("saved")
        self.say(
            _("{name_of_plan}: {name} ({category}) {month} {old} → {new} [{status}]").format(
                name_of_plan=self.name_of_plan,
                name=line.name,
                category=line.category,
                month=month_name(month),
                old=shown(old),
                new=shown(new),
                status=status,
            )
        )
