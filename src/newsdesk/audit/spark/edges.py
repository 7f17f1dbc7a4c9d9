"""Helpers shared by the pair phases: attach both documents' metadata to a pair (the links
themselves are built by `newsdesk.link.builders`, as in the local engine)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

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
