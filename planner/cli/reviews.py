"""Commands for review sessions and the audit trail."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict
from datetime import datetime

import click

from planner.audit_rows import log_line
from planner.cli import completion
from planner.cli.common import Context, chosen_plan, fail, plan_options, row_id
from planner.display import word
from planner.i18n import _
from planner.keys import unknown_key_message
from planner.text import escape_control, escape_json
from planner.times import local_time, local_to_utc


@click.group(invoke_without_command=True)
@click.option(
    "--since",
    "since",
    shell_complete=completion.snapshot_ids,
    help="Open the app on a review since this snapshot (an id, or `decision`).",
)
@click.pass_context
def review(ctx: click.Context, since: str | None) -> None:
    """Review the changes since a snapshot (`--since ID` or `--since decision` opens the app)."""
    if ctx.invoked_subcommand is not None:
        return
    if since is None:
        raise click.UsageError(_("give --since SNAPSHOT_ID, or a subcommand: list, summary"))
    from planner.cli.app_factory import make_app
    from planner.cli.snapshots import DECISION, decision_id

    obj: Context = ctx.obj
    if since.strip() == DECISION:
        snapshot_id = decision_id(obj.read(), obj)
    else:
        param = next(p for p in ctx.command.params if p.name == "since")
        snapshot_id = row_id("snapshot").convert(since, param, ctx)
    app = make_app(obj.db_path, obj.hospital, obj.year, review_since=snapshot_id)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


@review.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def review_list(ctx: Context, fmt: str) -> None:
    """Show every review with its status."""
    from db.reviews import list_reviews

    found = list_reviews(ctx.read())
    if fmt == "json":
        click.echo(escape_json(json.dumps([r.meta() for r in found], ensure_ascii=False, indent=2)))
        return
    if not found:
        click.echo(_("no reviews yet; `planner review --since SNAPSHOT_ID` starts one"))
    for r in found:
        line = _(
            "{id:>4}  {hospital} {year}  since {since} ({label})  {reviewer}  {time}  {status}"
        ).format(
            id=r.id,
            hospital=r.hospital,
            year=r.year,
            since=r.since,
            label=r.since_label,
            reviewer=r.reviewer,
            time=local_time(r.started_at),
            status=word(r.status),
        )
        click.echo(escape_control(line))


@review.command(name="summary")
@click.argument("review_id", type=row_id("review"))
@click.option("--format", "fmt", type=click.Choice(["md", "text", "json"]), default="text")
@click.pass_obj
def review_summary(ctx: Context, review_id: int, fmt: str) -> None:
    """Print the minutes: decided and open changes, cost deltas, comments, R7 verdict."""
    from db.notes import note_changes
    from db.reviews import get_review, load_items
    from planner.formats.review_minutes import render_minutes

    db = ctx.read()
    info = get_review(db, review_id)
    notes = note_changes(db, info.since)
    click.echo(render_minutes(info, load_items(db, review_id), fmt, notes), nl=False)


_SINCE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?")


def parse_since(text: str) -> str:
    """A date (2026-03-01) or date and time (2026-03-01T09:00) for `log --since`, as ISO text."""
    stripped = text.strip()
    try:
        if not _SINCE.fullmatch(stripped):
            raise ValueError(stripped)
        datetime.fromisoformat(stripped)
    except ValueError:
        raise click.BadParameter(
            _("{text!r} is not a date like 2026-03-01 or a time like 2026-03-01T09:00").format(
                text=text
            ),
            param_hint="--since",
        ) from None
    return local_to_utc(stripped.replace(" ", "T"))


@click.command()
@click.option(
    "--line",
    "line_key",
    shell_complete=completion.line_keys,
    help="Only this line (a key from `planner lines`).",
)
@click.option("--since", help="From this date or time on, e.g. 2026-03-01.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@plan_options
@click.pass_obj
def log(
    ctx: Context,
    line_key: str | None,
    since: str | None,
    fmt: str,
    hospital: str | None,
    year: int | None,
) -> None:
    """List every edit: time, user, plan, line, field, old, new, reason, source."""
    from db.audit import line_names, query_log
    from db.plans import find_hospital, load_plan, plan_id

    start = parse_since(since) if since is not None else None
    db = ctx.read()
    shown = load_plan(db, *chosen_plan(ctx, hospital, year))
    if line_key is not None and line_key not in shown.by_key:
        where = f"{shown.hospital.code} {shown.year}"
        fail(unknown_key_message(line_key, where, shown.by_key))
    pid = None
    if hospital is not None or year is not None or ctx.scenario is not None:
        code, plan_year, scenario = chosen_plan(ctx, hospital, year)
        pid = plan_id(db, find_hospital(db, code), plan_year, scenario)
    entries = query_log(db, line_key, start, pid)
    if fmt == "json":
        rows = [asdict(e) for e in entries]
        click.echo(escape_json(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    names = line_names(db)
    for e in entries:
        when = local_time(e.at, seconds=True)
        click.echo(escape_control(log_line(e, names.get(e.line_key, e.line_key), when)))
