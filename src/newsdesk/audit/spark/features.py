"""Map phase of provenance on Spark: what each linkable document brings to every link type.

One ``LinkRow`` per document, computed in ``mapPartitions`` with the link stage's own functions
(`fingerprint` in one batch per partition, `cheap_features`, `extract_quotes`,
`template_lines`). The corpus-wide phases then group these rows by key; the raw texts are not
needed again except for the sentences of translation candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsdesk.audit.documents import AuditDocument
from newsdesk.link.candidates import cheap_features
from newsdesk.link.docs import LinkDoc
from newsdesk.link.fingerprints import fingerprint
from newsdesk.link.quotes import Quote, extract_quotes
from newsdesk.link.templates import TemplateLine, template_lines

#: Documents fingerprinted per call (the shingling is vectorised over a batch).
FINGERPRINT_BATCH = 512


@dataclass(frozen=True)
class LinkRow:
    """One document as the corpus-wide link phases see it; `row` is its corpus position."""

    row: int
    id: str
    language: str | None
    published: datetime | None
    text_hash: int
    word_count: int
    sig: np.ndarray  # uint32 (NUM_PERM,)
    bands: np.ndarray  # uint64 (NUM_BANDS,)
    shingles: np.ndarray  # uint64
    cheap: frozenset[str]  # candidate features for translations (numbers, names, stems)
    quotes: tuple[Quote, ...]
    templates: tuple[TemplateLine, ...]

    def meta(self) -> LinkDoc:
        """What `orient` needs (id and date); the text is not carried."""
        return LinkDoc(id=self.id, text="", language=self.language, published=self.published)


def link_doc(doc: AuditDocument) -> LinkDoc:
    """The document as the link stage sees it (as the local runner builds it)."""
    return LinkDoc(
        id=doc.article_id,
        text=doc.text,
        language=doc.language,
        published=doc.published,
        title=doc.title,
    )


def link_rows(docs: Iterable[tuple[int, LinkDoc]]) -> Iterator[LinkRow]:
    """Map phase: the rows of one partition, fingerprinted in batches."""
    batch: list[tuple[int, LinkDoc]] = []
    for item in docs:
        batch.append(item)
        if len(batch) >= FINGERPRINT_BATCH:
            yield from _rows(batch)
            batch = []
    if batch:
        yield from _rows(batch)


def _rows(batch: list[tuple[int, LinkDoc]]) -> Iterator[LinkRow]:
    fp = fingerprint([d.id for _, d in batch], [d.text for _, d in batch])
    for i, (row, d) in enumerate(batch):
        yield LinkRow(
            row=row,
            id=d.id,
            language=d.language,
            published=d.published,
            text_hash=int(fp.text_hash[i]),
            word_count=int(fp.word_counts[i]),
            sig=fp.sigs[i].copy(),
            bands=fp.bands[i].copy(),
            shingles=fp.shingles[fp.offsets[i] : fp.offsets[i + 1]].copy(),
            cheap=cheap_features(f"{d.title}\n{d.text}").all,
            quotes=tuple(extract_quotes(d.text)),
            templates=tuple(template_lines(d.text, d.title)),
        )
