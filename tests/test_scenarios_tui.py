"""Issue 21 §4 in the app: scenarios in the plan switcher and the new-plan dialog, the header
marking a scenario, and key w putting another plan or scenario beside the plan."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Input, OptionList

from db.audit_trail import Actor
from db.edits import edit_line
from db.plans import load_plan
from db.scenarios import create_scenario
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import Field, Volumes
from screens.dialogs.new_plan_dialog import NewPlanDialog
from screens.dialogs.prompts import ChooseScreen, ConfirmScreen
from screens.plan_screen import PlanScreen
from screens.widgets.plan_grid import PlanGrid
from screens.widgets.status_line import StatusLine

SIZE = (160, 40)
BUP = "psykiatri/forstabesok/bup"


def with_scenario(db_path: Path, tillagg: int = 999) -> Path:
    db = open_database(db_path)
    actor = Actor("anna", "cli")
    scenario = create_scenario(db, "NU", 2026, "forslag-a", actor)
    edit_line(db, scenario.plan_id, BUP, Field.TILLAGG, tillagg, actor)
    db.conn.close()
    return db_path


def cell(grid: PlanGrid, row: str, column: str) -> str:
    value = grid.get_cell(row, column)
    return value.plain if isinstance(value, Text) else str(value)


def status(screen: PlanScreen) -> str:
    return str(screen.query_one(StatusLine).render())


async def test_the_switcher_lists_a_scenario_under_its_plan_and_opens_it(db_path: Path) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        labels = [str(o.prompt) for o in chooser.query_one(OptionList).options]
        assert labels[1] == (
            "  ◇ scenario forslag-a         tilläggskostnad   246\u00a0800\u00a0961 kr"
        )
        await pilot.press("down", "enter")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await screen.settled()
        assert screen.state.plan.scenario == "forslag-a"
        assert str(screen.title).endswith("2026 · scenario forslag-a")
        assert status(screen) == "Opened scenario forslag-a of NU-sjukvården 2026"


async def test_editing_a_scenario_in_the_app_leaves_the_plan_alone(db_path: Path) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026, "forslag-a")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.grid.focus_line(BUP)
        await pilot.press("right", "right", "5", "0", "0", "enter")
        await screen.settled()
    db = open_database(db_path)
    assert load_plan(db, "NU", 2026, "forslag-a").line(BUP).volumes.tillagg == 500
    assert load_plan(db, "NU", 2026).line(BUP).volumes == Volumes(1030, 700, 330)


async def test_the_new_plan_dialog_makes_a_scenario_and_refuses_a_bad_name(
    db_path: Path,
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "down", "enter")
        dialog = app.screen
        assert isinstance(dialog, NewPlanDialog)
        year = dialog.query_one("#year", Input)
        year.value = "2026"
        dialog.query_one("#scenario", Input).value = "Förslag B"
        year.focus()
        await pilot.press("enter")
        assert "is not a scenario name" in str(dialog.query_one("#form-error").render())
        dialog.query_one("#scenario", Input).value = "forslag-b"
        year.focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await screen.settled()
        assert screen.state.plan.ref == ("NU", 2026, "forslag-b")
    db = open_database(db_path)
    assert load_plan(db, "NU", 2026, "forslag-b").line(BUP).volumes == Volumes(1030, 700, 330)


async def test_w_puts_a_scenario_beside_the_plan_with_its_delta_and_hides_it(
    db_path: Path,
) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.press("w")
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        assert chooser.current == "NU/2026/forslag-a"
        await pilot.press("enter")
        await screen.settled()
        grid = screen.grid
        row = f"line:{BUP}"
        assert cell(grid, row, "side_tillagg") == "999"
        assert cell(grid, row, "side_delta_tillagg") == "+669"
        assert cell(grid, row, "side_delta_cost") == "+1\u00a0674\u00a0507"
        assert cell(grid, "total", "side_delta_cost") == "+1\u00a0674\u00a0507"
        assert str(screen.title).endswith("· ◇ scenario forslag-a")
        assert "Δ is scenario forslag-a minus this plan" in status(screen)
        grid.focus_line(BUP)
        await pilot.press("right", "right", "9", "9", "9", "enter")
        await screen.settled()
        assert cell(grid, row, "side_delta_tillagg") == ""
        assert cell(grid, "total", "side_delta_cost") == ""
        await pilot.press("w")
        assert grid.side is None
        assert "side_tillagg" not in [str(c.key.value) for c in grid.ordered_columns]
        assert status(screen) == "Side-by-side columns off"


async def test_w_without_another_plan_says_how_to_make_a_scenario(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.press("w")
        await screen.settled()
        assert isinstance(app.screen, PlanScreen)
        assert status(screen).startswith("There is no other plan or scenario to show beside")


async def test_in_a_scenario_w_offers_its_plan_first(db_path: Path) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026, "forslag-a")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        assert chooser.current == "NU/2026"
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await screen.settled()
        assert cell(screen.grid, f"line:{BUP}", "side_delta_tillagg") == "-669"
        assert str(screen.title).endswith("scenario forslag-a · ◇ plan NU 2026")


async def test_region_from_a_scenario_shows_it_beside_marked_and_not_counted(
    db_path: Path,
) -> None:
    from textual.widgets import DataTable

    from screens.region_screen import RegionScreen

    app = make_app(with_scenario(db_path), "NU", 2026, "forslag-a")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        screen = app.screen
        assert isinstance(screen, RegionScreen)
        await screen.settled()
        assert str(screen.title) == (
            "Region 2026 · ◇ scenario NU/2026/forslag-a beside, not counted"
        )
        table = screen.query_one(DataTable)
        row = f"line:{BUP}"
        assert str(table.get_cell(row, "scenario:tillagg")) == "999"
        assert screen.view is not None
        nu = [h.code for h in screen.view.hospitals].index("NU")
        assert str(table.get_cell(row, f"{nu}:tillagg")) == "330"
        assert str(table.get_cell(row, "region:tillagg")) == "330"


async def test_the_palette_applies_the_open_scenario_after_a_question(db_path: Path) -> None:
    path = with_scenario(db_path)
    other = open_database(path)
    plan = load_plan(other, "NU", 2026)
    edit_line(
        other, plan.plan_id, "psykiatri/forstabesok/vup", Field.TILLAGG, 1, Actor("bo", "cli")
    )
    scenario = load_plan(other, "NU", 2026, "forslag-a")
    vup = "psykiatri/forstabesok/vup"
    edit_line(other, scenario.plan_id, vup, Field.TILLAGG, 888, Actor("anna", "cli"))
    other.conn.close()
    app = make_app(path, "NU", 2026, "forslag-a")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.action_apply_scenario()
        await screen.settled()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.question == (
            "Apply scenario NU/2026/forslag-a to NU 2026: 1 line, Δ tilläggskostnad"
            " +1\u00a0674\u00a0507 kr, delegation (|Δ tilläggskostnad| at most"
            " 3\u00a0000\u00a0000 kr)."
            " Refused, as the plan changed them since the scenario was made:"
            " VUP (psykiatri/forstabesok/vup). A snapshot of the plan is taken first. Apply?"
        )
        await pilot.press("y")
        await screen.settled()
        assert status(screen) == (
            "Applied 1 line to NU 2026 after snapshot 1; refused: VUP (psykiatri/forstabesok/vup)"
        )
    db = open_database(path)
    assert load_plan(db, "NU", 2026).line(BUP).volumes.tillagg == 999
    assert load_plan(db, "NU", 2026).line(vup).volumes.tillagg == 1


async def test_applying_from_a_plan_says_to_open_a_scenario(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.action_apply_scenario()
        assert status(screen) == "Open a scenario (o) to apply it to its plan"


async def test_the_side_columns_follow_an_edit_of_the_other_plan_made_elsewhere(
    db_path: Path,
) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.press("w", "enter")
        await screen.settled()
        row = f"line:{BUP}"
        assert cell(screen.grid, row, "side_tillagg") == "999"
        db = open_database(db_path)
        scenario = load_plan(db, "NU", 2026, "forslag-a")
        edit_line(db, scenario.plan_id, BUP, Field.TILLAGG, 500, Actor("bo", "cli"))
        db.conn.close()
        screen.plan.poll()
        await screen.settled()
        await screen.settled()
        assert cell(screen.grid, row, "side_tillagg") == "500"
        assert cell(screen.grid, row, "side_delta_tillagg") == "+170"
