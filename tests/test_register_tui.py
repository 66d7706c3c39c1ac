"""Pilot tests of the register screen (I) and the training places reached from it."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from db.audit_trail import Actor
from db.places import load_place_tables
from db.register import find_indicator, load_indicator_outcomes, set_outcome
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.dialogs.prompts import PromptScreen
from screens.places_screen import PlacesScreen
from screens.register_screen import RegisterScreen

SIZE = (160, 50)


def with_outcomes(db_path: Path) -> Path:
    db = open_database(db_path)
    anna = Actor("anna", "cli")
    set_outcome(db, find_indicator(db, "NU", 2026, "29"), "2026-08", "8,5", "", anna)
    set_outcome(db, find_indicator(db, "NU", 2026, "13"), "2026-08", "Nej", "", anna)
    db.conn.close()
    return db_path


async def open_register(pilot: Pilot[None], app: App[None]) -> RegisterScreen:
    """Press I and wait for the register screen's first read."""
    await pilot.press("I")
    screen = app.screen
    assert isinstance(screen, RegisterScreen)
    await pilot.pause()
    return screen


def row_text(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def test_status_shows_as_symbol_and_word_and_due_filters(db_path: Path) -> None:
    app = make_app(with_outcomes(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, app)
        table = screen.query_one(DataTable)
        assert table.row_count == 41
        assert row_text(table, "NU-2026-29")[1:4] == ["✓ met", "2026-08: 8.5", "0.0 pp"]
        assert row_text(table, "NU-2026-13")[1] == "✗ not met"
        assert row_text(table, "NU-2026-27")[1] == "· not reported"
        assert row_text(table, "NU-2026-2")[4].startswith("see Omställning")
        assert row_text(table, "NU-2026-39")[4].startswith("⚠ ")
        await pilot.press("d")
        await pilot.press(*"2026-²", "enter")  # a digit Python's isdigit takes, int does not
        status = screen.query_one("#status")
        assert str(status.render()) == "'2026-²' is not a month; write YYYY-MM, e.g. 2026-08."
        await pilot.press("d")
        await pilot.press(*"2026-12", "enter")
        await pilot.pause()
        assert str(status.render()) == "Showing what is due for 2026-12; a shows every indicator."
        assert table.row_count < 41
        keys = {row.value for row in table.rows}
        assert "NU-2026-8" in keys and "NU-2026-2" not in keys  # Helår: due in December
        assert "due for 2026-12" in str(screen.query_one("#register-summary").render())
        await pilot.press("a")
        assert table.row_count == 41


async def test_an_outcome_entered_in_the_screen_is_saved_and_judged(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("NU-2026-27"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "period"
        await pilot.press(*"2026-05", "enter", *"92,4", "enter", *"[red]x", "enter")
        await screen.settled()
        await pilot.pause()
        assert row_text(table, "NU-2026-27")[1:4] == ["✗ not met", "2026-05: 92.4", "+2.4 pp"]
        table.move_cursor(row=table.get_row_index("NU-2026-27"))
        await pilot.pause()
        assert "[red]x" in str(screen.query_one("#register-detail").render())
        table.move_cursor(row=table.get_row_index("NU-2026-23"))
        await pilot.press("enter")
        assert isinstance(app.screen, RegisterScreen)  # the production indicator is not typed
    db = open_database(db_path)
    bed = find_indicator(db, "NU", 2026, "27")
    [stored] = load_indicator_outcomes(db, [bed])[bed.id]
    assert (stored.period, stored.value, stored.note) == ("2026-05", "92.4", "[red]x")
    db.conn.close()


async def test_places_open_from_the_register_and_an_edit_asks_a_reason(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"register: indicators")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlacesScreen)
        table = screen.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(5)][1:] == ["Total", "292", "as printed"]
        table.move_cursor(row=1)  # AT NU 70
        await pilot.press("enter", "enter")
        assert not isinstance(app.screen, PromptScreen)  # the same number asks no reason
        assert str(screen.query_one("#status").render()) == (
            "AT NU 2026: still 70; nothing changed."
        )
        await pilot.press("enter")
        await pilot.press("backspace", "backspace", *"72", "enter")
        await pilot.press(*"two more", "enter")
        await screen.settled()
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(5)][2:] == [
            "294",
            "⚠ differs from the printed total 292",
        ]
    db = open_database(db_path)
    assert load_place_tables(db, 2026)[0].total == 294
    db.conn.close()


async def test_an_outcome_set_from_the_cli_shows_without_a_key_press(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, app)
        with_outcomes(db_path)  # another connection commits
        table = screen.query_one(DataTable)
        for _ in range(40):
            await pilot.pause(0.1)
            if row_text(table, "NU-2026-29")[1] == "✓ met":
                break
        assert row_text(table, "NU-2026-29")[1] == "✓ met"


async def test_a_person_judges_a_target_in_words_in_the_dialog(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("NU-2026-25"))  # "Fungerar väl"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"2026-08", "enter", *"Fungerar delvis", "enter")
        await pilot.press(*"maybe", "enter", "enter")
        assert "is not a judgement" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#verdict", Input).value = "not met"
        await pilot.press("enter")
        await screen.settled()
        await pilot.pause()
        assert row_text(table, "NU-2026-25")[1:4] == [
            "✗ not met",
            "2026-08: Fungerar delvis",
            "judged by a person",
        ]


async def test_every_field_of_the_outcome_dialog_is_shown_and_an_empty_outcome_keeps_it_open(
    db_path: Path,
) -> None:
    """The note panel's CSS once hid every Input with id "note" (this dialog's and the
    snapshot dialog's): typed notes went into an invisible box."""
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("NU-2026-27"))
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert all(field.region.height == 3 for field in dialog.query(Input))
        await pilot.press(*"2026-05", "enter", "enter", *"three wards", "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert app.focused is not None and app.focused.id == "value"
        assert "Write the outcome first" in str(dialog.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen.query_one("#note", Input).region.height == 3


async def test_delete_removes_the_outcome_shown_with_a_reason_and_escape_keeps_it(
    db_path: Path,
) -> None:
    app = make_app(with_outcomes(db_path), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("NU-2026-29"))
        await pilot.press("delete")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        assert row_text(table, "NU-2026-29")[1] == "✓ met"
        await pilot.press("delete")
        await pilot.press(*"fel period", "enter")
        assert row_text(table, "NU-2026-29")[1] == "· not reported"
        status = str(screen.query_one("#status").render())
        assert status == "Indicator 29, 2026-08: 8.5 removed; not reported again."
        table.move_cursor(row=table.get_row_index("NU-2026-23"))
        await pilot.press("delete")
        assert not isinstance(app.screen, PromptScreen)
        assert str(screen.query_one("#status").render()) == (
            "No typed outcome on this row to remove."
        )
    db = open_database(db_path)
    removed = db.query("SELECT field, old, reason FROM audit_log WHERE new IS NULL")
    assert [(r["field"], r["old"], r["reason"]) for r in removed] == [
        ("value", "8.5", "fel period"),
        ("note", "", "fel period"),
        ("verdict", "", "fel period"),
    ]
