"""Commands that look after the database file: integrity check and backup."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.common import Context, fail


@click.command(name="check")
@click.option("--quick", is_flag=True, help="quick_check instead of the full integrity_check.")
@click.pass_obj
def check_command(ctx: Context, quick: bool) -> None:
    """Check the database file (read-only): integrity and foreign keys."""
    from db.maintenance import check

    problems = check(ctx.read(), thorough=not quick)
    for problem in problems:
        click.echo(f"problem: {problem}")
    if problems:
        fail(f"{len(problems)} problem(s) found; restore from a backup (`planner backup`)")
    click.echo(f"{ctx.path}: ok (integrity and foreign keys)")


@click.command(name="backup")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@click.pass_obj
def backup_command(ctx: Context, target: Path, force: bool) -> None:
    """Write a consistent copy of the database to TARGET (safe while others edit).

    TARGET is never the database itself (or its -wal/-shm files); an existing TARGET is
    replaced only with --force.
    """
    from db.maintenance import backup

    backup(ctx.read(), target, force=force)
    click.echo(f"backup written to {target}")
