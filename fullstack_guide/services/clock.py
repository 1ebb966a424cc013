"""Time helpers shared by the services."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(dt: datetime) -> datetime:
    """``dt`` as an aware UTC datetime.

    SQLite hands stored datetimes back naive; every value we store is UTC, so a naive
    value is read as UTC rather than local time. Aware values are converted to UTC.
    """
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
