"""The plan session without a screen: ordered requests, versions, undo, others' writes.

No Pilot: the session runs its requests on a list standing in for the app's work queue and
tells a recording display what to draw.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from db.audit_trail import Actor
from db.edits import edit_line
from db.plan_view import load_plan_view
from db.plans import load_line
from db.setup import open_database
from planner.model import Field, PlanLine
from screens.plan_refresh import changed_lines, describe_others, refresh_from_database
from screens.plan_session import PlanSession, Refresh, SaveEdit, UndoRedo
from screens.session import Session

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"


class Recorder:
    """A PlanDisplay that keeps what it was told."""

    def __init__(self) -> None:
        self.said: list[tuple[str, bool]] = []
        self.lines: list[tuple[str, bool]] = []
        self.replaced = 0
        self.given_back: list[SaveEdit] = []
        self.progress: list[int] = []
        self.notes: list[set[str]] = []
        self.others_wrote_count = 0

    def say(self, text: str, error: bool = False) -> None:
        self.said.append((text, error))

    def plan_replaced(self) -> None:
        self.replaced += 1

    def show_line(self, line: PlanLine, groups: list[str], by_others: bool = False) -> None:
        self.lines.append((line.key, by_others))

    def plan_opened(self, at_line: str | None) -> None:
        pass

    def focus_line(self, key: str) -> None:
        pass

    def show_conflict(self, key: str) -> None:
        pass

    def give_back(self, request: SaveEdit, message: str) -> None:
        self.given_back.append(request)

    def progress_changed(self) -> None:
        self.progress.append(0)

    def ask_reason(self, key: str) -> None:
        pass

    def show_notes(self, keys: set[str]) -> None:
        self.notes.append(keys)

    def others_wrote(self) -> None:
        self.others_wrote_count += 1


Work = Callable[[], Awaitable[None]]


def opened(db_path: Path) -> tuple[PlanSession, Recorder, list[Work]]:
    db = open_database(db_path)
    queued: list[Work] = []
    plan = PlanSession(Session(db, "anna"), load_plan_view(db, "NU", 2026), queued.append)
    display = Recorder()
    plan.display = display
    return plan, display, queued


async def run(queued: list[Work]) -> None:
    """Run the queued work in the order asked, as the app's work queue does."""
    while queued:
        await queued.pop(0)()


def edit(plan: PlanSession, key: str, field: Field, value: int, began: int = 1) -> SaveEdit:
    return SaveEdit(key, field, began, value, str(value))


async def test_requests_run_in_the_order_asked_and_count_as_pending(db_path: Path) -> None:
    plan, _, queued = opened(db_path)
    plan.request(edit(plan, BUP, Field.UPPDRAG, 2000))
    plan.request(edit(plan, BUP, Field.UPPDRAG, 2100))
    assert plan.pending == 2 and len(queued) == 2
    await run(queued)
    assert plan.pending == 0 and plan.saves == 2
    assert plan.state.lines[BUP].volumes.uppdrag == 2100
    assert load_line(plan.session.db, 1, BUP).volumes.uppdrag == 2100


async def test_the_expected_version_moves_past_own_saves_only(db_path: Path) -> None:
    plan, _, queued = opened(db_path)
    began = plan.state.lines[BUP].version
    plan.request(edit(plan, BUP, Field.UPPDRAG, 2000, began))
    await run(queued)
    assert plan.expected_version(BUP, began) == began + 1
    other = open_database(db_path)
    edit_line(other, 1, BUP, Field.UPPDRAG, 2500, Actor("bo", "cli"))
    await refresh_from_database(plan, full=False)
    assert plan.expected_version(BUP, began) == began


async def test_undo_and_redo_restore_and_reapply(db_path: Path) -> None:
    plan, display, queued = opened(db_path)
    plan.request(edit(plan, BUP, Field.UPPDRAG, 2000))
    plan.request(UndoRedo(undo=True))
    await run(queued)
    assert plan.state.lines[BUP].volumes.uppdrag == 1030
    plan.request(UndoRedo(undo=False))
    plan.request(UndoRedo(undo=False))
    await run(queued)
    assert plan.state.lines[BUP].volumes.uppdrag == 2000
    assert display.said[-1] == ("Nothing to redo", False)


async def test_others_writes_are_diffed_named_and_end_the_undo_history(db_path: Path) -> None:
    plan, display, queued = opened(db_path)
    plan.request(edit(plan, BUP, Field.UPPDRAG, 2000))
    plan.request(Refresh(full=False))
    await run(queued)
    other = open_database(db_path)
    edit_line(other, 1, BUP, Field.UPPDRAG, 2500, Actor("bo", "cli"))
    edit_line(other, 1, VUP, Field.UPPDRAG, 900, Actor("bo", "cli"))
    plan.request(Refresh(full=False))
    await run(queued)
    assert display.lines[-2:] == [(BUP, True), (VUP, True)]
    assert display.said[-1][0].startswith("BUP changed by bo: ")
    assert display.said[-1][0].endswith(" (and 1 more line)")
    plan.request(UndoRedo(undo=True))
    await run(queued)
    assert plan.state.lines[BUP].volumes.uppdrag == 2500
    assert display.said[-1][0].startswith("Nothing to undo: the undo history of BUP")


async def test_a_stale_edit_is_a_conflict_that_shows_the_stored_line(db_path: Path) -> None:
    plan, display, queued = opened(db_path)
    edit_line(open_database(db_path), 1, BUP, Field.UPPDRAG, 2500, Actor("bo", "cli"))
    plan.request(edit(plan, BUP, Field.UPPDRAG, 2000))
    await run(queued)
    assert plan.state.lines[BUP].volumes.uppdrag == 2500
    assert display.lines == [(BUP, True)] and display.said[-1][1]
    assert load_line(plan.session.db, 1, BUP).volumes.uppdrag == 2500


async def test_changed_lines_and_their_description(db_path: Path) -> None:
    plan, _, _ = opened(db_path)
    db = plan.session.db
    assert changed_lines(plan.state, load_plan_view(db, "NU", 2026)) == []
    edit_line(db, 1, BUP, Field.TILLAGG, 400, Actor("bo", "cli"))
    changed = changed_lines(plan.state, load_plan_view(db, "NU", 2026))
    assert [line.key for line in changed] == [BUP]
    text = describe_others(plan.state, changed, {})
    assert text.startswith("BUP changed by another planner: ")


async def test_a_full_refresh_replaces_the_plan(db_path: Path) -> None:
    plan, display, queued = opened(db_path)
    plan.request(Refresh(full=True))
    await run(queued)
    assert display.replaced == 1 and display.said[-1] == ("Reloaded from the database", False)


async def test_a_note_written_elsewhere_is_shown_without_a_key(db_path: Path) -> None:
    from db.notes import set_note

    plan, display, _ = opened(db_path)
    other = open_database(db_path)
    set_note(other, 1, BUP, "Avtal", Actor("bo", "cli"))
    await refresh_from_database(plan, full=False)
    assert display.notes == [{BUP}] and plan.state.notes == {BUP: "Avtal"}
    set_note(other, 1, BUP, None, Actor("bo", "cli"))
    await refresh_from_database(plan, full=False)
    assert display.notes == [{BUP}, {BUP}] and plan.state.notes == {}
