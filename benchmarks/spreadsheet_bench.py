"""Spreadsheet moves (issue 21): a 49 x 12 block pasted into the follow-up, sorting 5 000 lines.

Run: .venv/bin/python benchmarks/spreadsheet_bench.py [LINES]
Paste: checking the block (pure), and in the app from the Paste event to the follow-up shown
again (one transaction, 588 chained values), against typing the same values one by one.
Sort: ordering the rows (pure) and the plan view rebuilt sorted (S) against rebuilt in the
plan's order. Prints milliseconds and ratios; nothing is asserted.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_db  # noqa: E402


def block_text(rows: int, months: int, seed: int) -> str:
    """Tab-separated rows as Excel copies them, Swedish grouping on the larger figures."""
    rng = random.Random(seed)
    return "".join(
        "\t".join(f"{rng.randint(0, 2500):,}".replace(",", "\u00a0") for _ in range(months))
        + "\r\n"
        for _ in range(rows)
    )


def check_ms(runs: int = 50) -> float:
    """Median ms to read and check a 49 x 12 block (pure)."""
    from planner.numbers import parse_volume
    from planner.readers.pasted_block import read_block, split_block

    rows = [(f"line-{i}", f"Line {i}") for i in range(49)]
    columns = [(m, str(m)) for m in range(1, 13)]
    text = block_text(49, 12, 1)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_block(split_block(text), rows, columns, lambda _r, _c, t: parse_volume(t))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def paste_ms(db_path: Path, typed: int = 24) -> tuple[float, float]:
    """ms from a 49 x 12 Paste to the follow-up shown again; ms per typed month's save (the
    commit handler after the editor: store, recompute, update rows and panels; median)."""
    from textual.events import Paste

    from planner.cli.app_factory import make_app
    from screens.followup_screen import FollowupScreen
    from screens.widgets.followup_grid import FollowupGrid

    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FollowupScreen)
        await screen.settled()
        grid = screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.first_line_row(), column=1)
        start = time.perf_counter()
        grid.post_message(Paste(block_text(49, 12, 2)))
        while "saved in one step" not in str(screen.query_one("#status").render()):
            await asyncio.sleep(0.002)
        await screen.settled()
        pasted = (time.perf_counter() - start) * 1000
        per_value = []
        key = screen.plan.lines[0].key
        for i in range(typed):
            start = time.perf_counter()
            screen.save(key, 1 + i % 12, 100 + i)  # what Enter on a typed month calls
            await screen.settled()
            per_value.append((time.perf_counter() - start) * 1000)
    return pasted, statistics.median(per_value)


def sort_ms(db_path: Path, runs: int = 9) -> float:
    """Median ms to order the synthetic plan's rows by cost within their groups (pure)."""
    from db.plans import load_plan
    from db.setup import open_database
    from planner.grouping import SortOrder, grouped_rows, sorted_rows

    db = open_database(db_path)
    plan = load_plan(db, "SU", 2026)
    db.conn.close()
    rows = grouped_rows(plan)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        sorted_rows(rows, lambda row: row.totals.cost, SortOrder("cost", True))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def view_ms(db_path: Path, runs: int = 5) -> tuple[float, float]:
    """Median ms to rebuild the plan view sorted by cost, and in the plan's order."""
    from planner.cli.app_factory import make_app
    from planner.grouping import SortOrder
    from screens.plan_screen import PlanScreen

    app = make_app(db_path, "SU", 2026)
    plain, ordered = [], []
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        for _ in range(runs):
            start = time.perf_counter()
            screen.navigation.sort_by(SortOrder("cost", True))
            await pilot.pause()
            ordered.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            screen.navigation.plan_order()
            await pilot.pause()
            plain.append((time.perf_counter() - start) * 1000)
    return statistics.median(ordered), statistics.median(plain)


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "paste.db"
        synthetic_db(small, 0)
        checked = check_ms()
        pasted, typed = asyncio.run(paste_ms(small))
        print("paste 49 x 12 = 588 values into the follow-up (NU 2026, 49 lines):")
        print(f"  check the block (pure)          {checked:8.1f} ms")
        print(f"  Paste event to follow-up shown  {pasted:8.1f} ms (one transaction)")
        print(f"  one typed month, save to shown  {typed:8.1f} ms (median)")
        print(f"  588 typed months (estimate)     {typed * 588:8.1f} ms")
        print(f"  ratio typed / pasted            {typed * 588 / pasted:8.1f} x")
        big = Path(tmp) / "sort.db"
        synthetic_db(big, lines)
        pure = sort_ms(big)
        ordered, plain = asyncio.run(view_ms(big))
        print(f"sort {lines} lines (SU 2026) by Tilläggskostnad within the groups:")
        print(f"  order the rows (pure)           {pure:8.1f} ms")
        print(f"  plan view rebuilt sorted (S)    {ordered:8.1f} ms")
        print(f"  plan view rebuilt in plan order {plain:8.1f} ms (O)")
        print(f"  ratio sorted / plan order       {ordered / plain:8.2f}")


if __name__ == "__main__":
    main()
