"""What-if scenarios: their names, and what applying one to its plan would do (pure).

A scenario is a named copy of a plan (`NU/2026/forslag-a`). Applying it brings each line where it
differs from the plan into the plan, unless the plan's own line changed since the scenario was
made: such a line is refused and named, so nobody's later edit is overwritten unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from planner.diff import LineChange, PlanDiff, compare
from planner.i18n import _
from planner.model import Plan, PriceClass, Volumes
from planner.numbers import format_number

MAX_NAME = 40
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

LineValues = tuple[Volumes, PriceClass]
"""A line's volumes and price class: what a scenario compares and brings over."""


class ScenarioNameError(ValueError):
    """A scenario name that is not a slug."""


RESERVED = frozenset({"live", "decision"})


def check_scenario_name(name: str) -> str:
    """The name if it is a slug (`forslag-a`), else a ScenarioNameError saying what is allowed.
    `live` and `decision` name the plan's own states in comparisons, so no scenario takes them."""
    if name in RESERVED:
        raise ScenarioNameError(
            _(
                "{name} names the plan itself in comparisons (live, decision); choose another"
                " scenario name. Nothing was created."
            ).format(name=repr(name))
        )
    if len(name) <= MAX_NAME and _SLUG.fullmatch(name):
        return name
    shown = name if len(name) <= MAX_NAME else name[:MAX_NAME] + "…"
    raise ScenarioNameError(
        _(
            "{name} is not a scenario name: use lower-case letters a-z, digits and single"
            " hyphens, at most {most} characters (e.g. forslag-a). Nothing was created."
        ).format(name=repr(shown), most=MAX_NAME)
    )


def reference(code: str, year: int, scenario: str | None = None) -> str:
    """How a plan is typed on the command line: `NU/2026` or `NU/2026/forslag-a`."""
    return f"{code}/{year}" + (f"/{scenario}" if scenario else "")


def split_reference(text: str) -> tuple[str, int, str | None]:
    """`NU/2026` or `NU/2026/forslag-a` as code, year and scenario; ValueError if neither."""
    parts = text.split("/")
    code, year = [*parts, "", ""][:2]
    if len(parts) not in (2, 3) or not code.strip() or not (year.isascii() and year.isdigit()):
        raise ValueError(
            _("{text} is not CODE/YYYY or CODE/YYYY/SCENARIO, e.g. NU/2026").format(text=repr(text))
        )
    scenario = check_scenario_name(parts[2]) if len(parts) == 3 else None
    return code.strip(), int(year), scenario


def switcher_label(
    short_name: str, year: int, scenario: str | None, uppdrag: int, cost: int
) -> str:
    """One plan switcher row; a scenario's row follows its plan's, marked ◇, its cost aligned
    under the plan's."""
    cost_text = f"tilläggskostnad {format_number(cost):>13} kr"
    if scenario:
        return f"{'  ◇ scenario ' + scenario:<29}  {cost_text}"
    return f"{short_name:<5} {year}  uppdrag {format_number(uppdrag):>9}  {cost_text}"


def plan_title(plan: Plan) -> str:
    """A plan as headings name it: `NU 2026`, or `NU 2026 · scenario forslag-a`."""
    title = f"{plan.hospital.short_name} {plan.year}"
    return f"{title} · scenario {plan.scenario}" if plan.scenario else title


def line_values(plan: Plan) -> dict[str, LineValues]:
    return {line.key: (line.volumes, line.price_class) for line in plan.lines}


@dataclass(frozen=True)
class Refused:
    """A line the scenario changes but the plan changed too since the scenario was made."""

    key: str
    name: str
    made_from: LineValues
    plan_now: LineValues
    scenario: LineValues


@dataclass(frozen=True)
class ApplyPreview:
    """The plan before and after applying, its diff (with the R7 verdict) and the refused lines."""

    before: Plan
    after: Plan
    diff: PlanDiff
    refused: tuple[Refused, ...]

    @property
    def changes(self) -> list[LineChange]:
        return self.diff.changes


def preview_apply(plan: Plan, scenario: Plan, made_from: dict[str, LineValues]) -> ApplyPreview:
    """Which of the scenario's differences from `plan` come over, and which are refused.

    `made_from` holds the plan's lines as they were when the scenario was made; a line missing
    there (added to the catalogue since) counts as changed.
    """
    ours = line_values(scenario)
    lines, refused = [], []
    for line in plan.lines:
        wanted = ours.get(line.key)
        now = (line.volumes, line.price_class)
        if wanted is None or wanted == now:
            lines.append(line)
        elif made_from.get(line.key) == now:
            lines.append(replace(line, volumes=wanted[0], price_class=wanted[1]))
        else:
            base = made_from.get(line.key, now)
            refused.append(Refused(line.key, line.name, base, now, wanted))
            lines.append(line)
    after = replace(plan, lines=tuple(lines))
    return ApplyPreview(plan, after, compare(plan, after), tuple(refused))
