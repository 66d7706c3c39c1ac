"""Opening another plan from the plan screen (o): the switcher, a new plan or scenario, and a
provider's money when it has no lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.plans import hospitals, list_plans, plans_with_totals
from planner.i18n import _
from planner.scenario import reference, split_reference, switcher_label
from screens.dialogs.prompts import ChooseScreen
from screens.plan_part import PlanPart
from screens.plan_session import OpenPlan

if TYPE_CHECKING:
    from screens.dialogs.new_plan_dialog import NewPlan

NEW_PLAN = "new"
MONEY = "money:"


class PlanSwitching(PlanPart):
    """The plan switcher; every open is queued after the saves already asked for."""

    def switch(self) -> None:
        """Every plan with its uppdrag and cost, and a way to make a new one."""

        async def offer_plans() -> None:
            from db.frames import frames_without_lines  # the decision's frames: off start-up

            plans = await self.session.run(plans_with_totals)
            current = reference(*self.state.plan.ref)
            options = [
                (
                    reference(*p.ref),
                    switcher_label(p.hospital.short_name, p.year, p.scenario, t.uppdrag, t.cost),
                )
                for p, t in plans
            ]
            options.append((NEW_PLAN, _("+ New plan… (empty or a copy; prices by uplift)")))
            for code, year, name in await self.session.run(frames_without_lines):
                money = _("{name} {year}: the decision's money").format(name=name, year=year)
                options.append((f"{MONEY}{code}/{year}", money))
            self.app.push_screen(
                ChooseScreen(_("Open plan"), options, current), self.open_or_create
            )

        self.work(offer_plans)

    def open_or_create(self, choice: str | None) -> None:
        if choice == NEW_PLAN:
            self.work(self.ask_new_plan)
        elif choice and choice.startswith(MONEY):  # a provider without lines: no plan grid
            from screens.decision_screen import DecisionScreen

            code, year = choice.removeprefix(MONEY).split("/")
            self.app.push_screen(DecisionScreen(self.session, code, int(year)))
        else:
            self.open_plan(choice)

    async def ask_new_plan(self) -> None:
        from db.prices import price_years
        from screens.dialogs.new_plan_dialog import NewPlanDialog

        known = await self.session.run(hospitals)
        plans = [p.ref for p in await self.session.run(list_plans)]
        years = await self.session.run(price_years)
        plan = self.state.plan
        dialog = NewPlanDialog(known, plans, years, plan.year + 1, plan.hospital.code)
        self.app.push_screen(dialog, self.create_plan)

    def create_plan(self, answer: NewPlan | None) -> None:
        from db.plan_creation import create_plan_with_prices
        from db.scenarios import create_scenario

        if answer is None:
            return
        why = (
            _("uplift from {uplift} for a new plan").format(uplift=answer.uplift[0])
            if answer.uplift
            else ""
        )
        actor = self.session.actor("tui", why)

        async def work() -> None:
            code, year, source = answer.hospital, answer.year, answer.copy_from
            if answer.scenario is not None:
                name = answer.scenario
                created = await self.session.run(create_scenario, code, year, name, actor, source)
            else:
                uplift = answer.uplift
                created = await self.session.run(
                    create_plan_with_prices, code, year, source, uplift, actor
                )
            self.plan.request(
                OpenPlan(created.hospital.code, created.year, scenario=answer.scenario)
            )

        self.work(work)

    def open_plan(self, choice: str | None, at_line: str | None = None) -> None:
        """Switch to the plan `CODE/YYYY` or scenario `CODE/YYYY/NAME` (queued after pending
        saves), optionally at a line."""
        if choice:
            code, year, scenario = split_reference(choice)
            self.plan.request(OpenPlan(code, year, at_line, scenario))
