"""Issue 21 §5 in the app: the new-plan dialog's defaults, the import preview at 80x24."""

from pathlib import Path

from textual.widgets import Input, Select

from planner.cli.app_factory import make_app
from screens.dialogs.new_plan_dialog import NewPlanDialog

FIXTURE = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"


async def test_new_plan_dialog_starts_at_the_open_plans_hospital_and_keeps_the_year(
    db_path: Path,
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o", "down", "enter")
        dialog = app.screen
        assert isinstance(dialog, NewPlanDialog)
        assert dialog.query_one("#hospital", Select).value == "NU"
        year = dialog.query_one("#year", Input)
        assert year.has_focus and year.value == "2027"
        await pilot.press("backspace", "8")
        assert year.value == "2028"


async def test_import_preview_shows_delta_verdict_and_enter_at_80x24(db_path: Path) -> None:
    from textual.widgets import Static, TextArea

    from screens.dialogs.import_dialog import ImportDialog

    table = FIXTURE.read_text(encoding="utf-8")
    changed = table.replace("Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 600\t2 310\t2 290")
    changed = changed.replace("63 480\t39 078\t24 402", "63 580\t39 078\t24 502")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#paste", TextArea).text = changed
        await pilot.press("ctrl+s")
        for worker in [w for w in app.workers if w.group == "import"]:
            await worker.wait()
        await pilot.pause()
        await pilot.pause()
        verdict = dialog.query_one("#import-verdict", Static)
        text = str(verdict.render())
        assert "Δ tilläggskostnad +250\u00a0300 kr; R7: delegation" in text
        assert text.endswith("Press Enter again to apply.")
        region = verdict.region
        assert region.height >= 3 and region.y >= 0 and region.bottom <= 24
        assert app.screen.get_widget_at(region.x + 1, region.y)[0] is verdict
