"""French date formatting for readers ("24 mai 2023 à 14 h 05")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

READER_TZ = ZoneInfo("Europe/Paris")  # French readers read French local time


def date_fr(value: datetime) -> str:
    return format_date(value.astimezone(READER_TZ), format="d MMMM y", locale="fr_FR")


def datetime_fr(value: datetime) -> str:
    local = value.astimezone(READER_TZ)
    hour = format_time(local, format="H 'h' mm", locale="fr_FR")
    return f"{date_fr(local)} à {hour}"
