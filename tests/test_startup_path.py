"""The path to the first frame stays light: sqlite-utils loads only after the plan is read,
and nothing the command line alone needs (click) loads at all."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from planner.cli.app_factory import make_app
from tests.conftest import run_cli

LOAD_THE_FIRST_SCREEN = """
import sys
from pathlib import Path
from planner.cli.app_factory import make_app
make_app(Path(sys.argv[1]), "NU", 2026)
print(sorted(m for m in sys.modules if any(m == p or m.startswith(p + ".") for p in sys.argv[2:])))
"""


def loaded_by_make_app(db_path: Path, *packages: str) -> str:
    """The modules of `packages` a fresh process holds once make_app has opened the plan."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD_THE_FIRST_SCREEN, str(db_path), *packages],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_opening_the_plan_for_the_first_frame_does_not_load_sqlite_utils(tmp_path: Path) -> None:
    """Importing sqlite-utils is about a third of start-up; a storage module that needs it at
    import time (or a read through its API) puts it back on the path to the first frame."""
    db_path = tmp_path / "planner.db"
    run_cli(db_path, "init", check=True)
    assert loaded_by_make_app(db_path, "sqlite_utils") == "[]"


def test_opening_the_plan_for_the_first_frame_does_not_load_click(tmp_path: Path) -> None:
    """click (with its types and parser) serves only the command line; make_app reaching the
    CLI's shared module for the database choice put it on the app's path to the first frame."""
    db_path = tmp_path / "planner.db"
    run_cli(db_path, "init", check=True)
    assert loaded_by_make_app(db_path, "click") == "[]"


def test_what_waits_behind_a_key_is_not_loaded_for_the_first_frame(tmp_path: Path) -> None:
    """The plan screen's parts behind a key (actions, switcher, applying a scenario) and what
    only they or a review need load when first used, not before the plan is shown."""
    db_path = tmp_path / "planner.db"
    run_cli(db_path, "init", check=True)
    deferred = ["screens.plan_actions", "screens.plan_switching", "screens.scenario_apply"]
    deferred += ["db.reviews", "db.frames", "db.audit", "planner.review", "planner.audit_rows"]
    deferred += ["planner.followup.performance"]
    assert loaded_by_make_app(db_path, *deferred) == "[]"


async def test_start_up_objects_are_frozen_until_the_first_frame(db_path: Path) -> None:
    """make_app pauses the cycle collector while it builds and freezes what it built, so the
    collections before the first frame skip it; after that frame all is collectable again."""
    app = make_app(db_path, "NU", 2026)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 10_000
    async with app.run_test() as pilot:
        for _ in range(100):  # the first frame is drawn once the screen has refreshed
            await pilot.pause(0.02)
            if gc.get_freeze_count() == 0:
                break
        assert gc.get_freeze_count() == 0


def test_a_collector_paused_by_the_caller_stays_paused(db_path: Path) -> None:
    gc.disable()
    try:
        make_app(db_path, "NU", 2026)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
