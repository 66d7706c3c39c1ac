"""Many writers, killed writers, odd files and full disks: an edit is saved or clearly refused."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from db.audit_trail import Actor
from db.errors import StorageError
from db.file_checks import check_local, filesystem_of
from db.maintenance import backup, check
from db.plans import load_line, load_plan
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.cli.main import main
from screens.plan_screen import PlanScreen

PLANNER = str(Path(sys.executable).with_name("planner"))
BUP = "psykiatri/forstabesok/bup"
OWN_LINES = [
    "somatik/forstabesok/ortopedi",
    "somatik/forstabesok/urologi",
    "somatik/forstabesok/hud",
    "somatik/forstabesok/ogon",
]


def env_for(db_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PLANNER_DB": str(db_path), **extra}


def test_four_processes_fifteen_edits_each_all_saved(db_path: Path) -> None:
    """4 processes x 15 `planner set`: shared and own lines, every edit saved exactly once."""
    edits: list[tuple[str, int]] = []
    scripts = []
    for worker in range(4):
        commands = []
        for i in range(15):
            key = BUP if i % 2 == 0 else OWN_LINES[worker]
            value = 2000 + worker * 100 + i
            edits.append((key, value))
            commands.append(f"{PLANNER} set {key} tillagg {value} --reason w{worker}-{i}")
        scripts.append(" && ".join(commands))
    procs = [
        subprocess.Popen(
            ["bash", "-c", script],
            env=env_for(db_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for script in scripts
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
    db = open_database(db_path)
    logged = [
        (r["line_key"], r["new"])
        for r in db.query(
            "SELECT line_key, new FROM audit_log WHERE field = 'tillagg' AND source = 'cli'"
        )
    ]
    assert sorted(logged) == sorted(edits)
    assert db["audit_log"].count == 2 * len(edits)
    for worker, key in enumerate(OWN_LINES):
        assert load_line(db, 1, key).volumes.tillagg == 2000 + worker * 100 + 13
    assert (
        db.execute("SELECT count(*) FROM volumes WHERE uppdrag != bas + tillagg").fetchone()[0] == 0
    )
    assert check(db) == []


def test_busy_database_waits_then_says_not_saved(db_path: Path) -> None:
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        result = subprocess.run(
            [PLANNER, "set", BUP, "uppdrag", "2000"],
            env=env_for(db_path, PLANNER_BUSY_TIMEOUT_MS="400"),
            capture_output=True,
            text=True,
            check=False,
        )
        waited = time.monotonic() - started
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.returncode == 2
    assert "not saved, try again" in result.stderr and "Traceback" not in result.stderr
    assert waited >= 0.4
    assert load_line(open_database(db_path), 1, BUP).volumes.uppdrag == 1030


WRITER = """
import sys
from pathlib import Path
from db.edits import edit_line
from db.audit_trail import Actor
from db.setup import open_database
from planner.model import Field
db = open_database(Path(sys.argv[1]))
keys = [r[0] for r in db.execute("SELECT line_key FROM volumes WHERE plan_id = 1").fetchall()]
value = int(sys.argv[2])
while True:
    for key in keys:
        value += 1
        edit_line(db, 1, key, Field.TILLAGG, value % 9000, Actor("writer", "cli"))
        print(key, value % 9000, flush=True)
"""


def test_killed_writer_leaves_a_sound_file(db_path: Path) -> None:
    """SIGKILL a writer at random moments, 20 rounds: no edit reported saved is lost, none half."""
    rng = random.Random(2026)
    for round_ in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(round_ * 10_000)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        time.sleep(0.35 + rng.random() * 0.3)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        reported = [line.split() for line in out.splitlines() if len(line.split()) == 2]
        db = open_database(db_path)
        assert check(db) == [], f"round {round_}"
        saved = {
            (r[0], r[1])
            for r in db.execute(
                "SELECT line_key, new FROM audit_log WHERE field = 'tillagg'"
            ).fetchall()
        }
        assert {(key, int(v)) for key, v in reported} <= saved, f"round {round_}"
        counts = dict(db.execute("SELECT field, count(*) FROM audit_log GROUP BY field").fetchall())
        assert counts.get("uppdrag") == counts.get("tillagg"), "an edit was half applied"
        assert (
            db.execute("SELECT count(*) FROM volumes WHERE uppdrag != bas + tillagg").fetchone()[0]
            == 0
        )
        db.conn.close()


def test_backup_while_another_process_writes(db_path: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), "0"],
        stdout=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        time.sleep(0.3)
        target = tmp_path / "copy.db"
        backup(open_database(db_path), target)
    finally:
        proc.kill()
        proc.wait()
    result = CliRunner().invoke(main, ["--db", str(target), "check"])
    assert result.exit_code == 0 and "ok" in result.output
    assert len(load_plan(open_database(target), "NU", 2026).lines) == 49
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_cli_check_and_backup(db_path: Path, tmp_path: Path) -> None:
    run = lambda *a: CliRunner().invoke(main, ["--db", str(db_path), *a])  # noqa: E731
    assert run("check").exit_code == 0
    assert run("check", "--quick").exit_code == 0
    assert run("backup", str(tmp_path / "b.db")).exit_code == 0
    missing = run("backup", str(tmp_path / "nope" / "b.db"))
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_read_only_file_is_refused_untouched(db_path: Path) -> None:
    before = db_path.read_bytes()
    os.chmod(db_path, 0o444)
    try:
        result = CliRunner().invoke(main, ["--db", str(db_path), "set", BUP, "uppdrag", "5"])
    finally:
        os.chmod(db_path, 0o644)
    assert result.exit_code == 2 and "read-only" in result.output
    assert db_path.read_bytes() == before


MOUNTS = """/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/nfs nfs4 rw,relatime 0 0
//host/share /mnt/smb cifs rw 0 0
user@host:/data /home/anna/remote fuse.sshfs rw 0 0
/dev/sdb1 /srv/with\\040space ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/mnt/nfs/plan.db", "nfs4"),
        ("/mnt/smb/x/plan.db", "cifs"),
        ("/home/anna/remote/plan.db", "fuse.sshfs"),
    ],
)
def test_network_filesystems_are_refused(path: str, fstype: str) -> None:
    with pytest.raises(StorageError, match=f"network filesystem \\({fstype}"):
        check_local(Path(path), MOUNTS)


def test_local_filesystems_pass() -> None:
    check_local(Path("/home/anna/plan.db"), MOUNTS)
    assert filesystem_of(Path("/srv/with space/plan.db"), MOUNTS) == ("/srv/with space", "ext4")
    assert filesystem_of(Path("/mnt/nfsish/plan.db"), MOUNTS) == ("/", "ext4")


def test_missing_directory_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "no" / "such" / "p.db"), "report"])
    assert result.exit_code == 2 and result.output.startswith("error: no database at")


async def test_disk_full_keeps_the_edit_in_the_editor(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        db = screen.session.db
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        for value in range(2000, 2600):
            await pilot.press(*str(value), "enter", "up")
            if screen.editing is not None:
                break
        else:
            pytest.fail("the size limit was never reached")
        assert "full" in str(screen.query_one("#cell-error").render())
        assert screen.editor.value == str(value)
        stored = load_line(db, 1, BUP).volumes.uppdrag
        assert stored == value - 1
        assert screen.state.lines[BUP].volumes.uppdrag == stored
        db.execute("PRAGMA max_page_count = 1073741823")
        await pilot.press("enter")
        assert screen.editing is None and load_line(db, 1, BUP).volumes.uppdrag == value
    assert check(open_database(db_path)) == []


def test_user_text_kept_byte_for_byte(db_path: Path) -> None:
    from db.audit import add_reason

    db = open_database(db_path)
    text = "Ögon \u00a0🙂 ' OR 1=1; DROP TABLE audit_log; -- [/]"
    CliRunner().invoke(main, ["--db", str(db_path), "set", BUP, "uppdrag", "2000"])
    add_reason(db, 1, BUP, Actor("a", "tui", text))
    row = db.execute("SELECT reason FROM audit_log WHERE field = 'reason'").fetchone()
    assert row[0] == text
    with pytest.raises(StorageError, match="U\\+202E"):
        add_reason(db, 1, BUP, Actor("a", "tui", "bidi \u202e"))
    with pytest.raises(StorageError, match="at most 1000"):
        add_reason(db, 1, BUP, Actor("a", "tui", "x" * 1001))
