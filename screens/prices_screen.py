"""A year's price list, editable in place: a digit or Enter on a price; saved and audited."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from db.errors import StorageError
from db.plans import hospitals
from db.prices import load_price_list, set_price
from planner.display import word
from planner.i18n import N_, _
from planner.model import Hospital, PriceClass
from planner.numbers import format_number
from planner.prices import PriceList
from screens.session import Session
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.footer import Footer
from screens.widgets.price_grid import PriceCell, PriceGrid
from screens.widgets.status_line import StatusLine


class PricesScreen(Screen[bool]):
    """One row per hospital, one column per price class; dismisses True if a price changed."""

    BINDINGS = [Binding("escape,q", "back", N_("Back"), id="prices.back")]

    def __init__(self, session: Session, year: int) -> None:
        super().__init__()
        self.session = session
        self.year = year
        self.hospitals: list[Hospital] = []
        self.prices = PriceList(year, {})
        self.changed = False
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield PriceGrid(id="prices")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = _("Unit prices {year}").format(year=self.year)
        self.sub_title = _("A digit or Enter changes a price (saved and logged at once)")
        if not await self.work.now(self.read):
            return
        grid = self.query_one(PriceGrid)
        grid.show(self.hospitals, self.prices)
        if not self.prices.prices:
            self.say(
                _("No {year} price list yet; type on a cell to add a price").format(year=self.year),
                error=True,
            )
        grid.move_cursor(row=0, column=1)
        self.set_focus(grid)

    async def read(self) -> None:
        self.hospitals = await self.session.run(hospitals)
        self.prices = await self.session.run(load_price_list, self.year)

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def on_editable_grid_notice(self, message: EditableGrid.Notice) -> None:
        self.say(message.text, message.error)

    def on_editable_grid_edit_requested(self, message: EditableGrid.EditRequested) -> None:
        """Store in order with other saves; the grid has checked the number."""
        cell: PriceCell = message.editing
        self.work(lambda: self.store(cell, message.value))

    async def store(self, cell: PriceCell, value: int) -> None:
        """Store one price under the old-value check (on the storage thread); the cell follows."""
        hospital, cls, old = cell
        actor = self.session.actor("tui")
        try:
            await self.session.run(
                set_price, self.year, cls, value, actor, hospital.code, expected=old
            )
        except StorageError as exc:
            self.say(str(exc), error=True)
            await self.refresh_cell(cell)
            return
        self.changed = self.changed or value != old
        await self.refresh_cell(cell)
        before = _("none") if old is None else f"{format_number(old)} kr"
        if cls is PriceClass.ENDOSCOPY:
            self.say(
                _("{hospital} {price_class} {year}: {before} → {price} kr (saved)").format(
                    hospital=hospital.short_name,
                    price_class=word(cls.value),
                    year=self.year,
                    before=before,
                    price=format_number(value),
                )
            )
        else:
            self.say(
                _(
                    "{price_class} {year}: {before} → {price} kr for every hospital"
                    " (saved; visit and treatment prices are region-wide)"
                ).format(
                    price_class=word(cls.value),
                    year=self.year,
                    before=before,
                    price=format_number(value),
                )
            )

    async def refresh_cell(self, cell: PriceCell) -> None:
        """Show the stored price again: the hospital's cell, or the whole column of a
        region-wide class."""
        self.prices = await self.session.run(load_price_list, self.year)
        cls = cell.price_class
        codes = [cell.hospital.code]
        if cls is not PriceClass.ENDOSCOPY:
            codes = list(self.prices.prices) or codes
        grid = self.query_one(PriceGrid)
        for code in codes:
            if f"line:{code}" in grid.rows:
                grid.show_price(code, cls, self.prices.get(code, cls))

    async def settled(self) -> None:
        """Wait until every price asked for is stored (tests, leaving)."""
        await self.work.settled()

    async def action_back(self) -> None:
        await self.work.settled()
        self.dismiss(self.changed)
