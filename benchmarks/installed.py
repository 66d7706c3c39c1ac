"""Time planner as an installed copy runs: with its own modules byte-compiled."""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_packages() -> None:
    """pip compiles an installed package; an editable install under PYTHONDONTWRITEBYTECODE
    (set on this machine) would compile planner's modules from source on every start."""
    for package in ("planner", "db", "screens"):
        compileall.compile_dir(ROOT / package, quiet=1)
