"""`planner serve`: the same app in a web browser through textual-serve, behind a token.

Each browser session runs `planner tui` on the host as the user who started the server, on
the same database, with its dialogs kept inside one files folder. The page, its files and the
WebSocket answer only a request with the token the server printed (or the cookie the first
visit left); the WebSocket also refuses a foreign Origin. See planner/cli/web_server.py.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import click
import platformdirs

from planner.cli.common import PORT, Context, chosen, chosen_plan, fail, plan_options
from planner.cli.web_access import AccessError, check_web_user, new_token, read_token_file
from planner.i18n import _, language

_HEADER_NAME = re.compile(r"[A-Za-z0-9-]{1,64}")


def tui_command(
    ctx: Context,
    hospital: str | None,
    year: int | None,
    files_root: Path | None = None,
    web_user: str | None = None,
) -> str:
    """The shell command a browser session runs: this Python's planner on this plan.

    Every word is shell-quoted; the web user has been checked before it gets here. The
    session speaks the server's language.
    """
    code, plan_year, scenario = chosen_plan(ctx, hospital, year)
    words = [sys.executable, "-m", "planner.cli"]
    if ctx.db_path is not None:
        words += ["--db", str(ctx.db_path.absolute())]
    words += ["--hospital", code, "--year", str(plan_year)]
    words += ["--scenario", scenario] if scenario else []
    words += ["--lang", language(), "tui"]
    if files_root is not None:
        words += ["--files-root", str(files_root)]
    if web_user is not None:
        words += ["--web-user", check_web_user(web_user)]
    return shlex.join(words)


def web_user_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check `tui --web-user` as strictly as the server checks the proxy's header."""
    try:
        return None if value is None else check_web_user(value)
    except AccessError as exc:
        raise click.BadParameter(str(exc)) from exc


def default_files_folder() -> Path:
    return platformdirs.user_data_path("planner") / "planner-files"


def files_folder(path: Path | None) -> Path:
    """The served sessions' files folder, made (0770: the account and its group) if missing."""
    folder = (path or default_files_folder()).absolute()
    if folder.is_dir():
        return folder
    try:
        folder.mkdir(parents=True, mode=0o770)
        folder.chmod(0o770)
    except OSError as exc:
        fail(
            _("cannot create the files folder {folder}: {strerror}").format(
                folder=folder, strerror=exc.strerror
            )
        )
    return folder


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=PORT, help="TCP port.")
@click.option(
    "--public-url",
    help="The address browsers use when a proxy serves planner (https://planner.example.org).",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use the token in this file (mode 0600) instead of a new one at each start.",
)
@click.option(
    "--files",
    "files",
    type=click.Path(file_okay=False, path_type=Path),
    help="The one folder served sessions read and write files in"
    " (default: planner-files in the data folder).",
)
@click.option(
    "--trust-user-header",
    metavar="HEADER",
    help="Record the user a sign-on proxy names in HEADER (X-Forwarded-User) in the audit log.",
)
@plan_options
@click.pass_obj
def serve(
    ctx: Context,
    host: str,
    port: int,
    public_url: str | None,
    token_file: Path | None,
    files: Path | None,
    trust_user_header: str | None,
    hospital: str | None,
    year: int | None,
) -> None:
    """Serve the app to a web browser, reached only with the printed token URL."""
    from yarl import URL

    from planner.cli.web_server import Gate, GuardedServer

    if trust_user_header is not None and not _HEADER_NAME.fullmatch(trust_user_header):
        fail(
            _("{trust_user_header!r} is not an HTTP header name (letters, digits and -)").format(
                trust_user_header=trust_user_header
            )
        )
    try:
        token = new_token() if token_file is None else read_token_file(token_file)
    except AccessError as exc:
        fail(str(exc))
    url = (public_url or base_url(host, port)).rstrip("/")
    origin = URL(url).origin()
    if not origin.is_absolute() or origin.scheme not in ("http", "https"):
        fail(
            _("--public-url {public_url!r} is not an http:// or https:// address").format(
                public_url=public_url
            )
        )
    folder = files_folder(files)
    code, plan_year = chosen(ctx, hospital, year)
    gate = Gate(
        token=token,
        origins=frozenset({str(origin)}),
        cookie=f"planner-token-{port}",
        secure_cookie=origin.scheme == "https",
        user_header=trust_user_header,
    )
    server = GuardedServer(
        lambda user: tui_command(ctx, code, plan_year, folder, user),
        gate,
        host=host,
        port=port,
        title=f"planner — {code} {plan_year}",
        public_url=url,
    )
    click.echo(
        _("planner in the browser at {url}/?token={token} (ctrl+c stops)").format(
            url=url, token=token
        ),
        err=True,
    )
    click.echo(_("files folder for served sessions: {folder}").format(folder=folder), err=True)
    server.serve()
