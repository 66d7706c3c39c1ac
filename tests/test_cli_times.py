"""The command line shows stored UTC times in local time (the tests run in Europe/Stockholm)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_log_and_snapshots_show_local_time_with_zone(db_path: Path, frozen: None) -> None:
    run_cli(db_path, "set", "psykiatri/forstabesok/bup", "bas", "600", check=True)
    log = run_cli(db_path, "log", check=True).output.splitlines()
    assert log[0].startswith("2026-03-02 10:15:00 CET  anna ")
    assert "+00:00" not in run_cli(db_path, "log", check=True).output
    created = run_cli(db_path, "snapshot", "create", "--label", "mars", check=True).output
    assert "by anna at 2026-03-02 10:15 CET" in created
    assert (
        "  2026-03-02 10:15 CET  anna " in run_cli(db_path, "snapshot", "list", check=True).output
    )
    assert (
        "time    2026-03-02 10:15 CET\n"
        in run_cli(db_path, "snapshot", "show", "1", check=True).output
    )


def test_log_since_a_local_date_counts_from_local_midnight(db_path: Path, frozen: None) -> None:
    run_cli(db_path, "set", "psykiatri/forstabesok/bup", "bas", "600", check=True)
    assert run_cli(db_path, "log", "--since", "2026-03-02T10:15", check=True).output != ""
    assert run_cli(db_path, "log", "--since", "2026-03-02T10:16", check=True).output == ""
