"""The indicator register (R12): what a decision asks to be followed up, when, and how it went.

An indicator has a typed target and follow-up occasions (monthly, the August interim, the
year); an outcome is stored per period ("2026-05", "2026-08", "2026") and judged against the
target, a direction against the previous period's outcome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.decision.targets import Judgement, Status, Target, decimal_text, judge
from planner.followup.indicator import Indicator as Production
from planner.i18n import N_, _
from planner.numbers import format_number


class Occasion(StrEnum):
    """When an outcome is reported (the JSON `schedule`)."""

    MONTHLY = "monthly"
    AUGUST = "august"
    YEAR = "year"


NOT_REPORTED = N_("not reported")
PRODUCTION = "production"
"""`auto` of the indicator filled from the follow-up (first visits and treatments)."""
PRODUCTION_TEXT = "Första besök och behandlingar"
"""How the decision's production indicator starts."""
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")


class PeriodError(ValueError):
    """A period that is not YYYY-MM or YYYY inside the register's years."""


def parse_schedule(printed: str) -> tuple[Occasion, ...]:
    """ "Månadsvis" → monthly; "Delår augusti, helår" → August and year; "Helår" → year."""
    text = printed.lower()
    found = []
    if "månad" in text or "månatlig" in text:
        found.append(Occasion.MONTHLY)
    if "augusti" in text or "delår" in text:
        found.append(Occasion.AUGUST)
    if "helår" in text or "årsredovisning" in text:
        found.append(Occasion.YEAR)
    return tuple(found)


def check_period(text: str, first_year: int, last_year: int) -> str:
    """A period as stored: "2026-05" (a month, the interim is "2026-08") or "2026" (the year)."""
    match = _PERIOD.fullmatch(text.strip())
    if match is None or (match[2] is not None and not 1 <= int(match[2]) <= 12):
        raise PeriodError(
            _("{text} is not a period: write YYYY-MM (a month) or YYYY (the year)").format(
                text=repr(text)
            )
        )
    if not first_year <= int(match[1]) <= last_year:
        years = (
            str(first_year)
            if first_year == last_year
            else _("{first} to {last}").format(first=first_year, last=last_year)
        )
        raise PeriodError(
            _("{period} is outside the register's years ({years})").format(
                period=text.strip(), years=years
            )
        )
    return match[0]


def period_order(period: str) -> tuple[int, int]:
    """Months in order, the year after its December."""
    year, _sep, month = period.partition("-")
    return int(year), int(month) if month else 13


def due_periods(occasions: Sequence[Occasion], year: int, month: int) -> list[str]:
    """The periods an indicator must report for at the end of `month`: its month if monthly,
    the interim in August, the year in December."""
    periods = []
    if Occasion.MONTHLY in occasions or (Occasion.AUGUST in occasions and month == 8):
        periods.append(f"{year}-{month:02d}")
    if Occasion.YEAR in occasions and month == 12:
        periods.append(str(year))
    return periods


@dataclass(frozen=True)
class Indicator:
    """One row of a decision's follow-up table (or Närhälsan's follow-up plan)."""

    hospital: str
    first_year: int
    number: int
    last_year: int
    area: str
    uppdrag: str
    text: str
    target_printed: str
    target: Target
    source: str
    reporter: str
    schedule_printed: str
    schedule: tuple[Occasion, ...]
    refers_to: str = ""
    """Where a row that only says "Se nedan, …" points; such a row takes no outcomes."""
    auto: str = ""
    check_note: str = ""
    """What a person should check in how the row was read (e.g. shifted columns)."""

    @property
    def id(self) -> str:
        return f"{self.hospital}-{self.first_year}-{self.number}"


@dataclass(frozen=True)
class Outcome:
    period: str
    value: str
    note: str = ""
    verdict: str = ""
    """A person's judgement ("met", "not met") of an outcome whose target is text or none."""


@dataclass(frozen=True)
class Assessed:
    """An outcome judged against its indicator's target."""

    period: str
    value: str
    note: str
    judgement: Judgement
    verdict: str = ""

    @property
    def status(self) -> Status:
        return self.judgement.status

    @property
    def gap(self) -> str:
        return self.judgement.gap

    @property
    def shown_gap(self) -> str:
        """The gap as people read it, in the chosen language."""
        return self.judgement.shown


def assess(indicator: Indicator, outcomes: Sequence[Outcome]) -> list[Assessed]:
    """Every outcome in period order, judged; a direction compares with the one before."""
    ordered = sorted(outcomes, key=lambda o: period_order(o.period))
    judged = []
    previous: Outcome | None = None
    for outcome in ordered:
        before = None if previous is None else previous.value
        since = "" if previous is None else previous.period
        found = judge(indicator.target, outcome.value, before, since, outcome.verdict)
        judged.append(Assessed(outcome.period, outcome.value, outcome.note, found, outcome.verdict))
        previous = outcome
    return judged


def is_due(indicator: Indicator, year: int, month: int) -> bool:
    """Whether the indicator reports for the end of `month` (a referring row never does)."""
    return not indicator.refers_to and bool(due_periods(indicator.schedule, year, month))


def production_outcomes(found: Production, year: int) -> list[Outcome]:
    """The production indicator's outcome per reported month, from the follow-up: the month's
    first visits and treatments performed against its phased plan, in percent."""
    outcomes = []
    for month in found.months:
        share = month.fulfilment
        if share is None:
            continue
        note = _(
            "from the follow-up: {performed} performed against {planned} planned ({how})"
        ).format(
            performed=format_number(month.performed),
            planned=format_number(month.planned),
            how=found.reported_text,
        )
        outcomes.append(Outcome(f"{year}-{month.month:02d}", decimal_text(share), note))
    return outcomes
