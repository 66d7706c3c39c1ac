"""The tables of a decision's money (schema step m014_decision_money), kept apart from schema.py.

A frame belongs to a provider and year (the decision), not to a volume plan: Närhälsan has a
frame and no lines. Every table is in the hash chain (db/chain.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

_YEAR = "INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100)"
_LABEL = "TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 300)"
_AMOUNT = "INTEGER NOT NULL CHECK ({0} BETWEEN -1000000000000 AND 1000000000000)"

MONEY_SQL = f"""
ALTER TABLE hospitals ADD COLUMN has_lines INTEGER NOT NULL DEFAULT 1
    CHECK (has_lines IN (0, 1));
INSERT OR IGNORE INTO hospitals (code, name, short_name) VALUES ('NH', 'Närhälsan', 'Närhälsan');
UPDATE hospitals SET has_lines = 0 WHERE code = 'NH';
CREATE TABLE frames (
    hospital TEXT NOT NULL REFERENCES hospitals(code),
    year {_YEAR},
    unit TEXT NOT NULL CHECK (unit IN ('tkr', 'kr')),
    last_total INTEGER,
    last_reference TEXT CHECK (last_reference IS NULL OR length(last_reference) <= 300),
    uplift_percent TEXT CHECK (uplift_percent IS NULL OR length(uplift_percent) <= 20),
    uplift INTEGER,
    printed_total INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK ((last_total IS NULL) = (uplift IS NULL)),
    PRIMARY KEY (hospital, year)
) STRICT;
CREATE TABLE frame_adjustments (
    hospital TEXT NOT NULL,
    year {_YEAR},
    number INTEGER NOT NULL CHECK (number >= 1),
    label {_LABEL},
    amount {_AMOUNT.format("amount")},
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (hospital, year, number),
    FOREIGN KEY (hospital, year) REFERENCES frames (hospital, year)
) STRICT;
CREATE TABLE frame_items (
    hospital TEXT NOT NULL,
    year {_YEAR},
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    position INTEGER NOT NULL CHECK (position >= 1),
    label {_LABEL},
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 1000000000000),
    settled INTEGER NOT NULL CHECK (settled IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (hospital, year, key),
    FOREIGN KEY (hospital, year) REFERENCES frames (hospital, year)
) STRICT;
CREATE TABLE frame_item_actuals (
    hospital TEXT NOT NULL,
    year {_YEAR},
    item_key TEXT NOT NULL,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    actual INTEGER NOT NULL CHECK (actual BETWEEN 0 AND 1000000000000),
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (hospital, year, item_key, month),
    FOREIGN KEY (hospital, year, item_key) REFERENCES frame_items (hospital, year, key)
) STRICT;
CREATE TABLE decision_prices (
    year {_YEAR},
    provider TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 20),
    grp TEXT NOT NULL CHECK (length(grp) <= 300),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    position INTEGER NOT NULL CHECK (position >= 1),
    unit_price INTEGER CHECK (unit_price IS NULL OR unit_price >= 0),
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (year, provider, grp, name)
) STRICT;
"""


def create_money_tables(db: Database) -> None:
    """Närhälsan as a provider without lines, and the empty tables of the decision's money."""
    db.executescript(MONEY_SQL)
