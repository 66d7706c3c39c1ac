"""How earned tillägg reads the decision (R6), apart from the rule itself so that storing the
choice (db.plan_settings, on the plan screen's path to its first frame) does not load it."""

from __future__ import annotations

from enum import StrEnum

from planner.i18n import _


class Reading(StrEnum):
    """How earned tillägg reads the decision (R6): the bas phased, or the whole bas first."""

    PHASED = "phased"
    BAS_FIRST = "bas-first"

    @property
    def text(self) -> str:
        """ "phased: above the bas phased to date", as headings show the reading."""
        if self is Reading.PHASED:
            return _("phased: above the bas phased to date")
        return _("bas-first: only beyond the whole bas")
