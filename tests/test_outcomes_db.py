"""Storing outcomes and phasing: STRICT checks, compare-and-set, audit and phasing log."""

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.audit import query_log
from db.audit_trail import Actor
from db.outcomes import OutcomeConflict, import_outcomes, load_outcomes, set_outcome
from db.phasing import load_phasing, phasing_history, set_phasing
from planner.followup.phasing import EVEN, PhasingError

KEY = "somatik/forstabesok/ortopedi"
ANNA = Actor("anna", "cli")


def test_set_clear_and_audit(db: Database) -> None:
    assert set_outcome(db, 1, KEY, 3, 420, ANNA) == (None, 420)
    assert set_outcome(db, 1, KEY, 3, 420, ANNA) == (420, 420)
    assert set_outcome(db, 1, KEY, 3, 0, ANNA) == (420, 0)
    assert load_outcomes(db, 1) == {KEY: {3: 0}}
    assert set_outcome(db, 1, KEY, 3, None, ANNA) == (0, None)
    assert load_outcomes(db, 1) == {}
    entries = [(e.field, e.old, e.new, e.source) for e in query_log(db, KEY)]
    assert entries == [
        ("performed:3", None, 420, "cli"),
        ("performed:3", 420, 0, "cli"),
        ("performed:3", 0, None, "cli"),
    ]


def test_compare_and_set_sees_a_clear_and_reentry(db_path: Path, db: Database) -> None:
    set_outcome(db, 1, KEY, 1, 400, ANNA)
    other = Database(sqlite3.connect(db_path, isolation_level=None))
    set_outcome(other, 1, KEY, 1, None, Actor("bo", "tui"))
    set_outcome(other, 1, KEY, 1, 410, Actor("bo", "tui"))
    other.conn.close()
    with pytest.raises(OutcomeConflict, match="month 1 was changed by someone else: it is now 410"):
        set_outcome(db, 1, KEY, 1, 999, ANNA, expected=400)
    assert load_outcomes(db, 1) == {KEY: {1: 410}}


def test_checks_refuse_bad_rows(db: Database) -> None:
    for month, value in ((13, 1), (0, 1), (1, -1), (1, 10_000_000)):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO outcomes (plan_id, line_key, month, performed) VALUES (1, ?, ?, ?)",
                [KEY, month, value],
            )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO phasing (plan_id, w3) VALUES (1, 0)")
    set_phasing(db, 1, (2,) * 12, ANNA)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM phasing_log")


def test_import_is_idempotent_and_audited(db: Database) -> None:
    values = {(KEY, 1): 400, (KEY, 2): 380}
    first = import_outcomes(db, 1, values, Actor("anna", "import"), "a.csv sha256 abc")
    assert (first.changed, first.unchanged) == (2, 0)
    again = import_outcomes(db, 1, values, Actor("anna", "import"), "a.csv sha256 abc")
    assert (again.changed, again.unchanged) == (0, 2)
    reasons = {e.reason for e in query_log(db, KEY)}
    assert reasons == {"a.csv sha256 abc; 2 values changed"}


def test_phasing_default_set_and_logged(db: Database) -> None:
    assert load_phasing(db, 1) == EVEN
    weights = (20, 19, 22, 21, 20, 20, 22, 15, 22, 23, 20, 17)
    assert set_phasing(db, 1, weights, Actor("anna", "cli", "working days")) == (EVEN, weights)
    set_phasing(db, 1, weights, ANNA)
    assert load_phasing(db, 1) == weights
    [entry] = phasing_history(db, 1)
    assert (entry.old, entry.new, entry.reason, entry.user) == (
        EVEN,
        weights,
        "working days",
        "anna",
    )
    with pytest.raises(PhasingError):
        set_phasing(db, 1, (0,) * 12, ANNA)
