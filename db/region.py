"""Reading the region view: every hospital's plan for a year, each at its own live prices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.plans import hospitals, list_plans, load_plan
from planner.region import RegionView, region_view, with_scenario

if TYPE_CHECKING:
    from sqlite_utils import Database


def load_region(db: Database, year: int, scenario: tuple[str, str] | None = None) -> RegionView:
    """All five hospitals as columns; those without a plan that year are missing. Scenarios
    are never counted as their hospital's plan: `scenario` (hospital code, name) is shown
    beside them, marked."""
    plans = {
        info.hospital.code: load_plan(db, info.hospital.code, year)
        for info in list_plans(db, scenarios=False)
        if info.year == year
    }
    view = region_view(year, hospitals(db), plans)
    if scenario is None:
        return view
    code, name = scenario
    return with_scenario(view, load_plan(db, code, year, name))
