"""French dates for readers ("1er mai 2023", "24 mai 2023 à 14 h 05"), in Paris time.

A month table instead of a locale library: the format is fixed, the table is exact, and it is
called tens of thousands of times in a full build.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

READER_TZ = ZoneInfo("Europe/Paris")  # French readers read French local time

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _day(day: int) -> str:
    return "1er" if day == 1 else str(day)


def date_fr(value: datetime) -> str:
    """'1er mai 2023', '24 mai 2023' (the date in Paris)."""
    local = value.astimezone(READER_TZ)
    return f"{_day(local.day)} {MONTHS[local.month - 1]} {local.year}"


def datetime_fr(value: datetime) -> str:
    """'24 mai 2023 à 14 h 05' (Paris time), the typographic form of the French press."""
    local = value.astimezone(READER_TZ)
    return f"{date_fr(local)} à {local.hour} h {local.minute:02d}"
