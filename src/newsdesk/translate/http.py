"""POST with retries: exponential backoff on 429, 5xx, timeouts and dropped connections.

Shared by the HTTP engines (openai, deepl). A 4xx other than 408/429 is not retried: it is a
configuration error (bad key, unknown model) and raises `EngineError` with the server's words.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from newsdesk.errors import EngineError
from newsdesk.log import get_logger

log = get_logger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Never wait longer than this between attempts, even if the server's Retry-After asks for more.
MAX_BACKOFF_SECONDS = 30.0


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts = 1 + retries; the n-th wait is base × 2ⁿ (plus up to 10 % jitter), capped."""

    retries: int = 4
    backoff_base: float = 0.5  # seconds; 0.5, 1, 2, 4 → at most 7.5 s of waiting by default
    max_backoff: float = MAX_BACKOFF_SECONDS

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        if retry_after:
            try:
                return min(float(retry_after), self.max_backoff)
            except ValueError:
                pass  # an HTTP date: fall back to our own schedule
        wait = self.backoff_base * (2**attempt)
        return min(wait * (1 + 0.1 * random.random()), self.max_backoff)


def post_json(
    client: httpx.Client,
    url: str,
    *,
    json: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    policy: RetryPolicy,
    engine: str,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """POST and return the decoded JSON body, retrying what is worth retrying."""
    last = ""
    for attempt in range(policy.retries + 1):
        retry_after = None
        try:
            response = client.post(url, json=json, data=data, headers=headers)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            last = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code < 400:
                try:
                    return response.json()
                except ValueError as exc:
                    raise EngineError(f"{engine}: {url} answered with non-JSON: {exc}") from exc
            body = response.text[:300]
            if response.status_code not in RETRY_STATUSES:
                raise EngineError(f"{engine}: {url} answered HTTP {response.status_code}: {body}")
            last = f"HTTP {response.status_code}: {body}"
            retry_after = response.headers.get("retry-after")
        if attempt == policy.retries:
            break
        wait = policy.delay(attempt, retry_after)
        log.info(
            "translate_retry", engine=engine, attempt=attempt + 1, wait=round(wait, 2), error=last
        )
        sleep(wait)
    raise EngineError(f"{engine}: {url} failed after {policy.retries + 1} attempts: {last}")
