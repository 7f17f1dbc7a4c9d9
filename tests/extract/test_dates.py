"""Dates are timezone-aware and in UTC; months and years alone are not publication dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.extract.dates import parse_date

NOW = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-31 18:41", datetime(2024, 5, 31, 18, 41, tzinfo=UTC)),
        ("2024-05-31T18:41:00+02:00", datetime(2024, 5, 31, 16, 41, tzinfo=UTC)),
        ("2024-05-31", datetime(2024, 5, 31, tzinfo=UTC)),
        ("31 mai 2024 à 18h41", datetime(2024, 5, 31, 18, 41, tzinfo=UTC)),
        ("Publié le 3 juin 2023", datetime(2023, 6, 3, tzinfo=UTC)),
        ("Updated: March 12, 2024 2:05 pm ET", datetime(2024, 3, 12, 19, 5, tzinfo=UTC)),
        ("12/03/2024 14:05", datetime(2024, 3, 12, 14, 5, tzinfo=UTC)),
        ("2023-05", None),
        ("date 2023-05", None),
        ("2024", None),
        ("0001-01-01", None),
        ("2031-01-01", None),
        ("pas une date", None),
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    got = parse_date(text, now=NOW)
    assert got == expected
    if got is not None:
        assert got.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
