"""Scenario benchmark (issue 21 §4): making a scenario and applying it back to its plan.

Run: .venv/bin/python benchmarks/scenario_bench.py [LINES]
On the seeded NU 2026 plan (49 lines): the median create_scenario, then apply (dry run and for
real) with every line changed. On a synthetic SU 2026 plan of LINES lines (5 000 by default):
the same, with one line in ten changed in the plan too (so refused). Prints milliseconds,
ms per line and the ratio apply / create; nothing is asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_db  # noqa: E402
from db.audit_trail import Actor  # noqa: E402
from db.connection import write_transaction  # noqa: E402
from db.edits import edit_line  # noqa: E402
from db.plans import load_plan  # noqa: E402
from db.scenarios import apply_scenario, create_scenario  # noqa: E402
from db.setup import open_database  # noqa: E402
from planner.model import Field  # noqa: E402

ACTOR = Actor("bench", "cli")


def ms(begin: float) -> float:
    return (time.perf_counter() - begin) * 1000


def measure(path: Path, code: str, runs: int, refuse_every: int = 0) -> None:
    """Create `runs` scenarios (median), change every line of the last, change one line in
    `refuse_every` in the plan, then time apply as a dry run and for real."""
    db = open_database(path)
    creates = []
    for n in range(runs):
        begin = time.perf_counter()
        scenario = create_scenario(db, code, 2026, f"bench-{n}", ACTOR)
        creates.append(ms(begin))
    plan = load_plan(db, code, 2026)
    lines = len(plan.lines)
    with write_transaction(db):
        for line in scenario.lines:
            edit_line(
                db, scenario.plan_id, line.key, Field.TILLAGG, line.volumes.tillagg + 1, ACTOR
            )
        if refuse_every:
            for line in plan.lines[::refuse_every]:
                edit_line(db, plan.plan_id, line.key, Field.BAS, line.volumes.bas + 1, ACTOR)
    begin = time.perf_counter()
    dry = apply_scenario(db, code, 2026, scenario.scenario or "", ACTOR, dry_run=True)
    dry_ms = ms(begin)
    begin = time.perf_counter()
    applied = apply_scenario(db, code, 2026, scenario.scenario or "", ACTOR)
    apply_ms = ms(begin)
    db.conn.close()
    create_ms = statistics.median(creates)
    print(
        f"{code} 2026, {lines} lines: create_scenario median {create_ms:.1f} ms"
        f" ({create_ms / lines:.3f} ms/line, {runs} runs)"
    )
    print(
        f"  apply dry run {dry_ms:.1f} ms; apply {apply_ms:.1f} ms for"
        f" {len(applied.preview.changes)} lines brought over and {len(dry.preview.refused)}"
        f" refused ({apply_ms / lines:.3f} ms/line); apply / create {apply_ms / create_ms:.1f}"
    )


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded.db"
        open_database(seeded, create=True).conn.close()
        measure(seeded, "NU", 20)
        big = Path(tmp) / "big.db"
        synthetic_db(big, lines)
        measure(big, "SU", 3, refuse_every=10)


if __name__ == "__main__":
    main()
