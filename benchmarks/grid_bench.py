"""Grid benchmarks (issue 3): start-up to first frame, and keypress to updated totals.

Run: .venv/bin/python benchmarks/grid_bench.py
Prints figures and ratios; nothing here is asserted.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_db  # noqa: E402

PLANNER_CHILD = """
import sys
from pathlib import Path
from planner.cli.app_factory import make_app
async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()
make_app(Path(sys.argv[1]), "NU", 2026).run(headless=True, size=(120, 45), auto_pilot=first_frame)
"""

MINIMAL_CHILD = """
from textual.app import App
from textual.widgets import DataTable
class Minimal(App):
    def compose(self):
        yield DataTable()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Line", "Uppdrag", "Bas", "Tillägg", "Price", "Tilläggskostnad")
        for i in range(49):
            table.add_row(f"line {i}", "1 030", "700", "330", "visit 2 503", "825 990")
async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()
Minimal().run(headless=True, size=(120, 45), auto_pilot=first_frame)
"""


def time_child(code: str, *args: str, runs: int = 7) -> float:
    """Median wall time in ms of a fresh Python process running `code` to its first frame."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def edit_times(
    db_path: Path, hospital: str, edits: int = 200
) -> tuple[list[float], list[float]]:
    """Per edit: ms in the commit handler (key to totals updated) and ms from Enter to idle."""
    from planner.cli.app_factory import make_app
    from screens.plan_screen import PlanScreen

    app = make_app(db_path, hospital, 2026)
    handler: list[float] = []
    pressed: list[float] = []
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        original = screen.commit_edit

        def timed_commit(text: str, move: str) -> None:
            start = time.perf_counter()
            original(text, move)
            handler.append((time.perf_counter() - start) * 1000)

        screen.commit_edit = timed_commit  # type: ignore[method-assign]
        for i in range(edits):
            if i % 40 == 0:
                screen.grid.move_cursor(row=screen.grid.first_line_row(), column=1)
            value = str(20000 + i)
            await pilot.press(*value)
            start = time.perf_counter()
            await pilot.press("enter")
            pressed.append((time.perf_counter() - start) * 1000)
    return handler, pressed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.db"
        big = Path(tmp) / "big.db"
        synthetic_db(small, 0)
        synthetic_db(big, 5000)
        planner_ms = time_child(PLANNER_CHILD, str(small))
        minimal_ms = time_child(MINIMAL_CHILD)
        print(
            f"(a) start-up to first frame: planner {planner_ms:.0f} ms,"
            f" minimal 49-row DataTable app {minimal_ms:.0f} ms,"
            f" ratio {planner_ms / minimal_ms:.2f} (goal <= 1.3)"
        )
        h49, p49 = asyncio.run(edit_times(small, "NU"))
        h5k, p5k = asyncio.run(edit_times(big, "SU"))
        for label, h, p in (("49 lines", h49, p49), ("5 049 lines", h5k, p5k)):
            median = statistics.median(h)
            print(
                f"(b) {label}: {len(h)} edits, commit-to-totals median {median:.2f} ms"
                f" (p95 {sorted(h)[int(len(h) * 0.95)]:.2f}),"
                f" Enter-to-idle median {statistics.median(p):.2f} ms"
            )
        print(
            f"    ratio 5 049-line / 49-line commit median:"
            f" {statistics.median(h5k) / statistics.median(h49):.2f} (goal <= 2)"
        )


if __name__ == "__main__":
    main()
