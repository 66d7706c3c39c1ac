"""Changes made outside planner (the sqlite3 module as the attacker) are found and named."""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest
from sqlite_utils import Database
from textual.widgets import Static

from db.audit_trail import Actor, audit_head
from db.connection import APPLICATION_ID, raw_connect
from db.edits import edit_line
from db.errors import StorageError
from db.maintenance import check
from db.plans import load_plan
from db.reviews import start_or_resume
from db.schema import migrations
from db.seed import seed
from db.setup import open_database
from db.snapshots import create_snapshot, load_snapshot
from planner.cli.app_factory import make_app
from planner.integrity import GENESIS, chain_problem, entry_hash, snapshot_record_hash
from planner.model import Field
from planner.snapshot import canonical_json
from screens.plan_screen import PlanScreen
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"
ANNA = Actor("anna", "cli", "test")
CHANGED = "it or an entry before it was changed outside planner"
UNTRUSTED = (
    "it was changed outside planner. Run `planner check` and restore the database from a backup"
)


@contextmanager
def attacker(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, as someone with write access to the file would use."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def trigger_sql(conn: sqlite3.Connection, name: str) -> str:
    return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]


def seed_entries(db: Database) -> int:
    """How many entries the seed wrote: the first edit's entry is the one after them."""
    return int(db.execute("SELECT count(*) FROM audit_log WHERE source = 'seed'").fetchone()[0])


def two_edits_and_a_snapshot(db: Database) -> int:
    """Audit entries S+1 to S+4 after the S seed entries (each edit moves tillägg and
    uppdrag), then snapshot 1, anchored at entry S+4; returns the plan id."""
    pid = load_plan(db, "NU", 2026).plan_id
    edit_line(db, pid, BUP, Field.TILLAGG, 500, ANNA)
    edit_line(db, pid, VUP, Field.TILLAGG, 100, ANNA)
    create_snapshot(db, load_plan(db, "NU", 2026), "Mars", "", "anna")
    return pid


# The chain itself (pure)


def test_entry_hash_covers_content_and_the_previous_hash() -> None:
    entry = {
        "id": 1,
        "at": "2026-03-02T09:15:00+00:00",
        "user": "anna",
        "plan_id": 1,
        "line_key": BUP,
        "field": "bas",
        "old": 700,
        "new": 600,
        "reason": "",
        "source": "cli",
    }
    first = entry_hash(GENESIS, entry)
    assert len(first) == 64 and first == entry_hash(GENESIS, dict(entry))
    assert entry_hash("1" * 64, entry) != first
    assert entry_hash(GENESIS, {**entry, "new": "600"}) != first
    second = {**entry, "id": 2, "new": 500, "hash": ""}
    second["hash"] = entry_hash(first, second)
    assert chain_problem([{**entry, "hash": first}, second]) is None
    assert chain_problem([{**entry, "hash": first}, {**second, "old": 1}]) == (
        f"audit entry 2 does not match its hash: {CHANGED}"
    )
    assert chain_problem([second]) == (
        "audit entry 1 is missing (entry 2 comes next): entries were removed or renumbered"
        " outside planner"
    )


# An untouched database


def test_untouched_database_checks_clean_and_head_is_the_last_entry(
    db: Database, db_path: Path
) -> None:
    two_edits_and_a_snapshot(db)
    assert check(db) == []
    head_id, head = audit_head(db)
    last = seed_entries(db) + 4
    assert head_id == last
    assert head == db.execute("SELECT hash FROM audit_log WHERE id = ?", [last]).fetchone()[0]
    record = next(db.query("SELECT * FROM snapshots"))
    assert (record["audit_head_id"], record["audit_head"]) == (last, head)
    assert record["record_sha256"] == snapshot_record_hash(record)
    ok = run_cli(db_path, "check")
    assert ok.exit_code == 0
    checked = (
        "ok (integrity, foreign keys, schema, audit chain, tables against the chain, snapshots, R1)"
    )
    assert ok.stdout == f"{db_path}: {checked}; audit head {last}:{head}\n"


# The audit log


def test_rewritten_entry_is_named(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    second = seed_entries(db) + 2
    with attacker(db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET new = 9000 WHERE id = ?", [second])
    assert check(db) == [
        "trigger audit_log_no_update is missing",
        f"audit entry {second} does not match its hash: {CHANGED}",
    ]
    result = run_cli(db_path, "check")
    assert result.exit_code == 2
    assert result.stdout == (
        "problem: trigger audit_log_no_update is missing\n"
        f"problem: audit entry {second} does not match its hash: {CHANGED}\n"
    )
    assert result.stderr == "error: 2 problem(s) found; restore from a backup (`planner backup`)\n"


def test_rewritten_entry_with_trigger_put_back_is_still_named(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    with attacker(db_path) as conn:
        guard = trigger_sql(conn, "audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET user = 'bertil' WHERE id = 1")
        conn.execute(guard)
    assert check(db) == [f"audit entry 1 does not match its hash: {CHANGED}"]


def test_a_do_nothing_trigger_under_the_old_name_is_named(db: Database, db_path: Path) -> None:
    with attacker(db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END"
        )
        conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON audit_log BEGIN SELECT 1; END")
    assert check(db) == [
        "trigger audit_log_no_delete differs from planner's definition",
        "trigger sneaky is not one of planner's",
    ]


def test_removed_entry_in_the_middle_is_named(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    second = seed_entries(db) + 2
    with attacker(db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = ?", [second])
    assert check(db) == [
        "trigger audit_log_no_delete is missing",
        f"audit entry {second} is missing (entry {second + 1} comes next): entries were removed"
        " or renumbered outside planner",
    ]


def test_cut_tail_is_found_by_the_snapshot_that_saw_it(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    last = seed_entries(db) + 4
    with attacker(db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = ?", [last])
    assert check(db) == [
        "trigger audit_log_no_delete is missing",
        f"volumes NU/2026 {VUP}: table tillägg 100, the log says 170",
        f"snapshot 1 was taken after audit entry {last}, which is now missing:"
        " the audit log was cut or rewritten",
    ]


def test_cut_tail_after_the_last_snapshot_is_found_by_the_replay(
    db: Database, db_path: Path
) -> None:
    """No snapshot saw the cut entries, but the line they changed no longer matches the log."""
    pid = two_edits_and_a_snapshot(db)
    edit_line(db, pid, BUP, Field.TILLAGG, 600, ANNA)
    cut = [seed_entries(db) + 5, seed_entries(db) + 6]
    with attacker(db_path) as conn:
        delete_guard = trigger_sql(conn, "audit_log_no_delete")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id IN (?, ?)", cut)
        conn.execute(delete_guard)
    assert check(db) == [
        f"volumes NU/2026 {BUP}: table uppdrag 1\u00a0300, the log says 1\u00a0200",
        f"volumes NU/2026 {BUP}: table tillägg 600, the log says 500",
    ]


# Snapshots


def rewrite_snapshot(db_path: Path, **columns: str) -> None:
    """Change snapshot 1 and put the guard trigger back, as a careful attacker would."""
    with attacker(db_path) as conn:
        guard = trigger_sql(conn, "snapshots_no_update")
        conn.execute("DROP TRIGGER snapshots_no_update")
        for name, value in columns.items():
            conn.execute(f"UPDATE snapshots SET {name} = ? WHERE id = 1", [value])
        conn.execute(guard)


def test_rewritten_content_with_its_old_sha256_is_refused(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    content = db.execute("SELECT content FROM snapshots").fetchone()[0]
    rewrite_snapshot(db_path, content=content.replace('"tillagg":500', '"tillagg":400'))
    assert check(db) == ["snapshot 1: its content does not match its sha256"]
    with pytest.raises(StorageError) as refused:
        load_snapshot(db, 1)
    assert str(refused.value) == (
        f"snapshot 1 cannot be trusted: its content does not match its sha256; {UNTRUSTED}"
    )
    target = str(db_path.with_suffix(".json"))
    export = ("export", "--snapshot", "1", "--format", "json", "--output", target)
    for args in (("diff", "1", "live"), export):
        result = run_cli(db_path, *args)
        assert result.exit_code == 2
        assert result.stderr == f"error: {refused.value}\n"


RECORD = "snapshot 1: its record (label, note, author, time, content) does not match its hash"


def test_rewritten_sha256_too_breaks_the_record_hash(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    content = db.execute("SELECT content FROM snapshots").fetchone()[0]
    forged = content.replace('"tillagg":500', '"tillagg":400')
    rewrite_snapshot(db_path, content=forged, sha256=hashlib.sha256(forged.encode()).hexdigest())
    assert check(db) == [RECORD]


@pytest.mark.parametrize(
    "column, value",
    [("author", "bertil"), ("label", "April"), ("created_at", "2026-01-01T00:00:00+00:00")],
)
def test_rewritten_metadata_breaks_the_record_hash(
    db: Database, db_path: Path, column: str, value: str
) -> None:
    two_edits_and_a_snapshot(db)
    rewrite_snapshot(db_path, **{column: value})
    assert check(db) == [RECORD]
    with pytest.raises(StorageError, match="does not match its hash; it was changed outside"):
        load_snapshot(db, 1)


def forge(db: Database, db_path: Path, content: str) -> None:
    """Replace snapshot 1's content and recompute both its hashes: only R1 and JSON remain."""
    record = next(db.query("SELECT * FROM snapshots WHERE id = 1"))
    record["content"] = content
    rewrite_snapshot(
        db_path,
        content=content,
        sha256=hashlib.sha256(content.encode()).hexdigest(),
        record_sha256=snapshot_record_hash(record),
    )


def test_forged_snapshot_breaking_r1_is_refused_in_one_line(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    doc = json.loads(db.execute("SELECT content FROM snapshots").fetchone()[0])
    bup = next(line for line in doc["lines"] if line["key"] == BUP)
    bup["tillagg"] = 400
    forge(db, db_path, json.dumps(doc))
    problem = f"line '{BUP}': uppdrag 1\u00a0200 is not bas 700 + tillägg 400"
    assert check(db) == [f"snapshot 1: {problem}"]
    result = run_cli(db_path, "diff", "1", "live")
    assert result.exit_code == 2
    one_line = problem.replace("\u00a0", " ")  # `error:` lines fold every space into one
    assert result.stderr == f"error: snapshot 1 cannot be trusted: {one_line}; {UNTRUSTED}\n"


def test_non_json_snapshot_is_one_line_without_a_traceback(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    forge(db, db_path, "not json {")
    reason = "its content is not valid JSON (Expecting value: line 1 column 1 (char 0))"
    assert check(db) == [f"snapshot 1: {reason}"]
    for args in (("diff", "1", "live"), ("snapshot", "show", "1")):
        result = run_cli(db_path, *args)
        assert result.exit_code == 2
        assert result.stderr == f"error: snapshot 1 cannot be trusted: {reason}; {UNTRUSTED}\n"
        assert "Traceback" not in result.output
    with pytest.raises(StorageError, match=r"^snapshot 1 cannot be trusted: its content is not"):
        start_or_resume(db, 1, "anna")


async def test_app_with_a_forged_latest_snapshot_says_so_and_keeps_working(
    db: Database, db_path: Path
) -> None:
    two_edits_and_a_snapshot(db)
    forge(db, db_path, "not json {")
    app = make_app(db_path, "NU", 2026)
    async with app.run_test() as pilot:
        await pilot.pause()
        status = app.screen.query_one("#status", Static)
        assert str(status.render()).startswith("snapshot 1 cannot be trusted: its content is not")
        assert status.has_class("error")
        status.update("")
        await pilot.press("d", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert str(status.render()).startswith("snapshot 1 cannot be trusted: its content is not")


# A consistent rewrite


def rewrite_whole_history(db: Database, db_path: Path, user: str) -> None:
    """The attack the README admits: every entry and snapshot rehashed consistently."""
    entries = list(db.query("SELECT * FROM audit_log ORDER BY id"))
    snapshot = next(db.query("SELECT * FROM snapshots WHERE id = 1"))
    with attacker(db_path) as conn:
        guard = trigger_sql(conn, "audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_update")
        previous = GENESIS
        for entry in entries:
            previous = entry_hash(previous, {**entry, "user": user})
            conn.execute(
                "UPDATE audit_log SET user = ?, hash = ? WHERE id = ?",
                [user, previous, entry["id"]],
            )
            if entry["id"] == snapshot["audit_head_id"]:
                snapshot["audit_head"] = previous
        conn.execute(guard)
    rewrite_snapshot(
        db_path,
        audit_head=snapshot["audit_head"],
        record_sha256=snapshot_record_hash(snapshot),
    )


def test_only_a_noted_head_reveals_a_consistent_rewrite(db: Database, db_path: Path) -> None:
    two_edits_and_a_snapshot(db)
    noted = "{}:{}".format(*audit_head(db))
    assert run_cli(db_path, "check", "--head", noted).exit_code == 0
    bad = run_cli(db_path, "check", "--head", "4")
    assert (bad.exit_code, bad.stdout) == (
        2,
        "problem: '4' is not an audit head; give it as ID:HASH, as `planner check` prints it\n",
    )
    rewrite_whole_history(db, db_path, "bertil")
    assert check(db) == []
    assert {row[0] for row in db.execute("SELECT user FROM audit_log")} == {"bertil"}
    rewritten = run_cli(db_path, "check", "--head", noted)
    assert rewritten.exit_code == 2
    assert rewritten.stdout == (
        f"problem: audit entry {audit_head(db)[0]} noted as the head is now changed: the log was"
        " rewritten\n"
    )


# Volumes and the schema


def test_line_breaking_r1_is_named(db: Database, db_path: Path) -> None:
    with attacker(db_path) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE volumes SET uppdrag = 5 WHERE line_key = ?", [BUP])
    assert check(db) == [
        "CHECK constraint failed in volumes",
        f"volumes NU/2026 {BUP}: table uppdrag 5, the log says 1\u00a0030",
        f"volumes of NU 2026 line '{BUP}': uppdrag 5 is not bas 700 + tillägg 330",
    ]


def test_dropped_audit_table_is_named_and_never_recreated(db_path: Path) -> None:
    with attacker(db_path) as conn:
        conn.execute("DROP TABLE audit_log")
    result = run_cli(db_path, "check")
    assert result.exit_code == 2
    assert result.stdout == (
        "problem: table audit_log is missing\n"
        "problem: trigger audit_log_no_delete is missing\n"
        "problem: trigger audit_log_no_update is missing\n"
    )
    for command in (("init",), ("report",), ("set", BUP, "bas", "600")):
        refused = run_cli(db_path, *command)
        assert refused.exit_code == 2
        assert refused.stderr == (
            f"error: {db_path} is missing table audit_log, trigger audit_log_no_delete, trigger"
            " audit_log_no_update: it was changed outside planner and is not opened (nothing was"
            " recreated or written). Run `planner check` on it and restore the database from a"
            " backup\n"
        )
    with attacker(db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "audit_log" not in tables
        assert conn.execute("SELECT bas FROM volumes WHERE line_key = ?", [BUP]).fetchone() == (
            700,
        )


def test_dropped_settings_table_is_refused_on_open(db_path: Path) -> None:
    with attacker(db_path) as conn:
        conn.execute("DROP TABLE settings")
    with pytest.raises(StorageError, match="is missing table settings: it was changed outside"):
        open_database(db_path, create=True, reseed=True)
    with attacker(db_path) as conn:
        found = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'settings'")
        assert found.fetchone() == (0,)


def test_dropped_migration_record_is_named_alone(db_path: Path) -> None:
    with attacker(db_path) as conn:
        conn.execute("DROP TABLE _sqlite_migrations")
    result = run_cli(db_path, "check")
    assert (result.exit_code, result.stdout) == (
        2,
        "problem: table _sqlite_migrations is missing\n",
    )
    refused = run_cli(db_path, "report")
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"error: {db_path} is missing table _sqlite_migrations: it")


# Upgrading a database made before the chain


def database_without_the_chain(path: Path) -> None:
    """What the code before m004 made: m001-m003, entries and a snapshot without hashes."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    db = Database(raw_connect(path), execute_plugins=False)
    migrations.apply(db, stop_before="m004_tamper_evidence")
    db.execute("PRAGMA user_version = 3")
    with (
        patch("db.seed.record_change", lambda *_, **__: None),
        patch("db.plans.record_change", lambda *_, **__: None),
    ):
        seed(db)  # as the code before the chain did: no entries for seeded rows
    insert = (
        "INSERT INTO audit_log (at, user, plan_id, line_key, field, old, new, reason, source)"
        " VALUES (?, 'anna', 1, ?, 'tillagg', ?, ?, '', 'cli')"
    )
    db.execute(insert, ["2026-03-01T08:00:00+00:00", BUP, 330, 500])
    db.execute(insert, ["2026-03-01T09:00:00+00:00", VUP, 0, 100])
    content = canonical_json(load_plan(db, "NU", 2026))
    db.execute(
        "INSERT INTO snapshots (plan_id, label, note, author, created_at, sha256, content)"
        " VALUES (1, 'Mars', '', 'anna', '2026-03-01T08:30:00+00:00', ?, ?)",
        [hashlib.sha256(content.encode()).hexdigest(), content],
    )
    db.execute(insert, ["2026-03-01T10:00:00+00:00", BUP, 500, 600])
    db.conn.close()


def test_database_from_before_the_chain_is_upgraded_and_checks_clean(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database_without_the_chain(path)
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.functions)
    assert check(db) == []
    first = db.execute("SELECT hash FROM audit_log WHERE id = 1").fetchone()[0]
    entry = next(db.query("SELECT * FROM audit_log WHERE id = 1"))
    assert first == entry_hash(GENESIS, entry)
    snapshot = next(db.query("SELECT * FROM snapshots"))
    assert (snapshot["audit_head_id"], snapshot["audit_head"]) == (1, first)
    info, frozen = load_snapshot(db, 1)
    assert info.label == "Mars"
    assert next(line for line in frozen.lines if line.key == BUP).volumes.tillagg == 330
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET new = 1")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("UPDATE snapshots SET label = 'x'")
    checkpoint = db.execute("SELECT count(*) FROM audit_log WHERE source = 'checkpoint'")
    later = db.execute(  # money, register and places: seeded at the upgrade after the checkpoint
        "SELECT count(*) FROM audit_log WHERE source = 'seed' AND tbl != 'prices'"
        " AND tbl != 'plans' AND tbl != 'volumes'"
    )
    assert checkpoint.fetchone()[0] == audit_head(db)[0] - 3 - later.fetchone()[0]
    edit_line(db, 1, BUP, Field.BAS, 600, ANNA)
    assert check(db) == []


def test_check_leaves_an_old_database_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database_without_the_chain(path)
    before = path.read_bytes()
    result = run_cli(path, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        "note: written by an older planner; the audit chain is added when it is opened\n"
    )
    assert path.read_bytes() == before


# Who is recorded


def test_user_comes_from_the_os_account_not_user_or_logname(db_path: Path) -> None:
    env = {**os.environ, "USER": "mallory", "LOGNAME": "mallory", "PLANNER_DB": str(db_path)}
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", "set", BUP, "bas", "600"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    with attacker(db_path) as conn:
        users = {row[0] for row in conn.execute("SELECT user FROM audit_log WHERE source = 'cli'")}
    assert users == {pwd.getpwuid(os.getuid()).pw_name}
    assert "mallory" not in users
