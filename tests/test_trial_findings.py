"""Issue 21: a new planner's trial. The review walks changed notes and its minutes show them
(asking before replacing a file); the log reads alike everywhere; a reason goes to your own
edit; the compare screen never cuts a number; a first visit stays a visit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.audit_trail import Actor
from db.edits import edit_line
from db.notes import note_changes, set_note
from db.plans import load_plan
from db.setup import open_database
from db.snapshots import create_snapshot
from planner.cli.app_factory import make_app
from planner.model import Field
from screens.dialogs.prompts import ConfirmScreen
from screens.review_screen import ReviewScreen
from screens.widgets.plan_grid import PlanGrid
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
HUD = "somatik/forstabesok/hud"
VUP = "psykiatri/forstabesok/vup"
KATARAKT = "somatik/operation-atgard/katarakt"
SIZE = (120, 45)


@pytest.fixture
def noted(db_path: Path, frozen: None) -> Path:
    """A note before snapshot 1; after it: one edit, a changed note, a new one, one taken back."""
    db = open_database(db_path)
    set_note(db, 1, HUD, "Avtal 2025", Actor("anna", "cli"))
    create_snapshot(db, load_plan(db, "NU", 2026), "Mars", "", "anna")
    edit_line(db, 1, BUP, Field.UPPDRAG, 2000, Actor("bo", "cli", "kö växer"))
    set_note(db, 1, HUD, "Avtal 2026 [b]nytt[/]", Actor("bo", "cli"))
    set_note(db, 1, BUP, "Kö i januari", Actor("bo", "tui"))
    set_note(db, 1, VUP, "tillfälligt", Actor("bo", "tui"))
    set_note(db, 1, VUP, None, Actor("bo", "tui"))
    db.conn.close()
    return db_path


def test_note_changes_since_a_snapshot_in_plan_order(noted: Path) -> None:
    db = open_database(noted)
    changes = [(n.key, n.old, n.new, n.user) for n in note_changes(db, 1)]
    assert changes == [
        (BUP, "", "Kö i januari", "bo"),
        (HUD, "Avtal 2025", "Avtal 2026 [b]nytt[/]", "bo"),
    ]


def test_minutes_list_changed_notes(noted: Path) -> None:
    db = open_database(noted)
    from db.reviews import start_or_resume

    start_or_resume(db, 1, "cecilia")
    db.conn.close()
    text = run_cli(noted, "review", "summary", "1", check=True).output
    assert "Notes changed since the snapshot:" in text
    assert "Somatik / Förstabesök / Hud" in text and "Avtal 2026 [b]nytt[/]" in text
    md = run_cli(noted, "review", "summary", "1", "--format", "md", check=True).output
    assert "## Notes changed since the snapshot" in md
    bup = [row for row in md.splitlines() if row.startswith("| Psykiatri")][-1]
    assert [cell.strip() for cell in bup.split("|")[1:4]] == [
        "Psykiatri / Förstabesök / BUP",
        "\u2013",
        "Kö i januari",
    ]
    doc = json.loads(run_cli(noted, "review", "summary", "1", "--format", "json").output)
    assert [(n["key"], n["old"], n["new"]) for n in doc["notes"]] == [
        (BUP, "", "Kö i januari"),
        (HUD, "Avtal 2025", "Avtal 2026 [b]nytt[/]"),
    ]


async def test_the_review_walks_changed_notes_after_the_changes(noted: Path) -> None:
    app = make_app(noted, "NU", 2026, review_since=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [i.key for i in screen.items] == [BUP]
        detail = str(screen.query_one("#review-detail").render())
        assert "bo (cli) uppdrag 1\u00a0030 → 2\u00a0000: kö växer" in detail
        assert "bo (tui) note \u2013 → Kö i januari" in detail
        assert "None" not in detail
        await pilot.press("a")
        await pilot.press("n")
        detail = str(screen.query_one("#review-detail").render())
        assert "note 1 of 2 changed since the snapshot" in detail
        assert "then  \u2013" in detail and "now   Kö i januari" in detail
        await pilot.press("x")
        assert "A note is not decided" in str(screen.query_one("#status").render())
        await pilot.press("n")
        detail = str(screen.query_one("#review-detail").render())
        assert "then  Avtal 2025" in detail and "now   Avtal 2026 [b]nytt[/]" in detail
        await pilot.press("n")
        assert screen.index == 2


async def test_minutes_ask_before_replacing_and_name_the_full_path(
    noted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "review-1.md"
    target.write_text("earlier minutes", encoding="utf-8")
    app = make_app(noted, "NU", 2026, review_since=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        status = str(app.screen.query_one("#status").render())
        assert status == f"Minutes not written: {target} was left as it was"
        assert target.read_text(encoding="utf-8") == "earlier minutes"
        await pilot.press("w")
        await pilot.press("y")
        status = str(app.screen.query_one("#status").render())
        assert status == f"Wrote the minutes to {target}"
    assert "## Notes changed since the snapshot" in target.read_text(encoding="utf-8")


def test_log_rows_name_fields_group_numbers_and_show_none_as_a_dash() -> None:
    from planner.audit_rows import group_edits

    class Entry:
        def __init__(self, field: str, old: object, new: object) -> None:
            self.id, self.at, self.user, self.plan = 1, "2026-03-02T09:15:00+00:00", "bo", "NU"
            self.line_key, self.reason, self.source = BUP, "", "cli"
            self.field, self.old, self.new = field, old, new

    [row] = group_edits([Entry("price_class", "visit", "treatment"), Entry("bas", 1200, 700)])
    assert (row.fields(), row.olds(), row.news()) == (
        "price class / bas",
        "visit / 1\u00a0200",
        "treatment / 700",
    )
    [note] = group_edits([Entry("note", None, "Avtal")])
    assert (note.olds(), note.news()) == ("\u2013", "Avtal")


async def test_a_reason_goes_to_this_sessions_last_edit_and_says_which(
    db_path: Path, frozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("screens.plan_screen.POLL_SECONDS", 3600)  # no "changed by" notice
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2000", "enter")
        db = open_database(db_path)
        edit_line(db, 1, BUP, Field.BAS, 800, Actor("bo", "cli"))
        db.conn.close()
        await pilot.press("r")
        await pilot.press(*"kö växer", "enter")
        status = str(app.screen.query_one("#status").render())
        assert status == (
            "Reason kept for your edit of BUP (Förstabesök) at 2026-03-02 10:15 CET:"
            " uppdrag 1\u00a0030 → 2\u00a0000, tillägg 330 → 1\u00a0300"
        )
    db = open_database(db_path)
    rows = list(db.query("SELECT id, user, field, old FROM audit_log WHERE source != 'seed'"))
    anna_edit = next(r["id"] for r in rows if r["user"] == "anna" and r["field"] == "uppdrag")
    reason = rows[-1]
    assert (reason["field"], reason["old"]) == ("reason", anna_edit)


async def test_the_compare_screen_never_cuts_a_number_at_80_by_24(noted: Path) -> None:
    from textual.widgets import DataTable

    from screens.diff_screen import DiffScreen

    db = open_database(noted)
    edit_line(db, 1, "somatik/operation-atgard/katarakt", Field.TILLAGG, 770, Actor("bo", "cli"))
    db.conn.close()
    app = make_app(noted, "NU", 2026)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d", "enter")
        assert isinstance(app.screen, DiffScreen)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        assert sum(widths) <= table.size.width
        deltas = [table.get_row_at(row)[-1].plain for row in range(table.row_count)]
        assert deltas == ["+2\u00a0427\u00a0910", "+715\u00a0900"]
        names = [table.get_row_at(row)[0].plain for row in range(table.row_count)]
        assert names[1].startswith("…") and names[1].endswith("/ Katarakt")


async def test_a_psychiatric_first_visit_stays_a_visit_with_the_rule_named(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "enter", "down", "enter")
        grid = app.screen.query_one(PlanGrid)
        assert grid.get_cell(f"line:{BUP}", "price").plain == "visit 2\u00a0503"
        assert str(app.screen.query_one("#status").render()) == (
            "BUP (Förstabesök) is a psychiatric line: rule R3 prices every first visit and every"
            " psychiatric line as a visit, so it cannot be treatment; nothing changed"
        )
    db = open_database(db_path)
    assert list(db.query("SELECT 1 FROM audit_log WHERE source != 'seed'")) == []


async def test_price_class_change_is_undone_and_redone(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(PlanGrid).focus_line(KATARAKT)
        await pilot.press("l", "l", "l", "enter", "up", "enter")
        assert (
            app.screen.query_one(PlanGrid).get_cell(f"line:{KATARAKT}", "price").plain
            == "visit 2\u00a0503"
        )
        await pilot.press("ctrl+z")
        assert (
            app.screen.query_one(PlanGrid).get_cell(f"line:{KATARAKT}", "price").plain
            == "treatment 35\u00a0795"
        )
        assert (
            app.screen.query_one(PlanGrid).get_cell("total", "cost").plain
            == "245\u00a0126\u00a0454"
        )
        await pilot.press("ctrl+y")
        assert (
            app.screen.query_one(PlanGrid).get_cell(f"line:{KATARAKT}", "price").plain
            == "visit 2\u00a0503"
        )
    db = open_database(db_path)
    log = [
        (r["new"], r["source"])
        for r in db.query("SELECT new, source FROM audit_log WHERE source != 'seed'")
    ]
    assert log == [("visit", "tui"), ("treatment", "undo"), ("visit", "redo")]
