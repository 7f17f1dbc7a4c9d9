"""The watcher's schedule rules (newsdesk.desk.schedule), as pure functions over arbitrary input:
hints are floors never undercut, the interval stays between the bounds otherwise, errors back off
exponentially, failures pause, jitter only lengthens."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.config import WatchSettings
from newsdesk.desk.schedule import (
    Check,
    Hints,
    backoff_interval,
    cache_max_age,
    hints_from,
    history_from_json,
    history_to_json,
    plan_next,
    remember,
    retry_after_seconds,
    update_period_seconds,
)

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
WATCH = WatchSettings(min_interval=60, max_interval=3600, jitter=0.0, pause_after_failures=5)

seconds = st.floats(min_value=0, max_value=10 * 86400, allow_nan=False, allow_infinity=False)
maybe = st.none() | seconds
watch_settings = st.builds(
    lambda lo, span, jitter, pause: WatchSettings(
        min_interval=lo, max_interval=lo + span, jitter=jitter, pause_after_failures=pause
    ),
    st.floats(min_value=1, max_value=3600),
    st.floats(min_value=0, max_value=86400),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=20),
)
hints_st = st.builds(
    Hints,
    at=st.builds(lambda s: NOW - timedelta(seconds=s), st.floats(min_value=0, max_value=30)),
    status=st.sampled_from([None, 200, 304, 429, 503]),
    max_age=maybe,
    expires=maybe,
    retry_after=maybe,
    ttl=maybe,
    update_period=maybe,
)
checks = st.lists(
    st.builds(
        Check,
        at=st.builds(lambda s: NOW - timedelta(seconds=s), seconds),
        new_items=st.integers(min_value=0, max_value=50),
        ok=st.booleans(),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(
    hints=st.none() | hints_st,
    history=checks,
    failures=st.integers(min_value=0, max_value=30),
    previous=st.none() | st.floats(min_value=1, max_value=86400),
    watch=watch_settings,
    seed=st.integers(),
)
def test_plan_never_undercuts_a_hint_and_stays_in_bounds(
    hints: Hints | None,
    history: list[Check],
    failures: int,
    previous: float | None,
    watch: WatchSettings,
    seed: int,
) -> None:
    plan = plan_next(
        hints=hints,
        history=history,
        failures=failures,
        previous=previous,
        now=NOW,
        settings=watch,
        rng=random.Random(seed),
    )
    if watch.pause_after_failures and failures >= watch.pause_after_failures:
        assert plan.paused
        return
    assert not plan.paused
    assert plan.next_at == NOW + timedelta(seconds=plan.interval)
    # Never sooner than any hint allows, counted from when the response came.
    if hints is not None:
        assert plan.next_at >= hints.at + timedelta(seconds=hints.floor()) - timedelta(
            microseconds=1
        )
    assert plan.interval >= watch.min_interval - 1e-9
    if plan.reason != "hint":
        assert plan.interval <= watch.max_interval * (1 + watch.jitter) + 1e-6


@given(failures=st.integers(min_value=1, max_value=40))
def test_backoff_doubles_until_the_maximum(failures: int) -> None:
    first = backoff_interval(failures, WATCH)
    second = backoff_interval(failures + 1, WATCH)
    assert second == min(WATCH.max_interval, 2 * first)
    assert backoff_interval(1, WATCH) == WATCH.min_interval


def test_errors_back_off_then_pause() -> None:
    intervals = []
    for failures in range(1, 6):
        plan = plan_next(
            hints=None, history=(), failures=failures, previous=None, now=NOW, settings=WATCH
        )
        intervals.append((plan.interval, plan.paused))
    assert intervals == [(60, False), (120, False), (240, False), (480, False), (0.0, True)]


def test_never_pause_when_zero() -> None:
    watch = WatchSettings(min_interval=60, max_interval=3600, jitter=0, pause_after_failures=0)
    plan = plan_next(hints=None, history=(), failures=500, previous=None, now=NOW, settings=watch)
    assert not plan.paused and plan.interval == 3600


def test_rate_follows_the_publishing_rate() -> None:
    # One new item every 10 minutes over the last two hours: check every 10 minutes.
    history = [Check(NOW - timedelta(minutes=10 * i), 1) for i in range(12, -1, -1)]
    plan = plan_next(
        hints=None, history=history, failures=0, previous=None, now=NOW, settings=WATCH
    )
    assert plan.interval == pytest.approx(600)
    assert plan.reason == "rate"


def test_busy_source_clamped_to_minimum_and_quiet_one_grows_to_maximum() -> None:
    busy = [Check(NOW - timedelta(seconds=10 * i), 20) for i in range(5, -1, -1)]
    plan = plan_next(hints=None, history=busy, failures=0, previous=None, now=NOW, settings=WATCH)
    assert plan.interval == WATCH.min_interval
    quiet = [Check(NOW - timedelta(minutes=i), 0) for i in range(5, -1, -1)]
    interval = 60.0
    seen = []
    for _ in range(12):
        plan = plan_next(
            hints=None, history=quiet, failures=0, previous=interval, now=NOW, settings=WATCH
        )
        interval = plan.interval
        seen.append(interval)
    assert seen == sorted(seen) and seen[0] == 90 and seen[-1] == WATCH.max_interval


def test_jitter_only_lengthens() -> None:
    watch = WatchSettings(min_interval=60, max_interval=3600, jitter=0.5)
    rng = random.Random(7)
    values = [
        plan_next(
            hints=None, history=(), failures=0, previous=None, now=NOW, settings=watch, rng=rng
        ).interval
        for _ in range(200)
    ]
    assert min(values) >= 60 and max(values) <= 90 and len(set(values)) > 100


def test_retry_after_beats_the_maximum() -> None:
    hints = hints_from(at=NOW, status=429, headers={"retry-after": "7200"})
    plan = plan_next(hints=hints, history=(), failures=1, previous=None, now=NOW, settings=WATCH)
    assert plan.interval == 7200 and plan.reason == "hint"


def test_hint_counts_from_the_response_not_from_now() -> None:
    hints = hints_from(at=NOW - timedelta(seconds=100), headers={"cache-control": "max-age=600"})
    plan = plan_next(hints=hints, history=(), failures=0, previous=None, now=NOW, settings=WATCH)
    assert plan.next_at == NOW + timedelta(seconds=500)


# -- reading hints ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-age=300", 300),
        ("public, max-age=300, s-maxage=900", 900),
        ('max-age="120"', 120),
        ("no-cache, max-age=300", None),
        ("no-store", None),
        ("max-age=abc", None),
        ("private", None),
        (None, None),
    ],
)
def test_cache_max_age(value: str | None, expected: float | None) -> None:
    assert cache_max_age(value) == expected


def test_retry_after_forms() -> None:
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds("Mon, 07 Dec 2026 12:30:00 GMT", NOW) == 1800
    assert retry_after_seconds("Mon, 07 Dec 2026 11:00:00 GMT", NOW) == 0
    assert retry_after_seconds("soon", NOW) is None


def test_retry_after_only_on_429_and_503() -> None:
    headers = {"retry-after": "600"}
    assert hints_from(at=NOW, status=200, headers=headers).retry_after is None
    assert hints_from(at=NOW, status=503, headers=headers).retry_after == 600
    assert hints_from(at=NOW, status=429, headers=headers).floor() == 600


def test_expires_relative_to_date_and_overridden_by_max_age() -> None:
    headers = {"date": "Mon, 07 Dec 2026 12:00:00 GMT", "expires": "Mon, 07 Dec 2026 12:20:00 GMT"}
    assert hints_from(at=NOW, headers=headers).expires == 1200
    both = {**headers, "cache-control": "max-age=60"}
    hints = hints_from(at=NOW, headers=both)
    assert hints.expires is None and hints.max_age == 60
    assert hints_from(at=NOW, headers={"expires": "0"}).expires is None


def test_age_is_subtracted_from_max_age() -> None:
    hints = hints_from(at=NOW, headers={"cache-control": "max-age=600", "age": "200"})
    assert hints.max_age == 400


def test_feed_ttl_and_syndication_period() -> None:
    hints = hints_from(at=NOW, ttl="30", update_period="hourly", update_frequency="2")
    assert hints.ttl == 1800 and hints.update_period == 1800
    assert update_period_seconds("daily", None) == 86400
    assert update_period_seconds(None, "4") == 21600
    assert update_period_seconds("fortnightly", "1") is None
    assert update_period_seconds("hourly", "0") == 3600
    assert hints_from(at=NOW, ttl="soon").ttl is None


@given(
    headers=st.dictionaries(
        st.sampled_from(["cache-control", "expires", "retry-after", "date", "age"]),
        st.text(max_size=40),
    ),
    status=st.none() | st.integers(min_value=100, max_value=599),
    ttl=st.none() | st.text(max_size=10),
    period=st.none() | st.text(max_size=10),
    frequency=st.none() | st.text(max_size=10),
)
def test_hostile_hints_never_raise(
    headers: dict[str, str],
    status: int | None,
    ttl: str | None,
    period: str | None,
    frequency: str | None,
) -> None:
    hints = hints_from(
        at=NOW,
        status=status,
        headers=headers,
        ttl=ttl,
        update_period=period,
        update_frequency=frequency,
    )
    assert hints.floor() >= 0
    assert Hints.from_json(hints.to_json()) == hints


def test_history_round_trip_and_bound() -> None:
    history: tuple[Check, ...] = ()
    for i in range(30):
        history = remember(history, Check(NOW + timedelta(minutes=i), i % 3, i % 7 != 0), 20)
    assert len(history) == 20 and history[-1].at == NOW + timedelta(minutes=29)
    assert history_from_json(history_to_json(history)) == history
    assert history_from_json([{"at": "nonsense"}, None, 3]) == ()
    assert history_from_json("x") == ()
