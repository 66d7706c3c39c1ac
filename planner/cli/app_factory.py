"""The one way to build the Textual app, used by the CLI, the tests and the benchmarks."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli import account
from planner.cli.context import Context

if TYPE_CHECKING:
    from screens.app import PlannerApp


def make_app(
    db_path: Path | None,
    hospital: str,
    year: int,
    scenario: str | None = None,
    review_since: int | None = None,
    *,
    files_root: Path | None = None,
    web_user: str | None = None,
) -> PlannerApp:
    """Open the database, load the plan and hand both to the UI.

    With `review_since`, the app opens on the reviewer's review since that snapshot (of the
    snapshot's own plan), resuming an unfinished one. A served session passes its files
    folder (the only place its dialogs read and write) and the web user a proxy signed in.

    Start-up allocates tens of thousands of objects (modules, classes, the plan) and frees
    few, so the cycle collector is paused while they are made and they are then frozen
    (`gc.freeze`): collections before the first frame do not walk them again, which was
    about a tenth of start-up. The app unfreezes them once its first frame is drawn.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        app = _build(db_path, hospital, year, scenario, review_since, files_root, web_user)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    return app


def _build(
    db_path: Path | None,
    hospital: str,
    year: int,
    scenario: str | None,
    review_since: int | None,
    files_root: Path | None,
    web_user: str | None,
) -> PlannerApp:
    """The app itself: the database opened, the plan (or the review) loaded, the session."""
    from db.plan_view import load_plan_view
    from screens.app import PlannerApp
    from screens.session import Session

    db = Context(db_path, hospital, year).open()
    user = account.session_user(web_user)
    review = None
    if review_since is not None:
        from db.plans import list_plans
        from db.reviews import start_or_resume  # reviews (and their diff) load only for one

        review = start_or_resume(db, review_since, user)
        plan = next(p for p in list_plans(db) if p.plan_id == review.plan_id)
        hospital, year, scenario = plan.ref
    session = Session(db, user, files_root)
    return PlannerApp(session, load_plan_view(db, hospital, year, scenario), review)
