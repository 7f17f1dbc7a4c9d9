"""When `newsdesk watch` checks each source next: pure functions of (hints, history, now).

Feed readers that poll around the clock (Miniflux, FreshRSS, Planet) converge on the same
rules, and so does this module:
- **Hints are floors.** What the source said about itself is never undercut: `Retry-After` on a
  429/503, `Cache-Control: max-age` (less `Age`), `Expires`, the feed's `<ttl>` (minutes) and
  `sy:updatePeriod`/`sy:updateFrequency`. A floor may exceed `watch.max_interval`: the source
  asked for it.
- **The publishing rate sets the pace** between `watch.min_interval` and `watch.max_interval`:
  the mean time between new items over the remembered checks; a source that published nothing
  lately is checked half again as rarely each time, up to the maximum.
- **Errors back off exponentially** (min_interval · 2^(failures−1), up to max_interval), and
  after `watch.pause_after_failures` failures in a row the source is paused.
- **Jitter only lengthens**, so sources checked together drift apart without breaking a floor.

Nothing here reads a clock, a database or the network: the watcher passes them in, and the
tests check the rules over arbitrary inputs.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from newsdesk.config import WatchSettings

#: sy:updatePeriod values (RSS 1.0 syndication module) and their length in seconds.
UPDATE_PERIODS = {
    "hourly": 3600.0,
    "daily": 86400.0,
    "weekly": 7 * 86400.0,
    "monthly": 30 * 86400.0,
    "yearly": 365 * 86400.0,
}
#: Statuses whose Retry-After we honour (RFC 9110 §10.2.3: 503 and 3xx; 429 by RFC 6585).
RETRY_STATUSES = frozenset({429, 503})
#: Growth of a quiet source's interval per check that brought nothing new.
QUIET_GROWTH = 1.5


@dataclass(frozen=True)
class Hints:
    """What a source said about when to come back, as floors relative to its response time.

    Every field is optional: most sources say nothing. Seconds are relative to `at` (when the
    response was received), `retry_after` included, so a stored hint keeps its meaning."""

    at: datetime
    status: int | None = None
    max_age: float | None = None  # Cache-Control max-age (or s-maxage) less Age
    expires: float | None = None  # Expires − Date
    retry_after: float | None = None  # on a 429 or 503 only
    ttl: float | None = None  # the feed's <ttl>, in seconds
    update_period: float | None = None  # sy:updatePeriod / sy:updateFrequency, in seconds

    def floor(self) -> float:
        """The shortest wait, in seconds after `at`, that every hint allows (0: no hint)."""
        values = (
            self.max_age,
            self.expires,
            self.retry_after,
            self.ttl,
            self.update_period,
        )
        return max((v for v in values if v is not None and v > 0), default=0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "status": self.status,
            "max_age": self.max_age,
            "expires": self.expires,
            "retry_after": self.retry_after,
            "ttl": self.ttl,
            "update_period": self.update_period,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Hints | None:
        if not data or not data.get("at"):
            return None
        at = datetime.fromisoformat(str(data["at"]))
        fields = ("max_age", "expires", "retry_after", "ttl", "update_period")
        return cls(
            at=at if at.tzinfo else at.replace(tzinfo=UTC),
            status=data.get("status"),
            **{f: (float(data[f]) if data.get(f) is not None else None) for f in fields},
        )


@dataclass(frozen=True)
class Check:
    """One past check of a source: when, how many new items it brought, whether it failed."""

    at: datetime
    new_items: int
    ok: bool = True


@dataclass(frozen=True)
class Plan:
    """The schedule decided after a check."""

    next_at: datetime
    interval: float  # seconds from `now` to `next_at`, jitter included
    paused: bool = False
    reason: str = "rate"  # rate | quiet | backoff | hint | paused


# -- reading hints --------------------------------------------------------------------------


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number == number and 0 <= number < 10**9 else None


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def cache_max_age(cache_control: str | None) -> float | None:
    """max-age (s-maxage wins, as for a shared cache) from a Cache-Control value; `no-cache`,
    `no-store` and `must-revalidate` ask for no wait, so give None."""
    if not cache_control:
        return None
    found: dict[str, str | None] = {}
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        found[name.strip().lower()] = value.strip().strip('"') if value else None
    if "no-store" in found or "no-cache" in found:
        return None
    return _seconds(found.get("s-maxage")) or _seconds(found.get("max-age"))


def retry_after_seconds(value: str | None, received: datetime) -> float | None:
    """Retry-After as seconds after `received`: delay-seconds or an HTTP date (RFC 9110)."""
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    when = _http_date(value)
    return max(0.0, (when - received).total_seconds()) if when else None


def update_period_seconds(period: str | None, frequency: str | None) -> float | None:
    """sy:updatePeriod / sy:updateFrequency: the feed updates `frequency` times per `period`."""
    if not period and not frequency:
        return None
    length = UPDATE_PERIODS.get((period or "daily").strip().lower())
    if length is None:
        return None
    times = _seconds(frequency) if frequency else 1.0
    if not times or times < 1:
        times = 1.0
    return length / times


def hints_from(
    *,
    at: datetime,
    status: int | None = None,
    headers: Mapping[str, str] | None = None,
    ttl: str | None = None,
    update_period: str | None = None,
    update_frequency: str | None = None,
) -> Hints:
    """Hints from a response's status and headers (names lower-case) and the feed's fields."""
    headers = headers or {}
    age = _seconds(headers.get("age")) or 0.0
    max_age = cache_max_age(headers.get("cache-control"))
    if max_age is not None:
        max_age = max(0.0, max_age - age)
    expires = None
    expires_at = _http_date(headers.get("expires"))
    if expires_at is not None and max_age is None:  # max-age wins over Expires (RFC 9111)
        date = _http_date(headers.get("date")) or at
        expires = max(0.0, (expires_at - date).total_seconds())
    retry = None
    if status in RETRY_STATUSES:
        retry = retry_after_seconds(headers.get("retry-after"), at)
    ttl_minutes = _seconds(ttl)
    return Hints(
        at=at,
        status=status,
        max_age=max_age or None,
        expires=expires or None,
        retry_after=retry,
        ttl=ttl_minutes * 60 if ttl_minutes else None,
        update_period=update_period_seconds(update_period, update_frequency),
    )


# -- deciding -------------------------------------------------------------------------------


def rate_interval(
    history: Sequence[Check], previous: float | None, settings: WatchSettings
) -> tuple[float, str]:
    """The interval the publishing rate asks for, between min and max, and why.

    Mean time between new items over the successful checks remembered; none new: the previous
    interval grown by `QUIET_GROWTH` (the minimum when there is no previous)."""
    ok = sorted((c for c in history if c.ok), key=lambda c: c.at)
    new = sum(c.new_items for c in ok[1:])  # items of the first check predate the span
    if len(ok) >= 2 and new > 0:
        span = (ok[-1].at - ok[0].at).total_seconds()
        wanted, reason = span / new, "rate"
    elif ok and ok[-1].new_items > 0 or previous is None:
        wanted, reason = settings.min_interval, "rate"
    else:
        wanted, reason = previous * QUIET_GROWTH, "quiet"
    return min(settings.max_interval, max(settings.min_interval, wanted)), reason


def backoff_interval(failures: int, settings: WatchSettings) -> float:
    """min_interval · 2^(failures−1), capped at max_interval."""
    exponent = min(max(0, failures - 1), 60)
    return min(settings.max_interval, settings.min_interval * 2.0**exponent)


def should_pause(failures: int, settings: WatchSettings) -> bool:
    return settings.pause_after_failures > 0 and failures >= settings.pause_after_failures


def plan_next(
    *,
    hints: Hints | None,
    history: Sequence[Check],
    failures: int,
    previous: float | None,
    now: datetime,
    settings: WatchSettings,
    rng: random.Random | None = None,
) -> Plan:
    """When to check a source next, after a check that ended at `now`.

    `failures`: consecutive failed checks, this one included; `previous`: the interval chosen
    last time (before jitter), None for a new source."""
    if should_pause(failures, settings):
        return Plan(next_at=now, interval=0.0, paused=True, reason="paused")
    if failures > 0:
        base, reason = backoff_interval(failures, settings), "backoff"
    else:
        base, reason = rate_interval(history, previous, settings)
    jitter = (rng or random).uniform(0.0, settings.jitter) if settings.jitter else 0.0
    interval = base * (1.0 + jitter)
    if hints is not None:
        # A floor counts from when the response arrived, which may be a little before `now`.
        floor = hints.floor() - (now - hints.at).total_seconds()
        if floor > interval:
            interval, reason = floor, "hint"
    return Plan(next_at=now + timedelta(seconds=interval), interval=interval, reason=reason)


def remember(history: Sequence[Check], check: Check, keep: int) -> tuple[Check, ...]:
    """The history with `check` added, the oldest dropped beyond `keep`."""
    return (*history, check)[-keep:]


def history_to_json(history: Sequence[Check]) -> list[dict[str, Any]]:
    return [{"at": c.at.isoformat(), "new": c.new_items, "ok": c.ok} for c in history]


def history_from_json(data: Any) -> tuple[Check, ...]:
    if not isinstance(data, list):
        return ()
    checks = []
    for item in data:
        try:
            at = datetime.fromisoformat(str(item["at"]))
            checks.append(
                Check(
                    at=at if at.tzinfo else at.replace(tzinfo=UTC),
                    new_items=int(item.get("new", 0)),
                    ok=bool(item.get("ok", True)),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(checks)
