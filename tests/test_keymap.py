"""Keys from one source: bindings, help and palette agree; a user keymap file moves keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.cli.app_factory import make_app
from screens.app import PlannerApp
from screens.dialogs.help_screen import HelpScreen
from screens.plan_keys import PLAN_COMMANDS, PLAN_KEYS
from screens.plan_screen import PlanScreen
from screens.prices_screen import PricesScreen

SIZE = (160, 50)


def test_every_bound_plan_key_is_in_the_palette() -> None:
    actions = {action for _, _, action in PLAN_COMMANDS}
    assert {k.action.removeprefix("app.") for k in PLAN_KEYS if k.keys} <= actions


async def test_help_lists_region_and_prices_and_the_footer_shows_them(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"f", "i", "R", "P"} <= shown
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert ("R", "Region") in app.screen.keys and ("P", "Prices") in app.screen.keys


async def test_every_screen_has_help_and_palette_from_its_bindings(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        assert isinstance(app.screen, PricesScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "prices: back" in titles
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert ("escape,q", "Back") in app.screen.keys


async def test_a_keymap_file_moves_a_key_and_the_help_shows_it(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"plan.undo" = "ctrl+u"\n', encoding="utf-8")
    monkeypatch.setenv("PLANNER_KEYMAP", str(keymap))
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter", "ctrl+u")
        assert "Undone" in str(app.screen.query_one("#status").render())
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert ("ctrl+u", "Undo") in app.screen.keys


@pytest.mark.parametrize(
    "text", ['"plan.undo" = ', '"no.such.binding" = "x"\n', '"plan.undo" = 5\n']
)
async def test_a_bad_keymap_file_is_one_message_and_the_app_starts(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANNER_KEYMAP", str(keymap))
    messages: list[str] = []
    monkeypatch.setattr(PlannerApp, "tell", lambda _, text, error: messages.append(text))
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter")
        assert isinstance(app.screen, PlanScreen)
        assert len(messages) == 1 and messages[0].startswith(f"keymap {keymap} not used: ")
        await pilot.press("ctrl+z")
        assert "Undone" in str(app.screen.query_one("#status").render())


async def test_a_keymap_fifo_is_refused_in_one_message_not_waited_on(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.toml"
    os.mkfifo(keymap)
    monkeypatch.setenv("PLANNER_KEYMAP", str(keymap))
    messages: list[str] = []
    monkeypatch.setattr(PlannerApp, "tell", lambda _, text, error: messages.append(text))
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await app.session.work.settled()
        await pilot.press("2", "0", "0", "0", "enter")
        assert "Saved" in str(app.screen.query_one("#status").render())
    assert messages == [
        f"keymap {keymap} not used: {keymap} is not a regular file (a FIFO, socket or device);"
        " refused"
    ]
