"""`planner serve`: the same app in a web browser through textual-serve.

Each browser session runs `planner tui` on the host as the user who started the server, on
the same database. textual-serve has no login of its own, so it listens on loopback unless
told otherwise; put it behind the host's own authentication (see the README).
"""

from __future__ import annotations

import shlex
import sys

import click

from planner.cli.common import PORT, Context, chosen, plan_options


def tui_command(ctx: Context, hospital: str | None, year: int | None) -> str:
    """The shell command each browser session runs: this Python's planner on this plan."""
    code, plan_year = chosen(ctx, hospital, year)
    words = [sys.executable, "-m", "planner.cli"]
    if ctx.db_path is not None:
        words += ["--db", str(ctx.db_path.absolute())]
    return shlex.join([*words, "--hospital", code, "--year", str(plan_year), "tui"])


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=PORT, help="TCP port.")
@plan_options
@click.pass_obj
def serve(ctx: Context, host: str, port: int, hospital: str | None, year: int | None) -> None:
    """Serve the app to a web browser (no login: keep it on loopback or behind one)."""
    from textual_serve.server import Server

    command = tui_command(ctx, hospital, year)
    click.echo(f"planner in the browser at http://{host}:{port}/ (ctrl+c stops)", err=True)
    Server(command, host=host, port=port, title="planner").serve()
