"""A per-host minimum interval between requests, with the clock and sleep passed in.

Politeness towards the sites we read: two requests to the same host are at least
`fetch.per_host_interval` seconds apart (or the site's robots.txt Crawl-delay, when larger).
Tests pass a fake clock whose sleep advances time, so the rule is checked without waiting.
"""

from __future__ import annotations

from collections.abc import Callable

#: Longest Crawl-delay we honour from robots.txt, in seconds. Some sites ask for 60 s or more,
#: which would stall a desk cycle on one slow source; 30 s still spaces requests far beyond what
#: any news site needs (Googlebot ignores Crawl-delay entirely).
MAX_CRAWL_DELAY = 30.0


class HostRateLimiter:
    """Waits before a request until the host's minimum interval has passed since the last one."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self._interval = max(0.0, interval)
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}

    def set_crawl_delay(self, host: str, delay: float | None) -> None:
        """Raise the interval for host to its robots.txt Crawl-delay (capped)."""
        if delay is not None and delay > 0:
            self._host_interval[host] = min(float(delay), MAX_CRAWL_DELAY)

    def interval(self, host: str) -> float:
        return max(self._interval, self._host_interval.get(host, 0.0))

    def wait(self, host: str) -> float:
        """Sleep as needed, record the request time; returns the seconds slept."""
        host = host.lower()
        now = self._clock()
        last = self._last.get(host)
        waited = 0.0
        if last is not None:
            due = last + self.interval(host)
            if due > now:
                waited = due - now
                self._sleep(waited)
                now = max(self._clock(), due)
        self._last[host] = now
        return waited
