"""Dates from feeds, metadata files and JSONL lines, made timezone-aware (naive means UTC)."""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, date, datetime

#: A bare year or year-month ("2023", "2023-05") is a period, not a publication date.
_PERIOD = re.compile(r"^\d{4}(-\d{2})?$")


def parse_published(value: object) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 or RFC 2822 string, a date, a datetime or a Unix
    timestamp; None for None or "". Raises ValueError for anything else, including periods."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), tz=UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if _PERIOD.match(text):
        raise ValueError(f"{text!r} is a period (year or month), not a publication date")
    try:
        return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError) as exc:
        # Deliberately no fuzzy parsing: "5" or "yesterday" must not become a date.
        raise ValueError(f"not an ISO 8601 or RFC 2822 date: {text!r}") from exc


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """feedparser's *_parsed fields are UTC struct_time values."""
    if value is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
