"""Commands for review sessions and the audit trail."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from planner.cli.common import Context, plan_options
from planner.text import escape_control, escape_json


@click.group(invoke_without_command=True)
@click.option("--since", "since", type=int, help="Open the app on a review since this snapshot.")
@click.pass_context
def review(ctx: click.Context, since: int | None) -> None:
    """Review the changes since a snapshot (`--since ID` opens the app on it)."""
    if ctx.invoked_subcommand is not None:
        return
    if since is None:
        raise click.UsageError("give --since SNAPSHOT_ID, or a subcommand: list, summary")
    from planner.cli.app_factory import make_app

    obj: Context = ctx.obj
    app = make_app(obj.db_path, obj.hospital, obj.year, review_since=since)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


@review.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def review_list(ctx: Context, fmt: str) -> None:
    """Show every review with its status."""
    from db.reviews import list_reviews

    found = list_reviews(ctx.open())
    if fmt == "json":
        click.echo(escape_json(json.dumps([r.meta() for r in found], ensure_ascii=False, indent=2)))
        return
    if not found:
        click.echo("no reviews yet; `planner review --since SNAPSHOT_ID` starts one")
    for r in found:
        line = (
            f"{r.id:>4}  {r.hospital} {r.year}  since {r.since} ({r.since_label})"
            f"  {r.reviewer}  {r.started_at}  {r.status}"
        )
        click.echo(escape_control(line))


@review.command(name="summary")
@click.argument("review_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["md", "text", "json"]), default="text")
@click.pass_obj
def review_summary(ctx: Context, review_id: int, fmt: str) -> None:
    """Print the minutes: decided and open changes, cost deltas, comments, R7 verdict."""
    from db.reviews import get_review, load_items
    from planner.review_minutes import render_minutes

    db = ctx.open()
    click.echo(render_minutes(get_review(db, review_id), load_items(db, review_id), fmt), nl=False)


@click.command()
@click.option("--line", "line_key", help="Only this line (a key from `planner lines`).")
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
    from db.audit import query_log
    from db.plans import find_hospital, plan_id

    db = ctx.open()
    pid = None
    if hospital or year:
        pid = plan_id(db, find_hospital(db, hospital or ctx.hospital), year or ctx.year)
    entries = query_log(db, line_key, since, pid)
    if fmt == "json":
        rows = [asdict(e) for e in entries]
        click.echo(escape_json(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    for e in entries:
        change = "" if e.field == "reason" else f" {e.old} → {e.new}"
        why = f"  «{e.reason}»" if e.reason else ""
        line = f"{e.at}  {e.user:<10} {e.plan}  {e.line_key}  {e.field}{change}  [{e.source}]{why}"
        click.echo(escape_control(line))
