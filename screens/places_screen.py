"""Training places of a year: AT per hospital and ST-A per specialty, with the printed totals;
Enter changes a count, with a reason (saved and chained). A total that no longer matches the
printed one is flagged with ⚠ and words, not only colour."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header

from db.places import load_place_tables, set_places
from planner.decision.training_places import MAX_PLACES, Place, PlaceTable
from planner.i18n import N_, _
from planner.numbers import format_number, whole_number
from screens.dialogs.prompts import PromptScreen
from screens.session import Session
from screens.table_writes import REFUSED, write
from screens.widgets.footer import Footer
from screens.widgets.inert_text import inert
from screens.widgets.status_line import StatusLine

COLUMNS = (N_("Table"), N_("Row"), N_("Places"), N_("Against the decision"))


class PlacesScreen(Screen[None]):
    BINDINGS = [Binding("escape,q", "back", N_("Back"), id="places.back")]

    def __init__(self, session: Session, year: int) -> None:
        super().__init__()
        self.session = session
        self.year = year
        self.tables: list[PlaceTable] = []
        self.rows: list[Place | None] = []
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield DataTable(id="places", cursor_type="row")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = _("Training places {year}").format(year=self.year)
        self.sub_title = _("Enter changes a count (a reason is asked for)")
        self.query_one(DataTable).add_columns(*map(_, COLUMNS))
        if await self.work.now(self.read):
            self.show()
            self.set_focus(self.query_one(DataTable))

    async def read(self) -> None:
        self.tables = await self.session.run(load_place_tables, self.year)

    def show(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.rows = []
        for group in self.tables:
            for place in group.rows:
                table.add_row(inert(group.title), inert(place.label), format_number(place.places))
                self.rows.append(place)
            style = "bold red" if group.differs else "bold"
            flag = "⚠ " if group.differs else ""
            note = Text(flag + group.total_note, style=style)
            table.add_row(
                inert(group.title), Text(_("Total"), "bold"), format_number(group.total), note
            )
            self.rows.append(None)
        if not self.rows:
            self.say(_("No training places for {year}.").format(year=self.year))
        else:
            table.move_cursor(row=min(row, len(self.rows) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        index = self.query_one(DataTable).cursor_row
        place = self.rows[index] if 0 <= index < len(self.rows) else None
        if place is None:
            self.say(_("A total is the sum of its rows; change a row instead."), error=True)
            return
        title = _("New number of {kind} places for {label} in {year}:").format(
            kind=place.kind, label=place.label, year=place.year
        )
        self.app.push_screen(
            PromptScreen(title, str(place.places), 6), lambda text: self._count(place, text)
        )

    def _count(self, place: Place, text: str | None) -> None:
        if text is None:
            return
        count = whole_number(text, 0, MAX_PLACES)
        if count is None:
            self.say(
                _("{text} is not a whole number of places from 0 to {most}.").format(
                    text=repr(text), most=MAX_PLACES
                ),
                True,
            )
            return
        if count == place.places:
            self.say(
                _("{kind} {label} {year}: still {places}; nothing changed.").format(
                    kind=place.kind, label=place.label, year=place.year, places=place.places
                )
            )
            return
        self.app.push_screen(
            PromptScreen(
                _("Why does the number change? (kept in the log)"), "", what=N_("the reason")
            ),
            lambda reason: self._reasoned(place, count, reason),
        )

    def _reasoned(self, place: Place, count: int, reason: str | None) -> None:
        if reason is None:
            return
        changed = Place(place.year, place.kind, place.provider, place.specialty, count)
        self.work(lambda: self.store(changed, reason))

    async def store(self, place: Place, reason: str) -> None:
        old = await write(self, set_places, place, self.session.actor("tui", reason))
        if old is REFUSED:
            return
        if old is None:
            said = _("{kind} {label} {year}: none → {places} (saved).")
        else:
            said = _("{kind} {label} {year}: {before} → {places} (saved).")
        before = "" if old is None else format_number(old)
        self.say(
            said.format(
                kind=place.kind,
                label=place.label,
                year=place.year,
                before=before,
                places=place.places,
            )
        )

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    async def settled(self) -> None:
        await self.work.settled()

    async def action_back(self) -> None:
        await self.work.settled()
        self.dismiss(None)
