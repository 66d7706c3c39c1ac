"""What the region pays a provider (R11): the frame paid, the items settled and the tillägg
earned (R6) from the plan's outcomes, to a month end and for the year as forecast."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.errors import Invalid
from db.outcomes import load_outcomes
from db.phasing import load_phasing
from db.plan_settings import load_reading
from db.plans import load_plan, plan_exists
from planner.decision.frame import Frame, Payments, payments, settled_end, year_forecast
from planner.followup.performance import follow_up, reporting_month
from planner.followup.settlement import TERTIAL_ENDS, settle
from planner.i18n import _
from planner.prices import plan_totals

if TYPE_CHECKING:
    from sqlite_utils import Database


def latest_month(db: Database, frame: Frame) -> int | None:
    """The latest month with an item actual or (with a plan) an outcome; None: nothing yet."""
    months = [m for actuals in frame.actuals.values() for m in actuals]
    if plan_exists(db, frame.hospital.code, frame.year):
        plan = load_plan(db, frame.hospital.code, frame.year)
        reported = reporting_month(load_outcomes(db, plan.plan_id))
        months += [reported] if reported else []
    return max(months, default=None)


def tillagg_earned(db: Database, frame: Frame, month: int) -> tuple[int, int]:
    """(earned at the latest tertial end ≤ month, the year as forecast) in kronor; 0 without
    a plan. With no outcome reported, the forecast is the planned tillägg cost."""
    if not plan_exists(db, frame.hospital.code, frame.year):
        return 0, 0
    plan = load_plan(db, frame.hospital.code, frame.year)
    outcomes = load_outcomes(db, plan.plan_id)
    weights = load_phasing(db, plan.plan_id)
    reading = load_reading(db, plan.plan_id)
    end = settled_end(month)
    earned = 0
    if end:
        tertial = settle(plan, outcomes, weights, month, reading)[TERTIAL_ENDS.index(end)]
        earned = tertial.earned["total"]
    reported = reporting_month(outcomes)
    if reported is None:
        return earned, plan_totals(plan).cost
    forecast = follow_up(plan, outcomes, weights, reported, reading).total.figures.forecast_kr
    return earned, forecast


def load_payments(db: Database, frame: Frame, month: int | None) -> tuple[Payments, Payments]:
    """The payments to the end of `month` (default: the latest reported) and the year."""
    chosen = month or latest_month(db, frame)
    if chosen is None:
        raise Invalid(
            _(
                "nothing is reported for {name} yet; give --month to see what is paid by then"
            ).format(name=frame.name)
        )
    earned, forecast = tillagg_earned(db, frame, chosen)
    paid = payments(frame.total, frame.items, frame.actuals, chosen, earned)
    return paid, year_forecast(frame.total, frame.items, frame.actuals, forecast)
