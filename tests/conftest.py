"""Shared fixtures: a seeded database file per test, the seeded plan, and the CLI runner."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from db.plans import load_plan
from db.setup import open_database, open_for_reading
from planner.cli.main import main
from planner.model import Plan


def run_cli(
    db: Path | str | None,
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    check: bool = False,
) -> Result:
    """Run `planner --db DB ARGS` in this process (db None: the default or $PLANNER_DB).

    check: the command must succeed; its output is shown when it does not.
    """
    prefix = [] if db is None else ["--db", str(db)]
    result = CliRunner().invoke(main, [*prefix, *args], input=stdin, env=env)
    if check:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(autouse=True)
def language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Tests read English unless marked `@pytest.mark.lang("sv")` (the users' language)."""
    from planner.cli.language import apply_language

    marker = request.node.get_closest_marker("lang")
    chosen = str(marker.args[0]) if marker else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANNER_LANG", chosen)
    apply_language(main, chosen)
    return chosen


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the default database and any env choice out of the user's real folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.delenv("PLANNER_KEYMAP", raising=False)


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One newly created and seeded database per test process, for db_path to copy.

    Creating and seeding (with its fsyncs) costs about 0.1 s; a copy of the closed file (WAL
    checkpointed away, mode kept) is the same database. Tests of creation itself call
    open_database(..., create=True) on a path of their own.
    """
    path = tmp_path_factory.mktemp("template") / "plan.db"
    open_database(path, create=True).conn.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, seeded_file: Path) -> Path:
    """A seeded database file of this test's own."""
    path = tmp_path / "plan.db"
    shutil.copy2(seeded_file, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.conn.close()


@pytest.fixture
def nu_plan(db: Database) -> Plan:
    return load_plan(db, "NU", 2026)


@pytest.fixture(scope="session")
def seeded_plan(seeded_file: Path) -> Plan:
    """The seeded NU 2026 plan, read once; for tests that never write."""
    database = open_for_reading(seeded_file)
    plan = load_plan(database, "NU", 2026)
    database.conn.close()
    return plan


FIXED_TIME = "2026-03-02T09:15:00+00:00"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed clock and user, so screens that show times and authors are deterministic."""
    monkeypatch.setattr("db.clock.now_iso", lambda: FIXED_TIME)
    monkeypatch.setattr("planner.cli.account.current_user", lambda: "anna")


@pytest.fixture(autouse=True)
def swedish_time_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test reads times in Europe/Stockholm, whatever zone the machine runs in."""
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


SETTLE_SECONDS = 30  # a stuck storage queue fails the test with a traceback instead of hanging


@pytest.fixture(autouse=True)
def presses_wait_for_storage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's key presses also wait, key by key, until the screens have stored what they asked.

    The UI stores on a thread; without this, a test could read the database before a save
    that the keys requested has reached it, or type into a screen whose data a worker is
    still loading (and pass or fail by timing alone).
    """
    from textual.pilot import Pilot

    press = Pilot.press

    async def press_and_settle(self: Pilot[Any], *keys: str) -> None:
        for key in keys:
            await press(self, key)
            for screen in self.app.screen_stack:
                settled = getattr(screen, "settled", None)
                if settled is not None:
                    await asyncio.wait_for(settled(), SETTLE_SECONDS)
        await self.pause()

    monkeypatch.setattr(Pilot, "press", press_and_settle)


IDLE_WINDOW_SECONDS = 0.002


@pytest.fixture(autouse=True, scope="session")
def short_idle_windows() -> Iterator[None]:
    """Pilot looks for an idle app in 2 ms windows instead of Textual's 20 ms.

    After every key Pilot sleeps in such windows until one passes with next to no CPU used: at
    least two per key, so 20 ms windows cost 40 ms a key. What a test reads after a key does not
    rest on that guess: press waits for every pending message and the storage queue (above).
    """
    import textual._wait

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual._wait, "SLEEP_GRANULARITY", IDLE_WINDOW_SECONDS)
        patch.setattr(textual._wait, "SLEEP_IDLE", IDLE_WINDOW_SECONDS / 20)
        yield


def plan_before_scenarios(db: Database, code: str, year: int, _: object = None) -> int | None:
    """How the code before m016_scenarios found a plan (its plans table had no scenario)."""
    row = db.execute("SELECT id FROM plans WHERE hospital = ? AND year = ?", [code, year])
    found = row.fetchone()
    return None if found is None else int(found[0])
