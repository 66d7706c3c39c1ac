"""The planner Textual app: opens the plan screen and offers every action in the palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from db.plan_view import PlanView
from screens.dialogs import ConfirmScreen
from screens.plan_screen import PlanScreen
from screens.session import Session

if TYPE_CHECKING:
    from planner.review import ReviewInfo
    from screens.region_screen import PlanAtLine

PLAN_COMMANDS = [
    ("plan: edit cell", "Edit the volume under the cursor", "edit"),
    ("plan: price class", "Choose the price class of the line under the cursor", "price_class"),
    ("plan: undo", "Undo the last edit (saved and logged)", "undo"),
    ("plan: redo", "Redo the last undone edit (saved and logged)", "redo"),
    ("plan: filter", "Show only lines matching a text", "filter"),
    ("plan: clear filter", "Show every line again", "clear_filter"),
    ("plan: switch", "Open another hospital's or year's plan", "switch"),
    ("plan: reload", "Reload the plan from the database", "reload"),
    ("go: next category", "First line of the next category (])", "next_category"),
    ("go: previous category", "First line of the previous category ([)", "previous_category"),
    ("go: next area", "First line of the next area (})", "next_area"),
    ("go: previous area", "First line of the previous area ({)", "previous_area"),
    ("go: Totalsumma", "The plan's total row (t)", "totals_row"),
    ("plan: compare with snapshot", "Changed lines, cost deltas and the R7 verdict", "compare"),
    ("snapshot: create", "Freeze the plan with a label and note", "snapshot"),
    ("export: plan", "Write the plan as XLSX, CSV, JSON, Markdown or text", "export"),
    (
        "import: volume table",
        "Bring in a decision's table (file or pasted), previewed",
        "import_table",
    ),
    ("review: start or resume", "Accept or reject each change since a snapshot", "review"),
    ("log: show", "Every edit of this plan: who, when, what, why", "log"),
    ("log: line history", "Every edit of the line under the cursor, newest first", "line_history"),
    ("followup: show", "Performed by month against plan, earned tillägg, settlement", "followup"),
    ("plan: reason for last edit", "Add a reason to the last edit (kept in the log)", "reason"),
    (
        "settings: reason prompt",
        "Ask for a reason after each edit (on/off)",
        "toggle_reason_prompt",
    ),
    (
        "settings: Δ columns",
        "Show each line's change in tillägg and cost since the latest snapshot (on/off)",
        "toggle_delta",
    ),
    (
        "settings: Δ since the decision",
        "Mark changes since the decision snapshot, or again since the latest snapshot (B)",
        "toggle_delta_baseline",
    ),
    ("region: show", "Every hospital's plan for this year side by side", "region"),
    ("prices: show", "This year's unit prices per hospital, editable", "prices"),
    ("plan: help", "List every key", "help"),
    ("plan: quit", "Leave planner (every committed edit is saved)", "quit"),
]


APP_ACTIONS = {"quit", "region", "prices"}


class PlannerApp(App[None]):
    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    BINDINGS = [
        Binding("R", "region", "Region", show=False, id="region.show"),
        Binding("P", "prices", "Prices", show=False, id="prices.show"),
    ]

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
