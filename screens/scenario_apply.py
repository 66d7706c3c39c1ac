"""Applying the open scenario to its plan from the app (palette: "scenario: apply to its plan"):
the same dry run as `planner scenario apply --dry-run` first, then a yes/no, then the change set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.scenarios import Applied, apply_scenario
from planner.i18n import _
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
    shown = ", ".join(names)
    return _("{names} and {more} more").format(names=shown, more=more) if more > 0 else shown


def question(applied: Applied, plan_name: str) -> str:
    """What applying would do, as one question for the yes/no dialog."""
    preview = applied.preview
    text = _(
        "Apply scenario {name} to {plan}: {lines}, Δ tilläggskostnad {delta} kr, {decision}."
    ).format(
        name=applied.name,
        plan=plan_name,
        lines=counted(len(preview.changes), "line"),
        delta=format_signed(preview.diff.cost_delta),
        decision=preview.diff.decision.text,
    )
    if preview.refused:
        text += " " + _(
            "Refused, as the plan changed them since the scenario was made: {names}."
        ).format(names=refused_names(applied))
    return text + " " + _("A snapshot of the plan is taken first. Apply?")


class ScenarioApply:
    """Dry run on the storage thread, the question, then the write (one transaction)."""

    def __init__(self, screen: PlanScreen) -> None:
        self.screen = screen

    def start(self) -> None:
        plan = self.screen.state.plan
        if plan.scenario is None:
            self.screen.say(_("Open a scenario (o) to apply it to its plan"))
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
            if applied.preview.refused:
                self.screen.say(
                    _("Nothing to apply to {plan}; refused: {names}").format(
                        plan=base, names=refused_names(applied)
                    )
                )
            else:
                self.screen.say(_("Nothing to apply to {plan}").format(plan=base))
        else:
            dialog = ApplyQuestion(question(applied, base))
            self.screen.app.push_screen(dialog, self.confirmed)

    def confirmed(self, yes: bool | None) -> None:
        if yes:
            self.screen.work(lambda: self.ask(dry_run=False))

    def done(self, applied: Applied, base: str) -> None:
        count = counted(len(applied.preview.changes), "line")
        if applied.preview.refused:
            text = _("Applied {lines} to {plan} after snapshot {snapshot}; refused: {names}")
            names = refused_names(applied)
        else:
            text = _("Applied {lines} to {plan} after snapshot {snapshot}")
            names = ""
        self.screen.say(
            text.format(lines=count, plan=base, snapshot=applied.snapshot_id, names=names)
        )
        self.screen.side_by_side.refresh()
