"""Reading the region view: every hospital's plan for a year, each at its own live prices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.plans import hospitals, list_plans, load_plan
from planner.region import RegionView, region_view

if TYPE_CHECKING:
    from sqlite_utils import Database


def load_region(db: Database, year: int) -> RegionView:
    """All five hospitals as columns; those without a plan that year are missing. Scenarios
    are never counted as their hospital's plan."""
    plans = {
        info.hospital.code: load_plan(db, info.hospital.code, year)
        for info in list_plans(db, scenarios=False)
        if info.year == year
    }
    return region_view(year, hospitals(db), plans)
