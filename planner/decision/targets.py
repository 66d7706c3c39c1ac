"""Typed indicator targets (R12): read a printed target, judge an outcome against it, with the gap.

Bounds with ≥, ≤ and max are inclusive, > is strict; a count ("16") is at least; a bare
percentage ("80 %", "100 %") is at least; a direction (ska öka / ska minska / fler) compares
with the previous period, strictly; Ja wants Ja; free text is judged by a person; none has
nothing to judge against. Values are exact fractions, never floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from planner import display
from planner.followup.phasing import round_half_up
from planner.i18n import N_, _
from planner.numbers import format_number


class Kind(StrEnum):
    """How a target is judged (the JSON `target.kind`)."""

    GE = "ge"
    LE = "le"
    GT = "gt"
    MAX = "max"
    PERCENT = "percent"
    COUNT = "count"
    YES = "yes"
    INCREASE = "increase"
    DECREASE = "decrease"
    TEXT = "text"
    NONE = "none"


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    TO_JUDGE = "to judge"


PERCENT_KINDS = frozenset({Kind.GE, Kind.LE, Kind.GT, Kind.MAX, Kind.PERCENT})
NUMBER_KINDS = PERCENT_KINDS | {Kind.COUNT, Kind.INCREASE, Kind.DECREASE}
YES, NO = "Ja", "Nej"
_NUMBER = r"([0-9]+(?:[.,][0-9]+)?)"
_PERCENT_FORMS = (
    (re.compile(rf"^(?:≥|>=)\s*{_NUMBER}\s*%"), Kind.GE),
    (re.compile(rf"^(?:≤|<=)\s*{_NUMBER}\s*%"), Kind.LE),
    (re.compile(rf"^>\s*{_NUMBER}\s*%"), Kind.GT),
    (re.compile(rf"\bmax\s*{_NUMBER}\s*%", re.IGNORECASE), Kind.MAX),
    (re.compile(rf"^{_NUMBER}\s*%"), Kind.PERCENT),
)
_NONE_TEXTS = {"", "saknas", "-", "—"}
_INCREASE = re.compile(r"\b(ska öka|fler)\b", re.IGNORECASE)
_DECREASE = re.compile(r"\bska minska\b", re.IGNORECASE)
_COUNT_FOR = r"\b{code}:\s*([0-9]+)\b"


class TargetError(ValueError):
    """An outcome that cannot be read for its target's kind."""


@dataclass(frozen=True)
class Target:
    """A typed target: its kind and, for bounds and counts, the number (percent or units)."""

    kind: Kind
    value: Fraction | None = None

    @property
    def value_text(self) -> str | None:
        return None if self.value is None else decimal_text(self.value)


class Judgement(NamedTuple):
    status: Status
    gap: str
    """"+2.4 pp", "short by 1", "2 more than 2026-04", or "" when there is no gap to show."""
    shown: str = ""
    """The gap as people read it, in the chosen language ("+2,4 procentenheter")."""


def decimal_text(value: Fraction) -> str:
    """An exact value as plain decimals, one place at most when not whole ("92.4", "16")."""
    if value.denominator == 1:
        return str(value.numerator)
    return _tenths(value)


def _tenths(value: Fraction) -> str:
    """One decimal, halves away from zero, so a gap reads the same either side of the bound."""
    tenths = round_half_up(abs(value) * 10)
    sign = "-" if value < 0 and tenths else ""
    return f"{sign}{tenths // 10}.{tenths % 10}"


def parse_number(text: str) -> Fraction:
    """ "92,4", "92.4 %", "1 234" → an exact fraction; anything else is a TargetError."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    for space in (" ", "\u00a0", "\u202f"):
        cleaned = cleaned.replace(space, "")
    cleaned = cleaned.replace("\u2212", "-")
    if not re.fullmatch(r"-?[0-9]{1,12}(?:\.[0-9]{1,6})?", cleaned):
        raise TargetError(
            _("{text} is not a number (write e.g. 92,4 or 16)").format(text=repr(text))
        )
    return Fraction(cleaned)


def parse_target(printed: str, hospital: str = "") -> Target:
    """The typed target of a printed one: "≥90 % inom 20 minuter" → (ge, 90); "VGR: 140 NU: 16"
    for NU → (count, 16); "Ja" → yes; "Ska öka" → increase; other text → text; "" → none."""
    text = " ".join(printed.split())
    if text.lower() in _NONE_TEXTS:
        return Target(Kind.NONE)
    for pattern, kind in _PERCENT_FORMS:
        match = pattern.search(text)
        if match:
            return Target(kind, Fraction(match[1].replace(",", ".")))
    if text.lower() == "ja":
        return Target(Kind.YES)
    if re.fullmatch(r"[0-9]+", text):
        return Target(Kind.COUNT, Fraction(int(text)))
    if hospital:
        match = re.search(_COUNT_FOR.format(code=re.escape(hospital)), text)
        if match:
            return Target(Kind.COUNT, Fraction(int(match[1])))
    if _DECREASE.search(text):
        return Target(Kind.DECREASE)
    if _INCREASE.search(text):
        return Target(Kind.INCREASE)
    return Target(Kind.TEXT)


def normalise_value(target: Target, text: str) -> str:
    """An outcome as stored: numbers as plain decimals, Ja/Nej for a yes target, else the text."""
    value = text.strip()
    if target.kind in NUMBER_KINDS:
        return decimal_text(parse_number(value))
    if target.kind is Kind.YES:
        answer = value.lower()
        if answer in ("ja", "yes", "j", "y"):
            return YES
        if answer in ("nej", "no", "n"):
            return NO
        raise TargetError(_("{text} is not Ja or Nej").format(text=repr(text)))
    if not value:
        raise TargetError(_("the outcome is empty"))
    return value


def _pp(diff: Fraction) -> str:
    """A signed percentage-point gap: "+2.4 pp", "-0.1 pp", "0.0 pp"."""
    shown = _tenths(diff)
    return f"+{shown} pp" if diff > 0 and shown != "0.0" else f"{shown} pp"


def _shown_pp(diff: Fraction) -> str:
    """The gap of `_pp` as people read it: "+2,4 procentenheter" / "+2.4 pp"."""
    shown = display.decimal(diff)
    plus = "+" if diff > 0 and shown != display.decimal(0) else ""
    return _("{value} pp").format(value=plus + shown)


def _units(value: Fraction) -> str:
    """A count gap: whole units grouped ("1 200"), a fraction with one decimal."""
    return format_number(value.numerator) if value.denominator == 1 else _tenths(value)


def _shown_units(value: Fraction) -> str:
    """A count gap as people read it: "1 200", "2,5"."""
    return format_number(value.numerator) if value.denominator == 1 else display.decimal(value)


def shown_value(target: Target, value: str) -> str:
    """An outcome as stored ("89.5") as people read it ("89,5"); text as it is."""
    if target.kind not in NUMBER_KINDS:
        return value
    try:
        number = parse_number(value)
    except TargetError:
        return value
    return _shown_units(number)


def _counted(status: Status, over: Fraction) -> Judgement:
    """A count's judgement: "2 over", "on target" or "short by 1", each also as people read it."""
    if status is Status.NOT_MET:
        gap = f"short by {_units(over)}"
        return Judgement(status, gap, _("short by {units}").format(units=_shown_units(over)))
    if not over:
        return Judgement(status, "on target", _("on target"))
    gap = f"{_units(over)} over"
    return Judgement(status, gap, _("{units} over").format(units=_shown_units(over)))


JUDGED = N_("judged by a person")
NO_PREVIOUS = N_("no previous period to compare with")
PERSON_JUDGES = frozenset({Kind.TEXT, Kind.NONE})


def judge(
    target: Target,
    value: str,
    previous: str | None = None,
    previous_period: str = "",
    verdict: str = "",
) -> Judgement:
    """Met / not met / to judge for an outcome as stored, with its gap; a direction compares
    with the previous period's outcome (to judge without one); a target in words (or none)
    takes a person's `verdict` ("met", "not met") once there is one."""
    kind, bound = target.kind, target.value
    if kind in PERSON_JUDGES:
        if verdict:
            return Judgement(Status(verdict), JUDGED, _(JUDGED))
        return Judgement(Status.TO_JUDGE, "")
    if kind is Kind.YES:
        met = value == YES
        return Judgement(Status.MET if met else Status.NOT_MET, "")
    number = parse_number(value)
    if kind in (Kind.INCREASE, Kind.DECREASE):
        if previous is None:
            return Judgement(Status.TO_JUDGE, NO_PREVIOUS, _(NO_PREVIOUS))
        diff = number - parse_number(previous)
        met = diff > 0 if kind is Kind.INCREASE else diff < 0
        plus = "+" if diff > 0 else ""
        shown = _("{change} on {period}").format(
            change=plus + _shown_units(diff), period=previous_period
        )
        status = Status.MET if met else Status.NOT_MET
        return Judgement(status, f"{plus}{decimal_text(diff)} on {previous_period}", shown)
    assert bound is not None
    if kind is Kind.COUNT:
        if number >= bound:
            return _counted(Status.MET, number - bound)
        return _counted(Status.NOT_MET, bound - number)
    checks = {
        Kind.GE: number >= bound,
        Kind.PERCENT: number >= bound,
        Kind.LE: number <= bound,
        Kind.MAX: number <= bound,
        Kind.GT: number > bound,
    }
    status = Status.MET if checks[kind] else Status.NOT_MET
    return Judgement(status, _pp(number - bound), _shown_pp(number - bound))
