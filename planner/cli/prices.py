"""`planner prices`: show a year's price list, change one price, make next year's by uplift."""

from __future__ import annotations

import click

from planner.cli import account
from planner.cli.common import YEAR, Context, fail
from planner.formats.price_report import PRICE_FORMATS, render_prices
from planner.i18n import _
from planner.model import PriceClass
from planner.numbers import format_number, parse_volume
from planner.prices import PriceError, parse_percent


def missing_list_hint(year: int) -> str:
    """The command that makes a missing year's list from the year before."""
    return _("`planner prices copy --from {year} --to {year2} --uplift PERCENT` makes it").format(
        year=year - 1, year2=year
    )


@click.group(invoke_without_command=True)
@click.option("--year", type=YEAR, help="Price-list year (default: the global --year).")
@click.option("--format", "fmt", type=click.Choice(PRICE_FORMATS), default="text")
@click.pass_context
def prices(ctx: click.Context, year: int | None, fmt: str) -> None:
    """Show a year's unit prices: visit, treatment and endoscopy per hospital."""
    if ctx.invoked_subcommand is not None:
        return
    from db.plans import hospitals
    from db.prices import load_price_list

    obj: Context = ctx.obj
    year = year or obj.year
    db = obj.open()
    found = load_price_list(db, year)
    if not found.prices:
        fail(_("no {year} price list; {year2}").format(year=year, year2=missing_list_hint(year)))
    click.echo(render_prices(hospitals(db), found, fmt), nl=False)


@prices.command(name="set")
@click.option("--year", type=YEAR, required=True, help="Price-list year.")
@click.argument("price_class", type=click.Choice([cls.value for cls in PriceClass]))
@click.argument("value")
@click.option(
    "--hospital", help="Hospital code; required for endoscopy (visit and treatment: every one)."
)
@click.option("--reason", default="", help="Why the price changes (kept in the price log).")
@click.pass_obj
def prices_set(
    ctx: Context, year: int, price_class: str, value: str, hospital: str | None, reason: str
) -> None:
    """Set the unit price of CLASS to VALUE kronor (visit/treatment: every hospital)."""
    from db.audit_trail import Actor
    from db.prices import set_price

    price = parse_volume(value)
    actor = Actor(account.current_user(), "cli", reason)
    changed = set_price(ctx.open(), year, PriceClass(price_class), price, actor, hospital)
    if not changed:
        click.echo(
            _("{year} {price_class}: already {price} kr [unchanged]").format(
                year=year, price_class=price_class, price=format_number(price)
            )
        )
    for code, old in changed:
        before = _("none") if old is None else f"{format_number(old)} kr"
        click.echo(
            _("{year} {code} {price_class}: {before} → {price} kr [saved]").format(
                year=year,
                code=code,
                price_class=price_class,
                before=before,
                price=format_number(price),
            )
        )


@prices.command(name="copy")
@click.option("--from", "from_year", type=YEAR, required=True, help="Year to copy from.")
@click.option("--to", "to_year", type=YEAR, required=True, help="Year to make.")
@click.option("--uplift", "percent", required=True, help="Index uplift in percent, e.g. 2.2.")
@click.option("--reason", default="", help="Kept in the price log (default names the uplift).")
@click.pass_obj
def prices_copy(ctx: Context, from_year: int, to_year: int, percent: str, reason: str) -> None:
    """Make TO's price list from FROM's, every price raised by the uplift, halves up."""
    from db.audit_trail import Actor
    from db.plans import hospitals
    from db.prices import copy_prices

    try:
        factor = parse_percent(percent)
    except PriceError as exc:
        fail(str(exc))
    why = reason or _("uplift {strip} % from {from_year}").format(
        strip=percent.strip(), from_year=from_year
    )
    db = ctx.open()
    made = copy_prices(db, from_year, to_year, factor, Actor(account.current_user(), "cli", why))
    click.echo(
        _("made the {to_year} price list from {from_year} + {strip} %").format(
            to_year=to_year, from_year=from_year, strip=percent.strip()
        )
    )
    click.echo(render_prices(hospitals(db), made, "text"), nl=False)


@prices.command(name="table")
@click.option("--year", type=YEAR, help="The decision's year (default: the global --year).")
@click.option("--format", "fmt", type=click.Choice(("text", "md", "json")), default="text")
@click.pass_obj
def prices_table(ctx: Context, year: int | None, fmt: str) -> None:
    """The decision's other price table: DRG price per point, psychiatry, price-code care,
    rehab, per hospital and the calculated price (read by `import-decision`)."""
    from db.seed_money import load_price_table
    from planner.formats.frame_report import render_price_table

    chosen_year = year or ctx.year
    rows = load_price_table(ctx.read(), chosen_year)
    if not rows:
        fail(
            _("no decision price table for {year}; `planner import-decision FILE` reads it").format(
                year=chosen_year
            )
        )
    click.echo(render_price_table(chosen_year, rows, fmt), nl=False)
