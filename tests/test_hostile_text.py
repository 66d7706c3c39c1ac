"""User text with Textual markup or control characters is shown as typed, in every screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from sqlite_utils import Database
from textual.widgets import DataTable, Input, Label, OptionList, Static

from db.audit_trail import Actor
from db.edits import edit_line
from db.plans import load_plan
from db.reviews import get_review, set_comment
from db.setup import open_database
from db.snapshots import create_snapshot, list_snapshots
from planner.cli.app_factory import make_app
from planner.model import Field
from screens.app import PlannerApp
from screens.dialogs.prompts import PromptScreen
from screens.dialogs.snapshot_dialog import SnapshotDialog
from screens.diff_screen import DiffScreen
from screens.log_screen import LogScreen
from screens.review_screen import ReviewScreen

BUP = "psykiatri/forstabesok/bup"
SIZE = (140, 45)
MARKUP = ["[/]", "[bold red]x[/]", "Förslag [utkast] v2", "[link=https://x.example]klick[/link]"]
ESCAPES = "\x1b]0;owned\x07\x1b[2J\u202eevil\x9b31m"
ESCAPES_SHOWN = "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\x9b31m"


def open_db(db_path: Path) -> Database:
    return open_database(db_path)


@pytest.fixture
def allow_control(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let control characters into the database, as rows written before they were refused."""
    monkeypatch.setattr("db.audit_trail.check_reason", lambda reason: reason)
    monkeypatch.setattr("db.chain.check_reason", lambda reason: reason)
    monkeypatch.setattr("db.snapshots.check_user_text", lambda name, text, *a, **k: text)


def snapshot_then_edit(db_path: Path, label: str, reason: str, user: str = "anna") -> None:
    """Snapshot 1 with `label`, then one edit of BUP with `reason` by `user`."""
    db = open_db(db_path)
    create_snapshot(db, load_plan(db, "NU", 2026), label, label, user)
    edit_line(db, 1, BUP, Field.UPPDRAG, 2000, Actor(user, "cli", reason))
    db.conn.close()


def plain(widget: Static) -> str:
    return str(widget.render())


def header_title(app: PlannerApp) -> str:
    return str(app.screen.query_one("HeaderTitle", Static).render())


def cells(table: DataTable[object], row: int) -> list[str]:
    return [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(row)]


@pytest.mark.parametrize("label", MARKUP)
async def test_compare_screen_shows_a_markup_label_as_typed(db_path: Path, label: str) -> None:
    snapshot_then_edit(db_path, label, label)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        option = app.screen.query_one(OptionList).get_option_at_index(0)
        assert isinstance(option.prompt, Text) and option.prompt.plain.endswith(f"  {label}")
        await pilot.press("enter")
        assert isinstance(app.screen, DiffScreen)
        heading = f'Changes NU 2026 snapshot 1 "{label}" → NU 2026 (live)'
        assert app.screen.title == heading
        assert header_title(app).startswith(heading)


@pytest.mark.parametrize("text", MARKUP)
async def test_review_shows_markup_label_reason_and_comment(
    db_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.cli.account.current_user", lambda: text)
    snapshot_then_edit(db_path, text, text, user=text)
    db = open_db(db_path)
    app = make_app(db_path, "NU", 2026, review_since=1)
    set_comment(db, get_review(db, 1), BUP, text)
    db.conn.close()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.title == f"Review 1 · NU 2026 since snapshot 1 ({text})"
        assert screen.sub_title == f"reviewer {text}"
        await screen.reload()
        screen.show()
        await pilot.pause()
        detail = plain(screen.query_one("#review-detail", Static))
        assert f"{text} (cli) uppdrag 1\u00a0030 → 2\u00a0000: {text}" in detail
        assert f"Comment: {text}" in detail
        assert cells(screen.query_one(DataTable), 0)[-1] == text
        await pilot.press("c")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape", "a")
        assert str(screen.query_one("#status", Static).render()).startswith("BUP (")


async def test_review_opened_from_the_grid_with_a_markup_label(db_path: Path) -> None:
    snapshot_then_edit(db_path, "[bold red]x[/]", "")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert "([bold red]x[/])" in header_title(app)


async def test_log_screen_shows_reason_and_user_as_typed(db_path: Path) -> None:
    snapshot_then_edit(db_path, "s", "[bold red]x[/] Förslag [utkast] v2", user="[/]")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, LogScreen)
        row = cells(app.screen.query_one(DataTable), 0)
        assert row[1] == "[/]"
        assert row[6] == "[bold red]x[/] Förslag [utkast] v2"


async def test_log_screen_escapes_control_characters(db_path: Path, allow_control: None) -> None:
    snapshot_then_edit(db_path, ESCAPES, ESCAPES, user=f"eve{ESCAPES}")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        row = cells(app.screen.query_one(DataTable), 0)
        assert row[1] == f"eve{ESCAPES_SHOWN}"
        assert row[6] == ESCAPES_SHOWN
        assert not any("\x1b" in cell or "\u202e" in cell for cell in row)


async def test_review_and_compare_escape_control_characters(
    db_path: Path, allow_control: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.cli.account.current_user", lambda: ESCAPES)
    snapshot_then_edit(db_path, ESCAPES, ESCAPES, user=ESCAPES)
    app = make_app(db_path, "NU", 2026, review_since=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.title == f"Review 1 · NU 2026 since snapshot 1 ({ESCAPES_SHOWN})"
        assert screen.sub_title == f"reviewer {ESCAPES_SHOWN}"
        detail = plain(screen.query_one("#review-detail", Static))
        assert f"{ESCAPES_SHOWN} (cli) uppdrag 1\u00a0030 → 2\u00a0000: {ESCAPES_SHOWN}" in detail
        assert "\x1b" not in detail
        await pilot.press("q", "d")
        option = app.screen.query_one(OptionList).get_option_at_index(0)
        assert isinstance(option.prompt, Text) and option.prompt.plain.endswith(ESCAPES_SHOWN)
        await pilot.press("enter")
        assert "\x1b" not in header_title(app) and ESCAPES_SHOWN in header_title(app)


async def test_snapshot_dialog_keeps_markup_and_refuses_control(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SnapshotDialog)
        app.screen.query_one("#label", Input).value = "Förslag [utkast] v2"
        app.screen.query_one("#note", Input).value = "bad\x1b[2J"
        app.screen.query_one("#note", Input).focus()
        await pilot.press("enter")
        error = app.screen.query_one("#form-error", Label)
        assert plain(error) == "the note contains the control character U+001B; type it without it"
        app.screen.query_one("#note", Input).value = "[/] ok"
        await pilot.press("enter")
        status = plain(app.screen.query_one("#status", Static))
        assert status.startswith("Snapshot 1 «Förslag [utkast] v2» saved")
    db = open_db(db_path)
    [info] = list_snapshots(db)
    assert (info.label, info.note) == ("Förslag [utkast] v2", "[/] ok")


async def test_cell_editor_error_shows_the_typed_markup(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "left_square_bracket", "slash", "right_square_bracket", "enter")
        message = "'5[/]' is not a whole number (digits with optional spaces); nothing changed"
        assert plain(app.screen.query_one("#cell-error", Static)) == message
        assert plain(app.screen.query_one("#status", Static)) == message


async def test_reason_prompt_refuses_control_and_keeps_markup(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter", "r")
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "kö\x1b]0;x\x07"
        await pilot.press("enter")
        assert isinstance(app.screen, PromptScreen)
        error = plain(app.screen.query_one("#form-error", Label))
        assert error == "the text contains the control character U+001B; type it without it"
        app.screen.query_one(Input).value = "[bold red]kö[/]"
        await pilot.press("enter")
        assert plain(app.screen.query_one("#status", Static)).startswith(
            "Reason kept for your edit of BUP"
        )
    db = open_db(db_path)
    reasons = [
        r["reason"]
        for r in db.query("SELECT reason FROM audit_log WHERE source != 'seed' ORDER BY id")
    ]
    assert reasons[-1] == "[bold red]kö[/]"
