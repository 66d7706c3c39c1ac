"""Stored, resumable review sessions over the changes since a snapshot."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from db import clock
from db.audit_trail import Actor
from db.chain import record_change, stored_row
from db.connection import write_transaction
from db.edits import restore_line
from db.errors import Invalid, NotFound
from db.plans import list_plans, load_plan
from db.snapshots import get_info, load_snapshot
from planner.diff import compare
from planner.i18n import _
from planner.model import PriceClass, Volumes
from planner.review import ReviewInfo, ReviewItem, Verdict, item_from_change
from planner.text import MAX_COMMENT, check_user_text

if TYPE_CHECKING:
    from sqlite_utils import Database

_ITEM_SQL = """
    SELECT i.line_key, l.area, l.category, l.name,
           i.old_uppdrag, i.old_bas, i.old_tillagg, i.new_uppdrag, i.new_bas, i.new_tillagg,
           i.old_class, i.new_class, i.old_cost, i.new_cost, i.decision, i.comment, i.decided_at
    FROM review_items i JOIN lines l ON l.key = i.line_key
    WHERE i.review_id = ? ORDER BY l.position
"""


def _item(row: tuple[Any, ...]) -> ReviewItem:
    key, area, category, name, ou, ob, ot, nu, nb, nt, ocls, ncls, oc, nc, decision, comment, at = (
        row
    )
    verdict = Verdict(decision) if decision else None
    return ReviewItem(
        key,
        area,
        category,
        name,
        Volumes(ou, ob, ot),
        Volumes(nu, nb, nt),
        PriceClass(ocls),
        PriceClass(ncls),
        oc,
        nc,
        verdict,
        comment,
        at,
    )


def get_review(db: Database, review_id: int) -> ReviewInfo:
    row = db.execute(
        "SELECT id, plan_id, since_snapshot, reviewer, started_at, finished_at"
        " FROM reviews WHERE id = ?",
        [review_id],
    ).fetchone()
    if row is None:
        raise NotFound(
            _("no review {review_id}; `planner review list` shows them").format(review_id=review_id)
        )
    rid, plan_id, since, reviewer, started, finished = row
    plan = next(p for p in list_plans(db) if p.plan_id == plan_id)
    label = get_info(db, since).label
    return ReviewInfo(
        rid,
        plan_id,
        plan.hospital.code,
        plan.year,
        since,
        label,
        reviewer,
        started,
        finished,
        plan.scenario,
    )


def list_reviews(db: Database) -> list[ReviewInfo]:
    ids = [row[0] for row in db.execute("SELECT id FROM reviews ORDER BY id").fetchall()]
    return [get_review(db, rid) for rid in ids]


def load_items(db: Database, review_id: int) -> list[ReviewItem]:
    return [_item(row) for row in db.execute(_ITEM_SQL, [review_id]).fetchall()]


def _item_row(item: ReviewItem) -> dict[str, Any]:
    return {
        "old_uppdrag": item.old.uppdrag,
        "old_bas": item.old.bas,
        "old_tillagg": item.old.tillagg,
        "new_uppdrag": item.new.uppdrag,
        "new_bas": item.new.bas,
        "new_tillagg": item.new.tillagg,
        "old_class": item.old_class.value,
        "new_class": item.new_class.value,
        "old_cost": item.old_cost,
        "new_cost": item.new_cost,
        "decision": item.decision.value if item.decision else None,
        "comment": item.comment,
        "decided_at": item.decided_at,
    }


def _write_item(
    db: Database, review_id: int, key: str, new: dict[str, Any] | None, actor: Actor
) -> None:
    """Store, change or (new None) delete one item, with its entry in the chain."""
    where = {"review_id": review_id, "line_key": key}
    old = stored_row(db, "review_items", where)
    record_change(db, "review_items", where, old, new, actor)
    if new is None:
        db.execute(
            "DELETE FROM review_items WHERE review_id = ? AND line_key = ?", [review_id, key]
        )
    else:
        db.table("review_items").upsert({**where, **new}, pk=("review_id", "line_key"))


def _write_review(db: Database, review_id: int, new: dict[str, Any], actor: Actor) -> None:
    """Store or change the review's own row, with its entry in the chain."""
    old = stored_row(db, "reviews", {"id": review_id})
    record_change(db, "reviews", {"id": review_id}, old, {**(old or {}), **new}, actor)
    if old is None:
        db.table("reviews").insert({"id": review_id, **new})
    else:
        db.table("reviews").update(review_id, new)


def _actor(user: str) -> Actor:
    return Actor(user, "review")


def _sync(db: Database, info: ReviewInfo) -> None:
    """Bring items up to date with the live plan.

    A decision stays while the line still is what it left (accepted: the proposal; rejected:
    the snapshot's values). A line changed again since is open again, with its comment kept.
    """
    _info, old = load_snapshot(db, info.since)
    live = load_plan(db, info.hospital, info.year, info.scenario)
    current = {item.key: item for item in load_items(db, info.id)}
    changed = {c.key: c for c in compare(old, live).changes}

    def settled(item: ReviewItem) -> bool:
        line = live.by_key.get(item.key)
        now = (line.volumes, line.price_class) if line else None
        accepted = item.decision is Verdict.ACCEPTED
        left = (item.new, item.new_class) if accepted else (item.old, item.old_class)
        return item.decision is not None and now == left

    actor = _actor(info.reviewer)
    for key, item in current.items():
        if key not in changed and not settled(item):
            _write_item(db, info.id, key, None, actor)
    for key, change in changed.items():
        kept = current.get(key)
        if kept is None or not settled(kept):
            comment = kept.comment if kept else ""
            fresh = replace(item_from_change(change), comment=comment)
            _write_item(db, info.id, key, _item_row(fresh), actor)
    _update_finished(db, info, actor)


def start_or_resume(db: Database, snapshot_id: int, reviewer: str) -> ReviewInfo:
    """The reviewer's unfinished review since this snapshot, or a new one; items synced."""
    snapshot = get_info(db, snapshot_id)
    with write_transaction(db):
        row = db.execute(
            "SELECT id FROM reviews WHERE since_snapshot = ? AND reviewer = ?"
            " AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
            [snapshot_id, reviewer],
        ).fetchone()
        if row is None:
            found = db.execute("SELECT coalesce(max(id), 0) + 1 FROM reviews").fetchone()
            review_id = int(found[0])
            started = {
                "plan_id": snapshot.plan_id,
                "since_snapshot": snapshot_id,
                "reviewer": reviewer,
                "started_at": clock.now_iso(),
                "finished_at": None,
            }
            _write_review(db, review_id, started, _actor(reviewer))
        else:
            review_id = int(row[0])
        info = get_review(db, review_id)
        _sync(db, info)
    return get_review(db, review_id)


def _set_decision(
    db: Database, info: ReviewInfo, key: str, verdict: Verdict | None, actor: Actor
) -> None:
    item = stored_row(db, "review_items", {"review_id": info.id, "line_key": key})
    if item is None:
        raise NotFound(_("line {key} is not in review {id}").format(key=key, id=info.id))
    decided = {
        "decision": verdict.value if verdict else None,
        "decided_at": clock.now_iso() if verdict else None,
    }
    _write_item(db, info.id, key, {**item, **decided}, actor)
    _update_finished(db, info, actor)


def _update_finished(db: Database, info: ReviewInfo, actor: Actor) -> None:
    """A review is finished when no item is open; reopening an item reopens it."""
    still_open = db.execute(
        "SELECT count(*) FROM review_items WHERE review_id = ? AND decision IS NULL", [info.id]
    ).fetchone()[0]
    review = stored_row(db, "reviews", {"id": info.id})
    assert review is not None
    finished = None if still_open else review["finished_at"] or clock.now_iso()
    if finished != review["finished_at"]:
        _write_review(db, info.id, {"finished_at": finished}, actor)


def decide(db: Database, info: ReviewInfo, item: ReviewItem, verdict: Verdict, user: str) -> None:
    """Record a decision; a rejection restores the snapshot's volumes and class (`review`)."""
    with write_transaction(db):
        if verdict is Verdict.REJECTED:
            actor = Actor(user, "review", f"rejected in review {info.id}")
            restore_line(db, info.plan_id, item.key, item.old, item.old_class, actor)
        _set_decision(db, info, item.key, verdict, _actor(user))


def undo_decision(db: Database, info: ReviewInfo, item: ReviewItem, user: str) -> None:
    """Take a decision back; an undone rejection puts the proposed volumes back."""
    with write_transaction(db):
        if item.decision is Verdict.REJECTED:
            actor = Actor(user, "review", f"rejection undone in review {info.id}")
            restore_line(db, info.plan_id, item.key, item.new, item.new_class, actor)
        _set_decision(db, info, item.key, None, _actor(user))


def set_comment(db: Database, info: ReviewInfo, key: str, comment: str) -> None:
    """Keep a comment as typed: at most MAX_COMMENT characters, no control characters."""
    try:
        check_user_text(_("the comment"), comment, MAX_COMMENT)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc
    with write_transaction(db):
        item = stored_row(db, "review_items", {"review_id": info.id, "line_key": key})
        if item is None:
            raise NotFound(_("line {key} is not in review {id}").format(key=key, id=info.id))
        _write_item(db, info.id, key, {**item, "comment": comment}, _actor(info.reviewer))
