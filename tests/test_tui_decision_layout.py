"""Pilot tests of the decision screen's layout: labels, the opening view, and the payments
reachable by keyboard at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Static

from planner.cli.app_factory import make_app
from screens.decision_screen import DecisionScreen
from screens.widgets.money_grid import LABEL_WIDTH, MoneyGrid
from tests.test_screen_images_decision import with_august_actuals


async def opened(pilot_app: object) -> DecisionScreen:
    screen = pilot_app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, DecisionScreen)
    await screen.settled()
    return screen


async def test_items_are_named_and_labels_take_the_free_width(db_path: Path) -> None:
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("M")
        screen = await opened(app)
        await pilot.pause()
        panel = str(screen.query_one("#payments-text", Static).render())
        assert "Utbildningsbefattningar: Specialistutbildning sjuksköterskor (tkr)" in panel
        assert "Läkemedelsleveranser (tkr)" in panel
        assert "lakemedelsleveranser" not in panel
        grid = screen.query_one(MoneyGrid)
        label = str(grid.get_cell("line:adj:5", "label"))
        assert label == "5. 14. Tillkommande kostnader avseende läkemedelsleveranser"
        assert len(label) > LABEL_WIDTH


async def test_small_terminal_opens_at_the_top_and_reaches_the_total(db_path: Path) -> None:
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("M")
        screen = await opened(app)
        await pilot.pause()
        grid = screen.query_one(MoneyGrid)
        assert grid.scroll_y == 0
        assert grid.cursor_coordinate == (grid.get_row_index("line:adj:1"), 1)
        assert str(grid.get_cell("line:adj:1", "label")).endswith("…")
        panel = screen.query_one("#payments", VerticalScroll)
        assert panel.max_scroll_y > 0  # the Total is below the panel's edge
        app.animation_level = "none"
        await pilot.press("p", "end")
        for _ in range(40):  # End scrolls after the next refresh
            await pilot.pause(0.05)
            if panel.scroll_y == panel.max_scroll_y:
                break
        assert panel.has_focus and panel.scroll_y == panel.max_scroll_y
        text = str(screen.query_one("#payments-text", Static).render())
        assert text.rstrip().splitlines()[-1].startswith("Total (kr)")
        await pilot.press("p")
        assert grid.has_focus
