"""Datetimes built from untrusted values: aware, in UTC, plausible as a publication date, or None.

Dates come from feeds, sitemaps, JSONL lines, metadata files, WARC headers and page markup, all
written by someone else: ``1e308``, ``Infinity``, ``NaN``, year 99999, or
``9999-12-31T23:00-05:00`` (valid ISO 8601 that overflows once converted to UTC). Python answers
those with ``OverflowError``, ``OSError`` or ``ValueError`` from places no reader expects, and one
such line used to end the whole run. Every date parser of the package (``ingest.dates``,
``extract.dates``) builds its datetimes through these functions, which never raise: an
unrepresentable or absurd date is "no date" (None), and the caller records why if it has a
place for it.
"""

from __future__ import annotations

import calendar
import math
import time
from datetime import UTC, datetime, timedelta

#: Nothing was published in a newspaper before this (the first printed newspaper, the
#: Strasbourg "Relation", dates from 1605): an earlier date is a default ("0001-01-01") or a typo.
EARLIEST = datetime(1600, 1, 1, tzinfo=UTC)
#: How far ahead of now a publication date may be: clocks and time zones of publishers are off
#: by hours, not days; anything later is a typo, a placeholder or an embargo we cannot honour.
MAX_FUTURE = timedelta(days=2)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def in_utc(value: datetime) -> datetime | None:
    """The same instant in UTC (naive means UTC already), or None when it has no UTC equivalent
    (year 1 with a positive offset, year 9999 with a negative one)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):  # out of datetime's range; a tzinfo with a bad offset
        return None


def plausible(
    value: datetime, *, now: datetime | None = None, earliest: datetime = EARLIEST
) -> datetime | None:
    """`value` in UTC when it lies between `earliest` and `now` + MAX_FUTURE, else None."""
    utc = in_utc(value)
    if utc is None:
        return None
    latest = (now or datetime.now(UTC)) + MAX_FUTURE
    return utc if earliest <= utc <= latest else None


def from_timestamp(
    seconds: float, *, now: datetime | None = None, earliest: datetime = EARLIEST
) -> datetime | None:
    """A Unix timestamp as a plausible UTC datetime, or None (NaN, infinite, out of range).

    Computed from the epoch with a timedelta rather than `datetime.fromtimestamp`, whose range
    depends on the platform's time_t (negative values fail on Windows).
    """
    try:
        value = float(seconds)  # an int beyond 1e308 overflows here
    except (OverflowError, ValueError, TypeError):
        return None
    latest = (now or datetime.now(UTC)) + MAX_FUTURE
    if not math.isfinite(value):
        return None
    if not (earliest - _EPOCH).total_seconds() <= value <= (latest - _EPOCH).total_seconds():
        return None
    return _EPOCH + timedelta(seconds=value)


def from_struct_time(
    value: time.struct_time, *, now: datetime | None = None, earliest: datetime = EARLIEST
) -> datetime | None:
    """A UTC struct_time (feedparser's *_parsed fields) as a plausible datetime, or None."""
    try:
        seconds = calendar.timegm(value)
    except (OverflowError, ValueError, TypeError):
        return None
    return from_timestamp(seconds, now=now, earliest=earliest)
