"""Story clustering: which articles, in any language, tell one story.

index = StoryIndex()                      # or index_from_records(saved)
story_id = index.add(StoryDoc(...))       # joins a story or opens one; ids never change
index.stories() -> list[Story]
saved = index_to_records(index)           # plain JSON-compatible dicts for the store
index_to_bytes(index) / index_from_bytes(blob)  # the same, as one compressed blob

cluster_corpus(docs) -> list[Story]       # the audit: same index, deterministic order
"""

from newsdesk.cluster.corpus import cluster_corpus, cluster_features, corpus_order
from newsdesk.cluster.doc import StoryDoc
from newsdesk.cluster.features import DocFeatures, featurize_many
from newsdesk.cluster.index import WINDOW, StoryIndex, story_id_for
from newsdesk.cluster.records import from_bytes as index_from_bytes
from newsdesk.cluster.records import from_records as index_from_records
from newsdesk.cluster.records import to_bytes as index_to_bytes
from newsdesk.cluster.records import to_records as index_to_records

__all__ = [
    "WINDOW",
    "DocFeatures",
    "StoryDoc",
    "StoryIndex",
    "cluster_corpus",
    "cluster_features",
    "corpus_order",
    "featurize_many",
    "index_from_bytes",
    "index_from_records",
    "index_to_bytes",
    "index_to_records",
    "story_id_for",
]
