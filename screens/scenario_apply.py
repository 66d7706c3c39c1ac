"""Applying the open scenario to its plan from the app (palette: "scenario: apply to its plan"):
the same dry run as `planner scenario apply --dry-run` first, then a yes/no, then the change set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.scenarios import Applied, apply_scenario
from planner.numbers import format_signed
from planner.text import counted
from screens.dialogs.prompts import ConfirmScreen

if TYPE_CHECKING:
    from screens.plan_screen import PlanScreen

SHOWN_REFUSED = 5


class ApplyQuestion(ConfirmScreen):
    """The yes/no with room for a long question: it wraps inside the terminal's width."""

    DEFAULT_CSS = """
    ApplyQuestion Label { width: 72; }
    """


def refused_names(applied: Applied) -> str:
    """The refused lines by name, the first few of many."""
    refused = applied.preview.refused
    names = [f"{line.name} ({line.key})" for line in refused[:SHOWN_REFUSED]]
    more = len(refused) - SHOWN_REFUSED
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def question(applied: Applied, plan_name: str) -> str:
    """What applying would do, as one question for the yes/no dialog."""
    preview = applied.preview
    text = (
        f"Apply scenario {applied.name} to {plan_name}: {counted(len(preview.changes), 'line')},"
        f" Δ tilläggskostnad {format_signed(preview.diff.cost_delta)} kr,"
        f" {preview.diff.decision.text}."
    )
    if preview.refused:
        text += (
            f" Refused, as the plan changed them since the scenario was made:"
            f" {refused_names(applied)}."
        )
    return text + " A snapshot of the plan is taken first. Apply?"


class ScenarioApply:
    """Dry run on the storage thread, the question, then the write (one transaction)."""

    def __init__(self, screen: PlanScreen) -> None:
        self.screen = screen

    def start(self) -> None:
        plan = self.screen.state.plan
        if plan.scenario is None:
            self.screen.say("Open a scenario (o) to apply it to its plan")
            return
        self.screen.work(lambda: self.ask(dry_run=True))

    async def ask(self, dry_run: bool) -> None:
        plan = self.screen.state.plan
        code, year, name = plan.ref
        actor = self.screen.session.actor("tui")
        applied = await self.screen.session.run(
            apply_scenario, code, year, name or "", actor, dry_run=dry_run
        )
        base = f"{plan.hospital.short_name} {year}"
        if not dry_run:
            self.done(applied, base)
        elif not applied.preview.changes:
            refused = applied.preview.refused
            why = f"; refused: {refused_names(applied)}" if refused else ""
            self.screen.say(f"Nothing to apply to {base}{why}")
        else:
            dialog = ApplyQuestion(question(applied, base))
            self.screen.app.push_screen(dialog, self.confirmed)

    def confirmed(self, yes: bool | None) -> None:
        if yes:
            self.screen.work(lambda: self.ask(dry_run=False))

    def done(self, applied: Applied, base: str) -> None:
        count = counted(len(applied.preview.changes), "line")
        text = f"Applied {count} to {base} after snapshot {applied.snapshot_id}"
        if applied.preview.refused:
            text += f"; refused: {refused_names(applied)}"
        self.screen.say(text)
        self.screen.side_by_side.refresh()
