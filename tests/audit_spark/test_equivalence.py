"""Both engines on one corpus with provenance: the same findings and links, the same stories.

The corpus: the five samples, 120 OrangeSum articles (../shared/bench-data), 20 near-copies of
them (words replaced, a sentence dropped), 3 shortened mirrors, 4 English/French WMT
newstest2013 pseudo-documents pairs (translations) and two bad lines.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk.audit.runner import run_audit
from newsdesk.config import Settings

from .corpus import build_records, write_jsonl

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def canonical(link: dict[str, Any]) -> str:
    return json.dumps(link, sort_keys=True, ensure_ascii=False)


@pytest.mark.slow
def test_spark_and_local_engines_agree(
    spark: Any, tmp_path: Path, bench_data: Path, samples_dir: Path
) -> None:
    from newsdesk.audit.spark import run_audit_spark

    jsonl = write_jsonl(tmp_path / "corpus.jsonl", build_records(bench_data, 120, 20, 4))
    inputs = [str(samples_dir), str(jsonl)]
    local = run_audit(inputs, tmp_path / "local", Settings(), now=NOW)
    dist = run_audit_spark(
        inputs,
        tmp_path / "spark",
        Settings(),
        now=NOW,
        formats=("jsonl", "html"),
        provenance=True,
        master="local[2,2]",
        partitions=4,
    )
    out_l, out_s = tmp_path / "local", tmp_path / "spark"
    # Findings, documents and rejections: the same files, line for line.
    for name in ("findings.jsonl", "documents.jsonl", "rejections.jsonl"):
        assert (out_s / name).read_text() == (out_l / name).read_text(), name
    # Links: the same set of edges with the same evidence (the order of the file may differ).
    links_l = sorted(map(canonical, records(out_l / "links.jsonl")))
    links_s = sorted(map(canonical, records(out_s / "links.jsonl")))
    types = {json.loads(x)["type"] for x in links_l}
    assert {"near-copy", "translation-of", "shares-quotes", "same-template"} <= types
    assert links_s == links_l
    # Stories: the same partition of the documents, under the same ids and titles.
    stories_l = {s["id"]: s for s in records(out_l / "stories.jsonl")}
    stories_s = {s["id"]: s for s in records(out_s / "stories.jsonl")}
    assert stories_s.keys() == stories_l.keys()
    for sid, story in stories_l.items():
        assert sorted(stories_s[sid]["members"]) == sorted(story["members"]), sid
        assert stories_s[sid]["title"] == story["title"]
    assert dist.documents == local.documents and len(dist.links) == len(local.links)
