"""Time stamps for people: stored in UTC, shown in local time with the zone's abbreviation."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def _aware(iso: str) -> datetime:
    """An ISO time from the database; one without an offset is UTC, as the database keeps it."""
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def local_time(iso: str | None, tz: tzinfo | None = None, seconds: bool = False) -> str:
    """A stored UTC time in local time with its zone ("2026-03-29 03:30 CEST"); `tz`: system.

    The zone name is always shown: a bare time is read 1-2 hours off by Swedish planners
    when it is in UTC, and the local offset changes twice a year. Empty stays empty.
    """
    if not iso:
        return ""
    moment = _aware(iso)
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    zone = local.tzname() or local.strftime("%z")
    return f"{local.strftime(pattern)} {zone}"


def local_to_utc(text: str, tz: tzinfo | None = None) -> str:
    """A local date or date-time typed by a user (2026-03-01, 2026-03-01T09:00) as UTC ISO text.

    Stored times are UTC, so "since 2026-03-01" means local midnight, which is the evening
    before in UTC; comparing with the typed text directly would be 1-2 hours off.
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="seconds")
