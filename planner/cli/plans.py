"""Commands on one plan's lines: report, lines, set; and creating and listing plans."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import click

from planner.cli import account, completion
from planner.cli.common import (
    YEAR,
    Context,
    chosen_plan,
    fail,
    hospital_code,
    parse_year,
    plan_options,
)
from planner.formats.exports import render
from planner.i18n import _
from planner.keys import unknown_key_message
from planner.model import Field, PriceClass
from planner.numbers import format_number, format_signed, parse_volume, whole_digits
from planner.prices import line_cost
from planner.rules import describe_change
from planner.scenario import ScenarioNameError, check_scenario_name
from planner.text import counted

if TYPE_CHECKING:
    from sqlite_utils import Database


@click.command()
@plan_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "csv", "json"]),
    default="text",
    show_default=True,
)
@click.pass_obj
def report(ctx: Context, hospital: str | None, year: int | None, fmt: str) -> None:
    """Print the plan grouped by area and category, with subtotals and the tillägg cost."""
    from db.plans import load_plan

    plan = load_plan(ctx.read(), *chosen_plan(ctx, hospital, year))
    click.echo(render(plan, fmt), nl=False)


@click.command()
@plan_options
@click.pass_obj
def lines(ctx: Context, hospital: str | None, year: int | None) -> None:
    """List every line with its key, for `planner set`."""
    from db.plans import load_plan

    plan = load_plan(ctx.read(), *chosen_plan(ctx, hospital, year))
    width = max(len(line.key) for line in plan.lines)
    for line in plan.lines:
        click.echo(f"{line.key:<{width}}  {line.area} / {line.category} / {line.name}")


TILLAGG_AS_SHOWN = "tillägg"


@click.command(name="set", context_settings={"ignore_unknown_options": True})
@click.argument("key", shell_complete=completion.line_keys)
@click.argument(
    "field", type=click.Choice([*(f.value for f in Field), TILLAGG_AS_SHOWN, "price_class"])
)
@click.argument("value")
@click.option("--reason", default="", help="Why the volume changes (kept in the audit log).")
@plan_options
@click.pass_obj
def set_volume(
    ctx: Context,
    key: str,
    field: str,
    value: str,
    reason: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """Set FIELD (uppdrag, bas, tillägg/tillagg or price_class) of line KEY to VALUE.

    Volumes follow the editing rules (uppdrag keeps bas, bas keeps uppdrag, tillägg keeps
    bas); price_class is visit, treatment or endoscopy.
    """
    from db.audit_trail import Actor
    from db.edits import edit_line, set_price_class
    from db.plans import load_plan

    if field == TILLAGG_AS_SHOWN:
        field = Field.TILLAGG.value

    if field == "price_class" and value not in {cls.value for cls in PriceClass}:
        fail(
            _("{value!r} is not a price class; use visit, treatment or endoscopy").format(
                value=value
            )
        )
    number = None if field == "price_class" else parse_volume(value)
    db = ctx.open()
    plan = load_plan(db, *chosen_plan(ctx, hospital, year))
    name = plan.label
    if key not in plan.by_key:
        fail(unknown_key_message(key, name, plan.by_key))
    actor = Actor(account.current_user(), "cli", reason)
    if number is None:
        result = set_price_class(db, plan.plan_id, key, PriceClass(value), actor)
    else:
        result = edit_line(db, plan.plan_id, key, Field(field), number, actor)
    before, after = result.before, result.after
    cost_before, cost_after = line_cost(before, plan.prices), line_cost(after, plan.prices)
    status = _("saved") if result.changed else _("unchanged")
    click.echo(
        _(
            "{name}: {key}: {before}; tilläggskostnad {cost_after} kr ({cost_after2} kr) [{status}]"
        ).format(
            name=name,
            key=key,
            before=describe_change(before, after, unchanged=True),
            cost_after=format_number(cost_after),
            cost_after2=format_signed(cost_after - cost_before),
            status=status,
        )
    )


@click.group()
def plan() -> None:
    """Create and list plans (one per hospital and year) and their scenarios."""


@plan.command(name="list")
@click.pass_obj
def plan_list(ctx: Context) -> None:
    """Show every plan with its uppdrag, bas, tillägg and tilläggskostnad."""
    from tabulate import tabulate

    from db.plans import list_plans, load_plan
    from planner.prices import plan_totals

    db = ctx.read()
    rows = []
    for info in list_plans(db):
        totals = plan_totals(load_plan(db, *info.ref))
        rows.append(
            [
                info.hospital.short_name,
                info.year,
                _("◇ scenario {name}").format(name=info.scenario)
                if info.scenario
                else info.hospital.name,
                *(format_number(n) for n in (totals.uppdrag, totals.bas, totals.tillagg)),
                format_number(totals.cost),
            ]
        )
    headers = [
        _("Hospital"),
        _("Year"),
        _("Name"),
        _("Uppdrag"),
        _("Bas"),
        _("Tillägg"),
        _("Tilläggskostnad (kr)"),
    ]
    align = ("left", "left", "left", "right", "right", "right", "right")
    click.echo(tabulate(rows, headers, colalign=align, disable_numparse=True))


def parse_plan_ref(text: str, option: str | None = None) -> tuple[str, int, str | None]:
    """CODE/YYYY (e.g. NU/2026) or CODE/YYYY/SCENARIO as a hospital code, a year and a scenario
    (None: the plan itself); `option` names where it was typed."""
    code, _sep, rest = text.partition("/")
    year, _sep, scenario = rest.partition("/")
    if not code.strip() or whole_digits(year) is None:
        raise click.BadParameter(
            _("{text!r} is not CODE/YYYY, e.g. NU/2026").format(text=text), param_hint=option
        )
    if "/" not in rest:
        return code.strip(), parse_year(year), None
    try:
        return code.strip(), parse_year(year), check_scenario_name(scenario)
    except ScenarioNameError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from exc


@plan.command(name="create")
@click.option("--hospital", required=True, callback=hospital_code, help="Hospital code.")
@click.option("--year", required=True, type=YEAR, help="Plan year.")
@click.option(
    "--copy-from",
    shell_complete=completion.plans,
    help="Copy volumes from an existing plan, CODE/YYYY (or a scenario, CODE/YYYY/NAME).",
)
@click.option(
    "--scenario",
    help="Make a what-if scenario of the plan with this name (e.g. forslag-a) instead of a plan.",
)
@click.option(
    "--uplift-prices-from",
    "uplift_from",
    type=YEAR,
    help="Without a price list for YEAR: make it from this year's list first.",
)
@click.option("--uplift", "percent", help="The index uplift in percent, e.g. 2.2.")
@click.option(
    "--uplift-frame",
    "frame_percent",
    help="Start the year's frame from --copy-from's, uplifted by this percent, e.g. 2.2.",
)
@click.pass_obj
def plan_create(
    ctx: Context,
    hospital: str,
    year: int,
    copy_from: str | None,
    scenario: str | None,
    uplift_from: int | None,
    percent: str | None,
    frame_percent: str | None,
) -> None:
    """Add a plan with every line at zero, or copied from another plan.

    A year without a price list needs one first: `--uplift-prices-from 2026 --uplift 2.2`
    makes it by index uplift in the same step. `--uplift-frame 2.2` starts the year's frame
    from the copied plan's (a provider without lines, Närhälsan, gets only the frame). With
    `--scenario NAME` it makes a scenario of the existing plan instead: a copy of the plan (or
    of --copy-from) edited apart from it.
    """
    from db.audit_trail import Actor
    from db.plan_creation import create_plan_with_prices, has_prices
    from db.plans import find_hospital, hospitals
    from db.prices import load_price_list
    from planner.cli.prices import missing_list_hint
    from planner.prices import PriceError, parse_percent

    source = parse_plan_ref(copy_from, "--copy-from") if copy_from else None
    if scenario is not None:
        create_scenario_command(ctx, hospital, year, scenario, source, uplift_from)
        return
    if (uplift_from is None) != (percent is None):
        fail(_("--uplift-prices-from and --uplift go together"))
    if frame_percent is not None and source is None:
        fail(_("--uplift-frame needs --copy-from CODE/YYYY: the frame it starts from"))
    db = ctx.open()
    provider = find_hospital(db, hospital, any_provider=frame_percent is not None)
    code = provider.code
    frame_uplift = None
    if frame_percent is not None:
        try:
            frame_uplift = parse_percent(frame_percent)
        except PriceError as exc:
            fail(str(exc))
        if provider not in hospitals(db):  # no lines, no prices: only the frame is made
            assert source is not None
            frame_from = source[:2]
            _echo_frame_start(db, code, year, copy_from, frame_percent, frame_from, frame_uplift)
            return
    uplift = None
    if uplift_from is not None and percent is not None:
        try:
            uplift = (uplift_from, parse_percent(percent))
        except PriceError as exc:
            fail(str(exc))
    elif not has_prices(db, code, year):
        if load_price_list(db, year).prices:
            fail(
                _(
                    "no complete {year} price list for {code}; `planner prices set --year"
                    " {year} CLASS VALUE --hospital {code}` adds its prices"
                ).format(year=year, code=code)
            )
        fail(
            _(
                "no {year} price list; {year2}, or add --uplift-prices-from {year3}"
                " --uplift PERCENT to this command"
            ).format(year=year, year2=missing_list_hint(year), year3=year - 1)
        )
    why = (
        _("uplift {percent} % from {uplift_from} for plan {code} {year}").format(
            percent=percent, uplift_from=uplift_from, code=code, year=year
        )
        if uplift
        else ""
    )
    if frame_percent is not None:  # the percent as the person entered it
        why = "; ".join(w for w in (why, _frame_why(frame_percent, copy_from)) if w)
    actor = Actor(account.current_user(), "cli", why)
    created = create_plan_with_prices(db, code, year, source, uplift, actor, frame_uplift)
    how = (
        _("copied from {copy_from}").format(copy_from=copy_from)
        if copy_from
        else _("all lines at zero")
    )
    click.echo(
        _("{code} {year}: created the plan ({lines}, {how})").format(
            code=created.hospital.code,
            year=year,
            lines=counted(len(created.lines), "line"),
            how=how,
        )
    )
    if uplift:
        click.echo(
            _("made the {year} price list from {uplift_from} + {percent} %").format(
                year=year, uplift_from=uplift_from, percent=percent
            )
        )
    if frame_percent is not None:
        _echo_frame(db, code, year, copy_from, frame_percent)


def _frame_why(entered: str, copy_from: str | None) -> str:
    return _("frame uplift {percent} % (as entered) from {copy_from}").format(
        percent=entered.strip(), copy_from=copy_from
    )


def _echo_frame(db: Database, code: str, year: int, copy_from: str | None, entered: str) -> None:
    from db.frames import load_frame

    made = load_frame(db, code, year)
    click.echo(
        _("{name}: started the frame from {copy_from} + {percent} %: {total} {unit}").format(
            name=made.name,
            copy_from=copy_from,
            percent=entered.strip(),
            total=format_number(made.total),
            unit=made.unit,
        )
    )


def _echo_frame_start(
    db: Database,
    code: str,
    year: int,
    copy_from: str | None,
    entered: str,
    source: tuple[str, int],
    percent: Fraction,
) -> None:
    """A provider without lines: only its frame, started from `source`'s."""
    from db.audit_trail import Actor
    from db.frames import start_next_frame

    actor = Actor(account.current_user(), "cli", _frame_why(entered, copy_from))
    start_next_frame(db, source, code, year, percent, actor)
    _echo_frame(db, code, year, copy_from, entered)


def create_scenario_command(
    ctx: Context,
    hospital: str,
    year: int,
    name: str,
    source: tuple[str, int, str | None] | None,
    uplift_from: int | None,
) -> None:
    """`plan create --scenario NAME`: a copy of the plan CODE YEAR (or of `source`)."""
    from db.audit_trail import Actor
    from db.scenarios import create_scenario
    from planner.scenario import reference

    try:
        check_scenario_name(name)
    except ScenarioNameError as exc:
        fail(str(exc))
    if uplift_from is not None:
        fail(
            _("a scenario uses its plan's price list; leave out --uplift-prices-from and --uplift")
        )
    actor = Actor(account.current_user(), "cli")
    created = create_scenario(ctx.open(), hospital, year, name, actor, source)
    made = reference(*created.ref)
    base = reference(created.hospital.code, year)
    copied = reference(*source) if source else base
    click.echo(
        _(
            "{made}: created the scenario of {base} ({lines}, copied from {copied});"
            " `planner --scenario {name} report` shows it,"
            " `planner scenario apply {made}` brings it into the plan"
        ).format(
            made=made,
            base=base,
            lines=counted(len(created.lines), "line"),
            copied=copied,
            name=name,
        )
    )
