"""Fixtures for the link tests: the five samples and real French news (never seen by the code)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.link import LinkDoc

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "newsdesk" / "samples" / "articles"
BENCH = REPO.parent / "shared" / "bench-data"


@pytest.fixture(scope="session")
def sample_docs() -> list[LinkDoc]:
    meta = json.loads((SAMPLES / "metadata.json").read_text(encoding="utf-8"))
    docs = []
    for path in sorted(SAMPLES.glob("0*.txt")):
        info = meta[path.name]
        published = None
        if "published" in info:
            published = datetime.fromisoformat(info["published"]).replace(tzinfo=UTC)
        text = path.read_text(encoding="utf-8")
        docs.append(
            LinkDoc(
                id=path.name[:3],
                text=text,
                language=info.get("language"),
                published=published,
                title=text.strip().splitlines()[0],
            )
        )
    return docs


@pytest.fixture(scope="session")
def french_news() -> list[dict[str, str]]:
    path = BENCH / "french-news-clean" / "articles_fr.jsonl"
    if not path.is_file():
        pytest.skip("../shared/bench-data is not present beside the repository")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="session")
def wmt_pairs() -> tuple[list[str], list[str]]:
    base = BENCH / "wmt-newstest2013-en-fr"
    if not base.is_dir():
        pytest.skip("../shared/bench-data is not present beside the repository")
    en = (base / "newstest2013.en-fr.eng").read_text(encoding="utf-8").splitlines()
    fr = (base / "newstest2013.en-fr.fra").read_text(encoding="utf-8").splitlines()
    return en, fr
