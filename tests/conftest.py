"""Shared test fixtures. Sub-packages keep their own fixtures in their own conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BENCH_DATA = SHARED / "bench-data"
SAMPLES = REPO / "src" / "newsdesk" / "samples" / "articles"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def bench_data() -> Path:
    if not BENCH_DATA.is_dir():
        pytest.skip("../shared/bench-data is not present beside the repository")
    return BENCH_DATA
