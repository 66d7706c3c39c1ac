"""Pilot tests of the plan screen: editing, refusals, undo/redo, filter, switch, conflicts, quit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from rich.text import Text
from sqlite_utils import Database
from textual.binding import Binding
from textual.events import Key

from db.audit_trail import Actor
from db.edits import edit_line
from db.plans import create_plan, load_line
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import Field
from screens.app import PLAN_COMMANDS, PlannerApp
from screens.dialogs.help_screen import HelpScreen
from screens.dialogs.prompts import ConfirmScreen
from screens.plan_screen import PlanScreen
from screens.widgets.plan_cells import CHANGED_STYLE
from screens.widgets.plan_grid import PlanGrid

BUP = "psykiatri/forstabesok/bup"
KATARAKT = "somatik/operation-atgard/katarakt"
SIZE = (120, 45)


def cell(app: PlannerApp, row: str, column: str) -> Text:
    return app.screen.query_one(PlanGrid).get_cell(row, column)


def plain(app: PlannerApp, row: str, column: str) -> str:
    return cell(app, row, column).plain


def stored(db_path: Path, key: str = BUP) -> tuple[int, int, int]:
    db = open_database(db_path)
    line = load_line(db, 1, key)
    db.conn.close()
    v = line.volumes
    return v.uppdrag, v.bas, v.tillagg


def screen(app: PlannerApp) -> PlanScreen:
    assert isinstance(app.screen, PlanScreen)
    return app.screen


async def test_cursor_starts_on_first_uppdrag(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE):
        grid = screen(app).grid
        assert grid.line_at(grid.cursor_coordinate.row) == BUP
        assert grid.cursor_coordinate.column == 1
        assert "NU-sjukvården" in (app.screen.title or "")


async def test_edit_by_digit_updates_line_subtotals_and_totals(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter")
        assert plain(app, f"line:{BUP}", "tillagg") == "1\u00a0300"
        assert cell(app, f"line:{BUP}", "uppdrag").style == CHANGED_STYLE
        assert cell(app, f"line:{BUP}", "bas").style == ""
        assert [plain(app, "total", c) for c in ("uppdrag", "bas", "tillagg", "cost")] == [
            "64\u00a0450",
            "39\u00a0078",
            "25\u00a0372",
            "247\u00a0554\u00a0364",
        ]
        assert plain(app, "group:Psykiatri/Förstabesök", "uppdrag") == "2\u00a0450"
        assert "247\u00a0554\u00a0364 kr" in str(app.screen.query_one("#totals").render())
        grid = screen(app).grid
        assert grid.line_at(grid.cursor_coordinate.row) == "psykiatri/forstabesok/vup"
    assert stored(db_path) == (2000, 700, 1300)


async def test_edit_by_enter_starts_with_current_value(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert screen(app).editor.value == "1\u00a0030"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("9", "0", "0", "enter")
    assert stored(db_path) == (900, 700, 200)


async def test_spaces_and_no_break_spaces_accepted(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "space", "5", "0", "0", "enter")
        assert stored(db_path) == (1500, 700, 800)
        await pilot.press("up", "2")
        screen(app).editor.paste("\u00a0100")
        await pilot.press("enter")
    assert stored(db_path) == (2100, 700, 1400)


async def test_tab_commits_and_moves_right(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "tab")
        grid = screen(app).grid
        assert grid.line_at(grid.cursor_coordinate.row) == BUP
        assert grid.cursor_coordinate.column == 2
        await pilot.press("8", "0", "0", "tab")
    assert stored(db_path) == (2000, 800, 1200)


async def test_escape_cancels(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "5", "escape")
        assert not screen(app).editor.display
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0030"
        assert "cancelled" in str(app.screen.query_one("#status").render())
    assert stored(db_path) == (1030, 700, 330)


async def test_refused_edit_says_why_and_keeps_editor(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "5", "0", "0", "0", "enter")
        error = str(app.screen.query_one("#cell-error").render())
        assert "bas 5\u00a0000 would exceed uppdrag 1\u00a0030" in error
        assert screen(app).editor.display and screen(app).editor.value == "5000"
        assert plain(app, f"line:{BUP}", "bas") == "700"
        for bad in ("12a", "2.5", "-800", "+5%%", "12345678"):
            await pilot.press("ctrl+u", *bad, "enter")
            assert screen(app).editor.display
            assert "nothing changed" in str(app.screen.query_one("#cell-error").render())
    assert stored(db_path) == (1030, 700, 330)


async def test_subtotal_rows_are_not_editable(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up", "5")
        assert not screen(app).editor.display
        assert "computed" in str(app.screen.query_one("#status").render())


async def test_undo_redo_are_saved_and_logged(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter", "1", "0", "0", "0", "enter")
        await pilot.press("ctrl+z")
        assert stored(db_path, "psykiatri/forstabesok/vup") == (450, 280, 170)
        await pilot.press("ctrl+z")
        assert stored(db_path) == (1030, 700, 330)
        assert plain(app, "total", "uppdrag") == "63\u00a0480"
        assert cell(app, f"line:{BUP}", "uppdrag").style == ""
        await pilot.press("ctrl+z")
        assert "Nothing to undo" in str(app.screen.query_one("#status").render())
        await pilot.press("ctrl+y")
        assert stored(db_path) == (2000, 700, 1300)
        assert plain(app, "total", "uppdrag") == "64\u00a0450"
    db = open_database(db_path)
    sources = [
        r["source"]
        for r in db.query(
            "SELECT source FROM audit_log WHERE field = 'uppdrag' AND source != 'seed'"
        )
    ]
    assert sources == ["tui", "tui", "undo", "undo", "redo"]


async def test_ctrl_z_typed_right_after_enter_undoes_that_edit(db_path: Path) -> None:
    """Keys that arrive together (a fast typist, a paste of keys) are taken in order: the
    undo waits for the edit its Enter committed instead of undoing the one before."""
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2000", "enter")
        for key, character in (("3", "3"), ("3", "3"), ("3", "3"), ("enter", "\r")):
            app.post_message(Key(key, character))
        app.post_message(Key("ctrl+z", None))
        await pilot.press("escape")
        assert stored(db_path, "psykiatri/forstabesok/vup") == (450, 280, 170)
        assert stored(db_path) == (2000, 700, 1300)


async def test_filter_is_accent_insensitive_and_keeps_whole_plan_subtotals(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "o", "g", "o", "n", "enter")
        grid = screen(app).grid
        lines = [str(k.value) for k in grid.rows if str(k.value).startswith("line:")]
        assert lines == [
            "line:somatik/forstabesok/ogon",
            "line:somatik/operation-atgard/ovriga-ogon",
        ]
        assert plain(app, "group:Somatik", "uppdrag") == "57\u00a0340"
        assert plain(app, "total", "uppdrag") == "63\u00a0480"
        assert "group:Psykiatri" not in [str(k.value) for k in grid.rows]
        await pilot.press("4", "6", "0", "0", "enter")
        await pilot.press("escape")
        assert len([k for k in grid.rows if str(k.value).startswith("line:")]) == 49
    assert stored(db_path, "somatik/forstabesok/ogon") == (4600, 2800, 1800)


async def test_switch_plan(db_path: Path) -> None:
    db = open_database(db_path)
    create_plan(db, "SU", 2026, Actor("anna", "cli"))
    db.conn.close()
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.press("down", "enter")
        assert "Sahlgrenska" in (app.screen.title or "")
        assert plain(app, "total", "uppdrag") == "0"


async def test_conflict_with_another_connection(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        other: Database = open_database(db_path)
        edit_line(other, 1, BUP, Field.UPPDRAG, 1500, Actor("colleague", "cli"))
        await pilot.press("2", "0", "0", "0", "enter")
        status = str(app.screen.query_one("#status").render())
        assert "changed by someone else" in status and "uppdrag 1\u00a0500" in status
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0500"
        assert stored(db_path) == (1500, 700, 800)
        await pilot.press("2", "0", "0", "0", "enter")
        other.conn.close()
    assert stored(db_path) == (2000, 700, 1300)


async def test_reload_picks_up_other_changes(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        other = open_database(db_path)
        edit_line(other, 1, BUP, Field.UPPDRAG, 1500, Actor("colleague", "cli"))
        other.conn.close()
        await pilot.press("ctrl+r")
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0500"
        assert plain(app, "total", "uppdrag") == "63\u00a0950"


async def test_quit_guard_asks_before_dropping_open_edit(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PlanScreen) and app.screen.editor.value == "7"
        assert app.return_code is None, "answering no must not quit"
        await pilot.press("ctrl+q", "y")
        assert app.return_code == 0, "answering yes quits"
    assert stored(db_path) == (1030, 700, 330)


async def test_q_quits_outside_editor(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter")
        assert app.return_code is None
        await pilot.press("q")
        assert app.return_code == 0, "q with no open edit quits at once"
        assert not any(isinstance(s, ConfirmScreen) for s in app.screen_stack)
    assert stored(db_path) == (2000, 700, 1300)


async def test_help_lists_every_binding(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {description for _, description in app.screen.keys}
        bindings = [b for b in PlanScreen.BINDINGS if isinstance(b, Binding)]
        assert len(bindings) == len(PlanScreen.BINDINGS)
        assert {b.description for b in bindings} <= described
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_reaches_every_action(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title, _, _ in PLAN_COMMANDS:
            assert title in titles
        await pilot.press("2", "0", "0", "0", "enter")
        undo = next(c for c in app.get_system_commands(app.screen) if c.title == "plan: undo")
        undo.callback()
        await pilot.pause()
        assert stored(db_path) == (1030, 700, 330)


async def test_price_class_change_is_saved_logged_and_totalled(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen(app).grid.focus_line(KATARAKT)
        await pilot.press("l", "l", "l", "enter")
        await pilot.press("down", "enter")
        assert plain(app, f"line:{KATARAKT}", "price") == "endoscopy 4\u00a0955"
        assert plain(app, f"line:{KATARAKT}", "cost") == "3\u00a0716\u00a0250"
        assert plain(app, "total", "cost") == "221\u00a0996\u00a0454"
        assert "treatment → endoscopy" in str(app.screen.query_one("#status").render())
        await pilot.press("enter", "escape")
        assert plain(app, f"line:{KATARAKT}", "price") == "endoscopy 4\u00a0955"
    db = open_database(db_path)
    [entry] = list(db.query("SELECT field, old, new, source FROM audit_log WHERE source != 'seed'"))
    assert entry == {
        "field": "price_class",
        "old": "treatment",
        "new": "endoscopy",
        "source": "tui",
    }


def status(app: PlannerApp) -> str:
    return str(app.screen.query_one("#status").render())


async def test_busy_database_says_so_keeps_the_edit_and_saves_after(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another planner holds the write lock: the edit waits briefly, is refused, not lost."""
    monkeypatch.setenv("PLANNER_BUSY_TIMEOUT_MS", "50")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("2", "0", "0", "0", "enter")
            assert "the database is busy" in status(app)
            assert "not saved, try again" in status(app)
            assert app.return_code is None and screen(app).editor.display
            assert screen(app).editor.value == "2000"
            assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0030"
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await pilot.press("enter")
        assert not screen(app).editor.display
        assert plain(app, f"line:{BUP}", "uppdrag") == "2\u00a0000"
        assert status(app).startswith(
            "Saved: BUP (Förstabesök) tilläggskostnad"
            " +2\u00a0427\u00a0910 kr · uppdrag 1\u00a0030 → 2\u00a0000"
        )
    assert stored(db_path) == (2000, 700, 1300)


async def test_undo_after_reload_restores_the_old_value(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter", "ctrl+r")
        assert plain(app, f"line:{BUP}", "uppdrag") == "2\u00a0000"
        await pilot.press("ctrl+z")
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0030"
        assert plain(app, "total", "uppdrag") == "63\u00a0480"
        assert stored(db_path) == (1030, 700, 330)
        await pilot.press("ctrl+y")
        assert stored(db_path) == (2000, 700, 1300)
    db = open_database(db_path)
    log = [
        (r["new"], r["source"])
        for r in db.query("SELECT new, source FROM audit_log WHERE source != 'seed'")
    ]
    db.conn.close()
    edit, undo = [(2000, "tui"), (1300, "tui")], [(1030, "undo"), (330, "undo")]
    assert log == [*edit, *undo, (2000, "redo"), (1300, "redo")]


async def test_undo_after_reload_does_not_overwrite_another_planner(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter")
        other = open_database(db_path)
        edit_line(other, 1, BUP, Field.UPPDRAG, 1500, Actor("colleague", "cli"))
        other.conn.close()
        await pilot.press("ctrl+r", "ctrl+z")
        assert status(app) == (
            "Nothing to undo: the undo history of BUP (Förstabesök) ended"
            " when it was changed elsewhere"
        )
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0500"
    assert stored(db_path) == (1500, 700, 800)
