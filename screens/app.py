"""The planner Textual app: opens the plan screen and offers every action in the palette."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from db.plan_view import PlanView
from planner.i18n import N_, _
from screens.dialogs.help_screen import HelpScreen
from screens.dialogs.prompts import ConfirmScreen
from screens.keymap import check_keymap, keymap_path, read_keymap_file
from screens.keys import as_binding, binding_rows, keys_in_use
from screens.plan_keys import APP_ACTIONS, APP_BINDINGS, PLAN_COMMANDS
from screens.plan_screen import PlanScreen
from screens.session import Session

if TYPE_CHECKING:
    from planner.review import ReviewInfo
    from screens.region_screen import PlanAtLine


def screen_label(screen: Screen) -> str:
    """A screen's name in the palette and help: "FollowupScreen" is "followup"."""
    name = type(screen).__name__.removesuffix("Screen").removesuffix("Dialog").lower()
    return _(SCREEN_NAMES.get(name, name))


# Textual's own palette commands, translated like ours.
TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
# Textual's keys panel lists its widgets' own bindings in English; F1 (help) lists every key
# of the screen, translated, so the palette leaves the panel out.
LEFT_OUT = frozenset({"Keys"})
SCREEN_NAMES = {
    "followup": N_("followup"),
    "log": N_("log"),
    "prices": N_("prices"),
    "region": N_("region"),
    "review": N_("review"),
    "diff": N_("diff"),
    "plan": N_("plan"),
    "help": N_("help"),
}


class PlannerApp(App[None]):
    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    BINDINGS = [
        *APP_BINDINGS,
        Binding("f1", "screen_help", N_("Help"), show=False, id="app.help"),
    ]

    def __init__(self, session: Session, view: PlanView, review: ReviewInfo | None = None) -> None:
        super().__init__()
        self.session = session
        self.view = view
        self.review = review
        self.keymap: dict[str, str] = {}

    def get_default_screen(self) -> Screen:
        """The plan screen is the base screen (no blank screen is painted first)."""
        return PlanScreen(self.session, self.view)

    def on_mount(self) -> None:
        self.call_after_refresh(gc.unfreeze)  # what make_app froze is collectable again
        self.session.work.submit(self.run_worker, self.tell, self.load_keymap)
        if self.review is not None:
            from screens.review_screen import ReviewScreen

            plan_screen = self.screen
            assert isinstance(plan_screen, PlanScreen)
            self.push_screen(
                ReviewScreen(self.session, self.review), lambda _: plan_screen.action_reload()
            )

    async def load_keymap(self) -> None:
        """The user's keymap file, read on the storage thread; a bad one is one message.

        The other screens are imported only when there is a file to check against their
        bindings, so that without one they stay off the path to the first frame."""
        path = keymap_path()
        data, problem = await self.session.off_thread(read_keymap_file, path)
        if data:
            keymap, problem = check_keymap(path, data, self.binding_ids())
            if not problem:
                self.keymap = keymap
                self.set_keymap(keymap)
        if problem:
            self.tell(problem, True)

    def binding_ids(self) -> set[str]:
        """The ids of every screen's bindings and the app's: what a keymap may move."""
        from screens.decision_screen import DecisionScreen
        from screens.followup_screen import FollowupScreen
        from screens.log_screen import LogScreen
        from screens.places_screen import PlacesScreen
        from screens.prices_screen import PricesScreen
        from screens.region_screen import RegionScreen
        from screens.register_screen import RegisterScreen
        from screens.review_screen import ReviewScreen

        keyed: list[type[Screen[Any]]] = [PlanScreen, FollowupScreen, LogScreen]
        keyed += [PricesScreen, RegionScreen, ReviewScreen, RegisterScreen, PlacesScreen]
        keyed += [DecisionScreen]
        bindings = [*(b for screen in keyed for b in screen.BINDINGS), *self.BINDINGS]
        return {b.id for b in map(as_binding, bindings) if b.id}

    def tell(self, text: str, error: bool) -> None:
        self.notify(text, severity="error" if error else "information", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, PlanScreen):
            for title, help_text, action in PLAN_COMMANDS:
                yield SystemCommand(_(title), _(help_text), self._plan_action(screen, action))
        else:
            for binding in map(as_binding, screen.BINDINGS):
                if binding.description:
                    description = _(binding.description)
                    yield SystemCommand(
                        f"{screen_label(screen)}: {description.lower()}",
                        _(binding.tooltip) if binding.tooltip else description,
                        partial(self.call_later, self.run_action, binding.action, screen),
                    )
            for title, help_text, action in getattr(screen, "PALETTE_ONLY", ()):
                yield SystemCommand(
                    _(title),
                    _(help_text),
                    partial(self.call_later, self.run_action, action, screen),
                )
        for command in super().get_system_commands(screen):
            if command.title in LEFT_OUT:
                continue
            yield command._replace(title=_(command.title), help=_(command.help))

    def _plan_action(self, screen: PlanScreen, action: str) -> Callable[[], object]:
        if action in APP_ACTIONS:
            return getattr(self, f"action_{action}")
        if action == "edit":
            return screen.grid.action_start_edit
        return getattr(screen, f"action_{action}")

    def action_command_palette(self) -> None:
        """Textual's command palette, its search prompt in the chosen language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            prompt = _("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=prompt))

    def action_screen_help(self) -> None:
        """F1 on a screen without a help of its own: its keys, from its bindings."""
        keys = keys_in_use(self.keymap, self.screen.BINDINGS)
        rows = [row for row in binding_rows(keys) if row[1]]
        rows.append(("ctrl+p", N_("command palette: every action by name")))
        title = _("planner: keys of the {screen} screen").format(screen=screen_label(self.screen))
        self.push_screen(HelpScreen(title, rows))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Region and prices open from the plan screen only (not over a dialog or another view)."""
        if action in {"region", "prices", "register", "decision"}:
            return isinstance(self.screen, PlanScreen)
        if action == "screen_help":
            return not isinstance(self.screen, HelpScreen)
        return True

    def action_region(self) -> None:
        from screens.region_screen import RegionScreen

        plan_screen = self.screen
        assert isinstance(plan_screen, PlanScreen)

        def open_at(target: PlanAtLine | None) -> None:
            if target is not None:
                code, year, key = target
                plan_screen.open_plan(f"{code}/{year}", key)

        plan = plan_screen.state.plan
        scenario = (plan.hospital.code, plan.scenario) if plan.scenario else None
        self.push_screen(RegionScreen(self.session, plan.year, scenario), open_at)

    def action_prices(self) -> None:
        from screens.prices_screen import PricesScreen

        plan_screen = self.screen
        assert isinstance(plan_screen, PlanScreen)

        def reload_if_changed(changed: bool | None) -> None:
            if changed:
                plan_screen.action_reload()

        year = plan_screen.state.plan.year
        self.push_screen(PricesScreen(self.session, year), reload_if_changed)

    def action_register(self) -> None:
        from screens.register_screen import RegisterScreen

        plan_screen = self.screen
        assert isinstance(plan_screen, PlanScreen)
        plan = plan_screen.state.plan
        self.push_screen(RegisterScreen(self.session, plan.hospital.code, plan.year))

    def action_decision(self) -> None:
        from screens.decision_screen import DecisionScreen

        plan_screen = self.screen
        assert isinstance(plan_screen, PlanScreen)
        plan = plan_screen.state.plan
        self.push_screen(DecisionScreen(self.session, plan.hospital.code, plan.year))

    async def action_quit(self) -> None:
        """Quit once queued edits are stored; an edit open in the editor is only dropped
        after asking. Messages the grid posted before this key are handled first."""
        screen = self.screen
        if isinstance(screen, PlanScreen) and screen.editor_dirty:
            self.push_screen(
                ConfirmScreen(_("Throw away the edit still open in the editor and quit?")),
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
