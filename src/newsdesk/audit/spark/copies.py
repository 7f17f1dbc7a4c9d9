"""`duplicate` and `near-copy` links on Spark: the banded-LSH join, phase by phase.

The same phases as `newsdesk.link.near_copies`, with Spark's operations in place of numpy
sorting, and the link stage's own reduce function (`score_group`) on each component:

1. group by normalised-text hash → duplicate sets (every pair, or a star around the first
   document for a set larger than `MAX_DUPLICATE_PAIRS_SET`); the first document of each set
   represents it in LSH;
2. map each representative to its 42 band keys, group by key → each member of a bucket chained
   to the next, kept when the MinHash estimate reaches `EST_FLOOR` (`candidate_edges`);
3. connected components of those edges (`graph.connected_components`);
4. group the fingerprints of each component and score every pair exactly (`score_group`);
5. expand pairs between representatives to the members of their duplicate sets.

"First" means the lowest corpus row, the order in which the local engine reads documents, so
both engines choose the same representatives and stars.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.audit.spark.edges import Pair, with_meta
from newsdesk.audit.spark.features import LinkRow
from newsdesk.audit.spark.graph import connected_components
from newsdesk.link.builders import duplicate_link, near_copy_link
from newsdesk.link.corpus import with_passages
from newsdesk.link.docs import LinkDoc
from newsdesk.link.fingerprints import Fingerprints
from newsdesk.link.minhash import NUM_PERM, estimated_jaccard
from newsdesk.link.near_copies import (
    EST_FLOOR,
    MAX_ALL_PAIRS_GROUP,
    MAX_DUPLICATE_PAIRS_SET,
    CandidateGroup,
    score_group,
)
from newsdesk.types import Link

if TYPE_CHECKING:
    from pyspark import RDD


def _duplicate_pairs(rows: list[int]) -> Iterator[tuple[Pair, None]]:
    if len(rows) <= MAX_DUPLICATE_PAIRS_SET:
        for x, a in enumerate(rows):
            for b in rows[x + 1 :]:
                yield (a, b), None
    else:
        for b in rows[1:]:
            yield (rows[0], b), None


def _bucket_edges(members: Iterable[tuple[int, np.ndarray]]) -> Iterator[Pair]:
    """Candidate edges of one band bucket: each member chained to the next (by row), kept when
    their MinHash estimate reaches EST_FLOOR (`candidate_edges`)."""
    ordered = sorted(members, key=lambda m: m[0])
    for (u, sig_u), (v, sig_v) in zip(ordered, ordered[1:], strict=False):
        if u != v and float(estimated_jaccard(sig_u, sig_v)) >= EST_FLOOR:
            yield (u, v)


def _score_component(
    kv: tuple[int, tuple[Iterable[LinkRow], Iterable[Pair]]],
) -> Iterator[tuple[Pair, tuple[float, float]]]:
    """Reduce phase: exact Jaccard of the pairs of one component (`score_group`): every pair,
    or for a component larger than MAX_ALL_PAIRS_GROUP only its candidate edges."""
    members, edges = kv[1]
    rows = sorted(members, key=lambda r: r.row)
    sizes = [r.shingles.size for r in rows]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    fp = Fingerprints(
        ids=tuple(r.id for r in rows),
        text_hash=np.array([r.text_hash for r in rows], dtype=np.uint64),
        word_counts=np.array([r.word_count for r in rows], dtype=np.int64),
        sigs=np.stack([r.sig for r in rows]).reshape(-1, NUM_PERM),
        bands=np.stack([r.bands for r in rows]),
        shingles=np.concatenate([r.shingles for r in rows]).astype(np.uint64),
        offsets=offsets,
    )
    local = np.arange(len(rows), dtype=np.int64)
    group = CandidateGroup(local)
    if len(rows) > MAX_ALL_PAIRS_GROUP:
        position = {r.row: i for i, r in enumerate(rows)}
        pairs = sorted((position[u], position[v]) for u, v in edges)
        group = CandidateGroup(
            local,
            (
                np.array([p[0] for p in pairs], dtype=np.int64),
                np.array([p[1] for p in pairs], dtype=np.int64),
            ),
        )
    scored = score_group(fp, group)
    for a, b, jac, est in zip(
        scored.a.tolist(),
        scored.b.tolist(),
        scored.jaccard.tolist(),
        scored.estimate.tolist(),
        strict=True,
    ):
        yield (rows[a].row, rows[b].row), (float(jac), float(est))


def _expand_first(
    kv: tuple[int, tuple[tuple[int, float, float], list[int] | None]],
) -> Iterator[tuple[int, tuple[int, float, float]]]:
    """(a, (b, j, e)) -> (b, (u, j, e)) for every member u of a's duplicate set (or a)."""
    a, ((b, jac, est), members) = kv
    for u in members or [a]:
        yield b, (u, jac, est)


def _expand_second(
    kv: tuple[int, tuple[tuple[int, float, float], list[int] | None]],
) -> Iterator[tuple[Pair, tuple[float, float]]]:
    """(b, (u, j, e)) -> ((u, v), (j, e)) for every member v of b's duplicate set (or b)."""
    b, ((u, jac, est), members) = kv
    for v in members or [b]:
        yield (min(u, v), max(u, v)), (jac, est)


def copy_links(
    rows: RDD[LinkRow],
    meta: RDD[tuple[int, LinkDoc]],
    texts: RDD[tuple[int, LinkDoc]] | None = None,
) -> tuple[RDD[tuple[Pair, Link]], RDD[tuple[Pair, None]]]:
    """(row pair, link) for every duplicate and near-copy, and the row pairs linked (skipped
    by the other link types). With `texts`, each link's evidence is the longest passages the
    two texts share (`with_passages`, as the local engine explains copies)."""
    from pyspark import StorageLevel

    worded = rows.filter(lambda r: r.word_count > 0)
    sets = (
        worded.map(lambda r: (r.text_hash, r.row))
        .groupByKey()
        .map(lambda kv: sorted(kv[1]))
        .filter(lambda rs: len(rs) > 1)
    )
    sets.persist(StorageLevel.MEMORY_AND_DISK)
    dup_pairs = sets.flatMap(_duplicate_pairs)
    members = sets.map(lambda rs: (rs[0], rs))
    followers = sets.flatMap(lambda rs: [(r, None) for r in rs[1:]])
    reps = worded.map(lambda r: (r.row, r)).subtractByKey(followers)
    reps.persist(StorageLevel.MEMORY_AND_DISK)
    edges = (
        reps.flatMap(lambda kv: [(int(k), (kv[0], kv[1].sig)) for k in kv[1].bands.tolist()])
        .groupByKey()
        .flatMap(lambda kv: _bucket_edges(kv[1]))
        .distinct()
    )
    edges.persist(StorageLevel.MEMORY_AND_DISK)
    labels = connected_components(edges)
    members_of = labels.join(reps).map(lambda kv: (kv[1][0], kv[1][1]))
    edges_of = edges.join(labels).map(lambda kv: (kv[1][1], (kv[0], kv[1][0])))
    near = members_of.cogroup(edges_of).flatMap(_score_component)
    # (a, b, jaccard, estimate) between representatives -> between every duplicate of each
    expanded = (
        near.map(lambda kv: (kv[0][0], (kv[0][1], *kv[1])))
        .leftOuterJoin(members)
        .flatMap(_expand_first)
        .leftOuterJoin(members)
        .flatMap(_expand_second)
    )
    links = (
        with_meta(dup_pairs, meta)
        .map(_duplicate_link)
        .union(with_meta(expanded, meta).map(_near_copy_link))
    )
    if texts is not None:
        links = with_meta(links, texts).map(_explained)
    links.persist(StorageLevel.MEMORY_AND_DISK)
    linked = links.map(lambda kv: (kv[0], None))
    return links, linked


def _duplicate_link(item: tuple[Pair, Any, LinkDoc, LinkDoc]) -> tuple[Pair, Link]:
    pair, _, a, b = item
    return pair, duplicate_link(a, b)


def _near_copy_link(item: tuple[Pair, Any, LinkDoc, LinkDoc]) -> tuple[Pair, Link]:
    pair, (jac, est), a, b = item
    return pair, near_copy_link(a, b, jac, est)


def _explained(item: tuple[Pair, Link, LinkDoc, LinkDoc]) -> tuple[Pair, Link]:
    pair, link, a, b = item
    source, target = (a, b) if a.id == link.source else (b, a)
    return pair, with_passages(link, source, target)
