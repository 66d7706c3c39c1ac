"""Walk through every change since a snapshot and accept or reject it, on the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from db.audit import AuditEntry, query_log
from db.errors import StorageError
from db.files_root import write_confined
from db.notes import note_changes
from db.reviews import decide, get_review, load_items, set_comment, undo_decision
from db.snapshots import get_info
from planner.audit_rows import change_text
from planner.diff import Decision
from planner.formats.review_minutes import render_minutes
from planner.numbers import format_number, format_signed
from planner.review import NoteChange, ReviewInfo, ReviewItem, Verdict, first_open, review_totals
from planner.text import MAX_COMMENT, NONE_SHOWN, escape_control
from planner.times import local_time
from screens.dialogs.help_screen import HelpScreen
from screens.dialogs.prompts import ConfirmScreen, PromptScreen
from screens.keys import binding_rows
from screens.session import Session
from screens.widgets.inert_text import inert
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from sqlite_utils import Database

_MARK = {Verdict.ACCEPTED: ("accepted", "green"), Verdict.REJECTED: ("rejected", "red")}


class ReviewScreen(Screen[None]):
    """One change at a time; decisions are stored at once, so leaving and resuming is safe."""

    BINDINGS = [
        Binding("a", "decide('accepted')", "Accept", id="review.accept"),
        Binding("x", "decide('rejected')", "Reject", id="review.reject"),
        Binding("c", "comment", "Comment", id="review.comment"),
        Binding("n,down", "move(1)", "Next", key_display="n", id="review.next"),
        Binding("p,up", "move(-1)", "Previous", key_display="p", id="review.previous"),
        Binding("u", "undo", "Undo decision", id="review.undo"),
        Binding("w", "write_minutes", "Write minutes", id="review.minutes"),
        Binding("f1,question_mark", "help", "Help", key_display="F1/?", id="review.help"),
        Binding("q,escape", "leave", "Leave", key_display="q", id="review.leave"),
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
            f"Review {info.id} · {info.hospital} {info.year} since snapshot {info.since}"
            f" ({info.since_label})"
        )
        self.sub_title = escape_control(f"reviewer {info.reviewer}")
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column("Line", key="line")
        table.add_column(Text("Δ tilläggskostnad", justify="right"), key="delta")
        table.add_column("Decision", key="decision")
        table.add_column("Comment", key="comment")
        if not await self.work.now(self.first_read):
            return
        for n, item in enumerate(self.items, start=1):
            table.add_row(
                str(n),
                inert(self.line_name(item)),
                Text(format_signed(item.cost_delta), justify="right"),
                self.decision_cell(item),
                inert(item.comment),
                key=item.key,
            )
        for n, note in enumerate(self.notes, start=len(self.items) + 1):
            table.add_row(
                str(n),
                inert(note.line),
                Text(""),
                Text("✎ note", style="#e0a030"),
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

    @staticmethod
    def line_name(item: ReviewItem) -> str:
        return f"{item.area} / {item.category} / {item.name}"

    @staticmethod
    def decision_cell(item: ReviewItem) -> Text:
        label, style = _MARK[item.decision] if item.decision else ("open", "yellow")
        return Text(label, style=style)

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
            table.update_cell(item.key, "decision", self.decision_cell(item))
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
            detail.update("No line differs from the snapshot: nothing to review.")
        else:
            self.query_one(DataTable).move_cursor(row=self.index)
            if item is None:
                detail.update(self.describe_note(self.notes[self.index - len(self.items)]))
            else:
                detail.update(self.describe(item))
        self.query_one("#review-totals", Static).update(self.totals_text())

    def describe(self, item: ReviewItem) -> Text:
        text = Text()
        text.append(escape_control(self.line_name(item)), style="bold")
        text.append(f"   change {self.index + 1} of {len(self.items)}\n\n")
        for label, old, new in (
            ("uppdrag", item.old.uppdrag, item.new.uppdrag),
            ("bas", item.old.bas, item.new.bas),
            ("tillägg", item.old.tillagg, item.new.tillagg),
        ):
            arrow = "→" if old != new else " "
            style = "bold #e0a030" if old != new else ""
            text.append(f"  {label:<9}{format_number(old):>11} {arrow} ")
            text.append(f"{format_number(new):>11}\n", style=style)
        if item.old_class != item.new_class:
            text.append(f"  {'class':<9}{item.old_class.value:>11} → ")
            text.append(f"{item.new_class.value:>11}\n", style="bold #e0a030")
        text.append(f"  Δ tilläggskostnad {format_signed(item.cost_delta)} kr\n\n", style="bold")
        for entry in self.history(item):
            why = f": {entry.reason}" if entry.reason else ""
            what = change_text(entry.field, entry.old, entry.new)
            who = f"{entry.user} ({entry.source})"
            text.append(f"  {local_time(entry.at)} {escape_control(who)}")
            text.append(f" {escape_control(what + why)}\n")
        text.append("\n  Decision: ")
        text.append_text(self.decision_cell(item))
        if item.comment:
            text.append(f"   Comment: {escape_control(item.comment)}")
        return text

    def describe_note(self, note: NoteChange) -> Text:
        """A changed note: what it said at the snapshot and now, who changed it last."""
        text = Text()
        text.append(escape_control(note.line), style="bold")
        number = self.index - len(self.items) + 1
        text.append(f"   note {number} of {len(self.notes)} changed since the snapshot\n\n")
        text.append(f"  then  {escape_control(note.old) if note.old else NONE_SHOWN}\n")
        text.append(f"  now   {escape_control(note.new) if note.new else NONE_SHOWN}\n", "bold")
        who = escape_control(note.user)
        text.append(f"\n  last changed by {who}, {local_time(note.at)}\n\n")
        text.append("  A note is not accepted or rejected: it is in the minutes as written.")
        return text

    def not_decided(self) -> None:
        self.say("A note is not decided: change it with N on the plan screen")

    def history(self, item: ReviewItem) -> list[AuditEntry]:
        """Who changed the line since the snapshot, when and why (latest five)."""
        return self.histories.get(item.key, [])[-5:]

    def totals_text(self) -> Text:
        totals = review_totals(self.items)
        text = Text()
        text.append(f"Accepted Δ {format_signed(totals.accepted)} kr ({totals.count_accepted})   ")
        text.append(f"Rejected Δ {format_signed(totals.rejected)} kr ({totals.count_rejected})   ")
        text.append(f"Open Δ {format_signed(totals.open)} kr ({totals.count_open})\n")
        style = "bold red" if totals.decision is Decision.BOARD else "bold green"
        text.append(f"Accepted so far needs: {totals.decision.text}", style=style)
        return text

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
        restored = " (snapshot values restored)" if verdict == Verdict.REJECTED else ""
        self.say(f"{item.name} ({item.category}) {verdict}{restored}")
        self.index = min(self.index + 1, len(self.items) - 1)
        self.show()

    def action_undo(self) -> None:
        self.work(self.undo_decision)

    async def undo_decision(self) -> None:
        if not self.undo_stack:
            self.say("No decision to undo in this session")
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
        self.say(f"Undid the decision on {previous.name} ({previous.category})")
        self.show()

    def action_comment(self) -> None:
        item = self.current
        if item is None and self.rows:
            self.not_decided()
        if item is not None:
            self.app.push_screen(
                PromptScreen(
                    f"Comment on {item.name} ({item.category})",
                    item.comment,
                    MAX_COMMENT,
                    "the comment",
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
            self.say("Comment saved")

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
            self.say(f"Wrote the minutes to {path}")

        def answered(replace: bool | None) -> None:
            if replace:
                self.work(store)
            else:
                self.say(f"Minutes not written: {path} was left as it was")

        async def ask_or_store() -> None:
            if await self.session.off_thread(path.exists):
                self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?"), answered)
            else:
                await store()

        self.work(ask_or_store)

    def action_help(self) -> None:
        keys = binding_rows(self.BINDINGS)
        self.app.push_screen(HelpScreen("planner: keys of the review", keys))

    async def action_leave(self) -> None:
        await self.work.settled()
        self.dismiss(None)
