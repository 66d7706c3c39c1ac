"""Issue 21 §2: the follow-up as an entry sheet: Tab across, Enter down, charts fold at 80x24,
a block pasted from a spreadsheet in one step or refused as a whole."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.events import Paste
from textual.pilot import Pilot

from planner.cli.app_factory import make_app
from screens.followup_screen import FollowupScreen
from screens.widgets.followup_grid import FollowupGrid
from tests.test_followup_tui import BUP, ORT, seed_worked_example, status, stored

VUP = "psykiatri/forstabesok/vup"


async def open_followup(pilot: Pilot[None], app: App[None]) -> FollowupScreen:
    await pilot.press("f")
    screen = app.screen
    assert isinstance(screen, FollowupScreen)
    await screen.settled()
    return screen


async def test_tab_saves_and_moves_right_enter_saves_and_moves_down(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        await pilot.press("1", "0", "tab", "2", "0", "tab", "3", "0", "enter")
        await screen.settled()
        assert stored(db_path) == {BUP: {1: 10, 2: 20, 3: 30}}
        grid = screen.query_one(FollowupGrid)
        assert grid.line_at(grid.cursor_coordinate.row) == VUP
        assert grid.cursor_coordinate.column == 3


async def test_at_80x24_the_charts_fold_away_and_c_shows_them(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_followup(pilot, app)
        panels = screen.query_one("#followup-panels")
        grid = screen.query_one(FollowupGrid)
        assert not panels.display
        assert grid.size.height - 1 >= 12  # rows in view under the column header
        await pilot.press("c")
        assert panels.display
        await pilot.press("c")
        assert not panels.display
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        assert screen.query_one("#followup-panels").display


async def test_a_pasted_block_is_saved_in_one_step(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        grid = screen.query_one(FollowupGrid)
        assert grid.line_at(grid.cursor_coordinate.row) == BUP
        grid.post_message(Paste("75\t82\t1\u00a0082\r\n60\t\t70\r\n"))
        await pilot.pause()
        await screen.settled()
        assert stored(db_path) == {BUP: {1: 75, 2: 82, 3: 1082}, VUP: {1: 60, 3: 70}}
        assert "saved in one step: 5 values changed" in status(app)
        notes = {
            row[0]
            for row in app.session.db.execute(
                "SELECT reason FROM audit_log WHERE tbl = 'outcomes'"
            ).fetchall()
        }
        assert notes == {"Pasted block (2 rows, 3 columns); 5 values changed"}
        assert grid.line_at(grid.cursor_coordinate.row) == BUP  # not back at the top
        assert grid.cursor_coordinate.column == 1


async def test_a_paste_further_down_keeps_the_cursor_where_it_was(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        grid = screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=4)
        grid.post_message(Paste("400\t380\n"))
        await pilot.pause()
        await screen.settled()
        assert stored(db_path) == {ORT: {4: 400, 5: 380}}
        assert grid.line_at(grid.cursor_coordinate.row) == ORT
        assert grid.cursor_coordinate.column == 4


async def test_a_block_with_one_bad_cell_is_refused_whole(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        grid = screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=11)
        grid.post_message(Paste("1\t2\n3\t4,5\n"))
        await pilot.pause()
        await screen.settled()
        assert stored(db_path) == {}
        text = status(app)
        assert text.startswith("Paste refused: row 2, column 2 (Plastikkirurgi, Dec): '4,5'")
        assert text.endswith("nothing was changed")
        grid.post_message(Paste("1\t2\t3\n"))
        await pilot.pause()
        assert "3 columns but only 2 editable columns" in status(app)


async def test_i_imports_a_file_after_a_preview_of_old_and_new(
    db_path: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input, Static, TextArea

    from screens.dialogs.outcome_import_dialog import OutcomeImportDialog

    seed_worked_example(db_path)
    path = tmp_path / "maj.csv"
    path.write_text(f"key,apr,maj\n{ORT},410,375\n", encoding="utf-8")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_followup(pilot, app)
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, OutcomeImportDialog)
        dialog.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await dialog.work.settled()
        preview = str(dialog.query_one("#import-preview", Static).render())
        assert "Ortopedi (somatik/forstabesok/ortopedi) April: 400 → 410" in preview
        assert "May: not reported → 375" in preview
        verdict = str(dialog.query_one("#import-verdict", Static).render())
        assert "maj.csv: 2 values would change" in verdict and "Enter again" in verdict
        assert stored(db_path)[ORT][4] == 400  # nothing written by the preview
        await pilot.press("enter")
        await dialog.work.settled()
        await pilot.pause()
        await screen.settled()
        assert app.screen is screen
        assert stored(db_path)[ORT] == {1: 400, 2: 380, 3: 420, 4: 410, 5: 375}
        assert "Imported maj.csv: 2 values changed" in status(app)
        # a pasted block with a bad value: every problem listed, nothing imported
        await pilot.press("i")
        pasting = app.screen
        assert isinstance(pasting, OutcomeImportDialog)
        pasting.query_one("#paste", TextArea).text = f"key\tjun\n{ORT}\t12x\n"
        pasting.action_submit()
        await pasting.work.settled()
        verdict = str(pasting.query_one("#import-verdict", Static).render())
        assert "1 problem in pasted text; nothing can be imported." in verdict
        assert "12x" in str(pasting.query_one("#import-preview", Static).render())
        await pilot.press("escape")
        assert app.screen is screen
        assert 6 not in stored(db_path)[ORT]


async def test_shift_arrows_select_and_ctrl_c_copies_with_the_header(db_path: Path) -> None:
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        grid = screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}") - 1, column=3)
        await pilot.press("shift+down", "shift+right", "ctrl+c")
        assert app.clipboard == "Mar\tApr\r\n\t\r\n420\t400\r\n"
        assert "Copied 2 rows and 2 columns" in status(app)
        assert len(grid.highlighted) == 4
        await pilot.press("down")  # any other key lets the selection go
        assert not grid.highlighted and grid.block_anchor is None
        assert grid.get_cell(f"line:{ORT}", "m3").style == ""


async def test_the_palette_undoes_a_pasted_block_in_one_step(db_path: Path) -> None:
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "followup: undo the last paste" in titles
        assert "followup: import" in titles and "followup: charts" in titles
        grid = screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=3)
        grid.post_message(Paste("999\t1\t2\n"))
        await pilot.pause()
        await screen.settled()
        assert stored(db_path)[ORT] == {1: 400, 2: 380, 3: 999, 4: 1, 5: 2}
        await app.run_action("undo_paste", screen)
        await screen.settled()
        assert stored(db_path)[ORT] == {1: 400, 2: 380, 3: 420, 4: 400}
        assert "the pasted block is undone; 3 values put back in one step" in status(app)
        await app.run_action("undo_paste", screen)
        await screen.settled()
        assert status(app) == "No pasted block to undo"


async def test_the_palette_sorts_the_followup_view_only(db_path: Path) -> None:
    from db.audit_trail import Actor
    from db.outcomes import import_outcomes
    from db.setup import open_database

    db = open_database(db_path)
    import_outcomes(db, 1, {(ORT, 1): 400, (BUP, 1): 10, (VUP, 1): 60}, Actor("a", "import"), "x")
    db.conn.close()
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_followup(pilot, app)
        grid = screen.query_one(FollowupGrid)
        before = [str(key.value) for key in grid.rows]
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "followup: sort by fulfilment, lowest first" in titles
        await app.run_action("sort_rows('fulfilment', False)", screen)
        rows = [str(key.value) for key in grid.rows]
        assert rows.index(f"line:{BUP}") < rows.index(f"line:{VUP}")  # 10/86 before 60/38
        assert rows.index("group:Psykiatri") < rows.index("group:Somatik")
        somatik = rows[rows.index("group:Somatik/Förstabesök") + 1 :]
        assert somatik[0] == f"line:{ORT}"  # the one reported line first, unreported after
        assert "Sorted by fulfilment, lowest first" in status(app)
        await app.run_action("sort_rows('', False)", screen)
        assert [str(key.value) for key in grid.rows] == before
    assert stored(db_path) == {ORT: {1: 400}, BUP: {1: 10}, VUP: {1: 60}}
