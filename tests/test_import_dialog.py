"""The app's import dialog: a path or pasted text, a preview, then Enter to apply."""

from pathlib import Path

from textual.widgets import Checkbox, Input, Static, TextArea

from db.plans import load_plan
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.app import PLAN_COMMANDS, PlannerApp
from screens.dialogs.import_dialog import ImportDialog
from screens.plan_screen import PlanScreen
from screens.widgets.plan_grid import PlanGrid

FIXTURE = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"
TABLE = FIXTURE.read_text(encoding="utf-8")
SIZE = (120, 50)
ORTOPEDI = "somatik/forstabesok/ortopedi"


def shown(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def imported(app: PlannerApp) -> None:
    """Wait for the dialog's preview or apply worker (the plan screen's workers run on)."""
    for worker in [w for w in app.workers if w.group == "import"]:
        await worker.wait()


def ortopedi(db_path: Path) -> tuple[int, int, int]:
    db = open_database(db_path)
    volumes = load_plan(db, "NU", 2026).line(ORTOPEDI).volumes
    db.conn.close()
    return volumes.uppdrag, volumes.bas, volumes.tillagg


async def test_pasted_table_is_previewed_then_applied_with_enter(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, ImportDialog)
        changed = TABLE.replace("Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 600\t2 310\t2 290")
        changed = changed.replace("63 480\t39 078\t24 402", "63 580\t39 078\t24 502")
        app.screen.query_one("#paste", TextArea).text = changed
        await pilot.press("ctrl+s")
        await imported(app)
        preview = shown(app, "#import-preview").splitlines()
        assert preview[0] == "table pasted text: 49 lines read"
        assert preview[6:8] == [
            "NU 2026: 1 line changed",
            "  Somatik/Förstabesök/Ortopedi: 4\u00a0500/2\u00a0310/2\u00a0190"
            " -> 4\u00a0600/2\u00a0310/2\u00a0290 (+250\u00a0300 kr)",
        ]
        verdict = shown(app, "#import-verdict").splitlines()
        assert verdict[-2] == (
            "Δ tilläggskostnad +250\u00a0300 kr; R7: delegation (|Δ tilläggskostnad| at most"
            " 3\u00a0000\u00a0000 kr)"
        )
        assert verdict[-1] == "Press Enter again to apply."
        assert ortopedi(db_path) == (4_500, 2_310, 2_190)
        await pilot.press("ctrl+s")
        await imported(app)
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert ortopedi(db_path) == (4_600, 2_310, 2_290)
        status = str(app.screen.query_one("#status").render())
        assert "Imported pasted text: 1 line changed after snapshot 1" in status
        assert status.endswith("(ctrl+z undoes it in one step)")
        grid = app.screen.query_one(PlanGrid)
        assert grid.get_cell(f"line:{ORTOPEDI}", "tillagg").plain == "2\u00a0290"
        await pilot.press("ctrl+z")
        assert ortopedi(db_path) == (4_500, 2_310, 2_190)
        assert grid.get_cell(f"line:{ORTOPEDI}", "tillagg").plain == "2\u00a0190"


async def test_a_bad_file_is_reported_and_nothing_is_written(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(TABLE.replace("Ortopedi\t", "Ortoped\t"), encoding="utf-8")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        app.screen.query_one("#path", Input).value = str(bad)
        await pilot.press("enter")
        await imported(app)
        preview = shown(app, "#import-preview")
        assert "did you mean 'Ortopedi'?" in preview
        assert shown(app, "#import-verdict") == "2 error(s): nothing was imported"
        await pilot.press("enter")
        await imported(app)
        assert isinstance(app.screen, ImportDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
    assert ortopedi(db_path) == (4_500, 2_310, 2_190)


def test_the_command_palette_lists_the_import() -> None:
    assert ("import: volume table", "import_table") in [(t, a) for t, _, a in PLAN_COMMANDS]


async def test_missing_lines_are_refused_until_the_planner_keeps_the_plans_values(
    db_path: Path,
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        app.screen.query_one("#paste", TextArea).text = TABLE.replace(
            "Koloskopi\t3 500\t1 736\t1 764\n", ""
        ).replace("Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 600\t2 310\t2 290")
        await pilot.press("ctrl+s")
        await imported(app)
        assert "1 catalogue line(s) missing from the table" in shown(app, "#import-preview")
        assert "Press Enter again to apply." not in shown(app, "#import-verdict")
        await pilot.press("ctrl+s")
        await imported(app)
        assert isinstance(app.screen, ImportDialog)  # an invalid table is never applied
        app.screen.query_one("#allow-missing", Checkbox).value = True
        await pilot.press("ctrl+s")
        await imported(app)
        assert "Totalsumma prints 63\u00a0480 / 39\u00a0078 / 24\u00a0402" in shown(
            app, "#import-preview"
        )
        assert "nothing was imported" in shown(app, "#import-verdict")
        app.screen.query_one("#accept-total", Checkbox).value = True
        await pilot.press("ctrl+s")
        await imported(app)
        preview = shown(app, "#import-preview")
        assert "the plan keeps its values for them" in preview
        assert "(mismatch accepted)" in preview
        assert shown(app, "#import-verdict").endswith("Press Enter again to apply.")
        await pilot.press("ctrl+s")
        await imported(app)
        assert not isinstance(app.screen, ImportDialog)
        assert ortopedi(db_path) == (4_600, 2_310, 2_290)
