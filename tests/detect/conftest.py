from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "newsdesk" / "samples" / "articles"
LABELS = REPO / "tests" / "data" / "detect" / "sample_labels.json"
BENCH = REPO.parent / "shared" / "bench-data"


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
