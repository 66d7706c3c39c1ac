"""Which lines the plan screen shows, in which order, and moving between them: the filter (/),
sorting the view (S, O) and the jumps between areas and categories ([ ] { } t)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.grouping import RowKind, SortOrder
from planner.i18n import _, ngettext
from screens.plan_part import PlanPart
from screens.plan_sorting import choose_order, describe
from screens.widgets.plan_filter import PlanFilter

if TYPE_CHECKING:
    from screens.plan_screen import PlanScreen


class PlanNavigation(PlanPart):
    """The view's filter text and sort order (the data never changes), and the cursor's jumps."""

    def __init__(self, screen: PlanScreen) -> None:
        super().__init__(screen)
        self.filter_text = ""
        self.order: SortOrder | None = None

    def filter_applied(self, message: PlanFilter.Applied) -> None:
        grid = self.screen.grid
        if message.text != self.filter_text:
            self.filter_text = message.text
            self.screen.show_plan()
            shown = grid.shown_lines()
            self.say(
                ngettext(
                    "filter {text!r}: {shown} line", "filter {text!r}: {shown} lines", shown
                ).format(text=message.text, shown=shown)
                if message.text
                else ""
            )
        if message.done:
            grid.diverted = False
            self.screen.set_focus(grid)
        if message.to_first:
            grid.move_cursor(row=grid.first_line_row())

    def filter(self) -> None:
        self.screen.grid.diverted = True
        self.screen.query_one(PlanFilter).open()

    def clear_filter(self) -> None:
        box = self.screen.query_one(PlanFilter)
        if box.display or self.filter_text:
            box.clear_text()
            self.say(_("Filter cleared"))

    def next_category(self) -> None:
        self.jump(RowKind.CATEGORY, 1)

    def previous_category(self) -> None:
        self.jump(RowKind.CATEGORY, -1)

    def next_area(self) -> None:
        self.jump(RowKind.AREA, 1)

    def previous_area(self) -> None:
        self.jump(RowKind.AREA, -1)

    def jump(self, kind: RowKind, step: int) -> None:
        if not self.screen.grid.jump(kind, step):
            where = "next" if step > 0 else "previous"
            self.say(
                _("No {where} {value} in the lines shown").format(where=where, value=kind.value)
            )

    def totals_row(self) -> None:
        self.screen.grid.jump_to_total()

    def sort(self) -> None:
        """Choose the column and direction the view is sorted by (the data stays as it is)."""
        columns = [key for key, _label in self.screen.grid.columns_shown]
        choose_order(self.app, columns, self.order, self.sort_by)

    def sort_by(self, order: SortOrder) -> None:
        self.order = order
        self.screen.show_plan()
        self.say(describe(order))

    def plan_order(self) -> None:
        """Back to the plan's own order, grouped by area and category."""
        self.order = None
        self.screen.show_plan()
        self.say(_("The plan's own order"))
