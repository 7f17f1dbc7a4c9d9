"""Dates from feeds, metadata files and JSONL lines, made timezone-aware (naive means UTC).

Every value is built through `newsdesk.datetimes`, so that a date that cannot exist or cannot be a
publication date (``1e308``, ``NaN``, year 99999, year 1) is refused with a ValueError like any
other unusable date, never an OverflowError that would end the run.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

from newsdesk import datetimes

#: A bare year or year-month ("2023", "2023-05") is a period, not a publication date.
_PERIOD = re.compile(r"^\d{4}(-\d{2})?$")


def _implausible(value: object) -> ValueError:
    return ValueError(
        f"{value!r} is not a plausible publication date "
        f"(from {datetimes.EARLIEST.year} to {datetimes.MAX_FUTURE.days} days from now)"
    )


def _checked(value: datetime, shown: object, now: datetime | None) -> datetime:
    result = datetimes.plausible(value, now=now)
    if result is None:
        raise _implausible(shown)
    return result


def parse_published(value: object, *, now: datetime | None = None) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 or RFC 2822 string, a date, a datetime or a Unix
    timestamp; None for None or "". Raises ValueError for anything else, including periods and
    dates outside `newsdesk.datetimes`' plausible window (`now` is the clock, default the
    current time)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, datetime):
        return _checked(value, value, now)
    if isinstance(value, date):
        return _checked(datetime(value.year, value.month, value.day, tzinfo=UTC), value, now)
    if isinstance(value, int | float):
        stamp = datetimes.from_timestamp(value, now=now)
        if stamp is None:
            raise _implausible(value)
        return stamp
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if _PERIOD.match(text):
        raise ValueError(f"{text!r} is a period (year or month), not a publication date")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError) as exc:
            # Deliberately no fuzzy parsing: "5" or "yesterday" must not become a date.
            raise ValueError(f"not an ISO 8601 or RFC 2822 date: {text!r}") from exc
    return _checked(parsed, text, now)


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already. Only for values
    already checked (stored or parsed here): an out-of-range one raises OverflowError."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def from_struct_time(
    value: time.struct_time | None, *, now: datetime | None = None
) -> datetime | None:
    """feedparser's *_parsed fields are UTC struct_time values; an implausible one is None."""
    if value is None:
        return None
    return datetimes.from_struct_time(value, now=now)
