"""Creating a plan for a year that may still lack its price list, in one transaction."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.connection import write_transaction
from db.errors import Invalid
from db.frames import start_next_frame
from db.plans import create_plan, find_hospital
from db.prices import copy_prices, load_price_list
from planner.i18n import _
from planner.model import Plan, PriceClass

if TYPE_CHECKING:
    from sqlite_utils import Database


def has_prices(db: Database, hospital_code: str, year: int) -> bool:
    """Whether the hospital has a unit price for every class in that year."""
    listed = load_price_list(db, year).prices.get(find_hospital(db, hospital_code).code, {})
    return all(cls in listed for cls in PriceClass)


def create_plan_with_prices(
    db: Database,
    hospital_code: str,
    year: int,
    copy_from: tuple[str, int] | tuple[str, int, str | None] | None,
    uplift: tuple[int, Fraction] | None,
    actor: Actor,
    frame_uplift: Fraction | None = None,
) -> Plan:
    """Make the year's price list by uplift from an earlier year (if asked), then the plan.

    Both or neither: a plan that cannot be created leaves no new price list behind. With
    `frame_uplift`, the year's frame starts from `copy_from`'s (uplifted) in the same step.
    """
    with write_transaction(db):
        if uplift is not None:
            from_year, percent = uplift
            copy_prices(db, from_year, year, percent, actor)
        if frame_uplift is not None:
            if copy_from is None:
                raise Invalid(
                    _("--uplift-frame needs --copy-from CODE/YYYY: the frame it starts from")
                )
            start_next_frame(db, copy_from[:2], hospital_code, year, frame_uplift, actor)
        return create_plan(db, hospital_code, year, actor, copy_from)
