"""Training places per year: AT per hospital and ST-A side-service places per specialty.

Places are grouped by table (AT across the hospitals; ST-A per hospital); a table whose
places no longer add up to the total printed in the decision is flagged, never corrected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.i18n import _
from planner.numbers import format_number

KINDS = ("AT", "ST-A")
MAX_PLACES = 99_999


@dataclass(frozen=True)
class Place:
    year: int
    kind: str
    provider: str
    specialty: str
    places: int

    @property
    def label(self) -> str:
        """The row's name in its table: the specialty, or the hospital code for AT."""
        return self.specialty or self.provider


@dataclass(frozen=True)
class PlaceTable:
    """One table of places: AT (provider "") or one hospital's ST-A places."""

    year: int
    kind: str
    provider: str
    rows: tuple[Place, ...]
    printed: int | None

    @property
    def total(self) -> int:
        return sum(row.places for row in self.rows)

    @property
    def differs(self) -> bool:
        """The places add up to something other than the printed total."""
        return self.printed is not None and self.printed != self.total

    @property
    def title(self) -> str:
        return f"AT {self.year}" if self.kind == "AT" else f"ST-A {self.provider} {self.year}"

    @property
    def total_note(self) -> str:
        """What the total is against the decision: "as printed", "printed 292", or none."""
        if self.printed is None:
            return _("no printed total")
        if self.differs:
            return _("differs from the printed total {total}").format(
                total=format_number(self.printed)
            )
        return _("as printed")


def place_tables(
    places: Iterable[Place], printed: Mapping[tuple[str, str], int]
) -> list[PlaceTable]:
    """Places grouped into tables in order (AT first); `printed` maps (kind, provider) to the
    printed total, provider "" for AT."""
    groups: dict[tuple[int, str, str], list[Place]] = {}
    for place in places:
        owner = "" if place.kind == "AT" else place.provider
        groups.setdefault((place.year, place.kind, owner), []).append(place)
    return [
        PlaceTable(year, kind, owner, tuple(rows), printed.get((kind, owner)))
        for (year, kind, owner), rows in sorted(
            groups.items(), key=lambda item: (item[0][0], KINDS.index(item[0][1]), item[0][2])
        )
    ]
