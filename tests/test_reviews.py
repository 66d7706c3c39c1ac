"""Reviews: walking the changes since a snapshot, stored decisions, minutes and the log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.widgets import DataTable

from db.audit_trail import Actor
from db.edits import edit_line
from db.plans import load_line, load_plan
from db.reviews import decide, get_review, load_items, set_comment, start_or_resume
from db.setup import open_database
from db.snapshots import create_snapshot
from planner.cli.app_factory import make_app
from planner.model import Field
from planner.review import Verdict
from screens.plan_screen import PlanScreen
from screens.review_screen import ReviewScreen
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
KATARAKT = "somatik/operation-atgard/katarakt"
KOLOSKOPI = "somatik/undersokning/koloskopi"
SIZE = (120, 45)


@pytest.fixture
def changed(db_path: Path, frozen: None) -> Path:
    """Snapshot 1 of NU 2026, then three edits by two people, with reasons."""
    db = open_database(db_path)
    plan_id = 1
    create_snapshot(db, load_plan(db, "NU", 2026), "Mars", "", "anna")
    edit_line(db, plan_id, BUP, Field.UPPDRAG, 2000, Actor("bo", "cli", "kö växer"))
    edit_line(db, plan_id, KATARAKT, Field.TILLAGG, 900, Actor("anna", "tui", "extra lista"))
    edit_line(db, plan_id, KOLOSKOPI, Field.BAS, 1500, Actor("bo", "cli"))
    db.conn.close()
    return db_path


def volumes(db_path: Path, key: str) -> tuple[int, int, int]:
    v = load_line(open_database(db_path), 1, key).volumes
    return v.uppdrag, v.bas, v.tillagg


async def test_walk_accept_reject_comment_undo_leave_resume(changed: Path) -> None:
    app = make_app(changed, "NU", 2026, review_since=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [i.key for i in screen.items] == [BUP, KATARAKT, KOLOSKOPI]
        assert "kö växer" in str(screen.query_one("#review-detail").render())
        await pilot.press("a")
        assert screen.index == 1
        await pilot.press("x")
        assert volumes(changed, KATARAKT) == (2500, 1750, 750)
        await pilot.press("c", *"för dyrt", "enter")
        assert screen.items[2].comment == "för dyrt"
        await pilot.press("p")
        assert screen.index == 1
        await pilot.press("u")
        assert screen.items[1].decision is None
        assert volumes(changed, KATARAKT) == (2650, 1750, 900)
        await pilot.press("x", "q")
        assert isinstance(app.screen, PlanScreen)
        assert (
            app.screen.query_one("PlanGrid", DataTable)
            .get_cell(f"line:{KATARAKT}", "tillagg")
            .plain
            == "750"
        )
    resumed = make_app(changed, "NU", 2026, review_since=1)
    async with resumed.run_test(size=SIZE) as pilot:
        screen = resumed.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.info.id == 1 and screen.index == 2
        assert [i.decision for i in screen.items] == [Verdict.ACCEPTED, Verdict.REJECTED, None]
        await pilot.press("a")
    db = open_database(changed)
    assert get_review(db, 1).status == "finished"
    sources = [
        r["source"]
        for r in db.query(
            "SELECT source FROM audit_log WHERE line_key = ? AND tbl = 'volumes'"
            " AND source != 'seed'",
            [KATARAKT],
        )
    ]
    assert sources == ["tui", "tui"] + ["review"] * 6


async def test_review_from_grid_and_palette(changed: Path) -> None:
    app = make_app(changed, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "review: start or resume" in titles and "log: show" in titles


def test_summary_figures_for_a_known_session(changed: Path) -> None:
    db: Database = open_database(changed)
    info = start_or_resume(db, 1, "anna")
    items = load_items(db, info.id)
    decide(db, info, items[0], Verdict.ACCEPTED, "anna")
    decide(db, info, items[1], Verdict.REJECTED, "anna")
    set_comment(db, info, KATARAKT, "=över budget")
    doc = json.loads(run_cli(changed, "review", "summary", "1", "--format", "json").output)
    assert doc["totals"] == {
        "accepted_tillagg_cost_delta": 970 * 2503,
        "rejected_tillagg_cost_delta": 150 * 35795,
        "open_tillagg_cost_delta": 236 * 4955,
        "accepted": 1,
        "rejected": 1,
        "open": 1,
    }
    assert doc["decision"] == "delegation"
    assert doc["items"][1]["comment"] == "=över budget"
    md = run_cli(changed, "review", "summary", "1", "--format", "md").output
    assert "## Rejected" in md and "+5\u00a0369\u00a0250" in md and "delegation" in md
    text = run_cli(changed, "review", "summary", "1").output
    assert "Open:" in text and "Koloskopi" in text
    listing = json.loads(run_cli(changed, "review", "list", "--format", "json").output)
    assert listing[0]["id"] == 1 and listing[0]["since"] == 1 and listing[0]["status"] == "open"
    assert listing[0]["reviewer"] == "anna" and listing[0]["started_at"]


def test_minutes_show_bas_so_a_rejected_bas_change_is_visible(changed: Path) -> None:
    db: Database = open_database(changed)
    info = start_or_resume(db, 1, "anna")
    koloskopi = next(item for item in load_items(db, info.id) if item.key == KOLOSKOPI)
    decide(db, info, koloskopi, Verdict.REJECTED, "anna")
    text = run_cli(changed, "review", "summary", "1").output
    rejected = text.split("Rejected")[1].split("Open:")[0]
    assert "Bas" in rejected.splitlines()[2]
    row = next(line for line in rejected.splitlines() if "Koloskopi" in line)
    assert (
        "3\u00a0500" in row
        and "1\u00a0736 → 1\u00a0500" in row
        and "1\u00a0764 → 2\u00a0000" in row
    )
    md = run_cli(changed, "review", "summary", "1", "--format", "md").output
    assert "| Line " in md and "| Bas " in md


def test_review_board_verdict_when_accepting_over_threshold(changed: Path) -> None:
    db = open_database(changed)
    info = start_or_resume(db, 1, "anna")
    for item in load_items(db, info.id):
        decide(db, info, item, Verdict.ACCEPTED, "anna")
    doc = json.loads(run_cli(changed, "review", "summary", "1", "--format", "json").output)
    assert doc["decision"] == "board" and doc["review"]["status"] == "finished"


def test_log_filters(changed: Path) -> None:
    everything = json.loads(run_cli(changed, "log", "--format", "json").output)
    assert len(everything) == 6
    assert {e["source"] for e in everything} == {"cli", "tui"}
    one = json.loads(run_cli(changed, "log", "--line", BUP, "--format", "json").output)
    assert [(e["field"], e["old"], e["new"], e["user"], e["reason"]) for e in one] == [
        ("uppdrag", 1030, 2000, "bo", "kö växer"),
        ("tillagg", 330, 1300, "bo", "kö växer"),
    ]
    assert (
        run_cli(changed, "log", "--since", "2026-03-03", "--format", "json").output.strip() == "[]"
    )
    text = run_cli(changed, "log", "--line", KATARAKT).output
    assert "tillägg 750 → 900" in text and "[tui]" in text and "«extra lista»" in text
    assert run_cli(changed, "log", "--hospital", "NU", "--year", "2026").exit_code == 0


async def test_reason_for_last_edit_and_prompt_setting(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert "No edit" in str(app.screen.query_one("#status").render())
        await pilot.press("2", "0", "0", "0", "enter", "r")
        await pilot.press(*"kö", "enter")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.action_toggle_reason_prompt()
        await pilot.press("5", "0", "0", "enter")
        await pilot.press(*"fler remisser", "enter")
    db = open_database(db_path)
    reasons = [
        (r["line_key"], r["reason"])
        for r in db.query("SELECT * FROM audit_log WHERE field = 'reason'")
    ]
    assert reasons == [(BUP, "kö"), ("psykiatri/forstabesok/vup", "fler remisser")]


def test_review_without_changes_and_unknown_snapshot(db_path: Path) -> None:
    db = open_database(db_path)
    create_snapshot(db, load_plan(db, "NU", 2026), "x", "", "a")
    info = start_or_resume(db, 1, "anna")
    assert load_items(db, info.id) == []
    assert run_cli(db_path, "review", "summary", "9").exit_code == 2
    assert run_cli(db_path, "review").exit_code == 2


async def test_minutes_written_from_the_app(
    changed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(changed, "NU", 2026, review_since=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x", "w")
        status = str(app.screen.query_one("#status").render())
        assert f"Wrote the minutes to {tmp_path / 'review-1.md'}" in status
    minutes = (tmp_path / "review-1.md").read_text(encoding="utf-8")
    assert minutes == run_cli(changed, "review", "summary", "1", "--format", "md").output
    assert "## Accepted" in minutes and "BUP" in minutes


def test_a_line_changed_after_its_decision_is_open_again(changed: Path) -> None:
    db = open_database(changed)
    info = start_or_resume(db, 1, "anna")
    bup, katarakt, _ = load_items(db, info.id)
    decide(db, info, bup, Verdict.ACCEPTED, "anna")
    set_comment(db, info, BUP, "ok i mars")
    decide(db, info, katarakt, Verdict.REJECTED, "anna")
    edit_line(db, 1, BUP, Field.UPPDRAG, 2500, Actor("bo", "cli"))
    assert start_or_resume(db, 1, "anna").id == info.id
    bup_now, katarakt_now, koloskopi_now = load_items(db, info.id)
    assert bup_now.decision is None and bup_now.new.uppdrag == 2500
    assert bup_now.comment == "ok i mars"
    assert katarakt_now.decision is Verdict.REJECTED and koloskopi_now.decision is None
