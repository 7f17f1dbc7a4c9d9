"""Login throttling and CSRF tokens for the desk.

CSRF: a synchronizer token kept in the (signed) session and sent back in every form; a POST
without the right token is refused with 403. Sessions use SameSite=Strict cookies as well, but
the token does not rely on that.
Login throttling: failures are counted per client address in a sliding window; past the limit,
logins from that address are refused with 429 until the window moves on.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, MutableMapping
from typing import Any

CSRF_FIELD = "csrf_token"
CSRF_SESSION_KEY = "csrf"
LOGIN_MAX_FAILURES = 5  # failed logins allowed per address per window (OWASP suggests 3–10)
LOGIN_WINDOW_SECONDS = 15 * 60  # the window those failures are counted in


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_valid(session: MutableMapping[str, Any], submitted: object) -> bool:
    expected = session.get(CSRF_SESSION_KEY)
    return (
        isinstance(expected, str)
        and isinstance(submitted, str)
        and bool(expected)
        and hmac.compare_digest(expected.encode(), submitted.encode())
    )


class LoginThrottle:
    """Counts failed logins per key (client address) in a sliding window. Thread-safe."""

    def __init__(
        self,
        max_failures: int = LOGIN_MAX_FAILURES,
        window: float = LOGIN_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str) -> deque[float]:
        failures = self._failures[key]
        horizon = self.clock() - self.window
        while failures and failures[0] < horizon:
            failures.popleft()
        return failures

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._prune(key)) >= self.max_failures

    def retry_after(self, key: str) -> int:
        with self._lock:
            failures = self._prune(key)
            return int(failures[0] + self.window - self.clock()) + 1 if failures else 0

    def failed(self, key: str) -> None:
        with self._lock:
            self._prune(key).append(self.clock())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
