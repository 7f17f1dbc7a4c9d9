"""Provenance links between articles: duplicates, near-copies, translations, shared quotes and
shared templates, each a typed `newsdesk.types.Link` with its evidence.

Phases (map → group → reduce) are plain functions over plain data so that the same code runs
locally (`link_corpus`, `LinkIndex`) and on Spark.
"""

from newsdesk.link.corpus import LinkResult, link_corpus, link_documents
from newsdesk.link.docs import LinkDoc
from newsdesk.link.index import LinkIndex

__all__ = ["LinkDoc", "LinkIndex", "LinkResult", "link_corpus", "link_documents"]
