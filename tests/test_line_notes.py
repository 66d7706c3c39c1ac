"""Issue 21 §3: a note on a line (what the number rests on), stored, chained and logged."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from sqlite_utils import Database

from db.audit import query_log
from db.audit_trail import Actor
from db.connection import APPLICATION_ID, raw_connect
from db.errors import Invalid, NotFound
from db.maintenance import check
from db.notes import load_note, set_note
from db.plans import load_plan
from db.schema import migrations
from db.seed import seed
from db.setup import open_database
from tests.conftest import run_cli

HUD = "somatik/forstabesok/hud"
BUP = "psykiatri/forstabesok/bup"
ANNA = Actor("anna", "cli")


def test_a_note_is_kept_changed_and_cleared_with_each_step_in_the_log(db: Database) -> None:
    assert set_note(db, 1, HUD, "  Enligt avtal med kliniken 2026-01  ", ANNA) == (
        "",
        "Enligt avtal med kliniken 2026-01",
    )
    assert set_note(db, 1, HUD, "Enligt avtal med kliniken 2026-01", ANNA) == (
        "Enligt avtal med kliniken 2026-01",
        "Enligt avtal med kliniken 2026-01",
    )
    set_note(db, 1, HUD, "Ny överenskommelse", ANNA)
    assert load_plan(db, "NU", 2026).notes == {HUD: "Ny överenskommelse"}
    set_note(db, 1, HUD, None, ANNA)
    assert load_note(db, 1, HUD) == ""
    logged = [(e.field, e.old, e.new) for e in query_log(db, HUD)]
    assert logged == [
        ("note", None, "Enligt avtal med kliniken 2026-01"),
        ("note", "Enligt avtal med kliniken 2026-01", "Ny överenskommelse"),
        ("note", "Ny överenskommelse", None),
    ]
    assert check(db) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "the note is empty; to remove a note, clear it (`--clear`)"),
        (
            "x" * 501,
            "the note is 501 characters, more than the 500 allowed; nothing was saved",
        ),
        (
            "a\x1b[31mb",
            "the note contains the control character U+001B; type it without it",
        ),
    ],
)
def test_a_bad_note_is_refused_and_nothing_is_stored(db: Database, text: str, message: str) -> None:
    set_note(db, 1, HUD, "kept", ANNA)
    with pytest.raises(Invalid) as refused:
        set_note(db, 1, HUD, text, ANNA)
    assert str(refused.value) == message
    assert load_note(db, 1, HUD) == "kept"


def test_a_note_on_an_unknown_line_is_refused(db: Database) -> None:
    with pytest.raises(NotFound):
        set_note(db, 1, "somatik/forstabesok/nope", "x", ANNA)


def test_a_note_changed_behind_plannners_back_is_named_by_check(
    db: Database, db_path: Path
) -> None:
    set_note(db, 1, HUD, "as agreed", ANNA)
    db.execute("UPDATE line_notes SET note = 'rewritten'")
    db.conn.commit()
    assert check(db) == [f"line_notes NU/2026 {HUD}: table note rewritten, the log says as agreed"]


def test_cli_note_sets_shows_lists_and_clears(db_path: Path) -> None:
    saved = run_cli(db_path, "note", HUD, "[bold]Avtal[/] 2026", check=True)
    assert saved.output == f"NU 2026: {HUD}: [bold]Avtal[/] 2026 [saved]\n"
    run_cli(db_path, "note", BUP, "Kö i januari", "--reason", "möte", check=True)
    assert (
        run_cli(db_path, "note", HUD, check=True).output == f"NU 2026: {HUD}: [bold]Avtal[/] 2026\n"
    )
    listed = run_cli(db_path, "notes", check=True).output
    assert listed == f"{BUP}  Kö i januari\n{HUD}    [bold]Avtal[/] 2026\n"
    log = run_cli(db_path, "log", "--line", BUP, check=True).output
    assert "Psykiatri / Förstabesök / BUP  note \u2013 → Kö i januari  [cli]  «möte»" in log
    cleared = run_cli(db_path, "note", HUD, "--clear", check=True)
    assert cleared.output == f"NU 2026: {HUD}: no note [removed]\n"
    again = run_cli(db_path, "note", HUD, "--clear", check=True)
    assert again.output == f"NU 2026: {HUD}: no note [unchanged]\n"


def test_cli_note_refusals_are_one_line(db_path: Path) -> None:
    both = run_cli(db_path, "note", HUD, "x", "--clear")
    assert (both.exit_code, both.stderr) == (
        2,
        "error: give a note or --clear, not both; nothing was changed\n",
    )
    long = run_cli(db_path, "note", HUD, "x" * 600)
    assert long.exit_code == 2
    assert long.stderr == (
        "error: the note is 600 characters, more than the 500 allowed; nothing was saved\n"
    )
    unknown = run_cli(db_path, "note", "hud", "x")
    assert "did you mean 'somatik/forstabesok/hud'?" in unknown.stderr
    empty = run_cli(db_path, "notes", check=True)
    assert empty.output == 'NU 2026: no line has a note (planner note KEY "TEXT" adds one)\n'


def test_a_database_from_before_notes_upgrades_and_takes_notes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    old = Database(raw_connect(path), execute_plugins=False)
    steps = [step.__name__ for step in migrations.functions]
    migrations.apply(old, stop_before="m017_line_notes")
    old.execute(f"PRAGMA user_version = {steps.index('m017_line_notes')}")
    seed(old)
    assert load_plan(old, "NU", 2026).notes == {}
    old.conn.close()
    db = open_database(path)
    assert "m017_line_notes" in migrations.applied(db)
    set_note(db, 1, HUD, "after the upgrade", ANNA)
    assert load_plan(db, "NU", 2026).notes == {HUD: "after the upgrade"}
    assert check(db) == []
    db.conn.close()


def test_every_export_carries_the_note_as_data(db_path: Path, tmp_path: Path) -> None:
    run_cli(db_path, "note", HUD, "=HYPERLINK(1) [b]x[/] | *y*", check=True)
    written = {}
    for fmt in ("csv", "json", "xlsx", "md", "text"):
        out = tmp_path / f"plan.{fmt}"
        run_cli(db_path, "export", "--format", fmt, "--output", str(out), check=True)
        written[fmt] = out
    rows = list(csv.reader(written["csv"].read_text("utf-8-sig").splitlines()))
    assert rows[0][-1] == "note"
    hud = next(row for row in rows if row[1] == HUD)
    assert hud[-1] == "'=HYPERLINK(1) [b]x[/] | *y*"
    assert all(row[-1] == "" for row in rows[1:] if row[1] != HUD)
    lines = json.loads(written["json"].read_text())["lines"]
    assert {line["key"]: line["note"] for line in lines if line["note"]} == {
        HUD: "=HYPERLINK(1) [b]x[/] | *y*"
    }
    sheet = openpyxl.load_workbook(written["xlsx"])["Plan"]
    assert sheet.cell(1, 10).value == "Note"
    noted = [row for row in sheet.iter_rows(values_only=True) if row[9] is not None]
    assert [(row[2], row[9]) for row in noted] == [
        ("Line", "Note"),
        ("Hud", "'=HYPERLINK(1) [b]x[/] | *y*"),
    ]
    assert "| Note" in written["md"].read_text()
    assert r"=HYPERLINK(1) \[b\]x\[/\] \| \*y\*" in written["md"].read_text()
    assert "=HYPERLINK(1) [b]x[/] | *y*" in written["text"].read_text()


def test_a_too_long_label_is_refused_saying_nothing_was_saved(db_path: Path) -> None:
    """A length message never says the text was kept: nothing is cut, nothing is saved."""
    snapshot = run_cli(db_path, "snapshot", "create", "--label", "x" * 201)
    assert snapshot.exit_code == 2
    assert snapshot.stderr == (
        "error: the label is 201 characters, more than the 200 allowed; nothing was saved\n"
    )
    table = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"
    imported = run_cli(
        db_path,
        "--hospital",
        "SAS",
        "import-table",
        str(table),
        "--decision",
        "B" * 250,
    )
    assert imported.exit_code == 2
    assert imported.stderr == (
        "error: the decision label is 250 characters, more than the 200 allowed;"
        " nothing was saved\n"
    )
    assert run_cli(db_path, "snapshot", "list", check=True).output.count("\n") <= 1
