"""Real inputs for the story clustering tests: the bundled samples and unseen benchmark texts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.cluster import StoryDoc

SEEN = datetime(2024, 7, 1, tzinfo=UTC)


def sample_docs(samples_dir: Path) -> list[StoryDoc]:
    """The five samples, dated from metadata.json (a month-only 'period' counts as its 1st)."""
    meta = json.loads((samples_dir / "metadata.json").read_text(encoding="utf-8"))
    docs = []
    for path in sorted(samples_dir.glob("0*.txt")):
        info = meta[path.name]
        stamp = info.get("published") or f"{info['period']}-01"
        when = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        docs.append(StoryDoc(path.name[:3], title, body, info["language"], when, SEEN))
    return docs


def wmt_documents(bench_data: Path, starts: list[int]) -> list[tuple[StoryDoc, StoryDoc]]:
    """(English, French) pseudo-documents of 8 consecutive WMT newstest2013 lines each."""
    base = bench_data / "wmt-newstest2013-en-fr" / "newstest2013.en-fr"
    en = Path(f"{base}.eng").read_text(encoding="utf-8").splitlines()
    fr = Path(f"{base}.fra").read_text(encoding="utf-8").splitlines()
    when = datetime(2013, 3, 1, tzinfo=UTC)
    pairs = []
    for i in starts:
        pairs.append(
            (
                StoryDoc(f"en-{i}", en[i], " ".join(en[i + 1 : i + 8]), "en", when, SEEN),
                StoryDoc(f"fr-{i}", fr[i], " ".join(fr[i + 1 : i + 8]), "fr", when, SEEN),
            )
        )
    return pairs


def french_news(bench_data: Path, count: int) -> list[StoryDoc]:
    path = bench_data / "french-news-clean" / "articles_fr.jsonl"
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            when = datetime.fromisoformat(r["date"]).replace(tzinfo=UTC)
            text = f"{r['abstract']} {r['article']}"
            docs.append(StoryDoc(f"fr-news-{r['id']}", r["title"], text, "fr", when, SEEN))
            if len(docs) == count:
                break
    return docs


@pytest.fixture(scope="session")
def samples(samples_dir: Path) -> list[StoryDoc]:
    return sample_docs(samples_dir)
