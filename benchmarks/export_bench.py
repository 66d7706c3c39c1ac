"""Export benchmark (issues 4 and 10): a synthetic 100 000-line plan to CSV, JSON and XLSX.

Run: .venv/bin/python benchmarks/export_bench.py [LINES] [RUNS]
Each `planner export` runs as its own process, as a planner would run it (start-up included);
the figure is the median of RUNS runs (default 3). Prints rows/s, the ratios of the CSV and
JSON exports against the sqlite3 shell dumping the same rows (-csv, -json; goal <= 2 each)
and the XLSX time (goal <= 4 s). Nothing is asserted: the machine may be shared.
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

from benchmarks.installed import compile_packages  # noqa: E402
from benchmarks.synthetic import synthetic_db  # noqa: E402

DUMP_SQL = (
    "SELECT l.key, l.area, l.category, l.name, v.uppdrag, v.bas, v.tillagg, v.price_class,"
    " p.unit_price, v.tillagg * p.unit_price FROM volumes v JOIN lines l ON l.key = v.line_key"
    " JOIN plans pl ON pl.id = v.plan_id JOIN prices p ON p.hospital = pl.hospital"
    " AND p.year = pl.year AND p.price_class = v.price_class WHERE v.plan_id = 2"
    " ORDER BY l.position"
)
GOAL_RATIO = 2.0
GOAL_XLSX_SECONDS = 4.0


def seconds_of(cmd: list[str], stdout: Path | None = None) -> float:
    """Wall seconds of one run of a command."""
    start = time.perf_counter()
    with (stdout or Path("/dev/null")).open("wb") as out:
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=out)
    return time.perf_counter() - start


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    planner = str(Path(sys.executable).with_name("planner"))
    compile_packages()
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        synthetic_db(db, lines)
        rows = lines + 49
        base = [planner, "--db", str(db), "export", "--hospital", "SU"]
        for _ in range(runs):  # in turns, so that a change in the machine's load falls on all
            for fmt in ("csv", "json", "xlsx"):
                export = [*base, "--format", fmt, "-o", f"{tmp}/plan.{fmt}"]
                times.setdefault(fmt, []).append(seconds_of(export))
            for mode in ("csv", "json"):
                dump = ["sqlite3", f"-{mode}", str(db), DUMP_SQL]
                times.setdefault(f"sqlite3 {mode}", []).append(seconds_of(dump, Path(tmp) / "d"))
    seconds = {name: statistics.median(values) for name, values in times.items()}
    shell = {mode: seconds[f"sqlite3 {mode}"] for mode in ("csv", "json")}
    print(f"plan of {rows:_} lines, median of {runs} runs each".replace("_", " "))
    for fmt, label in (("csv", "CSV "), ("json", "JSON"), ("xlsx", "XLSX")):
        s = seconds[fmt]
        print(f"{label} export: {s:.2f} s, {rows / s:_.0f} rows/s".replace("_", " "))
    for mode in ("csv", "json"):
        print(f"sqlite3 -{mode} dump of the same rows: {shell[mode]:.2f} s")
    for fmt, label in (("csv", "CSV "), ("json", "JSON")):
        ratio = seconds[fmt] / shell[fmt]
        print(f"ratio {label} export / sqlite3 -{fmt} dump: {ratio:.2f} (goal <= {GOAL_RATIO:g})")
    print(f"XLSX export: {seconds['xlsx']:.2f} s (goal <= {GOAL_XLSX_SECONDS:g} s)")


if __name__ == "__main__":
    main()
