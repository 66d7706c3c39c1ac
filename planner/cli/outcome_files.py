"""Reading an outcome file (CSV or XLSX) into rows for the pure parser, with its sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planner.cli.common import fail


def read_outcome_file(path: Path) -> tuple[list[list[object]], str]:
    """The file's rows (header first) and the sha256 of its bytes."""
    from db.input_files import read_input_file
    from planner.readers.outcome_rows import OutcomeFileError, outcome_rows

    data = read_input_file(path)
    digest = hashlib.sha256(data).hexdigest()
    try:
        return outcome_rows(data, str(path)), digest
    except OutcomeFileError as exc:
        fail(str(exc))
