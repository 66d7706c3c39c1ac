"""Hash-chain benchmark (issue 19 §2): seeding, one edit, and `planner check` replaying the chain.

Run: .venv/bin/python benchmarks/chain_bench.py [LINES]
Times creating and seeding a database (NU 2026 and the prices, every row an entry), the
median edit_line (one transaction, its chained entries), then on a plan of LINES synthetic
lines (100 000 by default, plus the 49 seeded) the replay and comparison alone and the whole
`planner check`. Prints seconds and milliseconds; nothing is asserted.
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
from db.audit_trail import Actor  # noqa: E402
from db.chain import chain_state_problems  # noqa: E402
from db.edits import edit_line  # noqa: E402
from db.setup import open_database, open_for_check  # noqa: E402
from planner.model import Field  # noqa: E402


def seed_and_edit(folder: Path) -> None:
    begin = time.perf_counter()
    db = open_database(folder / "seeded.db", create=True)
    created = time.perf_counter() - begin
    actor = Actor("bench", "cli")
    times = []
    for value in range(200, 400):
        begin = time.perf_counter()
        edit_line(db, 1, "psykiatri/forstabesok/bup", Field.TILLAGG, value, actor)
        times.append((time.perf_counter() - begin) * 1000)
    db.conn.close()
    print(
        f"create and seed: {created * 1000:.0f} ms;"
        f" edit_line median {statistics.median(times):.2f} ms"
    )


def check_times(folder: Path, lines: int) -> None:
    path = folder / "big.db"
    begin = time.perf_counter()
    synthetic_db(path, lines)
    print(f"build {lines} synthetic lines: {time.perf_counter() - begin:.1f} s")
    db = open_for_check(path)
    entries = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    begin = time.perf_counter()
    problems = chain_state_problems(db)
    print(
        f"replay + compare {entries} entries: {time.perf_counter() - begin:.1f} s,"
        f" {len(problems)} differences"
    )
    db.conn.close()
    begin = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", "--db", str(path), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"planner check: {time.perf_counter() - begin:.1f} s, exit {done.returncode}")


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        seed_and_edit(Path(tmp))
        check_times(Path(tmp), lines)


if __name__ == "__main__":
    main()
