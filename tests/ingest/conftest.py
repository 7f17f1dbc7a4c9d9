"""Fixtures of the ingest tests: a real local HTTP server, fast fetch settings, a memory."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory
from newsdesk.ingest.fetcher import Fetcher


@pytest.fixture
def settings() -> FetchSettings:
    # Short timeout and no per-host wait keep the suite fast; the rate limit has its own test.
    return FetchSettings(timeout=2.0, per_host_interval=0.0)


@pytest.fixture
def fetcher(settings: FetchSettings) -> Iterator[Fetcher]:
    with Fetcher(settings) as f:
        yield f


@pytest.fixture
def memory() -> InMemoryFetchMemory:
    return InMemoryFetchMemory()
