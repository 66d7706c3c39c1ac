"""textual-serve's aiohttp server with a door: the token, the Origin check and the proxy's user.

Every request (page, static files, downloads, WebSocket) passes one middleware before any
handler runs, so a refused request never spawns an app process. The first visit with
`?token=` is redirected to the same page without it and leaves an HttpOnly, SameSite=Strict
cookie; later requests carry only the cookie. Each WebSocket session runs the command made
for its web user, chosen per request through a context variable that textual-serve's own
handler reads as `self.command`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from planner.cli.web_access import AccessError, check_web_user, token_matches
from planner.i18n import N_, _

log = logging.getLogger("planner-serve")

TEMPLATES = Path(__file__).parent / "templates"
REFUSED = N_("403: open planner with the address `planner serve` printed (it carries the token)")
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

_session_command: ContextVar[str | None] = ContextVar("planner_session_command", default=None)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Gate:
    """What a request must show: the token (or its cookie), an allowed Origin on the WebSocket,
    and, when a proxy's header is trusted, exactly one valid user name in it."""

    token: str
    origins: frozenset[str]
    cookie: str
    secure_cookie: bool
    user_header: str | None


class GuardedServer(Server):
    """textual-serve's Server behind the gate, running `command_for(web user)` per session."""

    def __init__(
        self,
        command_for: Callable[[str | None], str],
        gate: Gate,
        *,
        host: str,
        port: int,
        title: str,
        public_url: str,
    ) -> None:
        self.command_for, self.gate = command_for, gate
        super().__init__(
            command_for(None),
            host=host,
            port=port,
            title=title,
            public_url=public_url,
            templates_path=TEMPLATES,
        )

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's page data, with the page's own words in the chosen language."""
        context: dict[str, Any] = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        context["words"] = {
            "start": _("Start"),
            "ended": _("Session ended."),
            "restart": _("Restart"),
        }
        return context

    @property
    def command(self) -> str:
        """The command of the WebSocket session being opened, else the plain one."""
        return _session_command.get() or self.plain_command

    @command.setter
    def command(self, value: str) -> None:
        self.plain_command = value

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.on_response_prepare.append(self.add_headers)
        return app

    @staticmethod
    async def add_headers(_: web.Request, response: web.StreamResponse) -> None:
        """No framing by other sites, no token in a Referer, nothing kept in caches."""
        response.headers.update(SECURITY_HEADERS)

    def refuse(self, request: web.Request, why: str, text: str = REFUSED) -> web.HTTPForbidden:
        log.warning("refused a request from %s: %s", request.remote, why)
        return web.HTTPForbidden(text=_(text))

    def web_user(self, request: web.Request) -> str | None:
        """The proxy's signed-in user when its header is trusted; None when it is ignored."""
        header = self.gate.user_header
        if header is None:
            return None
        values = request.headers.getall(header, [])
        if len(values) != 1:
            why = f"expected one {header} header from the sign-on proxy, got {len(values)}"
            raise self.refuse(request, why, f"403: {why}")
        try:
            return check_web_user(values[0])
        except AccessError as exc:
            raise self.refuse(request, f"bad {header}", f"403: {header}: {exc}") from exc

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        gate = self.gate
        by_query = token_matches(request.query.get("token"), gate.token)
        if not (by_query or token_matches(request.cookies.get(gate.cookie), gate.token)):
            raise self.refuse(request, "no valid token")
        user = self.web_user(request)
        if request.path == "/ws" and request.headers.get("Origin") not in gate.origins:
            raise self.refuse(request, "foreign Origin", N_("403: foreign Origin"))
        if by_query and request.path == "/":
            found = web.HTTPFound(str(request.rel_url.without_query_params("token")))
            found.set_cookie(
                gate.cookie,
                gate.token,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=gate.secure_cookie,
            )
            raise found
        reset = _session_command.set(self.command_for(user))
        try:
            return await handler(request)
        finally:
            _session_command.reset(reset)
