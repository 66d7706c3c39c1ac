"""Comparison of a snapshot with the live plan: changed lines, deltas and the R7 verdict."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from planner.diff import Decision, PlanDiff, compare
from planner.formats.diff_report import HEADERS, change_cells, diff_heading, hospitals_note
from planner.i18n import N_, _
from planner.model import Plan
from planner.numbers import format_signed
from planner.text import escape_control
from screens.widgets.footer import Footer

LINE_MIN_WIDTH = 16
NARROW_BELOW = 110  # terminal columns under which the Δ heading is short
_NARROW_HEADERS = {N_("Δ tilläggskostnad (kr)"): N_("Δ kostnad (kr)")}
_SCROLLBAR = 2


class DiffScreen(Screen[None]):
    """Read-only; `u` shows or hides unchanged lines, Escape goes back to the plan.

    Numbers are never cut: the Line column gives up width (a long name loses its start, shown
    as …, so the line's own name stays) so that every figure and the Δ column fit the screen,
    80 columns included.
    """

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="diff.back"),
        Binding("u", "toggle_unchanged", N_("Unchanged lines"), id="diff.unchanged"),
    ]

    def __init__(self, old: Plan, new: Plan, old_label: str, new_label: str) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.old_label, self.new_label = old_label, new_label
        self.show_all = False
        self.labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        yield Static("", id="diff-summary")
        yield Footer()

    def on_mount(self) -> None:
        note = hospitals_note(self.old, self.new)
        self.title = escape_control(diff_heading(self.old_label, self.new_label, note))
        plan = self.new
        self.sub_title = escape_control(f"{plan.hospital.name} {plan.year}")
        table = self.query_one(DataTable)
        narrow = self.app.size.width < NARROW_BELOW
        for index, header in enumerate(HEADERS):
            shown = _NARROW_HEADERS.get(header, header) if narrow else header
            table.add_column(Text(_(shown), justify="left" if index == 0 else "right"), key=header)
        self.fill()

    def fill(self) -> None:
        result = compare(self.old, self.new, include_unchanged=self.show_all)
        table = self.query_one(DataTable)
        table.clear()
        self.labels = {}
        for change in result.changes:
            cells = change_cells(change)
            self.labels[change.key] = escape_control(cells[0])
            line = Text(self.labels[change.key], no_wrap=True)
            table.add_row(line, *(Text(c, justify="right") for c in cells[1:]), key=change.key)
        if not result.changes:
            table.add_row(Text(_("No line changed.")), *(Text("") for _header in HEADERS[1:]))
        self.query_one("#diff-summary", Static).update(self.summary(result))
        self.call_after_refresh(self.fit_line_column)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_line_column)

    def fit_line_column(self) -> None:
        """Give the Line column what the number columns leave of the table's width."""
        table = self.query_one(DataTable)
        if not table.columns or not table.size.width:
            return
        line, *numbers = table.ordered_columns
        taken = sum(column.get_render_width(table) for column in numbers)
        room = table.size.width - taken - 2 * table.cell_padding - _SCROLLBAR
        longest = max((len(label) for label in self.labels.values()), default=line.content_width)
        width = max(LINE_MIN_WIDTH, min(max(longest, len(line.label)), room))
        if line.auto_width or line.width != width:
            line.auto_width, line.width = False, width
            for key, label in self.labels.items():
                cut = label if len(label) <= width else "…" + label[len(label) - width + 1 :]
                table.update_cell(key, line.key, Text(cut, no_wrap=True))
            table.refresh()

    @staticmethod
    def summary(result: PlanDiff) -> Text:
        text = Text()
        for group, delta in result.by_category.items():
            if delta:
                text.append(f"{escape_control(group):<34}{format_signed(delta):>16} kr\n")
        total = _("Total Δ tilläggskostnad")
        text.append(f"{total:<34}{format_signed(result.cost_delta):>16} kr\n", style="bold")
        effects = result.effects
        volume, price = _("  of which volume effect"), _("  of which price effect")
        text.append(
            f"{volume:<34}{format_signed(effects.volume):>16} kr\n"
            f"{price:<34}{format_signed(effects.price):>16} kr\n"
        )
        style = "bold red" if result.decision is Decision.BOARD else "bold green"
        text.append(_("Decision: {text}").format(text=result.decision.text), style=style)
        return text

    def action_toggle_unchanged(self) -> None:
        self.show_all = not self.show_all
        self.fill()
