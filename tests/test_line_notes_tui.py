"""Issue 21 §3 on the plan screen: key N writes a line's note; ✎ marks it; the panel shows it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from db.audit import query_log
from db.notes import load_note
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.app import PlannerApp
from screens.dialogs.prompts import PromptScreen
from screens.plan_screen import PlanScreen
from screens.widgets.note_panel import NotePanel
from screens.widgets.plan_grid import PlanGrid

BUP = "psykiatri/forstabesok/bup"
NOTE = "[red]Avtal[/] med kliniken \\x1b 2026-01"


def stored_note(db_path: Path, key: str = BUP) -> tuple[str, list[tuple[str, str]]]:
    db = open_database(db_path)
    note = load_note(db, 1, key)
    logged = [(e.field, e.source) for e in query_log(db, key)]
    db.conn.close()
    return note, logged


def name_cell(app: PlannerApp, key: str = BUP) -> str:
    return app.screen.query_one(PlanGrid).get_cell(f"line:{key}", "line").plain


def panel(app: PlannerApp) -> NotePanel:
    return app.screen.query_one(NotePanel)


async def test_key_n_keeps_a_note_marks_the_line_and_shows_it_under_the_cursor(
    db_path: Path,
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not panel(app).display
        await pilot.press("N")
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = NOTE
        await pilot.press("enter")
        assert isinstance(app.screen, PlanScreen)
        assert name_cell(app) == "  ✎ BUP"
        assert panel(app).display
        assert str(panel(app).render()) == f"✎ BUP: {NOTE}"
        assert "Note kept on BUP (Förstabesök)" in str(app.screen.query_one("#status").render())
        await pilot.press("down")
        assert not panel(app).display
        await pilot.press("up")
        assert panel(app).display
    assert stored_note(db_path) == (NOTE, [("note", "tui")])


async def test_an_empty_note_removes_it_and_a_long_one_is_refused_in_the_dialog(
    db_path: Path,
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("N", "k", "ö", "enter")
        assert name_cell(app) == "  ✎ BUP"
        await pilot.press("N")
        box = app.screen.query_one(Input)
        box.value = "x" * 501
        await pilot.press("enter")
        assert isinstance(app.screen, PromptScreen)
        assert box.value == "x" * 501
        error = str(app.screen.query_one("#form-error").render())
        assert error == "the note is 501 characters, more than the 500 allowed; nothing was saved"
        box.value = ""
        await pilot.press("enter")
        assert name_cell(app) == "    BUP"
        assert not panel(app).display
    assert stored_note(db_path) == ("", [("note", "tui"), ("note", "tui")])


async def test_a_subtotal_row_has_no_note(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("t", "N")
        assert isinstance(app.screen, PlanScreen)
        status = str(app.screen.query_one("#status").render())
        assert status == "Move to a line to write its note (a subtotal has none)"


async def test_typing_in_the_note_dialog_adds_to_the_note_never_wipes_it(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N", *"Avtal", "enter")
        await pilot.press("N", *" i mars", "enter")
        assert str(panel(app).render()) == "✎ BUP: Avtal i mars"
    assert stored_note(db_path)[0] == "Avtal i mars"
