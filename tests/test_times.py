"""Stored UTC times read in local time, with the zone that says which."""

from zoneinfo import ZoneInfo

from planner.times import local_time, local_to_utc

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_winter_time_is_cet() -> None:
    assert local_time("2026-03-29T00:30:00+00:00", STOCKHOLM) == "2026-03-29 01:30 CET"


def test_summer_time_starts_on_the_last_sunday_of_march() -> None:
    assert local_time("2026-03-29T01:30:00+00:00", STOCKHOLM) == "2026-03-29 03:30 CEST"


def test_seconds_when_asked_and_naive_times_are_utc() -> None:
    assert local_time("2026-11-26T09:15:07", STOCKHOLM, seconds=True) == "2026-11-26 10:15:07 CET"


def test_empty_stays_empty() -> None:
    assert local_time("", STOCKHOLM) == ""
    assert local_time(None, STOCKHOLM) == ""


def test_a_typed_local_date_is_local_midnight_in_utc() -> None:
    assert local_to_utc("2026-03-01", STOCKHOLM) == "2026-02-28T23:00:00+00:00"
    assert local_to_utc("2026-07-01T09:00", STOCKHOLM) == "2026-07-01T07:00:00+00:00"
