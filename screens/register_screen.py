"""The decision's indicator register: each indicator's target and latest (or due) outcome.

Status shows as a symbol and a word (✓ met, ✗ not met, ? to judge, · not reported) and only
then in colour. `d` filters to what is due for a month, Enter enters an outcome (saved and
chained), `p` opens the training places.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from db.changes import data_version
from db.register import clear_outcome, load_indicator_outcomes, load_register, set_outcome
from planner.decision.register import NOT_REPORTED, Indicator, Outcome
from planner.decision.targets import PERSON_JUDGES, Status, shown_value
from planner.formats.register_report import RegisterLine, register_lines, status_text, summary
from planner.i18n import N_, _
from screens.dialogs.outcome_dialog import OutcomeDialog, OutcomeEntry
from screens.dialogs.prompts import PromptScreen
from screens.session import Session
from screens.table_writes import REFUSED, write
from screens.widgets.footer import Footer
from screens.widgets.inert_text import inert
from screens.widgets.status_line import StatusLine

STYLES = {
    Status.MET.value: "bold green",
    Status.NOT_MET.value: "bold red",
    Status.TO_JUDGE.value: "yellow",
    NOT_REPORTED: "dim",
}
# Status first: at 80 columns it stays in view, with the outcome and gap beside it.
POLL_SECONDS = 1.0
COLUMNS = (
    N_("No."),
    N_("Status"),
    N_("Outcome"),
    N_("Gap"),
    N_("Indicator"),
    N_("Target"),
    N_("When"),
    N_("Uppdrag"),
)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class RegisterScreen(Screen[None]):
    """One row per indicator of the plan's hospital and year."""

    BINDINGS = [
        Binding("escape,q", "back", N_("Back"), id="register.back"),
        Binding(
            "d", "due", N_("Due for…"), id="register.due", tooltip=N_("Only what a month needs")
        ),
        Binding("a", "all", N_("All"), id="register.all", tooltip=N_("Every indicator again")),
        Binding(
            "p", "places", N_("Places"), id="register.places", tooltip=N_("AT and ST-A places")
        ),
        Binding(
            "delete",
            "clear",
            N_("Remove outcome"),
            id="register.clear",
            show=False,
            tooltip=N_("Remove the outcome shown: the period is not reported again"),
        ),
    ]

    def __init__(self, session: Session, hospital: str, year: int) -> None:
        super().__init__()
        self.session = session
        self.hospital = hospital
        self.year = year
        self.due: tuple[int, int] | None = None
        self.indicators: list[Indicator] = []
        self.outcomes: dict[str, list[Outcome]] = {}
        self.lines: list[RegisterLine] = []
        self.data_version = -1
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(id="register-summary")
        yield DataTable(id="register", cursor_type="row", zebra_stripes=True)
        yield Static(id="register-detail")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = _("Indicators {hospital} {year}").format(
            hospital=self.hospital, year=self.year
        )
        self.sub_title = _("Enter an outcome with Enter · d due for a month · p training places")
        table = self.query_one(DataTable)
        table.add_columns(*map(_, COLUMNS))
        if not await self.work.now(self.read):
            return
        self.show()
        self.set_focus(table)
        self.set_interval(POLL_SECONDS, self.follow_writes)

    def follow_writes(self) -> None:
        """Show outcomes another planner or the CLI committed, without a key press."""
        if self.work.idle:
            self.work(self.reread)

    async def reread(self) -> None:
        """Read again after a commit elsewhere; the table is refilled only when data differ."""
        version = await self.session.run(data_version)
        if version == self.data_version:
            return
        before = (self.indicators, self.outcomes)
        await self.read()
        if (self.indicators, self.outcomes) != before:
            self.show()

    async def read(self) -> None:
        self.data_version = await self.session.run(data_version)
        self.indicators = await self.session.run(load_register, self.hospital, self.year)
        self.outcomes = await self.session.run(load_indicator_outcomes, self.indicators)

    def show(self) -> None:
        """Fill the table from what was read, keeping the cursor's row where it can."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.lines = register_lines(self.indicators, self.outcomes, self.due)
        for line in self.lines:
            table.add_row(*self._cells(line), key=line.indicator.id)
        if self.lines:
            table.move_cursor(row=min(row, len(self.lines) - 1))
        text = summary(self.lines) if self.indicators else _("No indicator register for this year")
        if self.due:
            text = _("{summary}, due for {year}-{month:02d}").format(
                summary=text, year=self.due[0], month=self.due[1]
            )
        self.query_one("#register-summary", Static).update(inert(text))
        self.show_detail()

    @staticmethod
    def _cells(line: RegisterLine) -> list[Text]:
        ind = line.indicator
        what = _("see {indicator}").format(indicator=ind.refers_to) if ind.refers_to else ind.text
        flag = "⚠ " if ind.check_note else ""
        value = (
            ""
            if line.shown is None
            else f"{line.period}: {shown_value(ind.target, line.shown.value)}"
        )
        status = Text(status_text(line.status), style=STYLES.get(line.status, ""))
        return [
            inert(str(ind.number)),
            status,
            inert(value),
            inert("" if line.shown is None else line.shown.shown_gap),
            inert(flag + _cut(what, 40)),
            inert(_cut(ind.target_printed, 18)),
            inert(_cut(ind.schedule_printed, 16)),
            inert(_cut(ind.uppdrag, 22)),
        ]

    def current(self) -> RegisterLine | None:
        table = self.query_one(DataTable)
        if not self.lines or not 0 <= table.cursor_row < len(self.lines):
            return None
        return self.lines[table.cursor_row]

    def show_detail(self) -> None:
        line = self.current()
        detail = self.query_one("#register-detail", Static)
        if line is None:
            detail.update("")
            return
        ind = line.indicator
        parts = [f"{ind.id} · {ind.area} · {ind.uppdrag}", ind.text]
        parts.append(
            _("Source: {source} · Reports: {reporter}").format(
                source=ind.source or "—", reporter=ind.reporter or "—"
            )
        )
        if ind.check_note:
            parts.append(_("⚠ Check: {note}").format(note=ind.check_note))
        if ind.auto:
            parts.append(_("Filled from the follow-up (first visits and treatments against plan)."))
        for a in line.outcomes[-3:]:
            note = f" — {a.note}" if a.note else ""
            value = shown_value(ind.target, a.value)
            parts.append(f"{a.period}: {value} {status_text(a.status.value)} {a.shown_gap}{note}")
        detail.update(inert("\n".join(parts), multiline=True))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        line = self.current()
        if line is None:
            return
        ind = line.indicator
        if ind.auto:
            self.say(
                _("Indicator {number} is filled from the follow-up; it is not typed.").format(
                    number=ind.number
                ),
                error=True,
            )
            return
        if ind.refers_to:
            self.say(
                _("Indicator {number} is followed under {indicator}.").format(
                    number=ind.number, indicator=ind.refers_to
                ),
                error=True,
            )
            return
        period = line.period or (f"{self.due[0]}-{self.due[1]:02d}" if self.due else "")
        note = "" if line.shown is None else line.shown.note
        verdict = None
        if ind.target.kind in PERSON_JUDGES:
            verdict = "" if line.shown is None else line.shown.verdict
        title = _("Outcome of indicator {number}: {text}").format(number=ind.number, text=ind.text)
        dialog = OutcomeDialog(title, period, note, verdict)
        self.app.push_screen(dialog, lambda entry: self._entered(ind, entry))

    def _entered(self, ind: Indicator, entry: OutcomeEntry | None) -> None:
        if entry is not None:
            self.work(lambda: self.store(ind, entry))

    async def store(self, ind: Indicator, entry: OutcomeEntry) -> None:
        """Store one outcome on the storage thread; the table follows."""
        actor = self.session.actor("tui")
        stored = await write(
            self, set_outcome, ind, entry.period, entry.value, entry.note, actor, entry.verdict
        )
        if stored is REFUSED:
            return
        old, new, _change = stored
        period = entry.period.strip()
        if old is None or old == new:
            said = _("Indicator {number}, {period}: {new} (saved).")
        else:
            said = _("Indicator {number}, {period}: {old} → {new} (saved).")
        self.say(
            said.format(
                number=ind.number,
                period=period,
                old=None if old is None else shown_value(ind.target, old),
                new=shown_value(ind.target, new),
            )
        )

    def action_clear(self) -> None:
        """Remove the outcome shown on the row, asking why (Escape keeps it)."""
        line = self.current()
        if line is None or line.shown is None or line.indicator.auto:
            self.say(_("No typed outcome on this row to remove."), error=True)
            return
        ind, period, value = line.indicator, line.period, line.shown.value
        title = _(
            "Remove {value} (indicator {number}, {period})? Why (kept in the log); Esc keeps it"
        ).format(value=shown_value(ind.target, value), number=ind.number, period=period)
        self.app.push_screen(
            PromptScreen(title, "", what=N_("the reason")),
            lambda reason: self._removed(ind, period, reason),
        )

    def _removed(self, ind: Indicator, period: str, reason: str | None) -> None:
        if reason is not None:
            self.work(lambda: self.clear(ind, period, reason))

    async def clear(self, ind: Indicator, period: str, reason: str) -> None:
        old = await write(self, clear_outcome, ind, period, self.session.actor("tui", reason))
        if old is REFUSED:
            return
        if old is None:
            said = _("Indicator {number}, {period}: no outcome was stored; nothing changed.")
        else:
            said = _("Indicator {number}, {period}: {old} removed; not reported again.")
        shown = None if old is None else shown_value(ind.target, old)
        self.say(said.format(number=ind.number, period=period, old=shown))

    def action_due(self) -> None:
        self.app.push_screen(
            PromptScreen(_("Show what is due for the month (YYYY-MM, e.g. 2026-08):"), "", 7),
            self._filter,
        )

    def _filter(self, text: str | None) -> None:
        if text is None:
            return
        month = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text.strip())
        if month is None or not 1 <= int(month[2]) <= 12:
            self.say(
                _("{text} is not a month; write YYYY-MM, e.g. 2026-08.").format(text=repr(text)),
                error=True,
            )
            return
        self.due = (int(month[1]), int(month[2]))
        self.show()
        self.say(
            _("Showing what is due for {year}-{month:02d}; a shows every indicator.").format(
                year=self.due[0], month=self.due[1]
            )
        )

    def action_all(self) -> None:
        self.due = None
        self.show()

    def action_places(self) -> None:
        from screens.places_screen import PlacesScreen

        self.app.push_screen(PlacesScreen(self.session, self.year))

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    async def settled(self) -> None:
        await self.work.settled()

    async def action_back(self) -> None:
        await self.work.settled()
        self.dismiss(None)
