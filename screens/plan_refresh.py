"""Other writers' changes to the open plan: found by `PRAGMA data_version`, diffed by line
version and named (who changed which line), for the `PlanSession` (kept apart so it stays small).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.changes import data_version, last_writers
from db.plan_view import PlanView, load_plan_view
from planner.i18n import _, ngettext
from planner.model import PlanLine
from planner.plan_state import PlanState
from planner.rules import describe_change

if TYPE_CHECKING:
    from screens.plan_session import PlanSession


def changed_lines(state: PlanState, fresh: PlanView) -> list[PlanLine]:
    """The lines stored at another version than the one shown."""
    return [line for line in fresh.plan.lines if line.version != state.lines[line.key].version]


def describe_others(state: PlanState, changed: list[PlanLine], writers: dict[str, str]) -> str:
    """The first line another writer changed, by whom and how, and how many more."""
    first = changed[0]
    who = writers.get(first.key, _("another planner"))
    others = len(changed) - 1
    more = (
        ngettext(" (and {others} more line)", " (and {others} more lines)", others).format(
            others=others
        )
        if others
        else ""
    )
    return _("{name} changed by {who}: {lines}{more}").format(
        name=first.name, who=who, lines=describe_change(state.lines[first.key], first), more=more
    )


async def refresh_from_database(plan: PlanSession, full: bool) -> None:
    """Show what other writers changed (or, with `full`, reload the whole plan)."""
    plan.refresh_queued = False
    version = await plan.session.run(data_version)
    if not full and version == plan.seen_data_version:
        return
    plan.seen_data_version = version
    if not full:
        plan.show.others_wrote()
    opened = plan.state.plan
    fresh = await plan.session.run(load_plan_view, *opened.ref)
    if full:
        plan.take_view(fresh)
        plan.show.say(_("Reloaded from the database"))
        return
    if fresh.plan.prices != opened.prices or fresh.snapshot_id != plan.known.snapshot_id:
        plan.take_view(fresh)
        plan.show.say(_("The plan was changed elsewhere; shown as it is now"))
        return
    notes = fresh.plan.notes
    moved = {k for k in {*notes, *plan.state.notes} if notes.get(k) != plan.state.notes.get(k)}
    if moved:
        plan.state.notes = dict(notes)
        plan.show.show_notes(moved)
    changed = changed_lines(plan.state, fresh)
    if not changed:
        return
    writers = await plan.session.run(last_writers, opened.plan_id, [c.key for c in changed])
    plan.show.say(describe_others(plan.state, changed, writers))
    plan.history.reconcile({line.key: line.version for line in fresh.plan.lines})
    for line in changed:
        plan.changed_elsewhere(line)
