"""Stories on Spark: features on the executors, the incremental index on the driver.

Story clustering places articles one by one in time order (`newsdesk.cluster.corpus`): an
article joins a story formed by every article before it, and stories merge when an article
belongs to two. That reduce phase is sequential by nature; cutting the corpus into time windows
and clustering each apart would split stories that straddle a boundary and change ids, so the
two engines would disagree. What is expensive is the map phase (the multilingual embedding of
title and lead, ~12 articles/s per core, plus named entities and term weights), and that runs
here in ``mapPartitions`` on the executors. The driver then streams the compact features
(a 512-float vector and the term weights; never a text) in corpus order with
``toLocalIterator`` — one partition in memory at a time — twice: once to count document
frequencies (`StoryIndex.prime`), once to place each article (`StoryIndex.add_features`). The
driver holds the index itself: the stories of the last `RETAIN` window with their vectors, and
for older stories only their member ids and titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from newsdesk.cluster import DocFeatures, StoryDoc, StoryIndex, featurize_many
from newsdesk.cluster.corpus import FEATURE_BATCH
from newsdesk.log import get_logger
from newsdesk.types import Story

if TYPE_CHECKING:
    from pyspark import RDD

log = get_logger(__name__)


def undated_time(dated: RDD[datetime], now: datetime) -> datetime:
    """`runner.assumed_time` computed by Spark: the lower median publication date, found with
    a distributed sort and an index lookup (no list of dates on the driver)."""
    count = dated.count()
    if count == 0:
        return now
    wanted = (count - 1) // 2
    indexed = dated.sortBy(lambda d: d).zipWithIndex()
    return indexed.filter(lambda pair: pair[1] == wanted).map(lambda pair: pair[0]).first()


def _features(docs: Iterable[StoryDoc]) -> Iterator[DocFeatures]:
    batch: list[StoryDoc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= FEATURE_BATCH:
            yield from featurize_many(batch)
            batch = []
    if batch:
        yield from featurize_many(batch)


def cluster_stories(docs: RDD[StoryDoc]) -> list[Story]:
    """Stories of `docs` (one per article id), identical to `cluster_corpus` on the same set."""
    from pyspark import StorageLevel

    ordered = docs.sortBy(lambda d: (d.time, d.first_seen, d.id))
    features = ordered.mapPartitions(_features)
    features.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        index = StoryIndex()
        index.prime(features.toLocalIterator())
        placed = 0
        for f in features.toLocalIterator():
            index.add_features(f)
            placed += 1
        stories = index.stories()
    finally:
        features.unpersist()
    log.info("stories_clustered", articles=placed, stories=len(stories))
    return stories
