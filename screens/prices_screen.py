"""A year's price list, editable: Enter on a price asks for the new one; saved and audited."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from db.errors import StorageError
from db.plans import hospitals
from db.prices import load_price_list, set_price
from planner.model import Hospital, PriceClass
from planner.numbers import NumberError, format_number, parse_volume
from planner.prices import PriceList
from screens.dialogs.prompts import PromptScreen
from screens.session import Session
from screens.widgets.status_line import StatusLine

CLASSES = list(PriceClass)


class PricesScreen(Screen[bool]):
    """One row per hospital, one column per price class; dismisses True if a price changed."""

    BINDINGS = [Binding("escape,q", "back", "Back", id="prices.back")]

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
        yield DataTable(id="prices", cursor_type="cell", zebra_stripes=True)
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = f"Unit prices {self.year}"
        self.sub_title = "Enter changes a price (saved and logged at once)"
        table = self.query_one(DataTable)
        table.add_column("Hospital", key="hospital")
        for cls in CLASSES:
            table.add_column(Text(f"{cls.value} (kr)", justify="right"), key=cls.value)
        if not await self.work.now(self.read):
            return
        for h in self.hospitals:
            cells = [self._shown(self.prices.get(h.code, cls)) for cls in CLASSES]
            table.add_row(Text(f"{h.short_name}  {h.name}"), *cells, key=h.code)
        if not self.prices.prices:
            self.say(f"No {self.year} price list yet; Enter on a cell adds a price", error=True)
        table.move_cursor(row=0, column=1)
        self.set_focus(table)

    async def read(self) -> None:
        self.hospitals = await self.session.run(hospitals)
        self.prices = await self.session.run(load_price_list, self.year)

    @staticmethod
    def _shown(value: int | None) -> Text:
        return Text("—" if value is None else format_number(value), justify="right")

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        row, column = event.coordinate.row, event.coordinate.column
        if column == 0:
            self.say("Choose a price cell")
            return
        hospital, cls = self.hospitals[row], CLASSES[column - 1]
        current = self.prices.get(hospital.code, cls)
        title = f"{self.year} {cls.value} price of {hospital.short_name} (kr)"
        initial = "" if current is None else str(current)

        def save(answer: str | None) -> None:
            if answer is not None:
                self.save(hospital, cls, current, answer)

        self.app.push_screen(PromptScreen(title, initial, max_length=12), save)

    def save(self, hospital: Hospital, cls: PriceClass, old: int | None, text: str) -> None:
        """Parse, then store in order with other saves; a bad number is said at once."""
        try:
            value = parse_volume(text)
        except NumberError as exc:
            self.say(str(exc), error=True)
            return
        self.work(lambda: self.store(hospital, cls, old, value))

    async def store(self, hospital: Hospital, cls: PriceClass, old: int | None, value: int) -> None:
        """Store one price under the old-value check (on the storage thread); the cell follows."""
        actor = self.session.actor("tui")
        try:
            await self.session.run(
                set_price, self.year, cls, value, actor, hospital.code, expected=old
            )
        except StorageError as exc:
            self.say(str(exc), error=True)
            await self.refresh_cell(hospital, cls)
            return
        self.changed = self.changed or value != old
        await self.refresh_cell(hospital, cls)
        before = "none" if old is None else f"{format_number(old)} kr"
        self.say(
            f"{hospital.short_name} {cls.value} {self.year}: {before} → {format_number(value)} kr"
            " (saved)"
        )

    async def refresh_cell(self, hospital: Hospital, cls: PriceClass) -> None:
        self.prices = await self.session.run(load_price_list, self.year)
        value = self.prices.get(hospital.code, cls)
        self.query_one(DataTable).update_cell(hospital.code, cls.value, self._shown(value))

    async def settled(self) -> None:
        """Wait until every price asked for is stored (tests, leaving)."""
        await self.work.settled()

    async def action_back(self) -> None:
        await self.work.settled()
        self.dismiss(self.changed)
