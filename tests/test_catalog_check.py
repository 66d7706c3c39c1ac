"""`python -m planner.cli.catalog --check` depends on the messages, not on the minute it runs:
the catalogs keep their header date when updated."""

from __future__ import annotations

from datetime import UTC, datetime

from planner.cli.catalog import ROOT, po_path, read_catalog, updated
from planner.cli.catalog_extract import template


def test_an_update_in_another_minute_leaves_the_catalogs_as_they_are() -> None:
    pot = template(ROOT)
    pot.creation_date = datetime(2099, 1, 1, 12, 0, tzinfo=UTC)
    for language in ("sv", "en"):
        stored = read_catalog(po_path(language), language)
        catalog, _dropped = updated(language, pot)
        assert catalog.creation_date == stored.creation_date
