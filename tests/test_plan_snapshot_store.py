"""Plan snapshots in storage: frozen content, hashes, immutability."""

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.audit_trail import Actor
from db.edits import edit_line
from db.errors import Invalid, NotFound
from db.plans import load_plan
from db.snapshots import create_snapshot, list_snapshots, load_snapshot
from planner.model import Field, Plan
from planner.snapshot import canonical_json, sha256_hex

ACTOR = Actor("tester", "cli")
BUP = "psykiatri/forstabesok/bup"


def test_snapshot_freezes_plan_and_round_trips(db: Database, nu_plan: Plan) -> None:
    info = create_snapshot(db, nu_plan, "Oktober", "för OSN", "anna")
    assert (info.label, info.note, info.author) == ("Oktober", "för OSN", "anna")
    assert len(info.sha256) == 64
    edit_line(db, nu_plan.plan_id, BUP, Field.UPPDRAG, 2000, ACTOR)
    _, frozen = load_snapshot(db, info.id)
    assert [line.volumes for line in frozen.lines] == [line.volumes for line in nu_plan.lines]
    assert frozen.prices == nu_plan.prices
    assert frozen.hospital == nu_plan.hospital


def test_sha256_is_stable_for_equal_content(db: Database, nu_plan: Plan) -> None:
    first = create_snapshot(db, nu_plan, "a", "", "x")
    again = create_snapshot(db, nu_plan, "b", "different note", "y")
    assert first.sha256 == again.sha256 == sha256_hex(canonical_json(nu_plan))
    edit_line(db, nu_plan.plan_id, BUP, Field.UPPDRAG, 2000, ACTOR)
    changed = create_snapshot(db, nu_plan, "c", "", "x")
    assert changed.sha256 != first.sha256
    edit_line(db, nu_plan.plan_id, BUP, Field.UPPDRAG, 1030, ACTOR)
    assert create_snapshot(db, nu_plan, "d", "", "x").sha256 == first.sha256


def test_database_refuses_to_change_or_delete_snapshots(db: Database, nu_plan: Plan) -> None:
    info = create_snapshot(db, nu_plan, "fixed", "", "x")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("UPDATE snapshots SET label = 'edited' WHERE id = ?", [info.id])
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("UPDATE snapshots SET content = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("DELETE FROM snapshots")
    assert list_snapshots(db)[0].label == "fixed"


def test_text_kept_byte_for_byte_and_limits(db: Database, nu_plan: Plan) -> None:
    label = "Ré\u0301vision ✓ 🏥 '; DROP TABLE plans; --"
    info = create_snapshot(db, nu_plan, label, "=1+1\n\tnote", "x")
    assert load_snapshot(db, info.id)[0].label == label
    assert load_snapshot(db, info.id)[0].note == "=1+1\n\tnote"
    assert db["plans"].count == 1
    with pytest.raises(Invalid, match="needs a label"):
        create_snapshot(db, nu_plan, "  ", "", "x")
    with pytest.raises(Invalid, match="more than the 200 allowed; nothing was saved"):
        create_snapshot(db, nu_plan, "x" * 201, "", "x")
    with pytest.raises(NotFound):
        load_snapshot(db, 99)


def test_snapshot_takes_saved_state_not_stale_plan(db: Database, db_path: Path) -> None:
    stale = load_plan(db, "NU", 2026)
    edit_line(db, stale.plan_id, BUP, Field.UPPDRAG, 2000, ACTOR)
    info = create_snapshot(db, stale, "now", "", "x")
    assert load_snapshot(db, info.id)[1].line(BUP).volumes.uppdrag == 2000
