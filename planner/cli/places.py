"""`planner places`: the decision's training places per year, editable with a reason."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli import account
from planner.cli.common import YEAR, Context, fail
from planner.decision.training_places import KINDS, MAX_PLACES, Place
from planner.formats.places_report import PLACES_FORMATS, render_places
from planner.i18n import N_, _, ngettext
from planner.numbers import format_number, parse_whole
from planner.text import escape_control


@click.group(invoke_without_command=True)
@click.option("--year", type=YEAR, help="Year (default: the global --year).")
@click.option(
    "--format", "fmt", type=click.Choice(PLACES_FORMATS), default="text", show_default=True
)
@click.pass_context
def places(ctx: click.Context, year: int | None, fmt: str) -> None:
    """AT places per hospital and ST-A places per specialty, with the printed totals."""
    if ctx.invoked_subcommand is not None:
        return
    from db.places import load_place_tables

    obj: Context = ctx.obj
    chosen_year = year or obj.year
    click.echo(
        render_places(chosen_year, load_place_tables(obj.open(), chosen_year), fmt), nl=False
    )


@places.command(name="set")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("hospital")
@click.argument("value")
@click.option("--specialty", default="", help="The ST-A specialty (e.g. Psykiatri).")
@click.option("--year", type=YEAR, help="Year (default: the global --year).")
@click.option("--reason", required=True, help="Why the number changes (kept in the audit log).")
@click.pass_obj
def places_set(
    ctx: Context,
    kind: str,
    hospital: str,
    value: str,
    specialty: str,
    year: int | None,
    reason: str,
) -> None:
    """Set KIND (AT or ST-A) places of HOSPITAL to VALUE; ST-A needs --specialty."""
    from db.audit_trail import Actor
    from db.places import load_place_tables, set_places

    if (kind == "ST-A") != bool(specialty.strip()):
        fail(_("ST-A places need --specialty; AT places have none"))
    count = parse_whole(value, N_("places"), 0, MAX_PLACES)
    chosen_year = year or ctx.year
    db = ctx.open()
    place = Place(chosen_year, kind, hospital.strip(), specialty.strip(), count)
    old = set_places(db, place, Actor(account.current_user(), "cli", reason))
    before = _("none") if old is None else format_number(old)
    where = escape_control(" ".join(dict.fromkeys((place.provider, place.label))))
    click.echo(
        _("{year} {kind} {where}: {before} → {after} [saved]").format(
            year=chosen_year, kind=kind, where=where, before=before, after=format_number(count)
        )
    )
    for table in load_place_tables(db, chosen_year):
        if table.differs:
            click.echo(
                _("⚠ {title}: total {total} {note}").format(
                    title=table.title, total=format_number(table.total), note=table.total_note
                )
            )


@places.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what was read; write nothing.")
@click.pass_obj
def places_import(ctx: Context, file: Path, dry_run: bool) -> None:
    """Read a decision's AT and ST-A tables from FILE and store them for their year."""
    from db.audit_trail import Actor
    from db.decision_parts import places_part
    from db.input_files import read_input_file
    from db.places import store_places
    from planner.readers.decision_places import PlacesError

    text = read_input_file(file).decode("utf-8-sig", errors="replace")
    db = ctx.open()
    try:
        part = places_part(db, text)
    except PlacesError as exc:
        fail(_("{file}: {error}; nothing was imported").format(file=file.name, error=exc))
    for note in part.notes:
        click.echo(_("note: {note}").format(note=escape_control(note)))
    count = len(part.places)
    click.echo(
        ngettext("{file}: {count} row of places", "{file}: {count} rows of places", count).format(
            file=file.name, count=count
        )
    )
    if dry_run:
        click.echo(_("dry run: nothing was written"))
        return
    actor = Actor(account.current_user(), "import", note=file.name)
    changed = store_places(db, part.places, part.totals, actor)
    for place, old in changed:
        before = _("none") if old is None else format_number(old)
        where = escape_control(" ".join(dict.fromkeys((place.provider, place.label))))
        click.echo(
            _("{year} {kind} {where}: {before} → {after}").format(
                year=place.year,
                kind=place.kind,
                where=where,
                before=before,
                after=format_number(place.places),
            )
        )
    click.echo(_("{count} changed").format(count=len(changed)))
