from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="session")
def clean_stories(bench_data: Path) -> list[list]:  # type: ignore[type-arg]
    """Pseudo-stories of two real French articles (french-news-clean), as in the benchmark."""
    sys.path.insert(0, str(REPO))
    from benchmarks.verification import clean_stories as load

    return load(40)


@pytest.fixture(scope="session")
def sample_stories() -> list[list]:  # type: ignore[type-arg]
    sys.path.insert(0, str(REPO))
    from benchmarks.verification import sample_stories as load

    return load()
