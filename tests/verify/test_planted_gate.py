"""The verification benchmark's bar on a smaller seeded sample: every planted error caught with
a check naming its class, and no clean page held (benchmarks/verification.py for the full run)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_planted_errors_are_all_caught(bench_data: Path) -> None:
    sys.path.insert(0, str(REPO))
    from benchmarks.verification import run

    result = run(n_stories=20, per_class=8, seed=2024, with_samples=True)
    planted = sum(c["planted"] for c in result.per_class.values())
    caught = sum(c["caught"] for c in result.per_class.values())
    assert planted >= 8 * 9 - 4
    assert caught == planted, result.missed
    assert len(result.clean_held) <= 0.02 * result.clean_pages + 1e-9, result.clean_held
