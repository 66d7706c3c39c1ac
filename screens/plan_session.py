"""The open plan apart from its screen: state, ordered requests, versions, undo, others' edits.

A plain class with no Textual in it, so its rules are tested without a Pilot: the screen
forwards what the planner asked for as requests and renders what the session tells its
`PlanDisplay`. Requests run one by one on the app's work queue (`submit`), in the order asked;
undo/redo (`plan_undo`), others' changes (`plan_refresh`) and pasted blocks (`plan_block`)
are carried out beside it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from db.edits import EditResult, edit_line, set_price_class
from db.errors import Conflict, StorageError
from db.plan_view import PlanView, load_plan_view
from db.settings import DELTA_COLUMN, REASON_PROMPT, get_setting, set_setting
from planner.diff import board_warning, edit_warning
from planner.history import History, Step
from planner.i18n import N_, _
from planner.model import Field, PlanLine, PriceClass, Volumes
from planner.numbers import format_number, format_signed
from planner.plan_state import PlanState
from planner.prices import line_cost
from planner.rules import EditRefused, describe_change
from screens.plan_block import SaveBlock, save_block
from screens.plan_refresh import refresh_from_database
from screens.plan_undo import undo_redo

if TYPE_CHECKING:
    from screens.session import Session


@dataclass(frozen=True)
class SaveEdit:
    """A typed value for a line's volume, begun on the line's `version`; `text` as typed."""

    key: str
    field: Field
    version: int
    value: int
    text: str


@dataclass(frozen=True)
class SaveClass:
    key: str
    price_class: PriceClass
    version: int


@dataclass(frozen=True)
class UndoRedo:
    undo: bool


@dataclass(frozen=True)
class Refresh:
    """Look for other writers' changes; `full` reloads everything (ctrl+r)."""

    full: bool


@dataclass(frozen=True)
class OpenPlan:
    hospital: str
    year: int
    at_line: str | None = None
    scenario: str | None = None


Request = SaveEdit | SaveClass | SaveBlock | UndoRedo | Refresh | OpenPlan
Submit = Callable[[Callable[[], Awaitable[None]]], None]


class PlanDisplay(Protocol):
    """What the session asks of the screen that shows the plan."""

    def say(self, text: str, error: bool = False) -> None: ...

    def plan_replaced(self) -> None:
        """Draw the whole plan again (opened, reloaded, changed beyond single lines)."""

    def show_line(self, line: PlanLine, groups: list[str], by_others: bool = False) -> None:
        """Draw one stored line, the subtotals of its `groups` and the totals."""

    def plan_opened(self, at_line: str | None) -> None: ...

    def focus_line(self, key: str) -> None: ...

    def show_conflict(self, key: str) -> None:
        """Another writer got there first on `key` (its line is already shown)."""

    def give_back(self, request: SaveEdit, message: str) -> None:
        """A value that could not be stored: back into the editor, or named."""

    def progress_changed(self) -> None:
        """`pending` or `saves` changed (the header says "saving…" and counts edits)."""

    def ask_reason(self, key: str) -> None: ...

    def show_notes(self, keys: set[str]) -> None:
        """The notes of these lines changed elsewhere (the state holds them now)."""

    def others_wrote(self) -> None:
        """Another connection committed: what is shown beside the plan may follow."""


class PlanSession:
    """One screen's open plan: what is shown, what is being stored, what can be undone."""

    def __init__(self, session: Session, view: PlanView, submit: Submit) -> None:
        self.session = session
        self.submit = submit
        self.display: PlanDisplay | None = None
        self.state = PlanState(view.plan)
        self.baselines: dict[int, PlanView] = {}
        self.keep_baseline(view)
        self.problem = view.problem
        self.histories: dict[int, History] = {}
        self.own_versions: dict[str, set[int]] = {}
        self.reason_prompt = False
        self.seen_data_version: int | None = None
        self.refresh_queued = False
        self.pending = 0
        self.saves = 0

    @property
    def show(self) -> PlanDisplay:
        assert self.display is not None, "attach a display before asking for storage work"
        return self.display

    # what is shown against

    @property
    def known(self) -> PlanView:
        return self.baselines[self.state.plan.plan_id]

    @property
    def baseline(self) -> dict[str, Volumes]:
        """What changed cells are marked against: the latest snapshot, else the plan as it was
        first opened in this session."""
        return self.known.baseline

    def board_notice(self) -> str:
        """Rule R7 for the changes since the latest snapshot ("" while within delegation)."""
        return board_warning(
            self.known.snapshot_id, self.state.total.cost - self.known.baseline_cost
        )

    def keep_baseline(self, view: PlanView) -> None:
        known = self.baselines.get(view.plan.plan_id)
        if known is None or known.snapshot_id != view.snapshot_id:
            self.baselines[view.plan.plan_id] = view

    @property
    def history(self) -> History:
        return self.histories.setdefault(self.state.plan.plan_id, History())

    def expected_version(self, key: str, began_at: int) -> int:
        """The version to write over: the one the edit began on, moved past our own saves."""
        current = self.state.lines[key].version
        own = self.own_versions.get(key, set())
        if all(v in own for v in range(began_at + 1, current + 1)):
            return current
        return began_at

    def take_view(self, view: PlanView) -> None:
        """Show a freshly read plan as it is now (open, reload, snapshot, import)."""
        self.state = PlanState(view.plan)
        self.keep_baseline(view)
        self.history.reconcile({line.key: line.version for line in view.plan.lines})
        self.show.plan_replaced()
        if view.problem:
            self.show.say(view.problem, error=True)

    async def reload_view(self) -> None:
        plan = self.state.plan
        self.take_view(await self.session.run(load_plan_view, *plan.ref))

    # requests, in order

    def request(self, request: Request) -> None:
        """Queue a request; writes count as pending (the header says "saving…"), polls not."""
        counted = not isinstance(request, Refresh)
        if counted:
            self.pending += 1
            self.show.progress_changed()

        async def work() -> None:
            try:
                await self.store(request)
            finally:
                if counted:
                    self.pending -= 1
                    self.show.progress_changed()

        self.submit(work)

    def poll(self) -> None:
        """About once a second: ask whether another connection committed (one poll queued)."""
        if not self.refresh_queued:
            self.refresh_queued = True
            self.request(Refresh(full=False))

    async def store(self, request: Request) -> None:
        if isinstance(request, SaveEdit):
            await self.save_edit(request)
        elif isinstance(request, SaveClass):
            await self.save_class(request)
        elif isinstance(request, SaveBlock):
            await save_block(self, request)
        elif isinstance(request, UndoRedo):
            await undo_redo(self, request.undo)
        elif isinstance(request, Refresh):
            await refresh_from_database(self, request.full)
        else:
            await self.open_plan(request)

    def saved(self, result: EditResult, verb: str) -> None:
        after = result.after
        self.own_versions.setdefault(after.key, set()).add(after.version)
        self.saves += 1
        self.show.show_line(after, self.state.update(after))
        self.show.progress_changed()
        self.show.say(*self.saved_text(verb, result))

    def saved_text(self, verb: str, result: EditResult) -> tuple[str, bool]:
        """The line, its cost change first (so a narrow terminal still shows it), the change."""
        before, after = result.before, result.after
        prices = self.state.plan.prices
        delta = line_cost(after, prices) - line_cost(before, prices)
        notice = self.board_notice() or edit_warning(delta)
        text = (
            _("{verb}: {name} ({category}) tilläggskostnad {delta} kr").format(
                verb=_(verb), name=after.name, category=after.category, delta=format_signed(delta)
            )
            + (f" · {notice}" if notice else "")
            + _(" · {before} · total {cost} kr").format(
                before=describe_change(before, after), cost=format_number(self.state.total.cost)
            )
        )
        return text, bool(notice)

    def changed_elsewhere(self, line: PlanLine) -> None:
        self.show.show_line(line, self.state.update(line), by_others=True)

    def conflict(self, exc: Conflict, key: str) -> None:
        """Another writer got there first: show their line and end this line's undo history."""
        self.history.forget(key)
        self.changed_elsewhere(exc.current)
        self.show.show_conflict(key)
        self.show.say(str(exc), error=True)

    async def save_edit(self, request: SaveEdit) -> None:
        key = request.key
        expected = self.expected_version(key, request.version)
        actor = self.session.actor("tui")
        pid = self.state.plan.plan_id
        try:
            result = await self.session.run(
                edit_line, pid, key, request.field, request.value, actor, expected
            )
        except Conflict as exc:
            self.conflict(exc, key)
            return
        except EditRefused as exc:
            self.show.say(_("{exc}; nothing changed").format(exc=exc), error=True)
            return
        except StorageError as exc:
            self.show.give_back(request, str(exc))
            return
        if result.changed:
            self.history.record(Step(key, result.before, result.after))
            self.saved(result, N_("Saved"))
            if self.reason_prompt:
                self.show.ask_reason(key)

    async def save_class(self, request: SaveClass) -> None:
        key = request.key
        expected = self.expected_version(key, request.version)
        pid, actor = self.state.plan.plan_id, self.session.actor("tui")
        try:
            result = await self.session.run(
                set_price_class, pid, key, request.price_class, actor, expected
            )
        except Conflict as exc:
            self.conflict(exc, key)
            return
        except EditRefused as exc:
            self.show.say(_("{exc}; nothing changed").format(exc=exc), error=True)
            return
        if result.changed:
            self.history.record(Step(key, result.before, result.after))
            self.saved(result, N_("Saved"))

    async def open_plan(self, request: OpenPlan) -> None:
        view = await self.session.run(
            load_plan_view, request.hospital, request.year, request.scenario
        )
        self.own_versions.clear()
        self.take_view(view)
        self.show.plan_opened(request.at_line)
        plan = view.plan
        if plan.scenario:
            self.show.say(
                _("Opened scenario {scenario} of {name} {year}").format(
                    scenario=plan.scenario, name=plan.hospital.name, year=plan.year
                )
            )
        else:
            self.show.say(_("Opened {name} {year}").format(name=plan.hospital.name, year=plan.year))

    # the user's settings

    async def load_settings(self) -> bool:
        """Read the reason prompt setting; return whether the Δ columns are wanted."""
        user = self.session.user
        self.reason_prompt = bool(await self.session.run(get_setting, user, REASON_PROMPT))
        return bool(await self.session.run(get_setting, user, DELTA_COLUMN))

    async def remember(self, name: str, on: bool) -> None:
        await self.session.run(set_setting, self.session.user, name, "on" if on else "")
