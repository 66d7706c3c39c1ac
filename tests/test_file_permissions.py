"""Files on a shared host: what init creates, what copies may expose, what readers may change."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.connection import APPLICATION_ID
from db.schema import SCHEMA_VERSION
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
ROOT = Path(__file__).resolve().parent.parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the test process's umask after a test changes it."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.mark.parametrize(
    ("mask", "file_mode", "folder_mode"),
    [(0o002, 0o660, 0o770), (0o022, 0o640, 0o750), (0o077, 0o600, 0o700), (0o000, 0o660, 0o770)],
)
def test_init_gives_other_no_access(
    tmp_path: Path, umask: None, mask: int, file_mode: int, folder_mode: int
) -> None:
    os.umask(mask)
    db = tmp_path / "srv" / "planner" / "plan.db"
    assert run_cli(db, "init").exit_code == 0
    assert mode(db) == file_mode
    assert mode(db.parent) == folder_mode
    assert run_cli(db, "set", BUP, "uppdrag", "2000").exit_code == 0
    for companion in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if companion.exists():
            assert mode(companion) & 0o007 == 0


def test_backups_and_exports_are_never_wider_than_the_database(
    db_path: Path, tmp_path: Path, umask: None
) -> None:
    os.umask(0o000)
    db_path.chmod(0o640)
    backup = tmp_path / "b.db"
    assert run_cli(db_path, "backup", str(backup)).exit_code == 0
    assert mode(backup) == 0o640
    export = tmp_path / "plan.csv"
    export.write_text("old")
    export.chmod(0o666)
    assert (
        run_cli(db_path, "export", "--force", "--format", "csv", "-o", str(export)).exit_code == 0
    )
    assert mode(export) == 0o640
    db_path.chmod(0o600)
    assert run_cli(db_path, "backup", "--force", str(backup)).exit_code == 0
    assert mode(backup) == 0o600
    fresh = tmp_path / "plan.json"
    assert run_cli(db_path, "export", "--format", "json", "--output", str(fresh)).exit_code == 0
    assert mode(fresh) == 0o600


def _rollback_journal_planner_file(path: Path, user_version: int) -> None:
    """A planner file in rollback-journal mode (as a backup is), with the given user_version."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()


def test_reading_a_backup_changes_no_byte_and_works_read_only(
    db_path: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    assert run_cli(db_path, "backup", str(backup)).exit_code == 0
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    before = backup.read_bytes()
    backup.chmod(0o444)
    for args in (
        ["check"],
        ["check", "--quick"],
        ["report"],
        ["lines"],
        ["plan", "list"],
        ["snapshot", "list"],
        ["review", "list"],
        ["log"],
        ["diff", "live", "live"],
        ["export", "--format", "json", "--output", str(tmp_path / "x.json")],
    ):
        result = run_cli(backup, *args)
        assert result.exit_code == 0, (args, result.output)
    assert run_cli(backup, "check").output.startswith(
        f"{backup}: ok (integrity, foreign keys, schema, audit chain, tables against the chain,"
        " snapshots, R1); audit head"
    )
    assert backup.read_bytes() == before
    refused = run_cli(backup, "set", BUP, "uppdrag", "5")
    assert refused.exit_code == 2 and "read-only" in refused.output


@pytest.mark.parametrize(
    "args", [["check"], ["report"], ["init"], ["set", BUP, "bas", "1"], ["backup", "x.db"]]
)
def test_a_newer_file_is_refused_byte_for_byte(
    tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    newer = tmp_path / "newer.db"
    _rollback_journal_planner_file(newer, SCHEMA_VERSION + 1)
    before = newer.read_bytes()
    result = run_cli(newer, *args)
    assert result.exit_code == 2
    assert result.output.startswith(f"error: this database has schema version {SCHEMA_VERSION + 1}")
    assert newer.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


def test_an_older_file_is_not_upgraded_by_a_reader(tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    _rollback_journal_planner_file(older, 0)
    before = older.read_bytes()
    result = run_cli(older, "report")
    assert result.output == (
        f"error: {older} has schema version 0, older than this planner ({SCHEMA_VERSION});"
        " run `planner init` to upgrade it (reading commands never change the file)\n"
    )
    assert older.read_bytes() == before


def test_a_fifo_as_database_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.db"
    os.mkfifo(fifo)
    for args in (["report"], ["check"], ["set", BUP, "bas", "1"], ["init"]):
        result = subprocess.run(
            [sys.executable, "-m", "planner.cli", "--db", str(fifo), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=30,
            check=False,
        )
        assert result.returncode == 2
        assert result.stderr == (
            f"error: {fifo} is not a regular file (a FIFO, socket or device); refused\n"
        )
    assert fifo.is_fifo()


def test_a_folder_or_unreadable_file_as_database_is_one_line(db_path: Path, tmp_path: Path) -> None:
    folder = run_cli(tmp_path, "report")
    assert folder.exit_code == 2
    assert (
        folder.output
        == f"error: {tmp_path} is a folder, not a database file; give the file's path\n"
    )
    db_path.chmod(0o000)
    try:
        unreadable = run_cli(db_path, "report")
    finally:
        db_path.chmod(0o640)
    assert unreadable.exit_code == 2
    assert unreadable.output == (
        f"error: cannot read {db_path} (mode ----------); ask its owner for read access\n"
    )


def test_a_pre_created_empty_file_can_be_initialised_in_place(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    db.touch()
    db.chmod(0o660)
    inode = db.stat().st_ino
    result = run_cli(db, "init")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"database ready at {db} (49 lines; plans: NU 2026)\n"
        "decision snapshot 1 «Beslut OSN 2025-09-25 § 294» (the decided table)\n"
    )
    assert db.stat().st_ino == inode and mode(db) == 0o660
    assert run_cli(db, "set", BUP, "uppdrag", "2000").exit_code == 0
    assert run_cli(db, "check").exit_code == 0


def test_an_empty_file_is_only_filled_by_init(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    db.touch()
    for args in (["report"], ["set", BUP, "bas", "1"]):
        result = run_cli(db, *args)
        assert result.output == f"error: {db} is not a planner database (not an SQLite file)\n"
    assert db.read_bytes() == b""


def test_init_through_a_dangling_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "data" / "plan.db"
    real.parent.mkdir()
    link = tmp_path / "plan.db"
    link.symlink_to(real)
    assert run_cli(link, "init").exit_code == 0
    assert link.is_symlink() and real.is_file()
