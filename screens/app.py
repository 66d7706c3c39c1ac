"""The planner Textual app: opens the plan screen and offers every action in the palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.screen import Screen

from db.plan_view import PlanView
from screens.dialogs.prompts import ConfirmScreen
from screens.keys import APP_ACTIONS, APP_BINDINGS, PLAN_COMMANDS
from screens.plan_screen import PlanScreen
from screens.session import Session

if TYPE_CHECKING:
    from planner.review import ReviewInfo
    from screens.region_screen import PlanAtLine


class PlannerApp(App[None]):
    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    BINDINGS = APP_BINDINGS

    def __init__(self, session: Session, view: PlanView, review: ReviewInfo | None = None) -> None:
        super().__init__()
        self.session = session
        self.view = view
        self.review = review

    def get_default_screen(self) -> Screen:
        """The plan screen is the base screen (no blank screen is painted first)."""
        return PlanScreen(self.session, self.view)

    def on_mount(self) -> None:
        if self.review is not None:
            from screens.review_screen import ReviewScreen

            plan_screen = self.screen
            assert isinstance(plan_screen, PlanScreen)
            self.push_screen(
                ReviewScreen(self.session, self.review), lambda _: plan_screen.action_reload()
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, PlanScreen):
            for title, help_text, action in PLAN_COMMANDS:
                yield SystemCommand(title, help_text, self._plan_action(screen, action))
        yield from super().get_system_commands(screen)

    def _plan_action(self, screen: PlanScreen, action: str) -> Callable[[], object]:
        if action in APP_ACTIONS:
            return getattr(self, f"action_{action}")
        if action == "edit":
            return screen.grid.action_start_edit
        return getattr(screen, f"action_{action}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Region and prices open from the plan screen only (not over a dialog or another view)."""
        if action in {"region", "prices"}:
            return isinstance(self.screen, PlanScreen)
        return True

    def action_region(self) -> None:
        from screens.region_screen import RegionScreen

        plan_screen = self.screen
        assert isinstance(plan_screen, PlanScreen)

        def open_at(target: PlanAtLine | None) -> None:
            if target is not None:
                code, year, key = target
                plan_screen.open_plan(f"{code}/{year}", key)

        self.push_screen(RegionScreen(self.session, plan_screen.state.plan.year), open_at)

    def action_prices(self) -> None:
        from screens.prices_screen import PricesScreen

        plan_screen = self.screen
        assert isinstance(plan_screen, PlanScreen)

        def reload_if_changed(changed: bool | None) -> None:
            if changed:
                plan_screen.action_reload()

        year = plan_screen.state.plan.year
        self.push_screen(PricesScreen(self.session, year), reload_if_changed)

    async def action_quit(self) -> None:
        """Quit once queued edits are stored; an edit open in the editor is only dropped
        after asking. Messages the grid posted before this key are handled first."""
        screen = self.screen
        if isinstance(screen, PlanScreen) and screen.editor_dirty:
            self.push_screen(
                ConfirmScreen("Throw away the edit still open in the editor and quit?"),
                self._quit_if_confirmed,
            )
            return
        self._quit_after_saving()

    def _quit_if_confirmed(self, yes: bool | None) -> None:
        if yes:
            self._quit_after_saving()

    def _quit_after_saving(self) -> None:
        plan_screen = next((s for s in self.screen_stack if isinstance(s, PlanScreen)), None)
        if plan_screen is None:
            self.exit()
            return

        async def leave() -> None:
            await plan_screen.settled()
            self.exit()

        plan_screen.call_later(lambda: self.run_worker(leave(), group="quit"))
