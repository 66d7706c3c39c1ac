"""`planner serve` behind its token: a real server on a loopback port and a real WebSocket client.

Each test starts the server as its own process group and kills the group in `finally`; every
wait is bounded. "No app spawned" is read from the server's child processes in /proc.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from planner.cli.account import current_user

START_SECONDS = 30
SCREEN_SECONDS = 60
SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # a name in the page, never loaded
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass(frozen=True)
class Served:
    url: str
    token: str
    pid: int

    @property
    def ws(self) -> str:
        return self.url.replace("http://", "ws://") + "/ws"

    @property
    def origin(self) -> str:
        return self.url

    def children(self) -> list[str]:
        """The processes the server has spawned (each would be a browser session's app)."""
        found: list[str] = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            found += (task / "children").read_text().split()
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db_path: Path, tmp_path: Path, *extra: str) -> Iterator[Served]:
    """A `planner serve` process on a free port, until the block ends (then its group is killed)."""
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    files = tmp_path / "files"
    cmd = [sys.executable, "-m", "planner.cli", "--db", str(db_path), "serve"]
    cmd += ["--port", str(port), "--files", str(files), *extra]
    with log.open("wb") as out:
        server = subprocess.Popen(cmd, stdout=out, stderr=out, start_new_session=True)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            found = re.search(r"at (http://\S+)/\?token=(\S+) ", log.read_text(errors="replace"))
            if found and _accepts(port):
                break
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield Served(found.group(1), found.group(2), server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def client() -> aiohttp.ClientSession:
    """A client that keeps cookies for an IP-address host, as a browser does."""
    return aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=30)
    )


async def status(url: str, **kwargs: object) -> int:
    async with client() as session, session.get(url, allow_redirects=False, **kwargs) as answer:  # type: ignore[arg-type]
        return answer.status


async def ws_refusal(url: str, origin: str | None, headers: dict[str, str] | None = None) -> int:
    """The HTTP status with which the server refuses a WebSocket (the test fails if it opens)."""
    async with client() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with session.ws_connect(url, origin=origin, headers=headers):
                pass
    return refused.value.status


async def read_until(ws: aiohttp.ClientWebSocketResponse, wanted: str) -> str:
    """The screen text the app sends until `wanted` appears (at most SCREEN_SECONDS)."""
    text = ""
    deadline = time.monotonic() + SCREEN_SECONDS
    while wanted not in _ESCAPES.sub("", text):
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} did not appear; the screen showed {text[-2000:]!r}"
        message = await ws.receive(timeout=left)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
        if message.type is aiohttp.WSMsgType.BINARY:
            text += message.data.decode("utf-8", errors="replace")
    return _ESCAPES.sub("", text)


async def edit_first_line(served: Served, headers: dict[str, str] | None = None) -> None:
    """Open a session, wait for the plan, type 2000 into the first Uppdrag and leave."""
    async with client() as session:
        url = f"{served.ws}?token={served.token}&width=120&height=40"
        async with session.ws_connect(url, origin=served.origin, headers=headers) as ws:
            await read_until(ws, "Tilläggskostnad")
            await ws.send_json(["stdin", "2000\r"])
            await read_until(ws, "2\u00a0000")


def audit_users(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute("SELECT user FROM audit_log WHERE source = 'tui'")]


def wait_for_audit(db_path: Path) -> list[str]:
    deadline = time.monotonic() + SCREEN_SECONDS
    while not (users := audit_users(db_path)):
        assert time.monotonic() < deadline, "the edit never reached the audit log"
        time.sleep(0.1)
    return users


def test_no_token_wrong_token_or_other_case_is_refused_and_spawns_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    with serving(db_path, tmp_path) as served:
        wrong = [served.token[:-1] + ("A" if served.token[-1] != "A" else "B")]
        wrong += [served.token.swapcase(), "", served.token + "x"]

        async def attempts() -> list[int]:
            codes = [
                await status(served.url + "/"),
                await status(served.url + "/static/js/textual.js"),
            ]
            codes.append(await ws_refusal(served.ws, served.origin))
            for token in wrong:
                codes.append(await status(f"{served.url}/?token={token}"))
                codes.append(await ws_refusal(f"{served.ws}?token={token}", served.origin))
            cookie = {"Cookie": f"planner-token-{served.url.rsplit(':', 1)[1]}={wrong[0]}"}
            codes.append(await status(served.url + "/", headers=cookie))
            return codes

        codes = asyncio.run(attempts())
        assert served.children() == []
    assert codes == [403] * len(codes)


def test_a_foreign_or_missing_origin_is_refused_even_with_the_token(
    db_path: Path, tmp_path: Path
) -> None:
    with serving(db_path, tmp_path) as served:
        url = f"{served.ws}?token={served.token}"

        async def attempts() -> list[int]:
            return [
                await ws_refusal(url, "http://evil.example"),
                await ws_refusal(url, served.origin.replace("127.0.0.1", "localhost")),
                await ws_refusal(url, None),
            ]

        assert asyncio.run(attempts()) == [403, 403, 403]
        assert served.children() == []


def test_the_token_url_sets_a_cookie_and_the_session_reaches_the_plan(
    db_path: Path, tmp_path: Path
) -> None:
    with serving(db_path, tmp_path) as served:

        async def visit() -> tuple[aiohttp.ClientResponse, str, str]:
            async with client() as session:
                async with session.get(
                    f"{served.url}/?token={served.token}", allow_redirects=False
                ) as first:
                    pass
                async with session.get(served.url + "/") as page:
                    html = await page.text()
                async with session.ws_connect(
                    f"{served.ws}?width=120&height=40", origin=served.origin
                ) as ws:
                    screen = await read_until(ws, "Tilläggskostnad")
            return first, html, screen

        first, html, screen = asyncio.run(visit())
    assert first.status == 302 and first.headers["Location"] == "/"
    cookie = first.headers["Set-Cookie"]
    assert served.token in cookie
    assert {"HttpOnly", "Path=/", "SameSite=Strict"} <= {p.strip() for p in cookie.split(";")}
    assert "<title>planner — NU 2026</title>" in html
    addresses = set(re.findall(r"\b(?:https?|wss?)://[^\"'\s)]+", html)) - {SVG_NAMESPACE}
    assert served.url + "/static/js/textual.js" in addresses
    assert all(address.startswith((served.url + "/", served.ws)) for address in addresses)
    assert "googleapis" not in html
    assert ">Start</button>" in html and ">Session ended.</div>" in html  # the page's language
    assert "NU-sjukvården" in screen


def test_the_proxy_user_is_logged_next_to_the_account_only_when_trusted(
    db_path: Path, tmp_path: Path
) -> None:
    anna = {"X-Forwarded-User": "anna"}
    other = tmp_path / "other.db"
    other.write_bytes(db_path.read_bytes())
    with serving(db_path, tmp_path, "--trust-user-header", "X-Forwarded-User") as served:
        url = f"{served.ws}?token={served.token}"

        async def refusals() -> list[int]:
            return [
                await ws_refusal(url, served.origin),
                await ws_refusal(url, served.origin, {"X-Forwarded-User": "anna) (web: bo"}),
                await ws_refusal(url, served.origin, {"X-Forwarded-User": "a" * 65}),
            ]

        assert asyncio.run(refusals()) == [403, 403, 403]
        asyncio.run(edit_first_line(served, anna))
        trusted = wait_for_audit(db_path)
    assert set(trusted) == {f"{current_user()} (web: anna)"}

    with serving(other, tmp_path) as served:
        asyncio.run(edit_first_line(served, anna))
        ignored = wait_for_audit(other)
    assert set(ignored) == {current_user()}


def test_a_token_file_gives_a_fixed_token(db_path: Path, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("fixed-token-of-the-team-0123456789\n")
    token_file.chmod(0o600)
    with serving(db_path, tmp_path, "--token-file", str(token_file)) as served:
        assert served.token == "fixed-token-of-the-team-0123456789"
        assert asyncio.run(status(f"{served.url}/?token={served.token}")) == 302


def test_the_files_folder_is_made_for_the_account_and_its_group(
    db_path: Path, tmp_path: Path
) -> None:
    with serving(db_path, tmp_path):
        assert (tmp_path / "files").stat().st_mode & 0o777 == 0o770
