"""Key w: another plan or scenario beside the plan being edited (◇ columns with their Δ)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.plans import list_plans, load_plan
from planner.i18n import _
from planner.scenario import reference, split_reference
from planner.side_by_side import side_label, side_plan
from screens.dialogs.prompts import ChooseScreen

if TYPE_CHECKING:
    from db.plans import PlanInfo
    from planner.model import Plan
    from screens.plan_screen import PlanScreen


def first_choice(plan: Plan, others: list[PlanInfo]) -> str:
    """What the chooser offers first: a scenario's own plan, else the plan's first scenario,
    else the same hospital's plan of the year before, else the first other plan."""
    same = [p for p in others if (p.hospital.code, p.year) == (plan.hospital.code, plan.year)]
    before = [p for p in others if p.hospital.code == plan.hospital.code and p.year < plan.year]
    for group in (
        [p for p in same if p.scenario is None],
        [p for p in same if p.scenario],
        before[-1:],
        others,
    ):
        if group:
            return reference(*group[0].ref)
    return ""


class SideBySide:
    """Shows or hides the ◇ columns; the other plan is read on the storage thread."""

    def __init__(self, screen: PlanScreen) -> None:
        self.screen = screen
        self.choice = ""

    def toggle(self) -> None:
        grid = self.screen.grid
        if grid.side is not None:
            grid.side = None
            self.screen.show_plan()
            self.screen.say(_("Side-by-side columns off"))
            return
        self.screen.work(self.offer)

    async def offer(self) -> None:
        plan = self.screen.state.plan
        plans = await self.screen.session.run(list_plans)
        others = [p for p in plans if p.plan_id != plan.plan_id]
        if not others:
            self.screen.say(
                _(
                    "There is no other plan or scenario to show beside this one: make a scenario"
                    " with the plan switcher (o, then + New plan… with a scenario name)"
                )
            )
            return
        options = [(reference(*p.ref), f"{p.label}") for p in others]
        title = _("Show beside {plan}").format(plan=plan.label)
        dialog = ChooseScreen(title, options, first_choice(plan, others))
        self.screen.app.push_screen(dialog, self.chosen)

    def chosen(self, choice: str | None) -> None:
        if choice:
            self.screen.work(lambda: self.show(choice))

    async def show(self, choice: str, announce: bool = True) -> None:
        """Put the chosen plan beside this one; Δ is the other plan minus this one."""
        other = await self.screen.session.run(load_plan, *split_reference(choice))
        self.choice = choice
        plan = self.screen.state.plan
        label = side_label(plan, other)
        self.screen.grid.side = side_plan(other, label)
        self.screen.show_plan()
        if not announce:
            return
        self.screen.say(
            _(
                "◇ columns: {other} beside {plan}; Δ is {label} minus this plan. w hides them"
            ).format(other=other.label, plan=plan.label, label=label)
        )

    def refresh(self) -> None:
        """Read the other plan again (it was just written, e.g. by applying a scenario)."""
        if self.screen.grid.side is not None and self.choice:
            self.screen.work(lambda: self.show(self.choice, announce=False))

    def follow(self) -> None:
        """Another planner wrote: the ◇ columns are read again, redrawn only if they changed."""
        if self.screen.grid.side is None or not self.choice:
            return
        choice = self.choice

        async def work() -> None:
            other = await self.screen.session.run(load_plan, *split_reference(choice))
            shown = self.screen.grid.side
            if shown is None or choice != self.choice:
                return
            fresh = side_plan(other, shown.label)
            if fresh != shown:
                self.screen.grid.side = fresh
                self.screen.show_plan()

        self.screen.work(work)

    def forget(self) -> None:
        """Another plan was opened: the columns named against the old one go."""
        if self.screen.grid.side is not None:
            self.screen.grid.side = None
            self.screen.show_plan()
