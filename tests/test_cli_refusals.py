"""Every refusal is one `error:` line and exit code 2: no traceback, no usage text, no silence."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from db.connection import open_error
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
HUGE = "99999999999999999999"
ROOT = Path(__file__).resolve().parent.parent


def refused(result: Result) -> str:
    """The one error line of a refused command (asserting there is nothing else)."""
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith("error: ") and "Traceback" not in result.output
    return result.output.removeprefix("error: ").rstrip("\n")


@pytest.fixture
def snapshots(db_path: Path) -> Path:
    """The seeded database with snapshot 1 of NU 2026, an SU 2026 plan and its snapshot 2."""
    assert run_cli(db_path, "snapshot", "create", "--label", "Mars").exit_code == 0
    assert run_cli(db_path, "plan", "create", "--hospital", "SU", "--year", "2026").exit_code == 0
    su = run_cli(db_path, "snapshot", "create", "--label", "SU start", "--hospital", "SU")
    assert su.exit_code == 0
    return db_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--year", HUGE, "report"],
            f"Invalid value for '--year': a year must be from 2000 to 2100, not {HUGE}",
        ),
        (
            ["report", "--year", HUGE],
            f"Invalid value for '--year': a year must be from 2000 to 2100, not {HUGE}",
        ),
        (
            ["snapshot", "show", HUGE],
            f"Invalid value for 'SNAPSHOT_ID': {HUGE} is too large for a snapshot id",
        ),
        (["diff", HUGE, "live"], f"Invalid value: {HUGE} is too large for a snapshot id"),
        (
            ["export", "--format", "json", "--output", "x.json", "--snapshot", HUGE],
            f"Invalid value for '--snapshot': {HUGE} is too large for a snapshot id",
        ),
        (
            ["review", "summary", HUGE],
            f"Invalid value for 'REVIEW_ID': {HUGE} is too large for a review id",
        ),
        (
            ["review", "--since", HUGE],
            f"Invalid value for '--since': {HUGE} is too large for a snapshot id",
        ),
        (
            ["plan", "create", "--hospital", "SU", "--year", HUGE],
            f"Invalid value for '--year': a year must be from 2000 to 2100, not {HUGE}",
        ),
        (
            ["log", "--year", HUGE],
            f"Invalid value for '--year': a year must be from 2000 to 2100, not {HUGE}",
        ),
        (
            ["snapshot", "show", "0"],
            "Invalid value for 'SNAPSHOT_ID': a snapshot id must be 1 or more, not 0",
        ),
        (
            ["snapshot", "show", "x"],
            "Invalid value for 'SNAPSHOT_ID': 'x' is not a whole number (a snapshot id)",
        ),
        (
            ["diff", "²", "live"],
            "Invalid value: '²' is neither a snapshot id, a plan like NU/2026, nor 'live'",
        ),
        (
            ["plan", "create", "--hospital", "SU", "--year", "2027", "--copy-from", "NU/²"],
            "Invalid value for --copy-from: 'NU/²' is not CODE/YYYY, e.g. NU/2026",
        ),
        (
            ["plan", "create", "--hospital", "SU", "--year", "2027", "--copy-from", "NU/20266"],
            "Invalid value: a year must be from 2000 to 2100, not 20266",
        ),
        (["set", BUP, "bas", "-1"], "-1 is negative: a volume must be 0 or more"),
        (["set", BUP, "uppdrag", "-5"], "-5 is negative: a volume must be 0 or more"),
        (["set", BUP, "bas", "10000000"], "10 000 000 is above the maximum 9 999 999"),
        (
            ["set", BUP, "bas", HUGE],
            "99 999 999 999 999 999 999 is above the maximum 9 999 999",
        ),
        (["set", BUP, "bas", "2.5"], "'2.5' is not a whole number (digits with optional spaces)"),
        (
            ["log", "--line", "katarakt"],
            "no line 'katarakt' in NU 2026; did you mean 'somatik/operation-atgard/katarakt'?"
            " `planner lines` lists the keys",
        ),
        (
            ["log", "--since", "yesterday"],
            "Invalid value for --since: 'yesterday' is not a date like 2026-03-01"
            " or a time like 2026-03-01T09:00",
        ),
        (
            ["log", "--since", "24/11/2026"],
            "Invalid value for --since: '24/11/2026' is not a date like 2026-03-01"
            " or a time like 2026-03-01T09:00",
        ),
        (
            ["log", "--since", "2026-02-30"],
            "Invalid value for --since: '2026-02-30' is not a date like 2026-03-01"
            " or a time like 2026-03-01T09:00",
        ),
        (["report", "--bogus"], "No such option '--bogus'."),
        (["set"], "Missing argument 'KEY'."),
        (["frobnicate"], "No such command 'frobnicate'."),
        (
            ["set", BUP, "volume", "5"],
            "Invalid value for '{uppdrag|bas|tillagg|tillägg|price_class}':"
            " 'volume' is not one of 'uppdrag', 'bas', 'tillagg', 'tillägg', 'price_class'.",
        ),
        (["review"], "give --since SNAPSHOT_ID, or a subcommand: list, summary"),
    ],
)
def test_refusals_are_one_line(db_path: Path, args: list[str], message: str) -> None:
    before = db_path.read_bytes()
    assert refused(run_cli(db_path, *args)) == message
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("value", ["abc", "", "1.5", "-1", "99999999999"])
def test_bad_busy_timeout_is_one_line(db_path: Path, value: str) -> None:
    for args in (["report"], ["set", BUP, "bas", "1"]):
        result = run_cli(db_path, *args, env={"PLANNER_BUSY_TIMEOUT_MS": value})
        assert refused(result) == (
            "PLANNER_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 0 to 86400000,"
            f" not {value!r}"
        )


def test_bad_busy_timeout_in_a_real_process_is_no_traceback(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planner.cli", "--db", str(db_path), "report"],
        env={"PLANNER_BUSY_TIMEOUT_MS": "abc", "PATH": "/usr/bin:/bin", "PLANNER_LANG": "en"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "error: PLANNER_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 0 to"
        " 86400000, not 'abc'\n"
    )


def test_a_good_busy_timeout_is_used(db_path: Path) -> None:
    result = run_cli(db_path, "set", BUP, "bas", "600", env={"PLANNER_BUSY_TIMEOUT_MS": "250"})
    assert result.exit_code == 0, result.output


def test_diff_names_the_hospital_it_compares(snapshots: Path) -> None:
    crossing = " (name both plans, e.g. NU/2026 SU/2026, or choose --hospital)"
    assert refused(run_cli(snapshots, "--hospital", "SU", "diff", "1", "live")) == (
        'NU 2026 snapshot 1 "Mars" and SU 2026 (live): plans of different hospitals are not'
        " compared" + crossing
    )
    assert refused(run_cli(snapshots, "diff", "1", "2")) == (
        'NU 2026 snapshot 1 "Mars" and SU 2026 snapshot 2 "SU start": plans of different'
        " hospitals are not compared" + crossing
    )
    assert refused(run_cli(snapshots, "diff", "2", "live")).startswith(
        'SU 2026 snapshot 2 "SU start" and NU 2026 (live): plans of different hospitals'
    )
    assert refused(run_cli(snapshots, "--hospital", "SU", "diff", "1", "1")) == (
        'NU 2026 snapshot 1 "Mars" and NU 2026 snapshot 1 "Mars", not SU:'
        " drop --hospital or pick its snapshots"
    )
    su = run_cli(snapshots, "--hospital", "SU", "diff", "2", "live", "--format", "json")
    assert su.exit_code == 0, su.output
    assert json.loads(su.output)["new"] == "SU 2026 (live)"
    nu = run_cli(snapshots, "diff", "1", "live")
    assert nu.exit_code == 0 and 'Changes NU 2026 snapshot 1 "Mars" → NU 2026 (live)' in nu.output


def test_tillagg_as_shown_is_accepted_like_tillagg(db_path: Path) -> None:
    shown = run_cli(db_path, "set", BUP, "tillägg", "400")
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(
        f"NU 2026: {BUP}: uppdrag 1\u00a0030 → 1\u00a0100, bas 700, tillägg 330 → 400;"
    )
    plain = run_cli(db_path, "set", BUP, "tillagg", "500")
    assert plain.output.startswith(
        f"NU 2026: {BUP}: uppdrag 1\u00a0100 → 1\u00a0200, bas 700, tillägg 400 → 500;"
    )
    fields = [e["field"] for e in json.loads(run_cli(db_path, "log", "--format", "json").output)]
    assert fields == ["uppdrag", "tillagg", "uppdrag", "tillagg"]


def test_valid_log_filters_still_work(db_path: Path) -> None:
    assert run_cli(db_path, "set", BUP, "bas", "600").exit_code == 0
    for since in ("2000-01-01", "2000-01-01T00:00", "2000-01-01 00:00:00"):
        entries = json.loads(run_cli(db_path, "log", "--since", since, "--format", "json").output)
        assert [(e["line_key"], e["field"]) for e in entries] == [(BUP, "bas"), (BUP, "tillagg")]
    assert run_cli(db_path, "log", "--since", "2999-01-01").output == ""
    assert len(json.loads(run_cli(db_path, "log", "--line", BUP, "--format", "json").output)) == 2


@pytest.mark.parametrize(
    "args",
    [["--help"], ["set", "--help"], ["backup", "--help"], ["log", "--help"], ["diff", "--help"]],
)
def test_help_still_works(args: list[str]) -> None:
    result = run_cli(None, *args)
    assert result.exit_code == 0 and result.output.startswith("Usage: ")


def test_version_still_works() -> None:
    result = run_cli(None, "--version")
    assert result.exit_code == 0 and result.output.startswith("planner, version ")


def test_help_in_a_real_process(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planner.cli", "backup", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0 and "--force" in result.stdout and result.stderr == ""


def test_a_full_disk_at_open_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite says "disk I/O error" when it cannot grow the -shm file on a full disk."""
    path = tmp_path / "plan.db"
    monkeypatch.setattr("db.connection.free_bytes", lambda folder: 0)
    full = open_error(path, sqlite3.OperationalError("disk I/O error"))
    assert str(full) == (
        f"cannot open {path}: the disk is full (0 bytes free); SQLite needs room for its -wal"
        " and -shm files. Free some space and try again; nothing was written"
    )
    monkeypatch.setattr("db.connection.free_bytes", lambda folder: 10 << 30)
    other = open_error(path, sqlite3.OperationalError("disk I/O error"))
    assert str(other) == f"cannot open {path}: disk I/O error"
    sqlite_says_full = open_error(path, sqlite3.OperationalError("database or disk is full"))
    assert "the disk is full" in str(sqlite_says_full)


def test_a_closed_pipe_ends_quietly(db_path: Path) -> None:
    """`planner report | head -1`: the reader goes away; no traceback on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "--db", str(db_path), "report"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert err == b""
