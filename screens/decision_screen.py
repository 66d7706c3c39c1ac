"""The plan's decision: the bridge, the items and, below, the payments (R11).

Adjustments and the items' actuals are edited in the grid like volumes; a change of the
bridge asks for its reason first. Every read and write goes through the app's work queue.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from db.changes import data_version
from db.errors import StorageError
from db.frames import add_adjustment, change_adjustment, load_frame, set_item_actual
from db.payments import latest_month, load_payments
from planner.decision.frame import Frame, actual_doubts
from planner.formats.frame_report import render_payments
from planner.i18n import N_, _
from planner.numbers import NumberError, format_number, format_signed, parse_whole
from screens.dialogs.prompts import PromptScreen
from screens.session import Session
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.footer import Footer
from screens.widgets.inert_text import inert
from screens.widgets.money_grid import (
    FIRST_MONTH,
    ActualCell,
    AdjustmentCell,
    MoneyGrid,
    unsettled_text,
)
from screens.widgets.status_line import StatusLine

POLL_SECONDS = 1.0


class DecisionScreen(Screen[bool]):
    """Dismisses True when anything was changed."""

    BINDINGS = [
        Binding("escape,q", "back", N_("Back"), id="decision.back"),
        Binding(
            "a",
            "add_adjustment",
            N_("Add adjustment"),
            id="decision.add",
            tooltip=N_("Add an adjustment to the bridge (with a reason)"),
        ),
        Binding(
            "x",
            "remove_adjustment",
            N_("Remove adjustment"),
            id="decision.remove",
            tooltip=N_("Remove the adjustment under the cursor (with a reason)"),
        ),
        Binding(
            "delete",
            "clear_actual",
            N_("Clear actual"),
            id="decision.clear",
            show=False,
            tooltip=N_("Withdraw the item's actual for the month under the cursor"),
        ),
        Binding(
            "p",
            "toggle_payments",
            N_("Payments"),
            id="decision.payments",
            tooltip=N_("Move to the payments below (arrows scroll them) and back to the grid"),
        ),
    ]

    def __init__(self, session: Session, code: str, year: int) -> None:
        super().__init__()
        self.session = session
        self.code, self.year = code, year
        self.frame: Frame | None = None
        self.changed = False
        self.data_version = -1
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield MoneyGrid(id="money")
        with VerticalScroll(id="payments"):
            yield Static("", id="payments-text")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = _("The decision's money {code} {year}").format(code=self.code, year=self.year)
        self.sub_title = _(
            "Enter or a digit edits an adjustment or an item's actual to date; Delete clears it"
        )
        grid = self.query_one(MoneyGrid)
        self.set_focus(grid)
        if await self.work.now(self.reload) and self.frame is not None:
            grid.move_cursor(row=grid.first_line_row(), column=1, scroll=False)
            self.call_after_refresh(grid.scroll_home, animate=False)
        self.set_interval(POLL_SECONDS, self.follow_writes)

    def follow_writes(self) -> None:
        """About once a second: show what another planner or the CLI committed (not while a
        value is being typed; the next poll shows it)."""
        if self.work.idle and self.query_one(MoneyGrid).editing is None:
            self.work(self.reread)

    async def reread(self) -> None:
        """Read the frame again only after another connection committed; say when it moved."""
        if await self.session.run(data_version) == self.data_version:
            return
        before = self.frame
        await self.reload()
        if self.frame != before:
            self.say(_("The frame was changed elsewhere; shown as it is now"))

    async def reload(self) -> None:
        """Read the frame and show it with the payments to the month under the cursor."""
        self.data_version = await self.session.run(data_version)
        try:
            self.frame = await self.session.run(load_frame, self.code, self.year)
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        self.query_one(MoneyGrid).show(self.frame)
        if not self.frame.settled:
            self.sub_title = unsettled_text(self.frame)
        elif self.frame.bridge is None:
            self.sub_title = _("The decision's compensation items; the app edits no bridge here")
        self.refresh_bindings()
        await self.show_payments()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Adding and removing adjustments only where the frame has a bridge (not Närhälsan's
        compensation items): the footer leaves them out and the keys do nothing."""
        if action in {"add_adjustment", "remove_adjustment"}:
            return self.frame is not None and self.frame.bridge is not None
        return True

    async def show_payments(self) -> None:
        frame = self.frame
        panel = self.query_one("#payments-text", Static)
        if frame is None or frame.unit != "tkr":
            panel.update(inert(_("Compensation items in kronor: not a frame paid monthly.")))
            return
        column = self.query_one(MoneyGrid).cursor_coordinate.column
        month = column - FIRST_MONTH + 1 if column >= FIRST_MONTH else None
        month = month or await self.session.run(latest_month, frame) or 12
        paid, whole = await self.session.run(load_payments, frame, month)
        width = max(self.query_one("#payments").scrollable_content_region.width, 40)
        text = render_payments(frame.name, paid, whole, "text", width=width)
        panel.update(inert(text, multiline=True))

    def on_resize(self) -> None:
        """The payments' labels are wrapped to the panel's width again."""
        if self.frame is not None and self.work.idle:
            self.work(self.show_payments)

    def on_data_table_cell_highlighted(self) -> None:
        if self.frame is not None and self.work.idle:
            self.work(self.show_payments)

    def action_toggle_payments(self) -> None:
        """Focus the payments panel (so a small terminal scrolls it to the Total) or the grid."""
        panel = self.query_one("#payments", VerticalScroll)
        self.set_focus(self.query_one(MoneyGrid) if panel.has_focus else panel)

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
                self.say(_("Not saved: a change of the bridge needs a reason"), error=True)
                return
            self.work(lambda: self.store_amount(cell, message.value, reason))

        title = _("Reason for {old} → {new} tkr ({label})").format(
            old=format_signed(cell.shown), new=format_signed(message.value), label=cell.label
        )
        self.app.push_screen(PromptScreen(title, what=N_("the reason")), with_reason)

    def on_money_grid_clear_requested(self, message: MoneyGrid.ClearRequested) -> None:
        cell = message.cell
        self.work(lambda: self.store_actual(cell, None))

    def action_clear_actual(self) -> None:
        """Withdraw the actual of the item's month under the cursor (saved and audited)."""
        grid = self.query_one(MoneyGrid)
        key = grid.line_at(grid.cursor_coordinate.row) or ""
        column = grid.cursor_coordinate.column
        frame = self.frame
        if frame is None or not key.startswith("item:") or column < FIRST_MONTH:
            self.say(_("Move to an item's month to clear its actual"))
            return
        item = frame.item(key.removeprefix("item:"))
        month = column - FIRST_MONTH + 1
        shown = frame.actuals.get(item.key, {}).get(month)
        self.work(lambda: self.store_actual(ActualCell(item, month, shown), None))

    async def store_actual(self, cell: ActualCell, value: int | None) -> None:
        """Store (None: clear) an item's actual to date through the one audited path; a
        value that looks wrong is kept and said."""
        actor = self.session.actor("tui")
        item, old = await self.session.run(
            set_item_actual, self.code, self.year, cell.item.key, cell.month, value, actor
        )
        self.changed = True
        await self.reload()
        if value is None:
            self.say(self.cleared_text(item.label, cell.month, old))
            return
        assert self.frame is not None
        doubts = actual_doubts(item, self.frame.actuals.get(item.key, {}), cell.month)
        if doubts:
            self.say(" · ".join(doubts), error=True)
            return
        self.say(
            _("{label}, actual to the end of month {month}: {value} tkr (saved)").format(
                label=item.label, month=cell.month, value=format_number(value)
            )
        )

    @staticmethod
    def cleared_text(label: str, month: int, old: int | None) -> str:
        if old is None:
            return _(
                "No actual to the end of month {month} to clear ({label}); nothing changed"
            ).format(label=label, month=month)
        return _("Actual to the end of month {month} cleared, was {old} tkr ({label})").format(
            label=label, month=month, old=format_number(old)
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
            _("Adjustment {number}: {amount} tkr; the frame is {total} tkr (saved)").format(
                number=cell.number,
                amount=format_signed(value),
                total=format_number(self.frame.total),
            )
        )

    def action_add_adjustment(self) -> None:
        """Ask for the label, the amount and the reason, then add it at the end."""

        def amount_asked(label: str | None, typed: str = "") -> None:
            if not label:
                return

            def reason_asked(amount_text: str | None) -> None:
                if not amount_text:
                    return
                try:
                    amount = parse_whole(amount_text, N_("an adjustment in tkr"), -(10**12), 10**12)
                except NumberError as exc:
                    self.say(_("{error}; write the amount again").format(error=exc), error=True)
                    amount_asked(label, amount_text)  # the label typed is kept
                    return

                def add(reason: str | None) -> None:
                    if not reason:
                        self.say(_("Not added: a change of the bridge needs a reason"), error=True)
                        return
                    self.work(lambda: self.store_new(label, amount, reason))

                self.app.push_screen(
                    PromptScreen(_("Reason for the new adjustment"), what=N_("the reason")), add
                )

            self.app.push_screen(
                PromptScreen(
                    _("Amount in tkr (signed, e.g. -3 355)"), typed, what=N_("the amount")
                ),
                reason_asked,
            )

        self.app.push_screen(
            PromptScreen(_("Label of the new adjustment"), max_length=300, what=N_("the label")),
            amount_asked,
        )

    async def store_new(self, label: str, amount: int, reason: str) -> None:
        actor = self.session.actor("tui", reason)
        number = await self.session.run(add_adjustment, self.code, self.year, label, amount, actor)
        self.changed = True
        await self.reload()
        self.say(
            _("Adjustment {number} added: {amount} tkr (saved)").format(
                number=number, amount=format_signed(amount)
            )
        )

    def action_remove_adjustment(self) -> None:
        grid = self.query_one(MoneyGrid)
        key = grid.line_at(grid.cursor_coordinate.row) or ""
        if not key.startswith("adj:") or self.frame is None or self.frame.bridge is None:
            self.say(_("Put the cursor on an adjustment to remove it"))
            return
        index = int(key.removeprefix("adj:"))
        label = self.frame.bridge.adjustments[index - 1].label

        def remove(reason: str | None) -> None:
            if not reason:
                self.say(_("Not removed: a change of the bridge needs a reason"), error=True)
                return
            self.work(lambda: self.store_removal(index, reason))

        self.app.push_screen(
            PromptScreen(
                _("Reason for removing adjustment {index} ({label})").format(
                    index=index, label=label
                ),
                what=N_("the reason"),
            ),
            remove,
        )

    async def store_removal(self, index: int, reason: str) -> None:
        actor = self.session.actor("tui", reason)
        old, _new = await self.session.run(change_adjustment, self.code, self.year, index, actor)
        self.changed = True
        await self.reload()
        self.say(
            _("Adjustment {index} removed ({amount} tkr; saved)").format(
                index=index, amount=format_signed(old.tkr)
            )
        )

    async def settled(self) -> None:
        """Wait until everything asked for is stored (tests, leaving)."""
        await self.work.settled()

    async def action_back(self) -> None:
        await self.work.settled()
        self.dismiss(self.changed)
