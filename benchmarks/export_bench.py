"""Export benchmark (issue 4): a synthetic 100 000-line plan to CSV and XLSX.

Run: .venv/bin/python benchmarks/export_bench.py [LINES]
Prints rows/s and the ratio of `planner export --format csv` against the sqlite3 shell
dumping the same rows with -csv (goal <= 3). Nothing is asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_db  # noqa: E402

DUMP_SQL = (
    "SELECT l.key, l.area, l.category, l.name, v.uppdrag, v.bas, v.tillagg, v.price_class,"
    " p.unit_price, v.tillagg * p.unit_price FROM volumes v JOIN lines l ON l.key = v.line_key"
    " JOIN plans pl ON pl.id = v.plan_id JOIN prices p ON p.hospital = pl.hospital"
    " AND p.year = pl.year AND p.price_class = v.price_class WHERE v.plan_id = 2"
    " ORDER BY l.position"
)


def timed(cmd: list[str], runs: int = 3, stdout: Path | None = None) -> float:
    """Median wall seconds of a command over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        if stdout is None:
            subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        else:
            with stdout.open("wb") as out:
                subprocess.run(cmd, check=True, cwd=ROOT, stdout=out)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    planner = str(Path(sys.executable).with_name("planner"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        synthetic_db(db, lines)
        rows = lines + 49
        base = [planner, "--db", str(db), "export", "--hospital", "SU"]
        csv_s = timed([*base, "--format", "csv", "-o", f"{tmp}/plan.csv"])
        xlsx_s = timed([*base, "--format", "xlsx", "-o", f"{tmp}/plan.xlsx"], runs=1)
        shell_s = timed(
            ["sqlite3", "-csv", "-header", str(db), DUMP_SQL], stdout=Path(tmp) / "dump.csv"
        )
        print(f"plan of {rows:,} lines".replace(",", " "))
        print(f"CSV  export: {csv_s:.2f} s, {rows / csv_s:,.0f} rows/s".replace(",", " "))
        print(f"XLSX export: {xlsx_s:.2f} s, {rows / xlsx_s:,.0f} rows/s".replace(",", " "))
        print(f"sqlite3 -csv dump of the same rows: {shell_s:.2f} s")
        print(f"ratio CSV export / sqlite3 dump: {csv_s / shell_s:.2f} (goal <= 3)")


if __name__ == "__main__":
    main()
