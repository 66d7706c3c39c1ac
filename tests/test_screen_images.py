"""What the screen shows, pinned as SVG snapshots (fixed size, fixture database, no clock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.cli.app_factory import make_app

SIZE = (120, 45)


def test_main_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(make_app(db_path, "NU", 2026), terminal_size=SIZE)


def test_after_edit(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["2", "0", "0", "0", "enter"], terminal_size=SIZE)


def test_refused_edit(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["l", "5", "0", "0", "0", "enter"], terminal_size=SIZE)


def test_help_screen(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE)


def test_filtered_grid(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["slash", "o", "g", "o", "n", "enter"], terminal_size=SIZE)


def test_comparison_screen(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    press = ["s", *"base", "enter", "enter", "4", "0", "0", "0", "enter", "d", "enter"]
    assert snap_compare(app, press=press, terminal_size=SIZE)


def test_export_dialog(snap_compare: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")  # the dialog shows the full path: the same in every checkout
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["e", "down"], terminal_size=SIZE)


def _reviewed_db(db_path: Path) -> Path:
    from db.audit_trail import Actor
    from db.edits import edit_line
    from db.plans import load_plan
    from db.setup import open_database
    from db.snapshots import create_snapshot
    from planner.model import Field

    db = open_database(db_path)
    create_snapshot(db, load_plan(db, "NU", 2026), "Mars", "", "anna")
    edit_line(db, 1, "psykiatri/forstabesok/bup", Field.UPPDRAG, 2000, Actor("bo", "cli", "kö"))
    edit_line(db, 1, "somatik/operation-atgard/katarakt", Field.TILLAGG, 900, Actor("bo", "tui"))
    db.conn.close()
    return db_path


def test_review_screen(snap_compare: Any, db_path: Path, frozen: None) -> None:
    app = make_app(_reviewed_db(db_path), "NU", 2026, review_since=1)
    assert snap_compare(app, press=["a"], terminal_size=SIZE)


def test_log_screen(snap_compare: Any, db_path: Path, frozen: None) -> None:
    app = make_app(_reviewed_db(db_path), "NU", 2026)
    assert snap_compare(app, press=["L"], terminal_size=SIZE)


WIDE = (160, 50)
NARROW = (80, 24)


def test_wide_after_relative_edit(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["+", "5", "%", "enter"], terminal_size=WIDE)


def test_wide_board_warning_since_snapshot(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    press = ["s", *"base", "enter", "enter", *"2000", "enter", "+", *"300", "enter"]
    assert snap_compare(app, press=press, terminal_size=WIDE)


def test_narrow_after_edit(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=[*"2000", "enter"], terminal_size=NARROW)


def test_narrow_refused_edit(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["l", *"5000", "enter"], terminal_size=NARROW)


def test_wide_delta_columns(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    press = ["s", *"base", "enter", "enter", *"2000", "enter", "+", *"300", "enter", "D"]
    assert snap_compare(app, press=press, terminal_size=WIDE)
