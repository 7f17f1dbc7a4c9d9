"""Login throttling and CSRF tokens for the desk.

CSRF: a synchronizer token kept in the (signed) session and sent back in every form; a POST
without the right token is refused with 403. Sessions use SameSite=Strict cookies as well, but
the token does not rely on that.
Login throttling: progressive delays per (client address, account) and per account, see
`LoginThrottle`.
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
# Login throttling (OWASP's authentication cheat sheet suggests 3–10 free attempts and
# delays over lockouts). A client has 5 free failures, then waits 1 s, 2 s, 4 s… up to 5 min;
# an account has 20 free failures from all clients, then waits up to 1 min, so that guesses
# from many addresses are slowed without keeping the editor out for long.
LOGIN_CLIENT_FREE = 5
LOGIN_CLIENT_CAP_SECONDS = 5 * 60
LOGIN_ACCOUNT_FREE = 20
LOGIN_ACCOUNT_CAP_SECONDS = 60
LOGIN_FIRST_DELAY_SECONDS = 1.0
LOGIN_WINDOW_SECONDS = 15 * 60  # failures older than this are forgotten


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
    """Progressive delays after failed logins, per (client, account) and per account.

    A key's first failures are free; each further one doubles the wait before that key's next
    attempt is examined (capped). An attempt made during the wait is refused without being
    examined and without counting, so the wait never grows from being refused, and the right
    password is let through once it is over. Keys: the client address with the account (one
    guesser, wherever from, cannot lock out other clients, only slow itself), and the account
    alone with more free failures and a short cap (guesses spread over many addresses are
    slowed too, and the editor still gets in within a minute). Thread-safe.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        client_free: int = LOGIN_CLIENT_FREE,
        client_cap: float = LOGIN_CLIENT_CAP_SECONDS,
        account_free: int = LOGIN_ACCOUNT_FREE,
        account_cap: float = LOGIN_ACCOUNT_CAP_SECONDS,
        window: float = LOGIN_WINDOW_SECONDS,
    ) -> None:
        self.clock = clock
        self.window = window
        self._rules = {"client": (client_free, client_cap), "account": (account_free, account_cap)}
        self._failures: dict[tuple[str, ...], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    @staticmethod
    def _keys(client: str, account: str) -> list[tuple[str, ...]]:
        return [("client", client, account), ("account", account)]

    def _prune(self, key: tuple[str, ...]) -> deque[float]:
        failures = self._failures[key]
        horizon = self.clock() - self.window
        while failures and failures[0] < horizon:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def _delay(self, key: tuple[str, ...], count: int) -> float:
        free, cap = self._rules[key[0]]
        return 0.0 if count < free else min(LOGIN_FIRST_DELAY_SECONDS * 2 ** (count - free), cap)

    def wait(self, client: str, account: str) -> float:
        """Seconds before an attempt from `client` on `account` is examined (0: now)."""
        with self._lock:
            now, longest = self.clock(), 0.0
            for key in self._keys(client, account):
                failures = self._prune(key)
                if failures:
                    longest = max(longest, failures[-1] + self._delay(key, len(failures)) - now)
            return max(0.0, longest)

    def failed(self, client: str, account: str) -> None:
        with self._lock:
            for key in self._keys(client, account):
                self._prune(key)
                self._failures[key].append(self.clock())

    def succeeded(self, client: str, account: str) -> None:
        with self._lock:
            for key in self._keys(client, account):
                self._failures.pop(key, None)
