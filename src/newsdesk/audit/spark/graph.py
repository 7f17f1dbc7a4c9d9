"""Connected components of a graph held as an RDD of edges (min-label propagation).

Each round sends every node's label to its neighbours and keeps the smallest; it stops when no
label changes, after as many rounds as the longest shortest path in a component (LSH buckets
are chained member to member, but documents share many buckets, so paths stay short).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.log import get_logger

if TYPE_CHECKING:
    from pyspark import RDD

log = get_logger(__name__)

#: Rounds after which the lineage is cut (local checkpoint) so that it does not grow unbounded.
CHECKPOINT_EVERY = 4


def connected_components(edges: RDD[tuple[int, int]]) -> RDD[tuple[int, int]]:
    """(node, label) for every node of an edge; the label is the smallest node of its component."""
    from pyspark import StorageLevel

    sym = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).distinct()
    sym.persist(StorageLevel.MEMORY_AND_DISK)
    labels = sym.map(lambda e: (e[0], min(e[0], e[1]))).reduceByKey(min)
    labels.persist(StorageLevel.MEMORY_AND_DISK)
    rounds = 0
    while True:
        rounds += 1
        sent = sym.join(labels).map(lambda kv: (kv[1][0], kv[1][1]))
        new = labels.union(sent).reduceByKey(min)
        new.persist(StorageLevel.MEMORY_AND_DISK)
        if rounds % CHECKPOINT_EVERY == 0:
            new.localCheckpoint()
        changed = new.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = new
        if changed == 0:
            break
    sym.unpersist()
    log.info("components_labelled", rounds=rounds)
    return labels
