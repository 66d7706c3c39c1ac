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


class DiffScreen(Screen[None]):
    """Read-only; `u` shows or hides unchanged lines, Escape goes back to the plan."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="diff.back"),
        Binding("u", "toggle_unchanged", N_("Unchanged lines"), id="diff.unchanged"),
    ]

    def __init__(self, old: Plan, new: Plan, old_label: str, new_label: str) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.old_label, self.new_label = old_label, new_label
        self.show_all = False

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
        for index, header in enumerate(HEADERS):
            shown = Text(_(header), justify="left" if index == 0 else "right")
            table.add_column(shown, key=header)
        self.fill()

    def fill(self) -> None:
        result = compare(self.old, self.new, include_unchanged=self.show_all)
        table = self.query_one(DataTable)
        table.clear()
        for change in result.changes:
            cells = change_cells(change)
            line = Text(escape_control(cells[0]))
            table.add_row(line, *(Text(c, justify="right") for c in cells[1:]))
        if not result.changes:
            table.add_row(Text(_("No line changed.")), *(Text("") for _header in HEADERS[1:]))
        self.query_one("#diff-summary", Static).update(self.summary(result))

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
