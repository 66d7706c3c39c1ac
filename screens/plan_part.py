"""What every part composed into the plan screen reaches: the screen, its plan, the queue."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from textual.app import App

    from planner.plan_state import PlanState
    from screens.plan_screen import PlanScreen

Part = TypeVar("Part")


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


class LazyPart(Generic[Part]):
    """A part of the plan screen made, and its module imported, when it is first used: the
    parts behind a key stay off the path to the first frame."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.attribute = attribute

    @overload
    def __get__(self, screen: None, owner: type) -> LazyPart[Part]: ...
    @overload
    def __get__(self, screen: PlanScreen, owner: type) -> Part: ...
    def __get__(self, screen: PlanScreen | None, owner: type) -> Any:
        if screen is None:
            return self
        part = getattr(import_module(self.module), self.name)(screen)
        screen.__dict__[self.attribute] = part
        return part
