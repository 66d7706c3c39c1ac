"""The dialog that makes a new plan: hospital, year, empty or copied, and prices by uplift;
or, with a scenario name, a what-if copy of an existing plan.

It only checks what was typed; the plan screen creates the plan on the storage thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from planner.i18n import N_, _
from planner.model import Hospital
from planner.prices import PriceError, parse_percent
from planner.scenario import (
    MAX_NAME,
    ScenarioNameError,
    check_scenario_name,
    reference,
    split_reference,
)
from screens.widgets.inert_text import inert

EMPTY = "empty"
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class NewPlan:
    """What the planner asked for; `uplift` is (from year, percent) when prices must be made."""

    hospital: str
    year: int
    copy_from: tuple[str, int] | tuple[str, int, str | None] | None
    uplift: tuple[int, Fraction] | None
    scenario: str | None = None


class NewPlanDialog(ModalScreen[NewPlan | None]):
    """Tab between the fields, Enter creates, Escape cancels; a wrong field is said under it."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        hospitals: list[Hospital],
        plans: list[tuple[str, int]] | list[tuple[str, int, str | None]],
        price_years: list[int],
        year: int,
        hospital: str = "",
    ) -> None:
        super().__init__()
        self.hospitals = hospitals
        known = [h.code for h in hospitals]
        self.hospital = hospital if hospital in known else known[0]
        self.plans = plans
        self.price_years = price_years
        self.year = year

    def compose(self) -> ComposeResult:
        hospitals = [(inert(f"{h.short_name}  {h.name}"), h.code) for h in self.hospitals]
        sources = [(inert(_("empty: every line at zero")), EMPTY)]
        sources += [
            (
                inert(_("copy of {plan}").format(plan=reference(*plan).replace("/", " ", 1))),
                reference(*plan),
            )
            for plan in self.plans
        ]
        with Vertical(classes="dialog form", id="new-plan"):
            yield Label(inert(_("New plan"), "bold"))
            yield Label(_("Hospital"))
            yield Select(hospitals, value=self.hospital, allow_blank=False, id="hospital")
            yield Label(_("Year"))
            yield Input(str(self.year), max_length=4, select_on_focus=False, id="year")
            yield Label(_("Volumes"))
            yield Select(sources, value=EMPTY, allow_blank=False, id="source")
            yield Label("", id="uplift-label")
            yield Input("", max_length=8, placeholder=_("e.g. 2.2"), id="uplift")
            yield Label(_("Scenario name (empty: a plan; a name: a what-if copy of the plan)"))
            yield Input("", max_length=MAX_NAME, placeholder=_("e.g. forslag-a"), id="scenario")
            yield Label("", id="form-error")
            yield Label(_("Tab next field · Enter create · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self.show_uplift()
        year = self.query_one("#year", Input)
        year.focus()
        year.cursor_position = len(year.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "year":
            self.show_uplift()

    def typed_year(self) -> int | None:
        text = self.query_one("#year", Input).value.strip()
        if text.isascii() and text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
            return int(text)
        return None

    def show_uplift(self) -> None:
        """The uplift field is only asked for when the year has no price list yet."""
        year = self.typed_year()
        needed = year is not None and year not in self.price_years
        label = self.query_one("#uplift-label", Label)
        label.update(
            _("No {year} price list: uplift % from {year2}'s").format(year=year, year2=year - 1)
            if needed and year is not None
            else ""
        )
        self.query_one("#uplift", Input).display = needed

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def create(self) -> None:
        error = self.query_one("#form-error", Label)
        year = self.typed_year()
        if year is None:
            error.update(
                _("the year must be a whole number from {MIN_YEAR} to {MAX_YEAR}").format(
                    MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR
                )
            )
            return
        scenario = self.query_one("#scenario", Input).value.strip() or None
        if scenario is not None:
            self.create_scenario(year, scenario)
            return
        uplift = None
        if year not in self.price_years:
            if year - 1 not in self.price_years:
                error.update(
                    _("no {year} or {year2} price list: make one with `planner prices`").format(
                        year=year, year2=year - 1
                    )
                )
                return
            try:
                uplift = (year - 1, parse_percent(self.query_one("#uplift", Input).value))
            except PriceError as exc:
                error.update(inert(str(exc)))
                return
        hospital = str(self.query_one("#hospital", Select).value)
        self.dismiss(NewPlan(hospital, year, self.copy_from(), uplift))

    def copy_from(self) -> tuple[str, int, str | None] | None:
        source = str(self.query_one("#source", Select).value)
        return None if source == EMPTY else split_reference(source)

    def create_scenario(self, year: int, name: str) -> None:
        """A scenario copies the plan (or the chosen plan's volumes); its name must be a slug."""
        try:
            check_scenario_name(name)
        except ScenarioNameError as exc:
            self.query_one("#form-error", Label).update(inert(str(exc)))
            return
        hospital = str(self.query_one("#hospital", Select).value)
        self.dismiss(NewPlan(hospital, year, self.copy_from(), None, name))

    def action_cancel(self) -> None:
        self.dismiss(None)
