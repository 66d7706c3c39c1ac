"""Pilot tests of the export dialog: the full path, `~`, replacing a file, wrong paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from planner.cli.app_factory import make_app
from screens.app import PlannerApp
from screens.dialogs.export_dialog import ExportDialog
from screens.dialogs.prompts import ConfirmScreen

SIZE = (120, 45)


def label(app: PlannerApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def submit(app: PlannerApp, pilot: Pilot[None], *keys: str) -> None:
    """Type into the path box, press Enter, and wait (at most 10 s) for the check of the path."""
    screen = app.screen
    assert isinstance(screen, ExportDialog)
    dialog: ExportDialog = screen
    await pilot.press(*keys, "enter")
    for _ in range(200):
        if dialog.checking is not None and dialog.checking.is_finished:
            break
        if app.screen is not dialog:  # the replace question or the plan again
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the export dialog did not check the path")
    await pilot.press()


async def test_shows_full_path_and_expands_home(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert label(app, "#full-path") == f"Writes {tmp_path}/plan-NU-2026.xlsx"
        await pilot.press("enter")
        await submit(app, pilot, "ctrl+u", *"~/p.xlsx")
        assert "Wrote" in label(app, "#status")
    assert (home / "p.xlsx").read_bytes().startswith(b"PK")


async def test_asks_before_replacing_a_file(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "plan-NU-2026.xlsx"
    existing.write_bytes(b"keep")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await submit(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{existing} exists. Replace it?" in label(app, "Label")
        await pilot.press("n")
        assert isinstance(app.screen, ExportDialog)
        assert label(app, "#form-error") == "Not written: choose another name."
        assert existing.read_bytes() == b"keep"
        await submit(app, pilot)
        await pilot.press("y")
        assert "Wrote" in label(app, "#status")
    assert existing.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("no/x.xlsx", "No folder {tmp}/no: create it first or choose another"),
        ("folder", "{tmp}/folder is a folder: add a file name"),
    ],
)
async def test_wrong_path_keeps_the_dialog_open(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await submit(app, pilot, "ctrl+u", *typed)
        assert isinstance(app.screen, ExportDialog)
        assert label(app, "#form-error") == message.format(tmp=tmp_path)
        await pilot.press("x")
        assert label(app, "#form-error") == ""
    assert not (tmp_path / "no").exists()


async def test_j_for_ja_answers_yes_in_every_confirmation() -> None:
    """Swedish planners answer ja with j; y and Enter still work."""
    answers: list[bool | None] = []

    class Asking(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ConfirmScreen("Replace it?"), answers.append)

    app = Asking()
    async with app.run_test() as pilot:
        await pilot.press("j")
        await pilot.pause()
    assert answers == [True]
