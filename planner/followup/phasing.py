"""Phasing (rule R6): 12 positive month weights per plan and the cumulative share S(m)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache

from planner.i18n import _

MONTHS = tuple(range(1, 13))
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december")  # fmt: skip
MONTH_LABELS = tuple(name[:3] for name in MONTH_NAMES)
EVEN: tuple[int, ...] = (1,) * 12
MAX_WEIGHT = 9_999_999


class PhasingError(ValueError):
    """Weights that are not 12 positive whole numbers, or a month outside 1..12."""


def check_weights(weights: Sequence[int]) -> tuple[int, ...]:
    """Return the weights as a tuple if there are 12 whole numbers in 1..9 999 999."""
    if len(weights) != 12:
        raise PhasingError(
            _("phasing needs 12 month weights, got {weights}").format(weights=len(weights))
        )
    for month, weight in zip(MONTHS, weights, strict=True):
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 < weight <= MAX_WEIGHT:
            raise PhasingError(
                _(
                    "the weight for month {month} is {weight!r};"
                    " weights are whole numbers from 1 to {MAX_WEIGHT}"
                ).format(month=month, weight=weight, MAX_WEIGHT=MAX_WEIGHT)
            )
    return tuple(weights)


def check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise PhasingError(_("month {month} is outside 1..12").format(month=month))
    return month


def cumulative_share(weights: Sequence[int], month: int) -> Fraction:
    """S(m) = (w1 + … + wm) / (w1 + … + w12), exactly."""
    return Fraction(*_share_parts(tuple(weights), month))


@lru_cache(maxsize=1024)
def _share_parts(weights: tuple[int, ...], month: int) -> tuple[int, int]:
    """S(m) as (numerator, denominator) before reduction; cached, every line shares it."""
    check_month(month)
    return sum(weights[:month]), sum(weights)


def round_half_up(value: Fraction) -> int:
    """Whole units, halves rounded up (rule R6): 1.5 → 2, 2.5 → 3."""
    return math.floor(value + Fraction(1, 2))


def to_date(volume: int, weights: Sequence[int], month: int) -> int:
    """A yearly volume phased to the end of `month`: round(volume * S(m)); the whole at 12.

    In integers: floor(v*n/d + 1/2) = (2*v*n + d) // (2*d), exact and fast for 5 000 lines.
    """
    num, den = _share_parts(tuple(weights), month)
    return (2 * volume * num + den) // (2 * den)


def year_forecast(performed: int, weights: Sequence[int], month: int) -> int:
    """Y = round(D / S(m)), halves up, in integers: (2*D*d + n) // (2*n)."""
    num, den = _share_parts(tuple(weights), month)
    return (2 * performed * den + num) // (2 * num)
