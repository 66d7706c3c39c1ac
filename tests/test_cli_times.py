"""The command line shows stored UTC times in local time (the tests run in Europe/Stockholm)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from planner.cli.main import main


def run(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result


def test_log_and_snapshots_show_local_time_with_zone(db_path: Path, frozen: None) -> None:
    run(db_path, "set", "psykiatri/forstabesok/bup", "bas", "600")
    log = run(db_path, "log").output.splitlines()
    assert log[0].startswith("2026-03-02 10:15:00 CET  anna ")
    assert "+00:00" not in run(db_path, "log").output
    created = run(db_path, "snapshot", "create", "--label", "mars").output
    assert "by anna at 2026-03-02 10:15 CET" in created
    assert "  2026-03-02 10:15 CET  anna " in run(db_path, "snapshot", "list").output
    assert "time    2026-03-02 10:15 CET\n" in run(db_path, "snapshot", "show", "1").output


def test_log_since_a_local_date_counts_from_local_midnight(db_path: Path, frozen: None) -> None:
    run(db_path, "set", "psykiatri/forstabesok/bup", "bas", "600")
    assert run(db_path, "log", "--since", "2026-03-02T10:15").output != ""
    assert run(db_path, "log", "--since", "2026-03-02T10:16").output == ""
