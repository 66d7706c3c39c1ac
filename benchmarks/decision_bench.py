"""Decision-document benchmark (issue 22): reading a whole decision, and importing it again.

Run: .venv/bin/python benchmarks/decision_bench.py [ADJUSTMENTS]
Times reading the NU 2026 test document (invented prose, NU's figures) with the section
splitter and every part-reader, the same document with ADJUSTMENTS bridge rows (1 000 by
default) against the 13 printed, and `import-decision` of the seeded document on a seeded
database (nothing to change: every row compared). Prints milliseconds and a ratio; nothing is
asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.decision_import import apply_decision, preview_decision, provider_codes  # noqa: E402
from db.setup import open_database  # noqa: E402
from planner.readers.decision import read_decision  # noqa: E402
from tests.decision_documents import hospital_decision, seeded_nu_decision  # noqa: E402


def median_ms(work: Callable[[], object], runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        work()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def main(adjustments: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db", create=True)
        codes = provider_codes(db)
        text = seeded_nu_decision()
        many = [(f"Invented adjustment {n}", "1") for n in range(adjustments)]
        big = hospital_decision(adjustments=many, frame="5 685 242", sentence_frame="5 685 242")
        read = median_ms(lambda: read_decision(text, codes))
        read_big = median_ms(lambda: read_decision(big, codes, accept_total_mismatch=True))

        def again() -> None:
            preview = preview_decision(db, text, "bench.txt", "0" * 64)
            assert not apply_decision(db, preview, "bench").changed

        imported = median_ms(again, runs=10)
        db.conn.close()
    print(f"read the NU decision: {read:.1f} ms (median of 20)")
    print(
        f"with {adjustments} adjustments: {read_big:.1f} ms, {read_big / read:.1f}x the NU reading"
    )
    print(f"import-decision again (nothing to change): {imported:.1f} ms (median of 10)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
