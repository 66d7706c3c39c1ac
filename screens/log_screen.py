"""The audit log of the plan on screen: every edit with who, when, what and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from db.audit import query_log
from planner.text import escape_control
from screens.inert_text import inert
from screens.session import Session

COLUMNS = ["Time", "User", "Plan", "Line", "Field", "Old", "New", "Reason", "Source"]


class LogScreen(Screen[None]):
    """Read-only, newest last; Escape goes back."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="log.back")]

    def __init__(self, session: Session, plan_id: int, title: str) -> None:
        super().__init__()
        self.session = session
        self.plan_id = plan_id
        self.log_title = title

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield DataTable(id="log", cursor_type="row", zebra_stripes=True)
        yield Footer()

    async def on_mount(self) -> None:
        self.title = escape_control(f"Audit log · {self.log_title}")
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        entries = await self.session.run(query_log, plan_id=self.plan_id)
        for e in entries:
            values = [e.at.replace("T", " ")[:19], e.user, e.plan, e.line_key, e.field]
            values += ["" if v is None else str(v) for v in (e.old, e.new)]
            table.add_row(*(inert(v) for v in [*values, e.reason, e.source]))
        self.sub_title = f"{len(entries)} entries"
        if entries:
            table.move_cursor(row=len(entries) - 1)
        self.set_focus(table)
