"""Story clustering: which articles, in any language, tell one story.

index = StoryIndex()                      # or StoryIndex.from_records(saved)
story_id = index.add(StoryDoc(...))       # joins a story or opens one; ids never change
index.stories() -> list[Story]
saved = index.to_records()                # plain JSON-compatible dicts for the store

cluster_corpus(docs) -> list[Story]       # the audit: same index, deterministic order
"""

from newsdesk.cluster.corpus import cluster_corpus, cluster_features, corpus_order
from newsdesk.cluster.doc import StoryDoc
from newsdesk.cluster.features import DocFeatures, featurize_many
from newsdesk.cluster.index import WINDOW, StoryIndex, story_id_for

__all__ = [
    "WINDOW",
    "DocFeatures",
    "StoryDoc",
    "StoryIndex",
    "cluster_corpus",
    "cluster_features",
    "corpus_order",
    "featurize_many",
    "story_id_for",
]
