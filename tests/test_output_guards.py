"""No file planner writes may replace the database: backups, exports and minutes are refused
when their target is the database (by device and inode: the same path, a symlink, a hard link
or one of its -wal/-shm files), and a symlinked output is written through, never replaced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from db.connection import database_files
from db.files import WriteError, protected_match, write_atomic
from db.output_files import write_output
from db.plans import load_line
from db.setup import open_database
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "planner.cli"]

# A planner that keeps its connection open (like the app), saves an edit, waits, saves another.
RUNNING_APP = """
import sys
from pathlib import Path
from db.audit_trail import Actor
from db.edits import edit_line
from db.setup import open_database
from planner.model import Field

db = open_database(Path(sys.argv[1]))
edit_line(db, 1, "psykiatri/forstabesok/bup", Field.UPPDRAG, 1111, Actor("anna", "tui"))
print("saved 1", flush=True)
sys.stdin.readline()
edit_line(db, 1, "psykiatri/forstabesok/bup", Field.UPPDRAG, 2222, Actor("anna", "tui"))
print("saved 2", flush=True)
"""


def one_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    return result.output


def aliases(db_path: Path) -> dict[str, Path]:
    """The database reached by other names: a symlink, a hard link, its -wal and -shm."""
    link = db_path.with_name("link.db")
    link.symlink_to(db_path)
    hard = db_path.with_name("hard.db")
    os.link(db_path, hard)
    return {
        "same path": db_path,
        "symlink": link,
        "hard link": hard,
        "wal": Path(f"{db_path}-wal"),
        "shm": Path(f"{db_path}-shm"),
        "relative": Path(os.path.relpath(db_path)),
    }


def test_backup_onto_the_database_from_another_process_keeps_the_running_apps_edits(
    db_path: Path,
) -> None:
    inode = db_path.stat().st_ino
    app = subprocess.Popen(
        [sys.executable, "-c", RUNNING_APP, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert app.stdout is not None and app.stdin is not None
        assert app.stdout.readline() == "saved 1\n"
        for args in (["backup", str(db_path)], ["backup", "--force", f"{db_path}-wal"]):
            refused = subprocess.run(
                [*CLI, "--db", str(db_path), *args],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            assert refused.returncode == 2
            assert refused.stderr.startswith(f"error: refusing to write {args[-1]}: it is the")
            assert refused.stdout == ""
        app.stdin.write("go\n")
        app.stdin.flush()
        assert app.stdout.readline() == "saved 2\n"
    finally:
        app.kill()
        app.wait()
    assert db_path.stat().st_ino == inode
    db = open_database(db_path)
    assert load_line(db, 1, BUP).volumes.uppdrag == 2222
    assert [
        r[0]
        for r in db.execute(
            "SELECT new FROM audit_log WHERE field = 'uppdrag' AND source != 'seed'"
        )
    ] == [
        1111,
        2222,
    ]


@pytest.mark.parametrize("alias", ["same path", "symlink", "hard link", "wal", "shm", "relative"])
def test_backup_and_export_refuse_every_name_of_the_database(
    db_path: Path, alias: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db_path.parent)
    db = open_database(db_path)  # keeps -wal and -shm on disk, as a running app does
    target = aliases(db_path)[alias]
    before = db_path.read_bytes()
    for args in (
        ["backup", str(target)],
        ["backup", "--force", str(target)],
        ["export", "--format", "json", "--output", str(target)],
    ):
        message = one_error(run_cli(db_path, *args))
        assert message.startswith(f"error: refusing to write {target}: it is the planner database")
    assert db_path.read_bytes() == before
    assert load_line(db, 1, BUP).volumes.uppdrag == 1030
    db.conn.close()


def test_a_missing_wal_name_is_protected_too(tmp_path: Path) -> None:
    """A -wal that is not there yet is the database's name all the same (via a linked folder)."""
    folder = tmp_path / "data"
    folder.mkdir()
    (tmp_path / "data-link").symlink_to(folder)
    protected = [folder / f"plan.db{suffix}" for suffix in ("", "-wal", "-shm", "-journal")]
    for suffix in ("-wal", "-shm", "-journal"):
        target = tmp_path / "data-link" / f"plan.db{suffix}"
        with pytest.raises(WriteError, match="it is the planner database file"):
            write_atomic(target, b"{}", protected=protected)
        assert not target.exists()
    write_atomic(folder / "plan.db-wal.json", b"{}", protected=protected)


def test_journal_name_is_refused_for_exports(db_path: Path) -> None:
    result = run_cli(db_path, "export", "--format", "json", "--output", f"{db_path}-journal")
    assert "it is the planner database file" in one_error(result)
    assert not Path(f"{db_path}-journal").exists()


def test_protected_match_compares_files_not_strings(db_path: Path, tmp_path: Path) -> None:
    files = aliases(db_path)
    protected = (db_path, Path(f"{db_path}-wal"))
    assert protected_match(files["hard link"], protected) == db_path
    assert protected_match(files["symlink"], protected) == db_path
    assert protected_match(tmp_path / "other.db", protected) is None
    twin = tmp_path / "twin.db"
    twin.write_bytes(db_path.read_bytes())
    assert protected_match(twin, protected) is None


def test_database_files_names_the_main_file_and_its_companions(db_path: Path) -> None:
    link = db_path.with_name("via-link.db")
    link.symlink_to(db_path)
    db = open_database(link)
    assert database_files(db) == (
        db_path,
        Path(f"{db_path}-wal"),
        Path(f"{db_path}-shm"),
        Path(f"{db_path}-journal"),
    )
    db.conn.close()


def test_review_minutes_and_ui_exports_are_guarded_too(db_path: Path) -> None:
    db = open_database(db_path)
    for target in (db_path, Path(f"{db_path}-shm")):
        with pytest.raises(WriteError, match="it is the planner database file"):
            write_output(db, target, b"# minutes\n")
    assert load_line(db, 1, BUP).volumes.uppdrag == 1030
    db.conn.close()


def test_existing_backup_is_replaced_only_with_force(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"yesterday's backup")
    message = one_error(run_cli(db_path, "backup", str(target)))
    assert message == f"error: {target} exists; add --force to replace it (nothing was written)\n"
    assert target.read_bytes() == b"yesterday's backup"
    forced = run_cli(db_path, "backup", "--force", str(target))
    assert forced.exit_code == 0 and forced.output == f"backup written to {target}\n"
    assert run_cli(target, "check").exit_code == 0


def test_backup_writes_through_a_symlink_and_keeps_it(db_path: Path, tmp_path: Path) -> None:
    real = tmp_path / "store" / "latest.db"
    real.parent.mkdir()
    link = tmp_path / "latest-link.db"
    link.symlink_to(real)
    assert run_cli(db_path, "backup", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert run_cli(real, "check").exit_code == 0
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.db"]


def test_export_writes_through_a_symlink_and_keeps_it(db_path: Path, tmp_path: Path) -> None:
    real = tmp_path / "out" / "plan.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "plan-link.json"
    link.symlink_to(real)
    assert run_cli(db_path, "export", "--format", "json", "--output", str(link)).exit_code == 2
    assert run_cli(db_path, "export", "--force", "--format", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["totals"]["uppdrag"] == 63480


def test_write_atomic_creates_the_target_of_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "minutes.md"
    link.symlink_to(tmp_path / "archive.md")
    write_atomic(link, b"# minutes\n")
    assert link.is_symlink()
    assert (tmp_path / "archive.md").read_bytes() == b"# minutes\n"


def test_export_onto_a_folder_or_fifo_is_refused(db_path: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    message = one_error(run_cli(db_path, "export", "--format", "json", "--output", str(fifo)))
    assert message == f"error: cannot write {fifo}: it is not a regular file\n"
    assert fifo.is_fifo()
    message = one_error(run_cli(db_path, "export", "--format", "json", "--output", str(tmp_path)))
    assert message == (
        f"error: Invalid value for '--output' / '-o': File '{tmp_path}' is a directory.\n"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            ["--hospital", ""],
            "error: Invalid value for '--hospital': the hospital code is empty;"
            " use SU, NU, SKAS, SAS or SV\n",
        ),
        (
            ["--hospital", "  "],
            "error: Invalid value for '--hospital': the hospital code is empty;"
            " use SU, NU, SKAS, SAS or SV\n",
        ),
        (
            ["--year", "0"],
            "error: Invalid value for '--year': a year must be from 2000 to 2100, not 0\n",
        ),
    ],
)
def test_empty_or_invalid_plan_options_never_fall_back_to_nu_2026(
    db_path: Path, option: list[str], message: str
) -> None:
    before = db_path.read_bytes()
    for args in (
        [*option, "set", BUP, "uppdrag", "2000"],
        ["set", BUP, "uppdrag", "2000", *option],
        ["snapshot", "create", "--label", "x", *option],
        ["report", *option],
    ):
        assert one_error(run_cli(db_path, *args)) == message
    assert db_path.read_bytes() == before


def test_write_commands_name_the_plan_they_wrote_to(db_path: Path) -> None:
    assert run_cli(db_path, "plan", "create", "--hospital", "SU", "--year", "2026").output == (
        "SU 2026: created the plan (49 lines, all lines at zero)\n"
    )
    su = run_cli(db_path, "--hospital", "su", "set", BUP, "uppdrag", "10")
    assert su.exit_code == 0
    assert su.output.startswith(f"SU 2026: {BUP}: uppdrag 0 → 10, bas 0, tillägg 0 → 10;")
    nu = run_cli(db_path, "set", BUP, "bas", "600")
    assert nu.output.startswith(f"NU 2026: {BUP}: uppdrag 1\u00a0030, bas 700 → 600,")
    snap = run_cli(db_path, "snapshot", "create", "--label", "Mars", "--hospital", "SU")
    assert snap.output.startswith("SU 2026: snapshot 1 «Mars» by ")
    db = open_database(db_path)
    assert load_line(db, 1, BUP).volumes.uppdrag == 1030
    db.conn.close()


def test_empty_planner_db_is_an_error_not_a_private_database(tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    env = {**os.environ, "PLANNER_DB": "", "XDG_DATA_HOME": str(home)}
    for args in (["report"], ["init"], ["set", BUP, "uppdrag", "5"]):
        result = subprocess.run(
            [*CLI, *args], env=env, capture_output=True, text=True, cwd=ROOT, check=False
        )
        assert result.returncode == 2
        assert result.stderr == (
            "error: PLANNER_DB is set but empty; set it to the database file or unset it\n"
        )
    assert not home.exists()
    assert one_error(run_cli("", "report")) == (
        "error: Invalid value for '--db': the database path is empty\n"
    )


async def test_the_apps_export_refuses_the_database_it_runs_on(db_path: Path) -> None:
    from planner.cli.app_factory import make_app
    from screens.dialogs.export_dialog import ExportRequest
    from screens.plan_screen import PlanScreen
    from screens.widgets.status_line import StatusLine

    before = db_path.read_bytes()
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.export_plan(ExportRequest("json", ",", f"{db_path}-wal"))
        await pilot.pause()
        shown = str(screen.query_one(StatusLine).render())
        assert f"refusing to write {db_path}-wal: it is the planner database file" in shown
        assert load_line(screen.session.db, 1, BUP).volumes.uppdrag == 1030
    assert db_path.read_bytes() == before
