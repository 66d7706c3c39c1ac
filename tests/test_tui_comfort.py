"""Pilot tests of everyday comfort on the plan screen: relative edits, the totals panel,
R7 while editing, navigation and the narrow (80x24) layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot

from db.plans import load_plan
from db.settings import DELTA_COLUMN, get_setting
from db.setup import open_database
from db.snapshots import create_snapshot
from planner.cli.app_factory import make_app
from screens.app import PlannerApp
from screens.plan_screen import PlanScreen
from screens.widgets.plan_grid import PlanGrid

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"
WIDE = (160, 50)
NARROW = (80, 24)


def screen(app: PlannerApp) -> PlanScreen:
    assert isinstance(app.screen, PlanScreen)
    return app.screen


def plain(app: PlannerApp, row: str, column: str) -> str:
    return app.screen.query_one(PlanGrid).get_cell(row, column).plain


def status(app: PlannerApp) -> str:
    return str(app.screen.query_one("#status").render())


def totals(app: PlannerApp) -> str:
    return str(app.screen.query_one("#totals").render())


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let workers run until `condition` holds (settings are read and written by workers)."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.02)


def delta_setting(db_path: Path) -> str:
    db = open_database(db_path)
    value = get_setting(db, "anna", DELTA_COLUMN)
    db.conn.close()
    return value


def take_snapshot(db_path: Path) -> None:
    db = open_database(db_path)
    create_snapshot(db, load_plan(db, "NU", 2026), "Mars", "", "anna")
    db.conn.close()


async def test_relative_percent_edit_rounds_halves_up(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("+", "5", "%", "enter")
        assert [plain(app, f"line:{BUP}", c) for c in ("uppdrag", "bas", "tillagg")] == [
            "1\u00a0082",
            "700",
            "382",
        ]
        assert status(app).startswith("Saved: BUP (Förstabesök) tilläggskostnad +130\u00a0156 kr")


async def test_relative_edits_add_subtract_and_decimal_comma(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("+", "1", "0", "0", "enter")
        await pilot.press("up", "-", "5", "0", "enter")
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0080"
        await pilot.press("up", "right", "-", "2", ",", "5", "%", "enter")
        assert [plain(app, f"line:{BUP}", c) for c in ("uppdrag", "bas", "tillagg")] == [
            "1\u00a0080",
            "683",  # 700 - 17.5 = 682.5, halves up
            "397",
        ]


async def test_relative_edit_below_zero_is_refused(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "-", "4", "0", "0", "enter")
        error = str(app.screen.query_one("#cell-error").render())
        assert error == "tillägg -70 is outside 0..9\u00a0999\u00a0999; nothing changed"
        assert screen(app).editor.display and screen(app).editor.value == "-400"
        assert plain(app, f"line:{BUP}", "tillagg") == "330"


async def test_totals_panel_shows_plan_totals_and_follows_edits(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        lines = totals(app).splitlines()
        assert lines[1].endswith("│  Uppdrag       63\u00a0480")
        assert lines[2].endswith("│  Bas           39\u00a0078")
        assert lines[3].endswith("│  Tillägg       24\u00a0402")
        assert lines[4].endswith("245\u00a0126\u00a0454 kr  │  Bas share     61.6 %")
        await pilot.press("2", "0", "0", "0", "enter")
        lines = totals(app).splitlines()
        assert lines[1].endswith("│  Uppdrag       64\u00a0450")
        assert lines[3].endswith("│  Tillägg       25\u00a0372")
        assert lines[4].endswith("247\u00a0554\u00a0364 kr  │  Bas share     60.6 %")


async def test_r7_warning_when_changes_since_snapshot_pass_the_threshold(
    db_path: Path,
) -> None:
    take_snapshot(db_path)
    app = make_app(db_path, "NU", 2026)
    warning = "since snapshot 1: +3\u00a0178\u00a0810 kr — needs a board decision"
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter")
        assert "board" not in status(app) and "board" not in (app.screen.sub_title or "")
        await pilot.press("+", "3", "0", "0", "enter")
        assert plain(app, f"line:{VUP}", "tillagg") == "470"
        assert status(app).startswith(
            f"Saved: VUP (Förstabesök) tilläggskostnad +750\u00a0900 kr · {warning} · uppdrag 450"
        )
        assert app.screen.sub_title == f"all changes saved · {warning} · 2 edits this session"
        assert totals(app).splitlines()[-1] == warning
        await pilot.press("ctrl+z")
        assert "board" not in status(app) and "board" not in totals(app)
        assert app.screen.sub_title == "all changes saved · 3 edits this session"


def cursor_line(app: PlannerApp) -> str | None:
    grid = screen(app).grid
    return grid.line_at(grid.cursor_coordinate.row)


async def test_jump_between_categories_areas_and_to_the_total(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right_square_bracket")
        assert cursor_line(app) == "psykiatri/utredning/bup"
        await pilot.press("down", "right_square_bracket")
        assert cursor_line(app) == "psykiatri/behandling/bup"
        await pilot.press("down", "left_square_bracket")
        assert cursor_line(app) == "psykiatri/utredning/bup"
        await pilot.press("right_curly_bracket")
        assert cursor_line(app) == "somatik/forstabesok/allergologi"
        await pilot.press("right_curly_bracket")
        assert status(app) == "No next area in the lines shown"
        await pilot.press("down", "left_curly_bracket")
        assert cursor_line(app) == BUP
        await pilot.press("t")
        grid = screen(app).grid
        assert grid.key_at(grid.cursor_coordinate.row) == "total"
        assert grid.cursor_coordinate.column == 1
        await pilot.press("left_square_bracket")
        assert cursor_line(app) == "somatik/operation-atgard/ablation"


async def test_digit_on_a_line_name_says_the_name_is_not_editable(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("left", "5")
        assert not screen(app).editor.display
        assert status(app) == "The line name is not editable: move to Uppdrag, Bas or Tillägg"
        await pilot.press("up", "5")
        assert status(app).startswith("Subtotals are computed")


async def test_down_in_the_filter_goes_to_the_first_match(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"katarakt")
        await pilot.pause(0.3)
        assert status(app) == "filter 'katarakt': 1 line"
        await pilot.press("ctrl+u", *"ogon", "enter")
        assert status(app) == "filter 'ogon': 2 lines"
        await pilot.press("down", "down")
        assert cursor_line(app) == "somatik/operation-atgard/ovriga-ogon"
        await pilot.press("slash", *"ogon", "down")
        assert cursor_line(app) == "somatik/forstabesok/ogon"
        assert app.focused is screen(app).grid


async def test_help_and_palette_offer_navigation_and_price_class(db_path: Path) -> None:
    from screens.dialogs.help_screen import HelpScreen

    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"go: next category", "go: previous area", "go: Totalsumma"} <= titles
        price = next(
            c for c in app.get_system_commands(app.screen) if c.title == "plan: price class"
        )
        price.callback()
        await pilot.pause()
        assert app.screen.title_text == "Price class of BUP (Förstabesök)"  # type: ignore[attr-defined]
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert keys["]"] == "Next category" and keys["{"] == "Previous area"
        assert keys["t"] == "Go to Totalsumma" and keys["ctrl+q"] == "quit (as q)"
        assert keys["+ / -"].startswith("change the cell's value: +100, -50, +5%")
        assert {"home / end", "pgup / pgdn", "ctrl+home / ctrl+end", "enter"} <= set(keys)


async def test_narrow_terminal_keeps_line_volumes_and_cost_in_view(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=NARROW) as pilot:
        grid = screen(app).grid
        assert grid.fixed_columns == 1
        widths = sum(column.get_render_width(grid) for column in grid.ordered_columns)
        assert widths <= grid.scrollable_content_region.width
        assert plain(app, f"line:{BUP}", "price") == "v 2\u00a0503"
        assert plain(app, "total", "cost") == "245\u00a0126\u00a0454"
        assert [str(c.label) for c in grid.ordered_columns][-1] == "Kostnad"
        assert app.screen.title == "NU 2026"
        await pilot.press("2", "0", "0", "0", "enter")
        shown = status(app)[: NARROW[0] - 2]
        assert shown.startswith(
            "Saved: BUP (Förstabesök) tilläggskostnad +2\u00a0427\u00a0910 kr ·"
        )
        await pilot.resize_terminal(*WIDE)
        # The grid hears of its new width at the next layout (a screen refresh timer), then
        # asks for its rows again: several message hops after the terminal's resize.
        await wait_until(pilot, lambda: plain(app, f"line:{BUP}", "price") == "visit 2\u00a0503")
        assert plain(app, f"line:{BUP}", "price") == "visit 2\u00a0503"
        assert [str(c.label) for c in grid.ordered_columns][-1] == "Tilläggskostnad"
        assert app.screen.title == "planner · NU-sjukvården (NU) 2026"


def test_footer_shows_the_essential_keys_first() -> None:
    bindings = [b for b in PlanScreen.BINDINGS if isinstance(b, Binding)]
    assert len(bindings) == len(PlanScreen.BINDINGS)
    shown = [b.description for b in bindings if b.show]
    assert shown[:4] == ["Undo", "Filter", "Help", "Quit"]


async def test_editor_error_stays_on_screen_and_off_the_totals(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=NARROW) as pilot:
        grid = screen(app).grid
        last_row = grid.scrollable_content_region.bottom - 1
        while grid.cursor_coordinate.row + grid.header_height < last_row - grid.region.y:
            await pilot.press("down")
        await pilot.press("right", *"99999", "enter")
        error = app.screen.query_one("#cell-error")
        assert str(error.render()).startswith("bas 99\u00a0999 would exceed uppdrag")
        await pilot.pause()
        totals_top = app.screen.query_one("#totals").region.y
        assert error.region.bottom <= totals_top
        assert error.region.right <= NARROW[0]


async def test_screen_keys_while_editing_say_they_wait(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("2", "ctrl+r")
        assert status(app) == (
            "Reload waits until this edit is saved (Enter) or cancelled (Escape)"
        )
        assert screen(app).editor.display and screen(app).editor.value == "2"
        await pilot.press("ctrl+z")
        assert status(app).startswith("Undo waits until this edit is saved")
        await pilot.press("escape")
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0030"


async def test_delta_columns_show_changes_since_snapshot_and_are_remembered(
    db_path: Path, frozen: None
) -> None:
    take_snapshot(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"2000", "enter", "D")
        assert status(app) == "Δ columns on: change in tillägg and cost since snapshot 1"
        assert plain(app, f"line:{BUP}", "delta_tillagg") == "+970"
        assert plain(app, f"line:{BUP}", "delta_cost") == "+2\u00a0427\u00a0910"
        assert plain(app, f"line:{VUP}", "delta_cost") == ""
        await pilot.press("+", *"300", "enter")
        category = "group:Psykiatri/Förstabesök"
        assert plain(app, f"line:{VUP}", "delta_tillagg") == "+300"
        assert plain(app, category, "delta_tillagg") == "+1\u00a0270"
        assert plain(app, "group:Psykiatri", "delta_cost") == "+3\u00a0178\u00a0810"
        assert plain(app, "total", "delta_cost") == "+3\u00a0178\u00a0810"
        assert plain(app, "group:Somatik", "delta_cost") == ""
        await pilot.press("ctrl+z")
        assert plain(app, "total", "delta_tillagg") == "+970"
        await wait_until(pilot, lambda: delta_setting(db_path) == "on")
    assert delta_setting(db_path) == "on"
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: screen(app).grid.delta_shown)
        assert plain(app, "total", "delta_cost") == "+2\u00a0427\u00a0910"
        await pilot.press("D")
        grid = screen(app).grid
        assert [str(c.key.value) for c in grid.ordered_columns][-1] == "cost"
        await wait_until(pilot, lambda: delta_setting(db_path) == "")
    assert delta_setting(db_path) == ""


async def test_one_large_edit_without_snapshot_says_it_needs_the_board(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "+", *"1200", "enter")
        assert status(app) == (
            "Saved: BUP (Förstabesök) tilläggskostnad +3\u00a0003\u00a0600 kr"
            " · this edit alone: +3\u00a0003\u00a0600 kr — needs a board decision"
            " · uppdrag 1\u00a0030 → 2\u00a0230, tillägg 330"
            " → 1\u00a0530 · total 248\u00a0130\u00a0054 kr"
        )
        assert "board" not in (app.screen.sub_title or "")


async def test_change_typed_after_the_current_value_is_relative(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "+", "5", "%")
        assert screen(app).editor.value == "1\u00a0030+5%"
        await pilot.press("enter")
        assert plain(app, f"line:{BUP}", "uppdrag") == "1\u00a0082"
        await pilot.press("enter", "-", "2", "0", "enter")
        assert plain(app, f"line:{VUP}", "uppdrag") == "430"


def cursor_in_view(grid: PlanGrid) -> bool:
    """Whether the cursor's row is among the rows the grid shows (under its header row)."""
    top = int(grid.scroll_offset.y)
    return top <= grid.cursor_row < top + grid.scrollable_content_region.height - 1


async def test_the_cursor_stays_in_view_when_the_r7_line_takes_a_row_from_the_grid(
    db_path: Path,
) -> None:
    take_snapshot(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        grid = screen(app).grid
        bottom = grid.scrollable_content_region.height - 2
        while grid.line_at(bottom) is None:
            bottom -= 1
        grid.move_cursor(row=bottom, column=3)
        await pilot.press(*"+3000", "enter")
        assert "board decision" in totals(app).splitlines()[-1]
        await pilot.pause()
        assert cursor_in_view(grid)


async def test_an_open_editor_and_its_refusal_follow_their_cell_when_the_terminal_resizes(
    db_path: Path,
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=WIDE) as pilot:
        grid = screen(app).grid
        await pilot.press("right", *"5000", "enter")
        assert grid.error.display
        wide_x = grid.editor.styles.offset.x.value

        def placed() -> tuple[float, float, float, float]:
            editor, error = grid.editor.styles.offset, grid.error.styles.offset
            return editor.x.value, editor.y.value, error.x.value, error.y.value

        def follows_its_cell() -> bool:
            x, y, _ = grid.cell_offset(grid.cursor_coordinate)
            return placed() == (x, y, min(x, NARROW[0] - grid.error_width), y + 1)

        await pilot.resize_terminal(*NARROW)
        await wait_until(pilot, lambda: grid.narrow and follows_its_cell())
        assert grid.narrow and follows_its_cell()
        assert placed()[0] < wide_x


async def test_a_name_too_long_for_the_narrow_column_ends_in_an_ellipsis(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=NARROW) as pilot:
        grid = screen(app).grid
        key = next(k for k, line in grid.lines.items() if line.name == "Höft- & knäprotes")
        grid.focus_line(key)
        await pilot.pause()
        shown = [grid.render_line(y).text for y in range(grid.size.height)]
        assert any("Höft- & knäpr…" in line for line in shown)
