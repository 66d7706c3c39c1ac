"""Shell completion through click's own protocol (what `_PLANNER_COMPLETE=bash_complete` runs)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner.cli.main import main


def complete(db: Path, words: str) -> list[str]:
    """The values bash would offer for the last word of `planner --db DB <words>`."""
    line = f"planner --db {db} {words}"
    result = CliRunner().invoke(
        main,
        [],
        prog_name="planner",
        env={
            "_PLANNER_COMPLETE": "bash_complete",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(line.split()) - (0 if line.endswith(" ") else 1)),
        },
    )
    assert result.exit_code == 0, result.output
    return [row.split(",", 1)[1] for row in result.output.splitlines() if row]


def test_line_keys(db_path: Path) -> None:
    assert complete(db_path, "set psykiatri/forstabesok/") == [
        "psykiatri/forstabesok/bup",
        "psykiatri/forstabesok/vup",
    ]
    assert complete(db_path, "log --line somatik/undersokning/g") == [
        "somatik/undersokning/gastroskopi"
    ]


def test_hospitals_and_plans(db_path: Path) -> None:
    assert complete(db_path, "report --hospital S") == ["SU", "SKAS", "SAS", "SV"]
    assert complete(db_path, "plan create --hospital SU --year 2026 --copy-from N") == ["NU/2026"]


def test_snapshot_ids_and_diff_versions(db_path: Path) -> None:
    runner = CliRunner()
    for label in ("mars", "sept"):
        args = ["--db", str(db_path), "snapshot", "create", "--label", label]
        assert runner.invoke(main, args).exit_code == 0
    assert complete(db_path, "snapshot show ") == ["1", "2"]
    assert complete(db_path, "diff 1 ") == ["1", "2", "NU/2026", "live", "decision"]


def test_no_database_completes_nothing(tmp_path: Path) -> None:
    assert complete(tmp_path / "none.db", "set psyk") == []
    assert not (tmp_path / "none.db").exists()
