"""Grid benchmarks: start-up to first frame, and Enter to the frame with the new totals.

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
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.installed import compile_packages  # noqa: E402
from benchmarks.synthetic import synthetic_db  # noqa: E402

# Each child prints the ms from its launch (the parent's clock, passed last) to the first
# frame the app composes, then exits; the time to exit is not start-up.
FIRST_FRAME = """
import sys, time
def on_first_frame(app):
    display = app._display
    def shown(screen, renderable):
        display(screen, renderable)
        if renderable is not None and app.return_code is None:
            print(f"{(time.time() - float(sys.argv[-1])) * 1000:.1f}")
            app.exit(0)
    app._display = shown
    return app
"""

PLANNER_CHILD = (
    FIRST_FRAME
    + """
from pathlib import Path
from planner.cli.app_factory import make_app
app = make_app(Path(sys.argv[1]), "NU", 2026)
on_first_frame(app).run(headless=True, size=(120, 45))
"""
)

MINIMAL_CHILD = (
    FIRST_FRAME
    + """
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
on_first_frame(Minimal()).run(headless=True, size=(120, 45))
"""
)


def first_frame_ms(code: str, *args: str) -> float:
    """Ms from launching a fresh Python process running `code` to its first frame."""
    launched = f"{time.time():.6f}"
    done = subprocess.run(
        [sys.executable, "-c", code, *args, launched],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1])


def start_up_ms(db_path: Path, runs: int = 9) -> tuple[float, float]:
    """Median first-frame ms of planner and of the minimal app, run in turns so that a
    change in the machine's load falls on both."""
    planner, minimal = [], []
    for _ in range(runs):
        planner.append(first_frame_ms(PLANNER_CHILD, str(db_path)))
        minimal.append(first_frame_ms(MINIMAL_CHILD))
    return statistics.median(planner), statistics.median(minimal)


class FrameClock:
    """Times the frames an app writes: when the first frame after a change reached the screen."""

    def __init__(self, app: Any, changed: Callable[[], int]) -> None:
        self.changed = changed
        self.frames: list[tuple[float, int]] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.frames.append((time.perf_counter(), changed()))

        app._display = timed_display

    async def after_enter(self, pilot: Any) -> float:
        """Ms from pressing Enter to the first written frame that shows the change."""
        before = self.changed()
        start = time.perf_counter()
        await pilot.press("enter")
        while True:
            shown = [t for t, count in self.frames if count > before and t > start]
            if shown:
                return (shown[0] - start) * 1000
            await asyncio.sleep(0.005)


async def edit_times(db_path: Path, hospital: str, edits: int = 100) -> list[float]:
    """Per edit: ms from Enter to the written frame that shows the saved line and totals."""
    from planner.cli.app_factory import make_app
    from screens.plan_screen import PlanScreen

    app = make_app(db_path, hospital, 2026)
    times: list[float] = []
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        clock = FrameClock(app, lambda: screen.plan.saves)
        for i in range(edits):
            if i % 40 == 0:
                screen.grid.move_cursor(row=screen.grid.first_line_row(), column=1)
            await pilot.press(*str(20000 + i))
            times.append(await clock.after_enter(pilot))
    return times


async def minimal_edit_times(rows: int, edits: int = 100) -> list[float]:
    """The same measure in a minimal Textual app: Enter updates a cell and a total at once."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import DataTable, Static

    class Minimal(App[None]):
        BINDINGS: ClassVar = [Binding("enter", "save", "Save", priority=True)]
        total = 0

        def compose(self) -> ComposeResult:
            yield DataTable()
            yield Static("", id="total")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Line", "Uppdrag", "Bas", "Tillägg", "Price", "Tilläggskostnad")
            for i in range(rows):
                table.add_row(f"line {i}", "1 030", "700", "330", "visit 2 503", "825 990")

        def action_save(self) -> None:
            table = self.query_one(DataTable)
            self.total += 1
            table.update_cell_at(table.cursor_coordinate, str(self.total))
            table.move_cursor(row=table.cursor_row + 1)
            self.query_one("#total", Static).update(f"total {self.total}")

    times: list[float] = []
    app = Minimal()
    async with app.run_test(size=(120, 45)) as pilot:
        clock = FrameClock(app, lambda: app.total)
        for i in range(edits):
            if i % 40 == 0:
                app.query_one(DataTable).move_cursor(row=0, column=1)
            times.append(await clock.after_enter(pilot))
    return times


def main() -> None:
    compile_packages()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.db"
        big = Path(tmp) / "big.db"
        synthetic_db(small, 0)
        synthetic_db(big, 5000)
        planner_ms, minimal_ms = start_up_ms(small)
        print(
            f"(a) start-up to first frame: planner {planner_ms:.0f} ms,"
            f" minimal 49-row DataTable app {minimal_ms:.0f} ms,"
            f" ratio {planner_ms / minimal_ms:.2f} (goal <= 1.3)"
        )
        for label, path, hospital, rows in (
            ("49 lines", small, "NU", 49),
            ("5 049 lines", big, "SU", 5049),
        ):
            planner_edit = statistics.median(asyncio.run(edit_times(path, hospital)))
            minimal_edit = statistics.median(asyncio.run(minimal_edit_times(rows)))
            print(
                f"(b) {label}: Enter to the frame with the new totals, median"
                f" planner {planner_edit:.1f} ms, minimal app {minimal_edit:.1f} ms,"
                f" ratio {planner_edit / minimal_edit:.2f} (goal <= 1.2)"
            )


if __name__ == "__main__":
    main()
