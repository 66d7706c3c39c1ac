"""Pilot tests of the follow-up screen: open, type a month, refuse, clear, conflict, panels."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from db.audit import query_log
from db.audit_trail import Actor
from db.outcomes import import_outcomes, load_outcomes, set_outcome
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.app import PLAN_COMMANDS, PlannerApp
from screens.followup_screen import FollowupScreen
from screens.plan_screen import PlanScreen
from screens.widgets.followup_grid import FollowupGrid
from screens.widgets.followup_panels import SettlementPanel
from screens.widgets.status_line import StatusLine

ORT = "somatik/forstabesok/ortopedi"
BUP = "psykiatri/forstabesok/bup"
SIZE = (160, 50)


def seed_worked_example(db_path: Path) -> None:
    db = open_database(db_path)
    values = {(ORT, 1): 400, (ORT, 2): 380, (ORT, 3): 420, (ORT, 4): 400}
    import_outcomes(db, 1, values, Actor("anna", "import"), "example")
    db.conn.close()


def cell(app: PlannerApp, key: str, column: str) -> str:
    return app.screen.query_one(FollowupGrid).get_cell(f"line:{key}", column).plain


def status(app: PlannerApp) -> str:
    return str(app.screen.query_one(StatusLine).render())


def stored(db_path: Path) -> dict[str, dict[int, int]]:
    db = open_database(db_path)
    try:
        return load_outcomes(db, 1)
    finally:
        db.conn.close()


async def test_f_opens_the_followup_with_the_worked_example(db_path: Path) -> None:
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FollowupScreen)
        assert app.screen.sub_title == "to the end of April"
        assert [cell(app, ORT, c) for c in ("m1", "m4", "m5")] == ["400", "400", ""]
        figures = [cell(app, ORT, c) for c in ("performed", "planned", "fulfilment")]
        assert figures == ["1\u00a0600", "1\u00a0500", "106.7 %  "]
        assert [cell(app, ORT, c) for c in ("earned", "earned_kr", "forecast")] == [
            "830",
            "2\u00a0077\u00a0490",
            "4\u00a0800",
        ]
        assert cell(app, BUP, "fulfilment") == "\u2013  "  # not reported, not 0.0 % ▼
        assert cell(app, BUP, "planned") == "\u2013  "
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one(SettlementPanel).table)
        panel = console.export_text()
        assert "T1 preliminary" in panel and "2\u00a0077\u00a0490" in panel and "T2 open" in panel
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)


async def test_typing_a_month_saves_and_updates_to_date(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert app.screen.sub_title == "nothing reported yet"
        await pilot.press("1", "2", "0", "enter")
        assert stored(db_path) == {BUP: {1: 120}}
        assert cell(app, BUP, "m1") == "120"
        assert cell(app, BUP, "performed") == "120"
        assert status(app) == "NU 2026: BUP (Förstabesök) January not reported → 120 [saved]"
        grid = app.screen.query_one(FollowupGrid)
        assert grid.line_at(grid.cursor_coordinate.row) == "psykiatri/forstabesok/vup"
        total = grid.get_cell("total", "performed").plain
        assert total == "120"


async def test_bad_number_keeps_the_editor_and_stores_nothing(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "1", "2", "x", "enter")
        assert status(app) == (
            "'12x' is not a whole number (digits with optional spaces); nothing changed"
        )
        screen = app.screen
        assert isinstance(screen, FollowupScreen)
        assert screen.editing == (BUP, 1)
        await pilot.press("escape")
        assert screen.editing is None
        assert isinstance(app.screen, FollowupScreen)
    assert stored(db_path) == {}


async def test_delete_makes_a_month_not_reported(db_path: Path) -> None:
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        grid = app.screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=4)
        await pilot.press("0", "enter")
        assert cell(app, ORT, "m4") == "0"
        assert cell(app, ORT, "earned") == "430"
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=4)
        await pilot.press("delete")
        assert cell(app, ORT, "m4") == ""
        assert app.screen.sub_title == "to the end of March"
    db = open_database(db_path)
    fields = [(e.field, e.old, e.new, e.source) for e in query_log(db, ORT)][-2:]
    assert fields == [("performed:4", 400, 0, "tui"), ("performed:4", 0, None, "tui")]


async def test_conflict_shows_the_other_value(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        other = open_database(db_path)
        set_outcome(other, 1, BUP, 1, 77, Actor("bo", "cli"))
        other.conn.close()
        await pilot.press("5", "enter")
        assert status(app) == (
            f"{BUP} month 1 was changed by someone else: it is now 77; nothing was saved"
        )
        assert cell(app, BUP, "m1") == "77"
    assert stored(db_path) == {BUP: {1: 77}}


def test_palette_names_the_followup() -> None:
    assert ("followup: show", "followup") in [(t, a) for t, _, a in PLAN_COMMANDS]


async def test_help_lists_the_followup_keys(db_path: Path) -> None:
    from screens.dialogs.help_screen import HelpScreen

    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("delete", "Not reported") in app.screen.keys
        await pilot.press("escape")
        assert isinstance(app.screen, FollowupScreen)


async def test_the_followup_plans_with_the_edits_made_since_the_plan_was_opened(
    db_path: Path,
) -> None:
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        plan_screen = app.screen
        assert isinstance(plan_screen, PlanScreen)
        plan_screen.grid.focus_line(ORT)
        plan_screen.grid.move_cursor(row=plan_screen.grid.cursor_row, column=1)
        await pilot.press(*"6000", "enter")
        await pilot.press("f")
        assert isinstance(app.screen, FollowupScreen)
        assert cell(app, ORT, "planned") == "2\u00a0000"  # 6 000 times 4/12, not 4 500 times 4/12


async def test_fulfilment_is_a_dash_until_the_plan_has_a_reported_month(db_path: Path) -> None:
    dash = "\u2013  "
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert [cell(app, key, "fulfilment") for key in (BUP, ORT)] == [dash, dash]
        assert app.screen.query_one(FollowupGrid).get_cell("total", "fulfilment").plain == dash
        await pilot.press("1", "2", "0", "enter")
        # BUP plans 1 030 / 12 = 86 (halves up) in januari: 120 / 86 = 139.5 %
        assert cell(app, BUP, "fulfilment") == "139.5 % ▲"
        assert cell(app, ORT, "fulfilment") == dash  # not reported: never 0.0 % ▼
        grid = app.screen.query_one(FollowupGrid)
        assert grid.get_cell("group:Somatik", "planned").plain == dash  # not a Plan of 0
