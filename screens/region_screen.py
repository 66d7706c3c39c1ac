"""The region view: every hospital's plan for a year side by side, following edits made elsewhere.

Enter on a hospital's cell of a line dismisses with (hospital, year, line key), so the plan
screen can open that plan at that line.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from db.changes import data_version
from db.errors import StorageError
from db.region import load_region
from planner.formats.region_report import class_table, missing_note
from planner.grouping import RowKind
from planner.i18n import N_, _
from planner.numbers import format_number
from planner.prices import Totals
from planner.region import RegionView
from screens.session import Session
from screens.widgets.footer import Footer
from screens.widgets.status_line import StatusLine

PlanAtLine = tuple[str, int, str]
FIELDS = (("uppdrag", N_("uppdrag")), ("tillagg", N_("tillägg")), ("cost", N_("kostnad")))
_INDENT = {RowKind.AREA: 0, RowKind.CATEGORY: 1, RowKind.LINE: 2, RowKind.TOTAL: 0}
POLL_SECONDS = 1.0
SCENARIO_STYLE = "italic #87afd7"


def _cell(totals: Totals | None, field: str, bold: bool, style: str = "") -> Text:
    shown = "—" if totals is None else format_number(getattr(totals, field))
    return Text(shown, justify="right", style=f"{'bold' if bold else ''} {style}".strip())


class RegionScreen(Screen[PlanAtLine | None]):
    """Rows grouped like the plan; per hospital with a plan its uppdrag, tillägg and cost."""

    BINDINGS = [
        Binding("escape,q", "back", N_("Back"), id="region.back"),
        Binding("ctrl+r", "reload", N_("Reload"), id="region.reload"),
    ]

    def __init__(
        self, session: Session, year: int, scenario: tuple[str, str] | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.year = year
        self.scenario = scenario
        self.view: RegionView | None = None
        self.shown: list[int] = []
        self.data_version = -1
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield DataTable(id="region", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="region-summary")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        if not self.scenario:
            self.title = _("Region {year}").format(year=self.year)
        else:
            code, name = self.scenario
            self.title = _("Region {year} · ◇ scenario {scenario} beside, not counted").format(
                year=self.year, scenario=f"{code}/{self.year}/{name}"
            )
        await self.work.now(self.reload)
        self.set_focus(self.query_one(DataTable))
        self.set_interval(POLL_SECONDS, self.follow_writes)

    def on_screen_resume(self) -> None:
        self.action_reload()

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def follow_writes(self) -> None:
        """Reload when another connection (the CLI, another planner) has committed."""
        if self.work.idle:
            self.work(lambda: self.reload(only_if_changed=True))

    def action_reload(self) -> None:
        self.work(self.reload)

    async def settled(self) -> None:
        """Wait until every reload asked for is done (tests)."""
        await self.work.settled()

    async def reload(self, only_if_changed: bool = False) -> None:
        """Read the region on the storage thread; with `only_if_changed`, only after a commit."""
        version = await self.session.run(data_version)
        if only_if_changed and version == self.data_version:
            return
        self.data_version = version
        try:
            view = await self.session.run(load_region, self.year, self.scenario)
        except StorageError as exc:
            self.say(str(exc), error=True)
            return
        if view == self.view:
            return
        self.view = view
        self.fill(view)

    def fill(self, view: RegionView) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        self.shown = view.planned
        table.add_column(_("Line"), key="line")
        for i in self.shown:
            short = view.hospitals[i].short_name
            for field, label in FIELDS:
                shown = f"{short} {_(label)}"
                table.add_column(Text(shown, justify="right"), key=f"{i}:{field}")
        side = view.scenario
        if side is not None:
            for field, label in FIELDS:
                header = Text(f"{side.label} {_(label)}", justify="right", style=SCENARIO_STYLE)
                table.add_column(header, key=f"scenario:{field}")
        for field, label in FIELDS[1:]:
            shown = _("Region {field}").format(field=_(label))
            table.add_column(Text(shown, justify="right"), key=f"region:{field}")
        for n, row in enumerate(view.rows):
            bold = row.kind is not RowKind.LINE
            name = Text("  " * _INDENT[row.kind] + row.label, style="bold" if bold else "")
            cells = [_cell(row.cells[i], f, bold) for i in self.shown for f, _ in FIELDS]
            region = [_cell(row.total, f, True) for f, _ in FIELDS[1:]]
            if side is not None:
                cells += [_cell(side.cells[n], f, bold, SCENARIO_STYLE) for f, _ in FIELDS]
            key = f"line:{row.key}" if row.key else f"group:{n}"
            table.add_row(name, *cells, *region, key=key)
        table.move_cursor(row=cursor.row, column=cursor.column)
        summary = f"{class_table(view)}\n{missing_note(view)}".rstrip()
        self.query_one("#region-summary", Static).update(Text(summary))
        self.sub_title = _(
            "region tilläggskostnad {cost} kr · Enter opens a hospital's plan at that line"
        ).format(cost=format_number(view.total.total.cost))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        target = self.target(event.coordinate.row, event.coordinate.column)
        if target is None:
            self.query_one(StatusLine).say(_("Choose a hospital's cell on a line to open its plan"))
            return
        self.dismiss(target)

    def target(self, row: int, column: int) -> PlanAtLine | None:
        """The plan and line under a cell, if it is a hospital's cell on a line."""
        if self.view is None or column == 0 or column > len(self.shown) * len(FIELDS):
            return None
        key = self.view.rows[row].key
        if not key:
            return None
        hospital = self.view.hospitals[self.shown[(column - 1) // len(FIELDS)]]
        return hospital.code, self.year, key

    def action_back(self) -> None:
        self.dismiss(None)
