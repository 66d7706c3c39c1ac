"""The path to the first frame stays light: sqlite-utils loads only after the plan is read,
and nothing the command line alone needs (click) loads at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli

LOAD_THE_FIRST_SCREEN = """
import sys
from pathlib import Path
from planner.cli.app_factory import make_app
make_app(Path(sys.argv[1]), "NU", 2026)
print(sorted(m for m in sys.modules if m.split(".")[0] == sys.argv[2]))
"""


def loaded_by_make_app(db_path: Path, package: str) -> str:
    """The modules of `package` a fresh process holds once make_app has opened the plan."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD_THE_FIRST_SCREEN, str(db_path), package],
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
