"""The map phase of story clustering: what each article brings, computed once, corpus-free.

An article's features are its time, its language, a multilingual embedding of its title and lead
(the part of an article that says what happened, and the only part cheap enough to embed at
~40 texts/s), and its content terms with raw weights: title terms and named-entity terms count
more than other words because two reports of one event share names more surely than wording.
Corpus statistics (document frequencies) are applied later, by the index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsdesk.cluster.doc import StoryDoc
from newsdesk.cluster.entities import entities_many
from newsdesk.cluster.terms import terms

EMBED_LEAD_CHARS = 160  # body characters embedded after the title (title only: 22 texts/s,
#                         + 160 characters: 12 texts/s on this machine; the lead names the event)
EMBED_NO_TITLE_CHARS = 240  # characters embedded when an article has no title
TITLE_WEIGHT = 2.0  # extra count for a term of the title: a headline names the event
ENTITY_WEIGHT = 2.0  # multiplier for a named-entity term (people, places, organisations, codes)
BODY_TERMS = 2000  # body terms read (about 12,000 characters); later text rarely adds names


@dataclass(frozen=True)
class DocFeatures:
    """What the index needs of one article; `weights` are raw (document frequency not applied)."""

    id: str
    title: str
    language: str | None
    time: datetime
    vector: np.ndarray  # (512,) float32, unit norm
    weights: dict[str, float]
    entities: frozenset[str]

    @property
    def empty(self) -> bool:
        return not self.weights


def _lead(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def embedding_text(doc: StoryDoc) -> str:
    """The text embedded for a document: its title and the beginning of its lead."""
    title = " ".join(doc.title.split())
    if not title:
        return _lead(doc.text, EMBED_NO_TITLE_CHARS)
    lead = _lead(doc.text, EMBED_LEAD_CHARS)
    return f"{title}. {lead}" if lead else title


def term_weights(title: str, text: str, entities: frozenset[str]) -> dict[str, float]:
    """Sub-linear term counts of title and body, with title and entity terms weighted up."""
    counts: dict[str, float] = dict(Counter(terms(text)[:BODY_TERMS]))
    for term in dict.fromkeys(terms(title)):  # distinct, in text order (a set's follows hashing)
        counts[term] = counts.get(term, 0.0) + TITLE_WEIGHT
    weights = {}
    for term, count in counts.items():
        w = 1.0 + math.log(count)
        weights[term] = w * ENTITY_WEIGHT if term in entities else w
    return weights


def featurize_many(
    docs: Sequence[StoryDoc], vectors: np.ndarray | None = None
) -> list[DocFeatures]:
    """Features of each document. `vectors` may carry embeddings computed earlier (same order)."""
    if vectors is None:
        from newsdesk.embeddings import embed

        vectors = embed([embedding_text(d) for d in docs])
    if len(vectors) != len(docs):
        raise ValueError("one vector per document is required")
    ents = entities_many([f"{d.title}\n{d.text}" for d in docs], [d.language for d in docs])
    out = []
    for doc, vector, ent in zip(docs, vectors, ents, strict=True):
        frozen = frozenset(ent)
        out.append(
            DocFeatures(
                id=doc.id,
                title=doc.title.strip(),
                language=doc.language,
                time=doc.time,
                vector=np.asarray(vector, dtype=np.float32),
                weights=term_weights(doc.title, doc.text, frozen),
                entities=frozen,
            )
        )
    return out
