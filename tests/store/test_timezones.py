"""Aware datetimes in, aware UTC datetimes out, on both databases; naive ones are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import Store
from newsdesk.types import Story

from .factories import article, feed_source, raw_item

ZONES = [
    UTC,
    timezone(timedelta(hours=2)),  # Paris, summer
    timezone(timedelta(hours=-10)),  # Hawaii
    timezone(timedelta(hours=5, minutes=45)),  # Kathmandu
    timezone(timedelta(hours=14)),  # Kiribati
]


@pytest.mark.parametrize("tz", ZONES, ids=lambda z: str(z))
def test_aware_datetimes_round_trip_as_the_same_instant_in_utc(store: Store, tz: timezone) -> None:
    fetched = datetime(2024, 3, 31, 1, 59, 59, 999999, tzinfo=tz)
    raw = raw_item(feed_source(), fetched_at=fetched)
    store.save_raw(raw)
    got = store.get_raw(raw.id).fetched_at
    assert got == fetched
    assert got.tzinfo is not None and got.utcoffset() == timedelta(0)


def test_ordering_follows_the_instant_not_the_wall_clock(store: Store) -> None:
    source = feed_source()
    # 10:00 in Kiribati (+14) is 20:00 UTC the day before: earlier than 09:00 UTC.
    early = raw_item(
        source,
        url="https://e.org/kiribati",
        fetched_at=datetime(2024, 6, 2, 10, 0, tzinfo=timezone(timedelta(hours=14))),
    )
    late = raw_item(
        source, url="https://e.org/utc", fetched_at=datetime(2024, 6, 2, 9, 0, tzinfo=UTC)
    )
    store.save_raw(late)
    store.save_raw(early)
    assert store.pending_raw_ids() == [early.id, late.id]


def test_naive_datetimes_are_refused(store: Store) -> None:
    raw = raw_item(feed_source(), fetched_at=datetime(2024, 6, 1, 12, 0))  # no tzinfo
    with pytest.raises((ValueError, StoreError), match="naive"):
        store.save_raw(raw)
    with pytest.raises((ValueError, StoreError), match="naive"):
        store.start_run(datetime(2024, 6, 1))


def test_story_times_round_trip(store: Store) -> None:
    art = article(raw_item(feed_source()))
    store.save_article(art)
    paris = timezone(timedelta(hours=1))
    story = Story(
        "st-1",
        (art.id,),
        "Titre",
        ("fr",),
        datetime(2024, 1, 1, 0, 30, tzinfo=paris),
        datetime(2024, 1, 2, tzinfo=paris),
    )
    store.stories.upsert(story)
    got = store.stories.get("st-1")
    assert got == story
    assert got is not None and got.first_seen.isoformat() == "2023-12-31T23:30:00+00:00"
