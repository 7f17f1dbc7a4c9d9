"""Part files written by the per-document stage (no Spark needed): a partition's parts appear
only once it is complete, a partition computed twice leaves one copy, rejections come back as
objects in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.audit.outputs import document_record, finding_record, rejection_record
from newsdesk.audit.spark.parts import (
    LINE_OUTPUTS,
    REJECTION_PICKLES,
    StageParts,
    read_rejections,
    write_through,
)

from .test_ordering import TEXT, doc, rejection


def items(base: int) -> list[Any]:
    return [doc((0, (), base)), rejection((0, (), base + 1)), doc((0, (), base + 2), TEXT[:40])]


def test_a_partition_is_written_once_complete_and_once_only(tmp_path: Path) -> None:
    parts = StageParts(str(tmp_path))
    parts.prepare()
    stream = write_through(parts, 3, iter(items(1)))
    next(stream)
    assert parts.parts("documents", [3]) == []  # nothing visible mid-partition
    stream.close()  # a task that stops half-way leaves nothing behind
    assert [p for n in LINE_OUTPUTS for p in parts.folder(n).iterdir()] == []
    passed = list(write_through(parts, 3, iter(items(1))))
    again = list(write_through(parts, 3, iter(items(1))))  # a retried task
    assert passed == again == items(1)
    (documents,) = parts.parts("documents", [3])
    lines = documents.read_text(encoding="utf-8").splitlines()
    expected = [
        json.dumps(document_record(d.document, len(d.findings)), ensure_ascii=False)
        for _, d in items(1)
        if hasattr(d, "document")
    ]
    assert lines == expected
    (findings,) = parts.parts("findings", [3])
    first = items(1)[0][1]
    assert findings.read_text(encoding="utf-8").splitlines() == [
        json.dumps(finding_record(first.document.name, f), ensure_ascii=False)
        for f in first.findings
    ]
    (rejected,) = parts.parts("rejections", [3])
    assert json.loads(rejected.read_text()) == rejection_record(items(1)[1][1])
    assert sorted(p.name for p in parts.folder("documents").iterdir()) == ["part-00003"]


def test_first_rejections_read_across_partitions_up_to_the_limit(tmp_path: Path) -> None:
    parts = StageParts(str(tmp_path))
    parts.prepare()
    for partition in range(3):
        list(write_through(parts, partition, iter(items(10 * partition))))
    got = read_rejections(parts.parts(REJECTION_PICKLES, [0, 1, 2]), limit=2)
    assert [r.item for r in got] == ["corpus.jsonl:1", "corpus.jsonl:11"]
    parts.remove()
    assert not any(p.name.startswith("_") for p in tmp_path.iterdir())


def test_an_error_in_the_stage_removes_the_partial_files(tmp_path: Path) -> None:
    parts = StageParts(str(tmp_path))
    parts.prepare()

    def failing() -> Iterator[Any]:
        yield items(1)[0]
        raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError):
        list(write_through(parts, 0, failing()))
    assert [p for n in LINE_OUTPUTS for p in parts.folder(n).iterdir()] == []
