"""What every part composed into the plan screen reaches: the screen, its plan, the queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from planner.plan_state import PlanState
    from screens.plan_screen import PlanScreen


class PlanPart:
    """A group of the plan screen's actions: it asks through dialogs, then queues its storage
    work on the app's work queue (`screen.work`), so failures become one status line."""

    def __init__(self, screen: PlanScreen) -> None:
        self.screen = screen
        self.plan = screen.plan
        self.session = screen.session
        self.say = screen.say
        self.work = screen.work

    @property
    def app(self) -> App[None]:
        return self.screen.app

    @property
    def state(self) -> PlanState:
        return self.plan.state
