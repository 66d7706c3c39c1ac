"""Reading the region view: every hospital's plan for a year, each at its own live prices."""

from __future__ import annotations

from sqlite_utils import Database

from db.plans import hospitals, list_plans, load_plan
from planner.region import RegionView, region_view


def load_region(db: Database, year: int) -> RegionView:
    """All five hospitals as columns; those without a plan that year are missing."""
    plans = {
        info.hospital.code: load_plan(db, info.hospital.code, year)
        for info in list_plans(db)
        if info.year == year
    }
    return region_view(year, hospitals(db), plans)
