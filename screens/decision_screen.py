"""The plan's decision: the bridge, the items and, below, the payments (R11).

Adjustments and the items' actuals are edited in the grid like volumes; a change of the
bridge asks for its reason first. Every read and write goes through the app's work queue.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from db.errors import StorageError
from db.frames import add_adjustment, change_adjustment, load_frame, set_item_actual
from db.payments import latest_month, load_payments
from planner.formats.frame_report import render_payments
from planner.frame import Frame
from planner.numbers import NumberError, format_number, format_signed, parse_whole
from screens.dialogs.prompts import PromptScreen
from screens.session import Session
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.inert_text import inert
from screens.widgets.money_grid import FIRST_MONTH, ActualCell, AdjustmentCell, MoneyGrid
from screens.widgets.status_line import StatusLine


class DecisionScreen(Screen[bool]):
    """Dismisses True when anything was changed."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="decision.back"),
        Binding(
            "a",
            "add_adjustment",
            "Add adjustment",
            id="decision.add",
            tooltip="Add an adjustment to the bridge (with a reason)",
        ),
        Binding(
            "x",
            "remove_adjustment",
            "Remove adjustment",
            id="decision.remove",
            tooltip="Remove the adjustment under the cursor (with a reason)",
        ),
    ]

    def __init__(self, session: Session, code: str, year: int) -> None:
        super().__init__()
        self.session = session
        self.code, self.year = code, year
        self.frame: Frame | None = None
        self.changed = False
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield MoneyGrid(id="money")
        yield Static("", id="payments")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = f"The decision's money {self.code} {self.year}"
        self.sub_title = "Enter or a digit edits an adjustment or an item's actual to date"
        grid = self.query_one(MoneyGrid)
        self.set_focus(grid)
        if await self.work.now(self.reload) and self.frame is not None:
            grid.move_cursor(row=grid.first_line_row(), column=1)

    async def reload(self) -> None:
        """Read the frame and show it with the payments to the month under the cursor."""
        try:
            self.frame = await self.session.run(load_frame, self.code, self.year)
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        self.query_one(MoneyGrid).show(self.frame)
        await self.show_payments()

    async def show_payments(self) -> None:
        frame = self.frame
        panel = self.query_one("#payments", Static)
        if frame is None or frame.unit != "tkr":
            panel.update(inert("Compensation items in kronor: not a frame paid monthly."))
            return
        column = self.query_one(MoneyGrid).cursor_coordinate.column
        month = column - FIRST_MONTH + 1 if column >= FIRST_MONTH else None
        month = month or await self.session.run(latest_month, frame) or 12
        paid, whole = await self.session.run(load_payments, frame, month)
        panel.update(
            inert(render_payments(frame.name, paid, whole, "text", short=True), multiline=True)
        )

    def on_data_table_cell_highlighted(self) -> None:
        if self.frame is not None and self.work.idle:
            self.work(self.show_payments)

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def on_editable_grid_notice(self, message: EditableGrid.Notice) -> None:
        self.say(message.text, message.error)

    def on_editable_grid_edit_requested(self, message: EditableGrid.EditRequested) -> None:
        cell = message.editing
        if isinstance(cell, ActualCell):
            self.work(lambda: self.store_actual(cell, message.value))
            return
        assert isinstance(cell, AdjustmentCell)

        def with_reason(reason: str | None) -> None:
            if not reason:
                self.say("Not saved: a change of the bridge needs a reason", error=True)
                return
            self.work(lambda: self.store_amount(cell, message.value, reason))

        change = f"{format_signed(cell.shown)} → {format_signed(message.value)} tkr"
        title = f"Reason for {change} ({cell.label})"
        self.app.push_screen(PromptScreen(title, what="the reason"), with_reason)

    async def store_actual(self, cell: ActualCell, value: int) -> None:
        actor = self.session.actor("tui")
        await self.session.run(
            set_item_actual, self.code, self.year, cell.item.key, cell.month, value, actor
        )
        self.changed = True
        await self.reload()
        self.say(
            f"{cell.item.label}, actual to the end of month {cell.month}:"
            f" {format_number(value)} tkr (saved)"
        )

    async def store_amount(self, cell: AdjustmentCell, value: int, reason: str) -> None:
        actor = self.session.actor("tui", reason)
        await self.session.run(
            change_adjustment, self.code, self.year, cell.number, actor, amount=value
        )
        self.changed = True
        await self.reload()
        assert self.frame is not None
        self.say(
            f"Adjustment {cell.number}: {format_signed(value)} tkr;"
            f" the frame is {format_number(self.frame.total)} tkr (saved)"
        )

    def action_add_adjustment(self) -> None:
        """Ask for the label, the amount and the reason, then add it at the end."""

        def amount_asked(label: str | None) -> None:
            if not label:
                return

            def reason_asked(amount_text: str | None) -> None:
                if not amount_text:
                    return
                try:
                    amount = parse_whole(amount_text, "an adjustment in tkr", -(10**12), 10**12)
                except NumberError as exc:
                    self.say(f"{exc}; nothing was added", error=True)
                    return

                def add(reason: str | None) -> None:
                    if not reason:
                        self.say("Not added: a change of the bridge needs a reason", error=True)
                        return
                    self.work(lambda: self.store_new(label, amount, reason))

                self.app.push_screen(
                    PromptScreen("Reason for the new adjustment", what="the reason"), add
                )

            self.app.push_screen(
                PromptScreen("Amount in tkr (signed, e.g. -3 355)", what="the amount"), reason_asked
            )

        self.app.push_screen(
            PromptScreen("Label of the new adjustment", max_length=300, what="the label"),
            amount_asked,
        )

    async def store_new(self, label: str, amount: int, reason: str) -> None:
        actor = self.session.actor("tui", reason)
        number = await self.session.run(add_adjustment, self.code, self.year, label, amount, actor)
        self.changed = True
        await self.reload()
        self.say(f"Adjustment {number} added: {format_signed(amount)} tkr (saved)")

    def action_remove_adjustment(self) -> None:
        grid = self.query_one(MoneyGrid)
        key = grid.line_at(grid.cursor_coordinate.row) or ""
        if not key.startswith("adj:") or self.frame is None or self.frame.bridge is None:
            self.say("Put the cursor on an adjustment to remove it")
            return
        index = int(key.removeprefix("adj:"))
        label = self.frame.bridge.adjustments[index - 1].label

        def remove(reason: str | None) -> None:
            if not reason:
                self.say("Not removed: a change of the bridge needs a reason", error=True)
                return
            self.work(lambda: self.store_removal(index, reason))

        self.app.push_screen(
            PromptScreen(f"Reason for removing adjustment {index} ({label})", what="the reason"),
            remove,
        )

    async def store_removal(self, index: int, reason: str) -> None:
        actor = self.session.actor("tui", reason)
        old, _ = await self.session.run(change_adjustment, self.code, self.year, index, actor)
        self.changed = True
        await self.reload()
        self.say(f"Adjustment {index} removed ({format_signed(old.tkr)} tkr; saved)")

    async def settled(self) -> None:
        """Wait until everything asked for is stored (tests, leaving)."""
        await self.work.settled()

    async def action_back(self) -> None:
        await self.work.settled()
        self.dismiss(self.changed)
