"""Walk through every change since a snapshot and accept or reject it, on the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from db.audit import AuditEntry, query_log
from db.errors import StorageError
from db.files_root import write_confined
from db.notes import note_changes
from db.reviews import decide, get_review, load_items, set_comment, undo_decision
from db.snapshots import get_info
from planner.formats.review_minutes import render_minutes
from planner.i18n import N_, _
from planner.numbers import format_signed
from planner.review import NoteChange, ReviewInfo, ReviewItem, Verdict, first_open
from planner.text import MAX_COMMENT, NONE_SHOWN, escape_control
from screens.dialogs.help_screen import HelpScreen
from screens.dialogs.prompts import ConfirmScreen, PromptScreen
from screens.keys import binding_rows
from screens.review_detail import (
    MARK,
    decision_cell,
    describe_item,
    describe_note,
    line_name,
    totals_text,
)
from screens.session import Session
from screens.widgets.footer import Footer
from screens.widgets.inert_text import inert
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from sqlite_utils import Database


class ReviewScreen(Screen[None]):
    """One change at a time; decisions are stored at once, so leaving and resuming is safe."""

    BINDINGS = [
        Binding("a", "decide('accepted')", N_("Accept"), id="review.accept"),
        Binding("x", "decide('rejected')", N_("Reject"), id="review.reject"),
        Binding("c", "comment", N_("Comment"), id="review.comment"),
        Binding("n,down", "move(1)", N_("Next"), key_display="n", id="review.next"),
        Binding("p,up", "move(-1)", N_("Previous"), key_display="p", id="review.previous"),
        Binding("u", "undo", N_("Undo decision"), id="review.undo"),
        Binding("w", "write_minutes", N_("Write minutes"), id="review.minutes"),
        Binding("f1,question_mark", "help", N_("Help"), key_display="F1/?", id="review.help"),
        Binding("q,escape", "leave", N_("Leave"), key_display="q", id="review.leave"),
    ]

    def __init__(self, session: Session, info: ReviewInfo) -> None:
        super().__init__()
        self.session = session
        self.info = info
        self.items: list[ReviewItem] = []
        self.notes: list[NoteChange] = []
        self.index = 0
        self.undo_stack: list[ReviewItem] = []
        self.since_time = ""
        self.histories: dict[str, list[AuditEntry]] = {}
        self.work = session.work.for_screen(self.run_worker, self.say)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield DataTable(id="review-items", cursor_type="row")
        yield Static("", id="review-detail")
        yield Static("", id="review-totals")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        info = self.info
        self.title = escape_control(
            _("Review {id} · {hospital} {year} since snapshot {since} ({since_label})").format(
                id=info.id,
                hospital=info.hospital,
                year=info.year,
                since=info.since,
                since_label=info.since_label,
            )
        )
        self.sub_title = escape_control(_("reviewer {reviewer}").format(reviewer=info.reviewer))
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column(_("Line"), key="line")
        table.add_column(Text(_("Δ tilläggskostnad"), justify="right"), key="delta")
        words = [_(label) for label in (N_("open"), *(label for label, _style in MARK.values()))]
        table.add_column(_("Decision"), key="decision", width=max(map(len, words)))
        table.add_column(_("Comment"), key="comment")
        if not await self.work.now(self.first_read):
            return
        for n, item in enumerate(self.items, start=1):
            table.add_row(
                str(n),
                inert(line_name(item)),
                Text(format_signed(item.cost_delta), justify="right"),
                decision_cell(item),
                inert(item.comment),
                key=item.key,
            )
        for n, note in enumerate(self.notes, start=len(self.items) + 1):
            table.add_row(
                str(n),
                inert(note.line),
                Text(""),
                Text(_("✎ note"), style="#e0a030"),
                inert(note.new or NONE_SHOWN),
                key=f"note:{note.key}",
            )
        self.index = first_open(self.items)
        self.show()
        self.set_focus(table)

    async def first_read(self) -> None:
        self.since_time = (await self.session.run(get_info, self.info.since)).created_at
        self.notes = await self.session.run(note_changes, self.info.since)
        await self.read_review()

    async def read_review(self) -> None:
        """Read the items, the review and each line's log since the snapshot (storage thread)."""
        review_id, plan_id = self.info.id, self.info.plan_id
        self.items = await self.session.run(load_items, review_id)
        self.info = await self.session.run(get_review, review_id)
        entries = await self.session.run(query_log, None, self.since_time, plan_id)
        self.histories = {}
        for entry in entries:
            self.histories.setdefault(entry.line_key, []).append(entry)

    async def reload(self) -> None:
        """Re-read decisions and comments; the rows (the changes) stay as they are."""
        await self.read_review()
        table = self.query_one(DataTable)
        for item in self.items:
            table.update_cell(item.key, "decision", decision_cell(item))
            table.update_cell(item.key, "comment", inert(item.comment), update_width=True)

    @property
    def current(self) -> ReviewItem | None:
        """The change under the cursor; None on a note (a note is not decided)."""
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def rows(self) -> int:
        """The changes, then the notes changed since the snapshot."""
        return len(self.items) + len(self.notes)

    def show(self) -> None:
        detail = self.query_one("#review-detail", Static)
        item = self.current
        if not self.rows:
            detail.update(_("No line differs from the snapshot: nothing to review."))
        else:
            self.query_one(DataTable).move_cursor(row=self.index)
            if item is None:
                number = self.index - len(self.items)
                detail.update(describe_note(self.notes[number], number + 1, len(self.notes)))
            else:
                detail.update(describe_item(item, self.index, len(self.items), self.history(item)))
        self.query_one("#review-totals", Static).update(totals_text(self.items))

    def not_decided(self) -> None:
        self.say(_("A note is not decided: change it with N on the plan screen"))

    def history(self, item: ReviewItem) -> list[AuditEntry]:
        """Who changed the line since the snapshot, when and why (latest five)."""
        return self.histories.get(item.key, [])[-5:]

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow the reviewer's cursor; a highlight the cursor has already left is stale.

        Acting on a stale one would move the cursor back, whose highlight would move it on
        again: two highlights in flight bounced the cursor between two rows for seconds.
        """
        if event.cursor_row != event.data_table.cursor_row:
            return
        if event.cursor_row != self.index and 0 <= event.cursor_row < self.rows:
            self.index = event.cursor_row
            self.show()

    def action_move(self, step: int) -> None:
        if self.rows:
            self.index = max(0, min(self.rows - 1, self.index + step))
            self.show()

    async def settled(self) -> None:
        """Wait until every decision and comment asked for is stored (tests, leaving)."""
        await self.work.settled()

    def action_decide(self, verdict: str) -> None:
        item = self.current
        if item is not None:
            self.work(lambda: self.store_decision(item, Verdict(verdict)))
        elif self.rows:
            self.not_decided()

    async def store_decision(self, item: ReviewItem, verdict: Verdict) -> None:
        info, user = self.info, self.session.user

        def store(db: Database) -> None:
            if item.decision is not None:
                undo_decision(db, info, item, user)
            decide(db, info, item, verdict, user)

        await self.session.run(store)
        self.undo_stack.append(item)
        await self.reload()
        restored = _(" (snapshot values restored)") if verdict == Verdict.REJECTED else ""
        self.say(
            _("{name} ({category}) {verdict}{restored}").format(
                name=item.name, category=item.category, verdict=_(verdict.value), restored=restored
            )
        )
        self.index = min(self.index + 1, len(self.items) - 1)
        self.show()

    def action_undo(self) -> None:
        self.work(self.undo_decision)

    async def undo_decision(self) -> None:
        if not self.undo_stack:
            self.say(_("No decision to undo in this session"))
            return
        previous = self.undo_stack.pop()
        now = next(i for i in self.items if i.key == previous.key)
        info, user = self.info, self.session.user

        def store(db: Database) -> None:
            undo_decision(db, info, now, user)
            if previous.decision is not None:
                decide(db, info, previous, previous.decision, user)

        try:
            await self.session.run(store)
        except StorageError:
            self.undo_stack.append(previous)
            raise
        await self.reload()
        self.index = next(i for i, item in enumerate(self.items) if item.key == previous.key)
        self.say(
            _("Undid the decision on {name} ({category})").format(
                name=previous.name, category=previous.category
            )
        )
        self.show()

    def action_comment(self) -> None:
        item = self.current
        if item is None and self.rows:
            self.not_decided()
        if item is not None:
            self.app.push_screen(
                PromptScreen(
                    _("Comment on {name} ({category})").format(
                        name=item.name, category=item.category
                    ),
                    item.comment,
                    MAX_COMMENT,
                    _("the comment"),
                ),
                self.save_comment,
            )

    def save_comment(self, comment: str | None) -> None:
        item = self.current
        if comment is None or item is None:
            return

        async def store() -> None:
            await self.session.run(set_comment, self.info, item.key, comment)
            await self.reload()
            self.show()
            self.say(_("Comment saved"))

        self.work(store)

    def action_write_minutes(self) -> None:
        """Write review-N.md (in the files folder when served), asking before replacing one;
        the status line names the full path."""
        root = self.session.files_root
        name = f"review-{self.info.id}.md"
        path = Path(name).absolute() if root is None else root.absolute() / name

        async def store() -> None:
            minutes = render_minutes(self.info, self.items, "md", self.notes).encode("utf-8")
            await self.session.run(write_confined, root, path, minutes)
            self.say(_("Wrote the minutes to {path}").format(path=path))

        def answered(replace: bool | None) -> None:
            if replace:
                self.work(store)
            else:
                self.say(_("Minutes not written: {path} was left as it was").format(path=path))

        async def ask_or_store() -> None:
            if await self.session.off_thread(path.exists):
                question = _("{path} exists. Replace it?").format(path=path)
                self.app.push_screen(ConfirmScreen(question), answered)
            else:
                await store()

        self.work(ask_or_store)

    def action_help(self) -> None:
        keys = binding_rows(self.BINDINGS)
        self.app.push_screen(HelpScreen(_("planner: keys of the review"), keys))

    async def action_leave(self) -> None:
        await self.work.settled()
        self.dismiss(None)
