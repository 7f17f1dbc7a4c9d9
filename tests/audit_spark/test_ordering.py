"""The corpus-order bookkeeping of the Spark engine (no Spark needed): partition summaries,
whether partitions are already in order, document offsets, which partitions the report reads."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.audit.documents import AuditDocument
from newsdesk.audit.spark.documents import DocResult
from newsdesk.audit.spark.ordering import (
    PartitionSummary,
    document_offsets,
    in_corpus_order,
    number_documents,
    rejection_partitions,
    report_partitions,
    summarise,
)
from newsdesk.detect import detect
from newsdesk.types import Rejection

TEXT = (
    "Un titre\n\nLe conseil municipal a voté mardi le budget. En tant qu'intelligence "
    "artificielle, je ne peux pas donner mon avis sur ce vote."
)


def doc(order: tuple[object, ...], text: str = TEXT) -> tuple[tuple[object, ...], DocResult]:
    d = AuditDocument(
        name=f"corpus.jsonl#{order[2]}",
        text=text,
        title=text.split("\n")[0],
        language="fr",
        published=datetime(2024, 5, 1, tzinfo=UTC),
        article_id=f"id-{order[2]}",
    )
    return order, DocResult(order, d, tuple(detect(text, language="fr")))


def rejection(order: tuple[object, ...]) -> tuple[tuple[object, ...], Rejection]:
    return order, Rejection(item=f"corpus.jsonl:{order[2]}", stage="ingest", reason="bad_json")


def test_summary_counts_findings_and_order() -> None:
    items = [doc((0, (), 1)), rejection((0, (), 2)), doc((0, (), 3), "Un titre\n\nRien.")]
    (s,) = summarise(4, iter(items))
    assert (s.partition, s.documents, s.rejections) == (4, 2, 1)
    assert s.findings == len(items[0][1].findings) > 0  # type: ignore[union-attr]
    assert s.flagged == 1 and s.in_order
    assert s.first == (0, (), 1) and s.last == (0, (), 3)
    assert sum(s.by_class.values()) == s.findings == sum(s.by_severity.values())
    (t,) = summarise(0, iter([items[2], items[0]]))
    assert not t.in_order


def test_partitions_in_order_only_when_they_follow_each_other() -> None:
    a = next(summarise(0, iter([doc((0, (), 1)), doc((0, (), 2))])))
    empty = next(summarise(1, iter([])))
    b = next(summarise(2, iter([doc((0, (), 3)), doc((1, (), 1))])))
    assert in_corpus_order([b, empty, a])  # listed in any order, read by partition
    swapped = next(summarise(0, iter([doc((0, (), 5))])))
    assert not in_corpus_order([swapped, empty, b])
    assert document_offsets([b, empty, a]) == [0, 2, 2]


def test_numbering_and_the_partitions_the_report_reads() -> None:
    parts = [
        [doc((0, (), k), "Un titre\n\nRien à signaler.") for k in range(p * 10, p * 10 + 10)]
        for p in range(4)
    ]
    parts[3][5] = doc((0, (), 35))  # one flagged document, in the last partition
    parts[2].insert(0, rejection((0, (), 19.5)))
    summaries = [next(summarise(i, iter(p))) for i, p in enumerate(parts)]
    offsets = document_offsets(summaries)
    numbered = [kv for i, p in enumerate(parts) for kv in number_documents(offsets)(i, iter(p))]
    assert [k for k, _ in numbered] == list(range(40))
    assert [d.order[2] for _, d in numbered] == [o for o in range(40)]
    # the first 15 documents and the flagged ones: partitions 0, 1 and 3, not 2
    assert report_partitions(summaries, first=15, limit=100) == [0, 1, 3]
    assert report_partitions(summaries, first=15, limit=12) == [0, 1]
    assert rejection_partitions(summaries, 10) == [2]
    assert rejection_partitions([PartitionSummary(0)], 10) == []
