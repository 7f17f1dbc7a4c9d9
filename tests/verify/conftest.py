from __future__ import annotations

import sys

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="session")
def sample_pages() -> list:  # type: ignore[type-arg]
    """The three story pages of the bundled samples, with their sources (BenchPage)."""
    sys.path.insert(0, str(REPO))
    from benchmarks.verification import compose_pages, sample_stories

    return compose_pages(sample_stories(), "samples")
