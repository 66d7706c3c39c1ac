"""Review sessions: each change since a snapshot is accepted or rejected, one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planner.diff import Decision, LineChange, decide
from planner.model import PriceClass, Volumes


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    plan_id: int
    hospital: str
    year: int
    since: int
    since_label: str
    reviewer: str
    started_at: str
    finished_at: str | None
    scenario: str | None = None

    @property
    def status(self) -> str:
        return "finished" if self.finished_at else "open"  # shown through display.word

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hospital": self.hospital,
            "year": self.year,
            "since": self.since,
            "since_label": self.since_label,
            "reviewer": self.reviewer,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "status": self.status,
        }


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ReviewItem:
    """One changed line under review: snapshot (old) and proposed (new) volumes."""

    key: str
    area: str
    category: str
    name: str
    old: Volumes
    new: Volumes
    old_class: PriceClass
    new_class: PriceClass
    old_cost: int
    new_cost: int
    decision: Verdict | None = None
    comment: str = ""
    decided_at: str | None = None

    @property
    def cost_delta(self) -> int:
        return self.new_cost - self.old_cost


@dataclass(frozen=True)
class NoteChange:
    """A line's note since the snapshot: what it said then and now ("" for none), and who
    changed it last, when. A note is not decided: the review shows it beside the volumes."""

    key: str
    area: str
    category: str
    name: str
    old: str
    new: str
    user: str
    at: str

    @property
    def line(self) -> str:
        return f"{self.area} / {self.category} / {self.name}"


@dataclass(frozen=True)
class ReviewTotals:
    """Cost deltas by state, and rule R7 applied to what has been accepted."""

    accepted: int
    rejected: int
    open: int
    count_accepted: int
    count_rejected: int
    count_open: int

    @property
    def decision(self) -> Decision:
        return decide(self.accepted)


def item_from_change(change: LineChange) -> ReviewItem:
    return ReviewItem(
        change.key,
        change.area,
        change.category,
        change.name,
        change.old,
        change.new,
        PriceClass(change.old_class or change.new_class),
        PriceClass(change.new_class or change.old_class),
        change.old_cost,
        change.new_cost,
    )


def review_totals(items: list[ReviewItem]) -> ReviewTotals:
    def of(state: Verdict | None) -> list[ReviewItem]:
        return [item for item in items if item.decision == state]

    accepted, rejected, still_open = of(Verdict.ACCEPTED), of(Verdict.REJECTED), of(None)
    return ReviewTotals(
        sum(i.cost_delta for i in accepted),
        sum(i.cost_delta for i in rejected),
        sum(i.cost_delta for i in still_open),
        len(accepted),
        len(rejected),
        len(still_open),
    )


def first_open(items: list[ReviewItem]) -> int:
    """Index of the first undecided change (0 when all are decided or there are none)."""
    return next((i for i, item in enumerate(items) if item.decision is None), 0)
