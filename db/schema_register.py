"""Schema step m015_register: the indicator register and the training places, kept apart
from schema.py.

Every table is in the hash chain (db/chain.py) and filled by the seed, so it is created empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def create_register_tables(db: Database) -> None:
    """The indicator register (R12) with outcomes per period, and training places per year with
    their printed totals."""
    db.executescript(
        """
        CREATE TABLE indicators (
            hospital TEXT NOT NULL CHECK (length(hospital) BETWEEN 1 AND 10),
            first_year INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9999),
            last_year INTEGER NOT NULL CHECK (last_year BETWEEN first_year AND 2100),
            area TEXT NOT NULL,
            uppdrag TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
            target TEXT NOT NULL,
            source TEXT NOT NULL,
            reporter TEXT NOT NULL,
            schedule TEXT NOT NULL,
            refers_to TEXT NOT NULL DEFAULT '',
            auto TEXT NOT NULL DEFAULT '' CHECK (auto IN ('', 'production')),
            check_note TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (hospital, first_year, number)
        ) STRICT;
        CREATE TABLE indicator_outcomes (
            hospital TEXT NOT NULL,
            first_year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            period TEXT NOT NULL CHECK (
                period GLOB '[0-9][0-9][0-9][0-9]'
                OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
            ),
            value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 1000),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
            verdict TEXT NOT NULL DEFAULT '' CHECK (verdict IN ('', 'met', 'not met')),
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (hospital, first_year, number, period),
            FOREIGN KEY (hospital, first_year, number)
                REFERENCES indicators (hospital, first_year, number)
        ) STRICT;
        CREATE TABLE training_places (
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            kind TEXT NOT NULL CHECK (kind IN ('AT', 'ST-A')),
            provider TEXT NOT NULL REFERENCES hospitals(code),
            specialty TEXT NOT NULL DEFAULT '',
            places INTEGER NOT NULL CHECK (places BETWEEN 0 AND 99999),
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (year, kind, provider, specialty)
        ) STRICT;
        CREATE TABLE training_place_totals (
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            kind TEXT NOT NULL CHECK (kind IN ('AT', 'ST-A')),
            provider TEXT NOT NULL DEFAULT '',
            printed INTEGER NOT NULL CHECK (printed BETWEEN 0 AND 9999999),
            PRIMARY KEY (year, kind, provider)
        ) STRICT;
        """
    )
