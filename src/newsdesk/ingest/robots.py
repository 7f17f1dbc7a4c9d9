"""robots.txt rules per origin (scheme, host, port), cached, read the way RFC 9309 says.

- 2xx: the file's rules (Protego: longest match, wildcards, Crawl-delay), only its first
  `ROBOTS_MAX_BYTES` are parsed;
- 4xx (a 404 above all) or an unfollowable redirect: no rules, everything is allowed;
- 5xx: "unreachable", which RFC 9309 §2.3.1.4 says to treat as complete disallow;
- network failure: the page fetch is rejected with the same reason (timeout, connection_error),
  and the failure is cached briefly so a hanging host costs one timeout, not one per entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.types import Rejection

#: RFC 9309 §2.5: parse at least the first 500 kibibytes of a robots.txt.
ROBOTS_MAX_BYTES = 500 * 1024
#: RFC 9309 §2.4: do not use a cached robots.txt for more than 24 hours.
ROBOTS_TTL_SECONDS = 24 * 3600.0
#: How long a robots.txt failure (5xx, timeout) is remembered before asking again: long enough
#: that one desk cycle does not retry it for every entry of a feed, short enough for `watch`.
ROBOTS_ERROR_TTL_SECONDS = 300.0


@dataclass(frozen=True)
class RobotsRules:
    """What robots.txt says for one origin. `parser` is None when everything is allowed."""

    origin: str
    parser: object | None = None  # protego.Protego
    disallow_all: bool = False
    failure: Rejection | None = None  # the network failure that prevented reading it

    def allows(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, agent))  # type: ignore[attr-defined]

    def sitemaps(self) -> tuple[str, ...]:
        """The `Sitemap:` lines of the file (absolute URLs, as RFC 9309 §2.2.4 requires)."""
        if self.parser is None:
            return ()
        return tuple(self.parser.sitemaps)  # type: ignore[attr-defined]

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)  # type: ignore[attr-defined]
        return float(delay) if delay is not None else None


def rules_from_response(origin: str, status: int, body: bytes) -> RobotsRules:
    """Interpret a robots.txt response by status class (see the module docstring)."""
    if 200 <= status < 300:
        from protego import Protego

        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        return RobotsRules(origin, parser=Protego.parse(text))
    if status >= 500:
        return RobotsRules(origin, disallow_all=True)
    # 4xx, or a 3xx we could not follow: "unavailable", which allows everything.
    return RobotsRules(origin)


class RobotsCache:
    """robots.txt rules per origin, each kept for its time to live on the injected clock."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._entries: dict[str, tuple[float, RobotsRules]] = {}

    def get(self, origin: str) -> RobotsRules | None:
        entry = self._entries.get(origin)
        if entry is None or entry[0] < self._clock():
            return None
        return entry[1]

    def put(self, rules: RobotsRules) -> None:
        failed = rules.failure is not None or rules.disallow_all
        ttl = ROBOTS_ERROR_TTL_SECONDS if failed else ROBOTS_TTL_SECONDS
        self._entries[rules.origin] = (self._clock() + ttl, rules)
