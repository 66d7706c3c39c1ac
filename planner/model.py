"""The plan's data: hospitals, price lists, lines with their volumes, whole plans."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class PriceClass(StrEnum):
    """Which unit price pays a line's tillägg (rule R3)."""

    VISIT = "visit"
    TREATMENT = "treatment"
    ENDOSCOPY = "endoscopy"


class Field(StrEnum):
    """The three editable volume fields of a line."""

    UPPDRAG = "uppdrag"
    BAS = "bas"
    TILLAGG = "tillagg"

    @property
    def label(self) -> str:
        """The Swedish word shown to users."""
        return {"uppdrag": "uppdrag", "bas": "bas", "tillagg": "tillägg"}[self.value]


@dataclass(frozen=True)
class Hospital:
    code: str
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class Volumes:
    """A line's commission split; `uppdrag = bas + tillagg` is enforced by the rules module."""

    uppdrag: int
    bas: int
    tillagg: int

    def get(self, which: Field) -> int:
        return int(getattr(self, which.value))


ZERO = Volumes(0, 0, 0)


def vars_of(volumes: Volumes) -> dict[str, int]:
    """The volumes by field name, as the volumes table and its log name them."""
    return {which.value: volumes.get(which) for which in Field}


@dataclass(frozen=True)
class Prices:
    """Unit prices in kronor for one hospital and year (rule R4)."""

    visit: int
    treatment: int
    endoscopy: int
    by_class: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        prices = {"visit": self.visit, "treatment": self.treatment, "endoscopy": self.endoscopy}
        object.__setattr__(self, "by_class", prices)

    def unit_price(self, price_class: PriceClass) -> int:
        return self.by_class[price_class]


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One commissioned line of a plan, with the row version used for optimistic updates."""

    key: str
    area: str
    category: str
    name: str
    price_class: PriceClass
    volumes: Volumes
    version: int = 1


@dataclass(frozen=True)
class Plan:
    """A hospital's plan for one year, or a named scenario of it (`scenario`): its lines in
    document order, its price list, and the notes on its lines (line key → note; what a number
    rests on, not part of a snapshot)."""

    hospital: Hospital
    year: int
    prices: Prices
    lines: tuple[PlanLine, ...]
    plan_id: int = 0
    scenario: str | None = None
    notes: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    by_key: dict[str, PlanLine] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {line.key: line for line in self.lines})

    def line(self, key: str) -> PlanLine:
        return self.by_key[key]

    @property
    def ref(self) -> tuple[str, int, str | None]:
        """Hospital code, year and scenario: what loads this plan again."""
        return self.hospital.code, self.year, self.scenario

    @property
    def label(self) -> str:
        """`NU 2026`, or `NU 2026/forslag-a` for a scenario: how messages name it."""
        scenario = f"/{self.scenario}" if self.scenario else ""
        return f"{self.hospital.code} {self.year}{scenario}"
