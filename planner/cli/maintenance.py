"""Commands that look after the database file: integrity check and backup."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.common import Context, default_db_path, fail


@click.command(name="check")
@click.option("--quick", is_flag=True, help="quick_check instead of the full integrity_check.")
@click.pass_obj
def check_command(ctx: Context, quick: bool) -> None:
    """Check the database file: integrity and foreign keys."""
    from db.maintenance import check

    problems = check(ctx.open(), thorough=not quick)
    for problem in problems:
        click.echo(f"problem: {problem}")
    if problems:
        fail(f"{len(problems)} problem(s) found; restore from a backup (`planner backup`)")
    click.echo(f"{ctx.db_path or default_db_path()}: ok (integrity and foreign keys)")


@click.command(name="backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup_command(ctx: Context, target: Path) -> None:
    """Write a consistent copy of the database to TARGET (safe while others edit)."""
    from db.maintenance import backup

    backup(ctx.open(), target)
    click.echo(f"backup written to {target}")
