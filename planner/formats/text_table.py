"""tabulate, imported on first use: every command pays for what it imports at start-up, and
most commands (export, set, the app's first frame) print no table."""

from __future__ import annotations

from typing import Any


def tabulate(*args: Any, **kwargs: Any) -> str:
    """`tabulate.tabulate` with the same arguments."""
    from tabulate import tabulate as render

    return render(*args, **kwargs)
