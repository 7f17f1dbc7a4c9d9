"""The local audit engine: read a corpus, detect defects, link documents, cluster stories, report.

Per-document work (extraction, detection) streams: findings are written as documents are read.
Corpus-wide work (provenance links, stories) needs every document and runs after the stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsdesk.audit.documents import AuditDocument, read_corpus
from newsdesk.audit.outputs import (
    JsonlWriter,
    document_record,
    finding_record,
    link_record,
    rejection_record,
    site_record,
    story_record,
)
from newsdesk.audit.results import AuditResult, ReportEntry
from newsdesk.audit.site_docs import site_doc
from newsdesk.config import Settings
from newsdesk.detect import detect
from newsdesk.log import get_logger
from newsdesk.types import Finding, Link, Rejection, Severity, Story

if TYPE_CHECKING:
    from newsdesk.audit.network import SiteEdge
    from newsdesk.audit.sites import SiteProfile
    from newsdesk.cluster import StoryDoc

log = get_logger(__name__)

REPORT_MAX_DOCUMENTS = 1000  # beyond this the HTML report lists documents with findings only
FORMATS = ("jsonl", "html", "parquet", "sqlite")  # what --format accepts
DEFAULT_FORMATS = ("jsonl", "html")
#: Formats converted from the JSONL outputs (audit.tables): asking for one writes the JSONL too.
TABLE_FORMATS = ("parquet", "sqlite")


class Progress(Protocol):
    def stage(
        self, name: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[int], None]]: ...


class _NoProgress:
    def stage(
        self, name: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[int], None]]:
        return nullcontext(lambda n: None)


def audit_documents(
    docs: Iterable[AuditDocument | Rejection],
    result: AuditResult,
    findings_out: JsonlWriter | None,
    documents_out: JsonlWriter | None,
    advance: Callable[[int], None],
) -> tuple[list[AuditDocument], list[ReportEntry]]:
    kept: list[AuditDocument] = []
    entries: list[ReportEntry] = []
    for doc in docs:
        if isinstance(doc, Rejection):
            result.rejections.append(doc)
            advance(1)
            continue
        found = detect(
            doc.text, language=doc.language, title=doc.title or None, url=doc.url, html=doc.html
        )
        result.documents += 1
        result.findings += len(found)
        result.names[doc.article_id] = doc.name
        result.site_docs.append(
            site_doc(doc.article_id, doc.name, doc.publisher, doc.language, doc.published, found)
        )
        for cls in {f.category for f in found}:
            result.docs_by_class[cls] += 1
        for f in found:
            result.by_class[f.category] += 1
            result.by_severity[f.severity.value] += 1
            if findings_out is not None:
                findings_out.write(finding_record(doc.name, f))
        if documents_out is not None:
            documents_out.write(document_record(doc, len(found)))
        kept.append(doc)
        if found or len(entries) < REPORT_MAX_DOCUMENTS:
            entries.append(ReportEntry(doc, tuple(found)))
        advance(1)
    return kept, entries


def assumed_time(docs: Sequence[AuditDocument], now: datetime) -> datetime:
    """The time given to undated documents for story clustering.

    An audit reads files, so "first seen" means nothing; an undated document is taken to be
    contemporaneous with the bulk of its corpus (the lower median publication date of the dated
    documents, deterministic), so the time window neither separates it from nor joins it to a
    story by accident: its content decides. A corpus with no dates at all uses the audit time.
    """
    dated = sorted(d.published for d in docs if d.published is not None)
    return dated[(len(dated) - 1) // 2] if dated else now


def story_doc(doc: AuditDocument, undated_time: datetime) -> StoryDoc:
    """The document as the clusterer sees it; both engines build it here so they agree."""
    from newsdesk.cluster import StoryDoc

    return StoryDoc(
        id=doc.article_id,
        title=doc.title,
        text=doc.text[doc.body_offset :],  # the title is a field of its own
        language=doc.language,
        published=doc.published,
        first_seen=doc.published or undated_time,
    )


def provenance_and_stories(
    docs: Sequence[AuditDocument], now: datetime
) -> tuple[list[Link], list[Story], list[Rejection]]:
    from newsdesk.cluster import cluster_corpus
    from newsdesk.link import LinkDoc, link_documents

    undated_time = assumed_time(docs, now)
    linked = link_documents(
        [
            LinkDoc(
                id=d.article_id,
                text=d.text,
                language=d.language,
                published=d.published,
                title=d.title,
            )
            for d in docs
        ]
    )
    stories = cluster_corpus([story_doc(d, undated_time) for d in docs])
    return list(linked.links), stories, list(linked.rejections)


def sites_and_network(result: AuditResult) -> tuple[list[SiteProfile], list[SiteEdge]]:
    """Site profiles and the network between sites, from the documents and their links."""
    from newsdesk.audit.network import site_edges, site_links
    from newsdesk.audit.sites import site_profiles

    linked = site_links(result.links, {d.id: d for d in result.site_docs})
    return site_profiles(result.site_docs, linked), site_edges(linked)


def run_audit(
    inputs: Sequence[str],
    out: Path,
    settings: Settings,
    *,
    now: datetime,
    formats: Sequence[str] = DEFAULT_FORMATS,
    provenance: bool = True,
    allow_private: bool = False,
    progress: Progress | None = None,
) -> AuditResult:
    """Audit `inputs` (folders, files, JSONL, WARC, URLs) and write the outputs into `out`."""
    progress = progress or _NoProgress()
    out.mkdir(parents=True, exist_ok=True)
    result = AuditResult(out=out)
    jsonl = "jsonl" in formats or any(f in formats for f in TABLE_FORMATS)
    findings_out = JsonlWriter(out / "findings.jsonl") if jsonl else None
    documents_out = JsonlWriter(out / "documents.jsonl") if jsonl else None
    try:
        with progress.stage("auditing documents") as advance:
            docs, entries = audit_documents(
                read_corpus(inputs, settings, allow_private=allow_private),
                result,
                findings_out,
                documents_out,
                advance,
            )
    finally:
        for writer in (findings_out, documents_out):
            if writer is not None:
                writer.close()
    if provenance and docs:
        with progress.stage("linking documents and clustering stories") as advance:
            result.links, result.stories, rejected = provenance_and_stories(docs, now)
            result.rejections.extend(rejected)
            advance(1)
    result.sites, result.site_edges = sites_and_network(result)
    if jsonl:
        from newsdesk.audit.network_files import write_network

        write_network(out, result.sites, result.site_edges)
        for name, records in (
            ("links.jsonl", (link_record(link, result.names) for link in result.links)),
            ("stories.jsonl", (story_record(s, result.names) for s in result.stories)),
            ("rejections.jsonl", (rejection_record(r) for r in result.rejections)),
            ("sites.jsonl", (site_record(p) for p in result.sites)),
        ):
            writer = JsonlWriter(out / name)
            writer.write_all(records)
            writer.close()
    if any(f in formats for f in TABLE_FORMATS):
        from newsdesk.audit.tables import write_tables

        with progress.stage("writing tables") as advance:
            write_tables(out, [f for f in formats if f in TABLE_FORMATS])
            advance(1)
    if "html" in formats:
        from newsdesk.audit.report import write_report

        write_report(out / "report.html", result, entries, now)
    log.info(
        "audit_done",
        documents=result.documents,
        findings=result.findings,
        rejected=len(result.rejections),
        links=len(result.links),
        stories=len(result.stories),
        sites=len(result.sites),
    )
    return result


def severity_at_least(finding: Finding, level: Severity) -> bool:
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    return order.index(finding.severity) >= order.index(level)
