"""Story clustering of a whole corpus (the audit): the incremental index run in a fixed order.

Phases, so an engine such as Spark can run the first one in parallel: (1) map: features of each
article (embedding, terms, entities); (2) group: document frequencies over the corpus; (3)
reduce: articles placed one by one in (published or first seen, first seen, id) order, which
makes the result independent of input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newsdesk.cluster.doc import StoryDoc
from newsdesk.cluster.features import DocFeatures, featurize_many
from newsdesk.cluster.index import StoryIndex
from newsdesk.log import get_logger
from newsdesk.types import Story

log = get_logger(__name__)

FEATURE_BATCH = 256  # articles embedded per call (bounds memory; throughput is flat beyond ~32)


def corpus_order(docs: Iterable[StoryDoc]) -> list[StoryDoc]:
    """Documents in processing order, first occurrence of each id only."""
    unique: dict[str, StoryDoc] = {}
    for doc in docs:
        unique.setdefault(doc.id, doc)
    return sorted(unique.values(), key=lambda d: (d.time, d.first_seen, d.id))


def cluster_features(features: Sequence[DocFeatures]) -> StoryIndex:
    """Group and reduce phases on features already in corpus order."""
    index = StoryIndex()
    index.prime(features)
    for f in features:
        index.add_features(f)
    return index


def cluster_corpus(docs: Iterable[StoryDoc], vectors: np.ndarray | None = None) -> list[Story]:
    """Stories of a corpus, deterministic for a given set of documents.

    `vectors`, if given, are precomputed embeddings aligned with `docs` as passed.
    """
    docs = list(docs)
    if vectors is not None:
        by_id = {d.id: v for d, v in zip(docs, vectors, strict=True)}
    ordered = corpus_order(docs)
    features: list[DocFeatures] = []
    for start in range(0, len(ordered), FEATURE_BATCH):
        batch = ordered[start : start + FEATURE_BATCH]
        vecs = None if vectors is None else np.stack([by_id[d.id] for d in batch])
        features.extend(featurize_many(batch, vecs))
    index = cluster_features(features)
    stories = index.stories()
    log.info("stories_clustered", articles=len(ordered), stories=len(stories))
    return stories
