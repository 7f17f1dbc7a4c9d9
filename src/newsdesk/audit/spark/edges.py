"""Helpers shared by the pair phases: attach both documents' dates to a pair, orient evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from newsdesk.link.docs import LinkDoc
from newsdesk.types import Evidence

if TYPE_CHECKING:
    from pyspark import RDD

Pair = tuple[int, int]
M = TypeVar("M")


def with_meta(
    pairs: RDD[tuple[Pair, Any]], meta: RDD[tuple[int, M]]
) -> RDD[tuple[Pair, Any, M, M]]:
    """Each pair ``(a, b)`` with its payload and the metadata of a and of b (usually their
    `LinkDoc`: id, date)."""
    by_a = pairs.map(lambda kv: (kv[0][0], (kv[0][1], kv[1]))).join(meta)
    by_b = by_a.map(lambda kv: (kv[1][0][0], (kv[0], kv[1][0][1], kv[1][1]))).join(meta)
    return by_b.map(lambda kv: ((kv[1][0][0], kv[0]), kv[1][0][1], kv[1][0][2], kv[1][1]))


def oriented_evidence(
    source_id: str,
    a: LinkDoc,
    span_a: tuple[int, int],
    text_a: str,
    span_b: tuple[int, int],
    text_b: str,
    score: float,
) -> Evidence:
    """Evidence with spans in the link's own order (source first), from the spans' texts (the
    same value `newsdesk.link.corpus` builds from the full texts)."""
    if source_id != a.id:
        span_a, span_b, text_a, text_b = span_b, span_a, text_b, text_a
    return Evidence(
        source_span=span_a,
        target_span=span_b,
        source_text=text_a,
        target_text=text_b,
        score=score,
    )
