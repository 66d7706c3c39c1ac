"""The audit log of the plan on screen: every edit with who, when, what and why.

One row per edit, newest first, in local time, named and shown as `planner log` shows them
(planner.audit_rows); the line, user and date boxes narrow it down.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input

from db.audit import AuditEntry, line_names, query_log
from planner.audit_rows import LogRow, filter_rows, group_edits
from planner.i18n import N_, _, ngettext
from planner.text import escape_control
from planner.times import local_time
from screens.session import Session
from screens.widgets.footer import Footer
from screens.widgets.inert_text import inert

if TYPE_CHECKING:
    from sqlite_utils import Database

COLUMNS = [
    N_("Time"),
    N_("User"),
    N_("Line"),
    N_("Field"),
    N_("Old"),
    N_("New"),
    N_("Reason"),
    N_("Source"),
]
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _log_and_names(db: Database, plan_id: int) -> tuple[list[AuditEntry], dict[str, str]]:
    """The plan's log and the lines' names, in one trip to the storage thread."""
    return query_log(db, plan_id=plan_id), line_names(db)


class LogScreen(Screen[None]):
    """Read-only, newest first; Escape goes back, `/` goes to the filters."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="log.back"),
        Binding("slash", "filters", N_("Filter"), key_display="/", id="log.filter"),
    ]

    def __init__(
        self, session: Session, plan_id: int, title: str, line_key: str | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.plan_id = plan_id
        self.log_title = title
        self.line_key = line_key
        self.rows: list[LogRow] = []
        self.names: dict[str, str] = {}
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="log-filters"):
            yield Input(self.line_key or "", placeholder=_("line"), id="log-line")
            yield Input(placeholder=_("user"), id="log-user")
            yield Input(placeholder=_("from date, e.g. 2026-03-01"), id="log-since")
        yield DataTable(id="log", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        what = f"{self.line_key} · {self.log_title}" if self.line_key else self.log_title
        self.title = escape_control(_("Audit log · {what}").format(what=what))
        self.query_one(DataTable).add_columns(*map(_, COLUMNS))
        self.set_focus(self.query_one(DataTable))
        self.work(self.load)

    def say(self, text: str, error: bool = False) -> None:
        """The log has no status line: a failure to read it is a notification."""
        self.notify(text, severity="error" if error else "information")

    async def settled(self) -> None:
        await self.work.settled()

    async def load(self) -> None:
        """Read the plan's log on the storage thread, then show it."""
        entries, self.names = await self.session.run(_log_and_names, self.plan_id)
        if self.line_key:
            name = self.names.get(self.line_key, self.line_key)
            what = f"{name} · {self.log_title}"
            self.title = escape_control(_("Audit log · {what}").format(what=what))
        self.rows = group_edits(entries)
        self.show()

    def show(self) -> None:
        since = self.query_one("#log-since", Input).value.strip()
        shown = filter_rows(
            self.rows,
            line=self.query_one("#log-line", Input).value,
            user=self.query_one("#log-user", Input).value,
            since=since if _DATE.fullmatch(since) else "",
        )
        table = self.query_one(DataTable)
        table.clear()
        for row in shown:
            name = self.names.get(row.line_key, row.line_key)
            values = [local_time(row.at, seconds=True), row.user, name, row.fields()]
            values += [row.olds(), row.news(), row.reason, row.source]
            table.add_row(*(inert(v) for v in values))
        note = "" if not since or _DATE.fullmatch(since) else _(" · date as 2026-03-01")
        self.sub_title = ngettext(
            "{shown} edit of {rows}{note}", "{shown} edits of {rows}{note}", len(shown)
        ).format(shown=len(shown), rows=len(self.rows), note=note)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(self.query_one(DataTable))

    def action_filters(self) -> None:
        self.set_focus(self.query_one("#log-line", Input))
