"""Outcome import benchmark (issue 11): 12 months x 5 000 lines through `planner outcomes import`.

Run: .venv/bin/python benchmarks/outcomes_import_bench.py [LINES]
Times the whole command (read, parse, validate, write with an audit entry per value) on a
fresh import, again with the same file (nothing changes), and `planner followup` afterwards;
then, in the app, opening the follow-up screen and typing one month (commit handler: save,
recompute every line, update the changed rows, charts and settlement). Prints seconds and
milliseconds; nothing is asserted.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_db  # noqa: E402

PLANNER = [sys.executable, "-m", "planner.cli"]


def outcome_csv(path: Path, lines: int) -> None:
    """Wide form: key and one column per month, invented figures."""
    rng = random.Random(7)
    rows = ["key;" + ";".join(str(m) for m in range(1, 13))]
    for i in range(lines):
        figures = ";".join(str(rng.randint(0, 500)) for _ in range(12))
        rows.append(f"somatik/synthetic-{i // 100}/line-{i};{figures}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def timed(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([*PLANNER, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1][:100]


async def screen_times(db_path: Path, edits: int = 10) -> tuple[float, list[float]]:
    """ms to open the follow-up screen (f to mounted), and ms per typed month's commit."""
    from planner.cli.app_factory import make_app
    from screens.followup_screen import FollowupScreen

    app = make_app(db_path, "SU", 2026)
    commits: list[float] = []
    async with app.run_test(size=(160, 50)) as pilot:
        start = time.perf_counter()
        await pilot.press("f")
        await pilot.pause()
        opened = (time.perf_counter() - start) * 1000
        screen = app.screen
        assert isinstance(screen, FollowupScreen)
        original = screen.save

        def timed_save(key: str, month: int, value: int | None) -> None:
            begin = time.perf_counter()
            original(key, month, value)
            commits.append((time.perf_counter() - begin) * 1000)

        screen.save = timed_save  # type: ignore[method-assign]
        for i in range(edits):
            await pilot.press(*str(100 + i), "enter")
    return opened, commits


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        synthetic_db(db, lines)
        csv_path = Path(tmp) / "outcomes.csv"
        outcome_csv(csv_path, lines)
        plan = ["--db", str(db), "--hospital", "SU"]
        for what, args in (
            ("first import", [*plan, "outcomes", "import", str(csv_path)]),
            ("same file again", [*plan, "outcomes", "import", str(csv_path)]),
            ("followup (text)", [*plan, "followup"]),
        ):
            seconds, said = timed(*args)
            print(f"{what:<16} {lines * 12:>7} values  {seconds:6.2f} s  | {said}")
        opened, commits = asyncio.run(screen_times(db))
        print(
            f"follow-up screen: open {opened:.0f} ms; commit of one month (median of"
            f" {len(commits)}) {statistics.median(commits):.0f} ms"
        )


if __name__ == "__main__":
    main()
