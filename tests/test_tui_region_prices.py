"""Pilot tests of the region and price-list screens reached from the plan screen."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from db.audit_trail import Actor
from db.plans import create_plan
from db.prices import load_price_list, price_changes, set_price
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import PriceClass
from screens.app import PlannerApp
from screens.plan_screen import PlanScreen
from screens.prices_screen import PricesScreen
from screens.region_screen import RegionScreen
from screens.widgets.plan_grid import PlanGrid
from screens.widgets.price_grid import PriceGrid
from screens.widgets.totals_panel import TotalsPanel

SIZE = (160, 50)
KOLOSKOPI = "somatik/undersokning/koloskopi"


def with_su_copy(db_path: Path) -> Path:
    db = open_database(db_path)
    create_plan(db, "SU", 2026, Actor("anna", "cli"), ("NU", 2026))
    db.conn.close()
    return db_path


def cell_text(table: DataTable, row: str, column: str) -> str:
    return str(table.get_cell(row, column))


async def test_region_shows_both_plans_and_opens_a_plan_at_a_line(db_path: Path) -> None:
    app = make_app(with_su_copy(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        screen = app.screen
        assert isinstance(screen, RegionScreen)
        table = screen.query_one(DataTable)
        last = table.row_count - 1
        assert str(table.get_row_at(last)[-1]) == "490\u00a0131\u00a0384"
        assert cell_text(table, f"line:{KOLOSKOPI}", "0:cost") == "8\u00a0668\u00a0296"
        assert "No 2026 plan (shown as —): SkaS, SÄS, SV" in str(
            screen.query_one("#region-summary").render()
        )
        row = table.get_row_index(f"line:{KOLOSKOPI}")
        table.move_cursor(row=row, column=3)
        await pilot.press("enter")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.state.plan.hospital.code == "SU"
        grid = app.screen.query_one(PlanGrid)
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value == (
            f"line:{KOLOSKOPI}"
        )


async def test_region_enter_on_a_subtotal_stays_and_says_why(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=0, column=1)
        await pilot.press("enter")
        assert isinstance(app.screen, RegionScreen)
        status = str(app.screen.query_one("#status").render())
        assert status == "Choose a hospital's cell on a line to open its plan"
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)


async def test_region_follows_a_price_change_made_elsewhere(db_path: Path) -> None:
    app = make_app(with_su_copy(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        screen = app.screen
        assert isinstance(screen, RegionScreen)
        other = open_database(db_path)
        set_price(other, 2026, PriceClass.ENDOSCOPY, 5000, Actor("bo", "cli"), "SU")
        other.conn.close()
        screen.follow_writes()
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert 1764 * 5000 == 8_820_000
        assert cell_text(table, f"line:{KOLOSKOPI}", "0:cost") == "8\u00a0820\u00a0000"


async def open_prices(app: PlannerApp, pilot: Pilot[None]) -> tuple[PricesScreen, PriceGrid]:
    await pilot.press("P")
    screen = app.screen
    assert isinstance(screen, PricesScreen)
    return screen, screen.query_one(PriceGrid)


async def test_prices_screen_edits_a_price_and_the_plan_follows(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen, grid = await open_prices(app, pilot)
        assert cell_text(grid, "line:NU", "endoscopy") == "4\u00a0955"
        grid.move_cursor(row=1, column=3)
        await pilot.press(*"5000", "enter")
        await screen.settled()
        assert cell_text(grid, "line:NU", "endoscopy") == "5\u00a0000"
        assert grid.cursor_coordinate == (2, 3)  # Enter saves and moves down
        status = str(screen.query_one("#status").render())
        assert status == "NU endoscopy 2026: 4\u00a0955 kr → 5\u00a0000 kr (saved)"
        grid.move_cursor(row=1, column=1)
        await pilot.press("enter", *"+2%", "tab")
        await screen.settled()
        assert cell_text(grid, "line:NU", "visit") == "2\u00a0553"  # 2 503 + 2 % halves up
        assert cell_text(grid, "line:SU", "visit") == "2\u00a0553"  # region-wide
        assert str(screen.query_one("#status").render()) == (
            "visit 2026: 2\u00a0503 kr → 2\u00a0553 kr for every hospital"
            " (saved; visit and treatment prices are region-wide)"
        )
        assert grid.cursor_coordinate == (1, 2)  # Tab saves and moves right
        await pilot.press(*"2,5", "enter")
        assert str(grid.error.render()) == (
            "'2,5' is not a whole number (digits with optional spaces); nothing changed"
        )
        assert grid.editing is not None  # the typed text stays to be corrected
        await pilot.press("escape")
        assert grid.editing is None and isinstance(app.screen, PricesScreen)
        assert cell_text(grid, "line:NU", "treatment") == "35\u00a0795"
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
        totals = str(app.screen.query_one(TotalsPanel).render())
        assert "246\u00a0066\u00a0234 kr" in totals  # + 45 * 2964 + 50 * 16128
    db = open_database(db_path)
    prices = load_price_list(db, 2026)
    assert prices.get("NU", PriceClass.ENDOSCOPY) == 5000
    assert prices.get("NU", PriceClass.VISIT) == 2553
    assert [(c.old, c.new, c.source, c.hospital) for c in price_changes(db)] == [
        (4955, 5000, "tui", "NU"),
        *((2503, 2553, "tui", code) for code in ("SU", "NU", "SKAS", "SAS", "SV")),
    ]


async def test_a_relative_change_of_a_missing_price_is_refused(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        _, grid = await open_prices(app, pilot)
        grid.show_price("NU", PriceClass.VISIT, None)
        grid.move_cursor(row=1, column=1)
        await pilot.press(*"+5", "enter")
        assert str(grid.error.render()) == (
            "there is no price to change yet; type the new price; nothing changed"
        )
        await pilot.press("escape", "escape")
    db = open_database(db_path)
    assert load_price_list(db, 2026).get("NU", PriceClass.VISIT) == 2503
    assert price_changes(db) == []


async def test_palette_entries_reach_both_screens(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"region: show")
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert isinstance(app.screen, RegionScreen)
        await pilot.press("escape", "ctrl+p", *"prices: show")
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert isinstance(app.screen, PricesScreen)


async def test_comparison_screen_picks_another_plan(db_path: Path) -> None:
    from fractions import Fraction

    from db.prices import copy_prices
    from screens.diff_screen import DiffScreen

    db = open_database(db_path)
    copy_prices(db, 2026, 2027, Fraction(11, 5), Actor("anna", "cli"))
    create_plan(db, "NU", 2027, Actor("anna", "cli"), ("NU", 2026))
    db.conn.close()
    app = make_app(db_path, "NU", 2027)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "enter")
        assert isinstance(app.screen, DiffScreen)
        assert app.screen.title == "Changes NU 2026 (live) → NU 2027 (live)"
        summary = str(app.screen.query_one("#diff-summary").render())
        assert "Total Δ tilläggskostnad                 +5\u00a0389\u00a0086 kr" in summary
        assert "  of which volume effect                         0 kr" in summary
        assert "  of which price effect                 +5\u00a0389\u00a0086 kr" in summary
        assert "board decision" in summary


async def test_capital_letters_type_into_the_filter_not_open_screens(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "R", "P")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#filter", Input).value == "RP"


async def test_plan_switcher_shows_totals_and_makes_next_years_plan(db_path: Path) -> None:
    """o lists plans with their totals; "+ New plan" copies NU 2026 into 2027 with prices
    uplifted 2.2 % in one step, then opens it (250\u00a0515\u00a0540 kr, as `planner diff` says)."""
    from textual.widgets import OptionList, Select

    from screens.dialogs.new_plan_dialog import NewPlanDialog
    from screens.dialogs.prompts import ChooseScreen

    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        labels = [str(o.prompt) for o in chooser.query_one(OptionList).options]
        assert labels == [
            "NU    2026  uppdrag    63\u00a0480  tilläggskostnad   245\u00a0126\u00a0454 kr",
            "+ New plan… (empty or a copy; prices by uplift)",
            "Närhälsan 2025: the decision's money",
        ]
        await pilot.press("down", "enter")
        dialog = app.screen
        assert isinstance(dialog, NewPlanDialog)
        assert dialog.query_one("#year", Input).value == "2027"
        assert str(dialog.query_one("#uplift-label").render()) == (
            "No 2027 price list: uplift % from 2026's"
        )
        await pilot.press("enter")
        assert "is not a percent" in str(dialog.query_one("#form-error").render())
        dialog.query_one("#hospital", Select).value = "NU"
        dialog.query_one("#source", Select).value = "NU/2026"
        dialog.query_one("#uplift", Input).value = "2.2"
        dialog.query_one("#year", Input).focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert (screen.state.plan.hospital.code, screen.state.plan.year) == ("NU", 2027)
        assert "250\u00a0515\u00a0540 kr" in str(screen.query_one(TotalsPanel).render())
    db = open_database(db_path)
    assert load_price_list(db, 2027).get("NU", PriceClass.ENDOSCOPY) == 5064
