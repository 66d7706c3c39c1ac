"""`planner serve` answers a browser on a loopback port, and stops."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, seconds: float = 30) -> str:
    """The page at `url`, retrying while the server starts (at most `seconds`)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return str(answer.read().decode())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_shows_the_app_page_on_loopback(db_path: Path) -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "planner.cli", "--db", str(db_path), "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/")
        assert "<div>planner</div>" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
    finally:
        server.terminate()
        _, err = server.communicate(timeout=15)
    assert f"planner in the browser at http://127.0.0.1:{port}/" in err


def test_each_browser_session_runs_the_tui_on_the_chosen_plan(tmp_path: Path) -> None:
    from planner.cli.common import Context
    from planner.cli.serve import tui_command

    ctx = Context(tmp_path / "my plan.db", "NU", 2026)
    assert tui_command(ctx, "SU", None) == (
        f"{sys.executable} -m planner.cli --db '{tmp_path}/my plan.db'"
        " --hospital SU --year 2026 tui"
    )
