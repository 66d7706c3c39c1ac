"""`planner region`: every hospital's plan for a year side by side, with the region totals."""

from __future__ import annotations

from pathlib import Path

import click

from db.files import write_atomic
from planner.cli.common import YEAR, Context
from planner.formats.region_report import REGION_FORMATS, render_region
from planner.i18n import _


@click.command()
@click.option("--year", type=YEAR, help="Plan year (default: the global --year).")
@click.option("--format", "fmt", type=click.Choice(REGION_FORMATS), default="text")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (replaced atomically); required for xlsx.",
)
@click.pass_obj
def region(ctx: Context, year: int | None, fmt: str, output: Path | None) -> None:
    """Per line and hospital: uppdrag, tillägg and tilläggskostnad, and the region's sums."""
    from db.region import load_region
    from planner.cli.common import fail

    if fmt == "xlsx" and output is None:
        fail(_("xlsx needs --output FILE"))
    scenario = (ctx.hospital, ctx.scenario) if ctx.scenario else None
    view = load_region(ctx.open(), year or ctx.year, scenario)
    if not view.planned:
        fail(_("no plan for {year}; `planner plan list` shows the plans").format(year=view.year))
    if fmt == "xlsx":
        from planner.formats.region_xlsx import render_region_xlsx

        data = render_region_xlsx(view)
    else:
        text = render_region(view, fmt)
        if output is None:
            click.echo(text, nl=False)
            return
        data = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    assert output is not None
    write_atomic(output, data)
    click.echo(
        _("wrote {output} ({fmt}, region {year})").format(output=output, fmt=fmt, year=view.year)
    )
