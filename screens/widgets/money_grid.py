"""The decision's money as one editable grid: the bridge (adjustments editable), the frame and
the items with their actual cost to date per month (editable, like volumes).

Rows: "line:adj:N" for adjustment N, "line:item:KEY" for an item, "group:…" for the bridge's
printed sums and "total" for the frame. Columns: label, amount (tkr or kr), then the months.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets.data_table import ColumnKey

from planner import display
from planner.decision.frame import Frame, Item, monthly_instalment
from planner.i18n import N_, _
from planner.numbers import NumberError, format_number, format_signed, parse_whole
from screens.widgets.cell_editor import Outcome
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.inert_text import inert

AMOUNT = 1
FIRST_MONTH = 2
MAX_AMOUNT = 10**12
LABEL_WIDTH = 44


class AdjustmentCell(NamedTuple):
    """Adjustment `number` (1 = first) of the bridge and the amount shown when the edit began."""

    number: int
    label: str
    shown: int


class ActualCell(NamedTuple):
    """An item's actual cost to date at the end of `month`, as shown when the edit began."""

    item: Item
    month: int
    shown: int | None


MoneyCell = AdjustmentCell | ActualCell


def _number(value: int | None, signed: bool = False, style: str = "") -> Text:
    if value is None:
        return Text("", justify="right")
    shown = format_signed(value) if signed else format_number(value)
    return Text(shown, justify="right", style=style)


def unsettled_text(frame: Frame) -> str:
    """Why a frame's items have no month cells: its decision settles none against outcome."""
    return _(
        "The decision of {name} settles none of its items against outcome (no items"
        ' "med avräkning"), so there are no actuals to enter'
    ).format(name=frame.name)


class MoneyGrid(EditableGrid[MoneyCell]):
    """`show(frame)` fills the rows; an edit is posted as EditRequested for the screen."""

    BINDINGS = [
        Binding(
            "enter",
            "start_edit",
            N_("Edit"),
            tooltip=N_("Change the amount or actual under the cursor"),
        )
    ]
    EDIT_STARTERS = "0123456789-"

    class ClearRequested(Message):
        """An item's actual for a month is to be withdrawn (Delete, or the value emptied)."""

        def __init__(self, cell: ActualCell) -> None:
            super().__init__()
            self.cell = cell

    def __init__(self, **kwargs: object) -> None:
        super().__init__([AMOUNT, *range(FIRST_MONTH, FIRST_MONTH + 12)], **kwargs)
        self.frame: Frame | None = None
        self.laid_out: list[tuple[str, str, Text, list[Text]]] = []
        self.shown_width = LABEL_WIDTH

    def on_mount(self) -> None:
        super().on_mount()
        self.add_column(Text(_("Bridge and items")), key="label")
        self.add_column(Text(_("amount"), justify="right"), key="amount")
        for month, label in enumerate(display.month_labels(), start=1):
            self.add_column(Text(label, justify="right"), key=f"m{month}")

    def _row(self, key: str, label: str, amount: Text, months: list[Text] | None = None) -> None:
        """A row, laid out by `show` once the label column's width is known (kept for resizes)."""
        self.laid_out.append((key, label, amount, months or [Text("") for _ in range(12)]))

    def label_width(self) -> int:
        """What the amount and month columns leave free, at least LABEL_WIDTH (the months
        then scroll beside the frozen labels) and no wider than the longest label."""
        padding = 2 * self.cell_padding
        others = 0
        for index, column in enumerate(self.ordered_columns[1:], start=1):
            cells = [
                column.label,
                *(
                    row[2] if index == AMOUNT else row[3][index - FIRST_MONTH]
                    for row in self.laid_out
                ),
            ]
            others += max(column.content_width, *(cell_len(c.plain) for c in cells)) + padding
        free = self.scrollable_content_region.width - others - padding
        longest = max((cell_len(row[1]) for row in self.laid_out), default=0)
        return min(max(LABEL_WIDTH, free), max(longest, LABEL_WIDTH))

    def show(self, frame: Frame) -> None:
        """Every row anew (on opening, and when an adjustment is added or removed)."""
        row, column = self.cursor_coordinate
        self.clear()
        self.frame = frame
        self.laid_out = []
        self.columns[ColumnKey("amount")].label = Text(frame.unit, justify="right")
        bridge = frame.bridge
        if bridge is not None:
            self._row(
                "group:last",
                _("Last year's frame ({reference})").format(reference=bridge.last_reference),
                _number(bridge.last_tkr),
            )
            self._row("group:uplift", _("Uplift"), _number(bridge.uplift_tkr))
            self._row(
                "group:subtotal",
                _("Subtotal with the uplift"),
                _number(bridge.subtotal_tkr, style="bold"),
            )
            for index, adjustment in enumerate(bridge.adjustments, start=1):
                self._row(
                    f"line:adj:{index}",
                    f"{index}. {adjustment.label}",
                    _number(adjustment.tkr, True),
                )
            self._row("group:adjustments", _("Adjustments"), _number(bridge.adjustments_tkr, True))
        total = _("Frame {year}").format(year=frame.year)
        if bridge is None:
            printed = frame.printed_total is not None
            total = _("Total of the items") if printed else _("Total of the items (not printed)")
        self._row("total", total, _number(frame.total, style="bold"))
        heading = (
            _("Items settled against outcome (actual to date)") if frame.settled else _("Items")
        )
        self._row("group:items", heading, Text(""))
        for item in frame.items:
            months = frame.actuals.get(item.key, {})
            cells = [_number(months.get(m)) for m in range(1, 13)] if frame.settled else None
            self._row(f"line:item:{item.key}", item.label, _number(item.level), cells)
        if frame.unit == "tkr":
            fixed = frame.total - sum(i.level for i in frame.items)
            self._row("group:fixed", _("Fixed part"), _number(fixed))
            self._row(
                "group:monthly", _("Monthly instalment"), _number(monthly_instalment(frame.total))
            )
        self.shown_width = width = self.label_width()
        for key, label, amount, cells in self.laid_out:
            shown = label if cell_len(label) <= width else label[: width - 1] + "…"
            self.add_row(inert(shown), amount, *cells, key=key)
        self.move_cursor(row=min(row, self.row_count - 1), column=column)

    def on_resize(self) -> None:
        """At a new width the label column takes what the months leave free."""
        super().on_resize()
        if self.frame is not None and self.label_width() != self.shown_width:
            self.show(self.frame)

    def edit_target(
        self, coordinate: Coordinate, initial: str | None
    ) -> tuple[MoneyCell, str] | None:
        key = self.line_at(coordinate.row)
        frame = self.frame
        if key is None or frame is None:
            self.post_message(self.Notice(_("Choose an adjustment's amount or an item's month")))
            return None
        kind, _sep, name = key.partition(":")
        if kind == "adj" and coordinate.column == AMOUNT and frame.bridge is not None:
            index = int(name)
            adjustment = frame.bridge.adjustments[index - 1]
            cell = AdjustmentCell(index, adjustment.label, adjustment.tkr)
            return cell, format_number(adjustment.tkr)
        if kind == "item" and coordinate.column >= FIRST_MONTH and frame.settled:
            item = next(i for i in frame.items if i.key == name)
            month = coordinate.column - FIRST_MONTH + 1
            shown = frame.actuals.get(item.key, {}).get(month)
            return ActualCell(item, month, shown), "" if shown is None else format_number(shown)
        if kind == "item" and not frame.settled:
            self.post_message(self.Notice(unsettled_text(frame)))
        elif kind == "item":
            self.post_message(
                self.Notice(
                    _("An item's level is the decision's; type its actual to date under a month")
                )
            )
        else:
            self.post_message(self.Notice(_("An adjustment's amount is in the amount column")))
        return None

    def read_value(self, editing: MoneyCell, text: str) -> int:
        """An adjustment's signed amount, or an item's actual cost to date (0 or more)."""
        if isinstance(editing, AdjustmentCell):
            return parse_whole(text, N_("an adjustment in tkr"), -MAX_AMOUNT, MAX_AMOUNT)
        value = parse_whole(text, N_("an actual cost to date in tkr"), -MAX_AMOUNT, MAX_AMOUNT)
        if value < 0:
            raise NumberError(
                _("{value} is negative: an actual cost to date is 0 or more").format(
                    value=format_number(value)
                )
            )
        return value

    def commit(self, move: Outcome) -> None:
        """An item's month left empty clears its actual, like Delete."""
        editing = self.editing
        if isinstance(editing, ActualCell) and not self.editor.value.strip():
            self.close_editor()
            self.post_message(self.ClearRequested(editing))
            self.move_after_commit(move)
            return
        super().commit(move)
