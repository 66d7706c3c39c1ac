"""Commands that look after the database file: integrity check and backup."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.common import Context, fail
from planner.i18n import _
from planner.text import escape_control
from planner.times import local_time


@click.command(name="check")
@click.option("--quick", is_flag=True, help="quick_check instead of the full integrity_check.")
@click.option(
    "--head",
    "noted_head",
    metavar="ID:HASH",
    help="An audit head printed by an earlier check; it must still be in the log.",
)
@click.pass_obj
def check_command(ctx: Context, quick: bool, noted_head: str | None) -> None:
    """Check the database file: integrity, foreign keys, tables and triggers, the audit
    chain, every plan-data table against the chain's replay, every snapshot's hashes and R1
    on every line. Prints the audit head to note."""
    from db.audit_trail import audit_head
    from db.chain import checkpoint_time
    from db.maintenance import check
    from db.schema import needs_migration
    from db.setup import open_for_check
    from db.tamper_checks import noted_head_problems

    if noted_head is not None and not noted_head.strip():
        fail(_("--head is empty; give the audit head as ID:HASH, as `planner check` prints it"))
    path = ctx.path
    db = open_for_check(path)
    problems = check(db, thorough=not quick)
    if noted_head:
        problems += noted_head_problems(db, noted_head)
    for problem in problems:
        click.echo(_("problem: {problem}").format(problem=escape_control(problem)))
    start = checkpoint_time(db) if not needs_migration(db) else None
    if start is not None:
        click.echo(
            _(
                "note: the chain starts from a checkpoint taken at the upgrade on"
                " {start}; changes before it are in the log but not replayed"
            ).format(start=local_time(start))
        )
    if problems:
        fail(
            _("{problems} problem(s) found; restore from a backup (`planner backup`)").format(
                problems=len(problems)
            )
        )
    if needs_migration(db):
        click.echo(
            _("note: written by an older planner; the audit chain is added when it is opened")
        )
        return
    head_id, head = audit_head(db)
    click.echo(
        _(
            "{path}: ok (integrity, foreign keys, schema, audit chain, tables"
            " against the chain, snapshots, R1); audit head {head_id}:{head}"
        ).format(path=path, head_id=head_id, head=head)
    )


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
    click.echo(_("backup written to {target}").format(target=target))
