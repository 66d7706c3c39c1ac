"""Many writers, killed writers, odd files and full disks: an edit is saved or clearly refused."""

from __future__ import annotations

import itertools
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from functools import partial
from pathlib import Path
from typing import NoReturn

import pytest
from sqlite_utils import Database

from db.audit_trail import Actor
from db.edits import edit_line
from db.errors import StorageError
from db.file_checks import check_local, filesystem_of
from db.maintenance import backup, check
from db.plans import load_line, load_plan
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import Field
from screens.plan_screen import PlanScreen
from tests.conftest import run_cli

PLANNER = str(Path(sys.executable).with_name("planner"))
ROOT = Path(__file__).resolve().parent.parent
BUP = "psykiatri/forstabesok/bup"
OWN_LINES = [
    "somatik/forstabesok/ortopedi",
    "somatik/forstabesok/urologi",
    "somatik/forstabesok/hud",
    "somatik/forstabesok/ogon",
]


def env_for(db_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PLANNER_DB": str(db_path), **extra}


SET_MANY = """
import json
import sys
from planner.cli.main import main
from planner.model import Field
print("ready", flush=True)
sys.stdin.readline()
for args in json.loads(sys.argv[1]):
    main(args, standalone_mode=False)
"""


def test_four_processes_fifteen_edits_each_all_saved(db_path: Path) -> None:
    """4 processes x 15 `planner set`, released together: every edit saved exactly once.

    Each process imports planner first and reports ready; all start writing at one signal,
    so the edits really race (the audit log shows them interleaved) on a slow machine too.
    """
    edits: list[tuple[str, int]] = []
    commands: list[list[list[str]]] = []
    for worker in range(4):
        commands.append([])
        for i in range(15):
            key = BUP if i % 2 == 0 else OWN_LINES[worker]
            value = 2000 + worker * 100 + i
            edits.append((key, value))
            commands[-1].append(["set", key, "tillagg", str(value), "--reason", f"w{worker}-{i}"])
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SET_MANY, json.dumps(args)],
            env=env_for(db_path),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for args in commands
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
    db = open_database(db_path)
    logged = list(
        db.execute(
            "SELECT line_key, new, reason FROM audit_log WHERE field = 'tillagg'"
            " AND source != 'seed' ORDER BY id"
        ).fetchall()
    )
    assert sorted((key, new) for key, new, _ in logged) == sorted(edits)
    assert db.execute("SELECT count(*) FROM audit_log WHERE source != 'seed'").fetchone()[
        0
    ] == 2 * len(edits)
    workers_in_log_order = [reason.split("-")[0] for _, _, reason in logged]
    switches = sum(a != b for a, b in itertools.pairwise(workers_in_log_order))
    assert switches > 3, "the four processes never wrote at the same time"
    for worker, key in enumerate(OWN_LINES):
        assert load_line(db, 1, key).volumes.tillagg == 2000 + worker * 100 + 13
    assert (
        db.execute("SELECT count(*) FROM volumes WHERE uppdrag != bas + tillagg").fetchone()[0] == 0
    )
    assert check(db) == []


def test_opening_again_keeps_this_process_locks(db_path: Path) -> None:
    """A second open in one process must not drop the first connection's locks.

    Were they dropped (closing any descriptor of the file does that), another process
    closing its connection would take itself for the last one and delete the WAL under ours.
    """
    first = open_database(db_path)
    edit_line(first, 1, BUP, Field.TILLAGG, 500, Actor("a", "cli"))
    second = open_database(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()
    subprocess.run(
        [sys.executable, "-c", OPEN_AND_CLOSE, str(db_path)], check=True, cwd=ROOT, timeout=60
    )
    assert wal.exists(), "another process deleted the WAL while this one had it open"
    edit_line(first, 1, BUP, Field.TILLAGG, 600, Actor("a", "cli"))
    assert load_line(second, 1, BUP).volumes.tillagg == 600
    first.conn.close()
    second.conn.close()


OPEN_AND_CLOSE = """
import sys
from pathlib import Path
from db.setup import open_database
db = open_database(Path(sys.argv[1]))
db.execute("SELECT count(*) FROM volumes").fetchall()
db.conn.close()
"""


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


def write_until_killed(db_path: Path, first_value: int, report: int) -> NoReturn:
    """In a forked child: edit every line of plan 1 in turn, forever, reporting each commit.

    A report ("key value" on the pipe) is written only after the edit's transaction
    committed, so every reported edit must be in the file whatever moment the kill hits.
    """
    try:
        db = open_database(db_path)
        keys = [r[0] for r in db.execute("SELECT line_key FROM volumes WHERE plan_id = 1")]
        value = first_value
        while True:
            for key in keys:
                value += 1
                edit_line(db, 1, key, Field.TILLAGG, value % 9000, Actor("writer", "cli"))
                os.write(report, f"{key} {value % 9000}\n".encode())
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)


class Writer:
    """A writer process forked from this one (no start-up cost) and the edits it reported."""

    def __init__(self, db_path: Path, first_value: int) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read_end)
            write_until_killed(db_path, first_value, write_end)
        os.close(write_end)
        self.reports = os.fdopen(read_end, "r")
        self.reported: list[tuple[str, int]] = []

    def wait_for_commits(self, count: int, timeout: float = 60.0) -> None:
        """Block until `count` more edits were reported committed; fail after `timeout`."""
        deadline = time.monotonic() + timeout
        target = len(self.reported) + count
        while len(self.reported) < target:
            ready, _, _ = select.select([self.reports], [], [], deadline - time.monotonic())
            line = self.reports.readline() if ready else ""
            assert line, f"the writer reported {len(self.reported)} of {target} edits"
            key, value = line.split()
            self.reported.append((key, int(value)))

    def kill(self) -> None:
        """SIGKILL the writer, then collect every edit it reported before it died."""
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        for line in self.reports.read().splitlines():
            key, value = line.split()
            self.reported.append((key, int(value)))
        self.reports.close()


def test_killed_writer_leaves_a_sound_file(db_path: Path) -> None:
    """SIGKILL a busy writer at random moments, 20 rounds: no reported edit lost, none half."""
    rng = random.Random(2026)
    for round_ in range(20):
        writer = Writer(db_path, round_ * 10_000)
        writer.wait_for_commits(rng.randint(1, 25))
        # Not a wait for anything: it spreads the kill over the next edit's transaction.
        time.sleep(rng.uniform(0, 0.005))
        writer.kill()
        db = open_database(db_path)
        assert check(db) == [], f"round {round_}"
        saved = {
            (r[0], r[1])
            for r in db.execute(
                "SELECT line_key, new FROM audit_log WHERE field = 'tillagg' AND source != 'seed'"
            ).fetchall()
        }
        assert set(writer.reported) <= saved, f"round {round_}"
        counts = dict(
            db.execute(
                "SELECT field, count(*) FROM audit_log WHERE source != 'seed' GROUP BY field"
            ).fetchall()
        )
        assert counts.get("uppdrag") == counts.get("tillagg"), "an edit was half applied"
        assert (
            db.execute("SELECT count(*) FROM volumes WHERE uppdrag != bas + tillagg").fetchone()[0]
            == 0
        )
        db.conn.close()


def test_backup_while_another_process_writes(db_path: Path, tmp_path: Path) -> None:
    """The copy holds every edit committed before it started and is consistent itself."""
    writer = Writer(db_path, 0)
    try:
        writer.wait_for_commits(20)
        before_backup = set(writer.reported)
        target = tmp_path / "copy.db"
        backup(open_database(db_path), target)
        writer.wait_for_commits(5)
    finally:
        writer.kill()
    result = run_cli(target, "check")
    assert result.exit_code == 0 and "ok" in result.output
    copy = open_database(target)
    assert len(load_plan(copy, "NU", 2026).lines) == 49
    in_copy = set(
        copy.execute(
            "SELECT line_key, new FROM audit_log WHERE field = 'tillagg' AND source != 'seed'"
        )
    )
    assert before_backup <= in_copy
    assert db_count(copy, "field = 'uppdrag'") == db_count(copy, "field = 'tillagg'")
    copy.conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def db_count(db: Database, where: str) -> int:
    return int(
        db.execute(f"SELECT count(*) FROM audit_log WHERE source != 'seed' AND {where}").fetchone()[
            0
        ]
    )


def test_cli_check_and_backup(db_path: Path, tmp_path: Path) -> None:
    run = partial(run_cli, db_path)
    assert run("check").exit_code == 0
    assert run("check", "--quick").exit_code == 0
    assert run("backup", str(tmp_path / "b.db")).exit_code == 0
    missing = run("backup", str(tmp_path / "nope" / "b.db"))
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_read_only_file_is_refused_untouched(db_path: Path) -> None:
    before = db_path.read_bytes()
    os.chmod(db_path, 0o444)
    try:
        result = run_cli(db_path, "set", BUP, "uppdrag", "5")
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
    result = run_cli(tmp_path / "no" / "such" / "p.db", "report")
    assert result.exit_code == 2 and result.output.startswith("error: no database at")


async def test_disk_full_keeps_the_edit_in_the_editor(db_path: Path) -> None:
    """The file at its size limit: the edit is refused as 'full', stays open, saves later.

    The file is filled up to the limit with the app's own connection and the same kind of
    edit (same user, line, field and number of digits) until one no longer fits; the same
    edit typed in the app then needs exactly that space too.
    """
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        db = screen.session.db
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        actor = screen.session.actor("tui")
        for value in range(2000, 3000):
            try:
                edit_line(db, 1, BUP, Field.UPPDRAG, value, actor)
            except StorageError as exc:
                assert "full" in str(exc)
                break
        else:
            pytest.fail("the size limit was never reached")
        await pilot.press("ctrl+r")
        await pilot.press(*str(value), "enter")
        assert screen.editing is not None, "the edit was saved although the file is full"
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
    from planner.cli.account import current_user

    db = open_database(db_path)
    text = "Ögon \u00a0🙂 ' OR 1=1; DROP TABLE audit_log; -- [/]"
    run_cli(db_path, "set", BUP, "uppdrag", "2000")
    me = current_user()  # who the command line wrote as
    add_reason(db, 1, BUP, Actor(me, "tui", text))
    row = db.execute("SELECT reason FROM audit_log WHERE field = 'reason'").fetchone()
    assert row[0] == text
    with pytest.raises(StorageError, match="U\\+202E"):
        add_reason(db, 1, BUP, Actor(me, "tui", "bidi \u202e"))
    with pytest.raises(StorageError, match="more than the 1000 allowed"):
        add_reason(db, 1, BUP, Actor(me, "tui", "x" * 1001))
    with pytest.raises(StorageError, match="has no edit of yours"):
        add_reason(db, 1, BUP, Actor("someone else", "tui", "why"))
