"""The Spark audit engine: the local engine's stages, distributed, with the same outputs.

    read (Spark readers) → extract + detect (mapPartitions) → sort by corpus order
      → findings.jsonl, documents.jsonl, rejections.jsonl (part files, concatenated in order)
      → link rows (mapPartitions) → copies / translations / quotes / templates (group by key)
      → links (small: collected for links.jsonl and the report)
      → story features (mapPartitions) → story index on the driver (streamed in time order)
      → report.html (documents with findings, and the first ones, up to a bound)

The driver never holds the corpus: it receives counts, links, stories, document names (with
provenance), and the documents shown in the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newsdesk.audit.outputs import (
    document_record,
    finding_record,
    link_record,
    rejection_record,
    site_record,
    story_record,
)
from newsdesk.audit.results import AuditResult, ReportEntry
from newsdesk.audit.runner import DEFAULT_FORMATS, REPORT_MAX_DOCUMENTS, sites_and_network
from newsdesk.audit.site_docs import SiteDoc, site_doc
from newsdesk.audit.spark.documents import DocResult, audit_items, fail_once
from newsdesk.audit.spark.inputs import Order, read_items, resolve_inputs
from newsdesk.audit.spark.ordering import (
    PartitionSummary,
    document_offsets,
    in_corpus_order,
    number_documents,
    rejection_partitions,
    report_partitions,
    summarise,
)
from newsdesk.audit.spark.output import (
    concat_parts,
    to_json,
    write_jsonl,
    write_local_parquet,
    write_parquet,
)
from newsdesk.audit.spark.parts import (
    REJECTION_PICKLES,
    StageParts,
    read_rejections,
    write_through,
)
from newsdesk.audit.spark.session import (
    FAIL_ONCE_CONF,
    default_partitions,
    spark_session,
)
from newsdesk.config import Settings
from newsdesk.log import get_logger
from newsdesk.types import Link, LinkType, Rejection, Story

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

log = get_logger(__name__)
T = TypeVar("T")

# The HTML report shows every document with findings and the first REPORT_MAX_DOCUMENTS, like
# the local engine, but never more than this many: beyond a few thousand sections a browser
# cannot open the page, and findings.jsonl lists everything.
REPORT_MAX_ENTRIES = 5000
# Rejections kept in memory for the result (the CLI prints the first ones); rejections.jsonl
# lists all of them and `SparkAuditResult.rejected` counts them.
REJECTIONS_KEPT = 100_000
_LINK_ORDER = {
    LinkType.DUPLICATE: 0,
    LinkType.NEAR_COPY: 1,
    LinkType.TRANSLATION_OF: 2,
    LinkType.SHARES_QUOTES: 3,
    LinkType.SAME_TEMPLATE: 4,
    LinkType.REWRITE_OF: 5,
}


@dataclass
class SparkAuditResult(AuditResult):
    """An `AuditResult` whose `rejections` may be truncated; `rejected` counts them all."""

    rejected: int = 0


def _site_doc_of(result: DocResult) -> SiteDoc:
    doc = result.document
    return site_doc(
        doc.article_id, doc.name, doc.publisher, doc.language, doc.published, list(result.findings)
    )


def run_audit_spark(
    inputs: Sequence[str],
    out: Path,
    settings: Settings,
    *,
    now: datetime,
    formats: Sequence[str] = DEFAULT_FORMATS,
    provenance: bool = True,
    master: str | None = None,
    partitions: int | None = None,
) -> AuditResult:
    """Audit `inputs` (local paths or Hadoop URIs: folders, JSONL, WARC, Parquet) on Spark and
    write into `out` the files `run_audit` writes, with the same content.

    `master` is a Spark master URL (default: the spark-submit session, else all local cores);
    `partitions` the number of tasks of the per-document stage and of the shuffles.
    """
    from pyspark import StorageLevel

    if "sqlite" in formats and "jsonl" not in formats:
        formats = (*formats, "jsonl")  # the SQLite tables are made from the JSONL outputs
    session = spark_session(master, partitions)
    sc = session.sparkContext
    n_parts = default_partitions(session, partitions)
    marker = session.conf.get(FAIL_ONCE_CONF, None)
    out.mkdir(parents=True, exist_ok=True)
    result = SparkAuditResult(out=out)

    specs, early = resolve_inputs(session, inputs)
    sources = {spec.index: spec.source for spec in specs}
    extract_settings = settings.extract
    items = read_items(session, specs, settings.fetch, n_parts)

    # JSONL is read in corpus order: the per-document stage writes the JSONL outputs itself
    # (`parts`), and the documents are cached only when a later phase reads them again.
    fused = "jsonl" in formats and bool(specs) and all(spec.kind == "jsonl" for spec in specs)
    stage_parts = StageParts(str(out.resolve())) if fused else None
    if stage_parts is not None:
        stage_parts.prepare()
    cache = provenance or "html" in formats or "parquet" in formats or not fused

    def stage(partition: int, it: Any) -> Any:
        fail_once(marker, partition)
        audited = audit_items(it, sources, extract_settings)
        if stage_parts is None:
            return audited
        return write_through(stage_parts, partition, audited)

    audited = items.mapPartitionsWithIndex(stage)
    if cache:
        audited.persist(StorageLevel.MEMORY_AND_DISK)
    # The pass that computes the per-document stage returns only its summaries.
    summaries = audited.mapPartitionsWithIndex(summarise).collect()
    in_order = in_corpus_order(summaries)
    for s in summaries:
        result.documents += s.documents
        result.findings += s.findings
        result.by_class.update(s.by_class)
        result.docs_by_class.update(s.docs_by_class)
        result.by_severity.update(s.by_severity)
    result.rejected = sum(s.rejections for s in summaries) + len(early)
    log.info(
        "documents_audited",
        engine="spark",
        documents=result.documents,
        rejected=result.rejected,
        partitions=len(summaries),
        in_corpus_order=in_order,
        written_by_stage=fused and in_order,
        cached=cache,
    )
    if fused and not in_order:  # not expected for JSONL: sort (the stage runs again)
        log.warning("stage_parts_unordered", action="sorting")
    from_parts = stage_parts if fused and in_order else None

    ordered: RDD[tuple[int, DocResult]]
    if in_order:
        # Already in corpus order: number the cached documents, nothing moves.
        ordered = audited.mapPartitionsWithIndex(
            number_documents(document_offsets(summaries)), preservesPartitioning=True
        )
    else:
        ordered = (
            audited.filter(lambda kv: isinstance(kv[1], DocResult))
            .map(lambda kv: kv[1])
            .sortBy(lambda d: d.order, numPartitions=n_parts)
            .zipWithIndex()
            .map(lambda x: (x[1], x[0]))
        )
        ordered.persist(StorageLevel.MEMORY_AND_DISK)

    rejections_sorted: RDD[Rejection]
    if result.rejected == 0:
        rejections_sorted = sc.parallelize([], 1)
    elif in_order and not early:
        rejections_sorted = audited.filter(lambda kv: isinstance(kv[1], Rejection)).map(
            lambda kv: kv[1]
        )
    else:
        rejections_sorted = (
            sc.parallelize(early, 1)
            .union(audited.filter(lambda kv: isinstance(kv[1], Rejection)))
            .sortBy(lambda kv: kv[0], numPartitions=n_parts)
            .map(lambda kv: kv[1])
        )
        if from_parts is None:  # read twice: for the result and for the file
            rejections_sorted.persist(StorageLevel.MEMORY_AND_DISK)
    if from_parts is not None:
        result.rejections = _first_rejections(from_parts, summaries, early)
    elif in_order and not early:
        # Only the partitions that hold the first rejections are read.
        wanted = rejection_partitions(summaries, REJECTIONS_KEPT)
        kept = sc.runJob(rejections_sorted, list, wanted) if wanted else []
        result.rejections = kept[:REJECTIONS_KEPT]
    elif result.rejected:
        result.rejections = rejections_sorted.take(REJECTIONS_KEPT)
    if result.rejected > REJECTIONS_KEPT:
        log.warning("rejections_truncated", kept=REJECTIONS_KEPT, total=result.rejected)

    def shown(kv: tuple[int, DocResult]) -> bool:
        return kv[0] < REPORT_MAX_DOCUMENTS or bool(kv[1].findings)

    def report_docs(rdd: RDD[tuple[int, DocResult]], project: Callable[[DocResult], T]) -> list[T]:
        """`project` of each document the report shows, read from the partitions that hold
        them (only the projection travels to the driver)."""
        if not in_order:
            return rdd.filter(shown).map(lambda kv: project(kv[1])).take(REPORT_MAX_ENTRIES)
        wanted = report_partitions(summaries, REPORT_MAX_DOCUMENTS, REPORT_MAX_ENTRIES)
        if not wanted:
            return []
        found = sc.runJob(rdd, lambda it: [project(kv[1]) for kv in it if shown(kv)], wanted)
        return found[:REPORT_MAX_ENTRIES]

    line_sets = {
        "findings": ordered.flatMap(
            lambda kv: [to_json(finding_record(kv[1].document.name, f)) for f in kv[1].findings]
        ),
        "documents": ordered.map(
            lambda kv: to_json(document_record(kv[1].document, len(kv[1].findings)))
        ),
        "rejections": rejections_sorted.map(lambda r: to_json(rejection_record(r))),
    }
    for name, lines in line_sets.items():
        if from_parts is not None:
            _concat_stage_parts(from_parts, name, summaries, early, out / f"{name}.jsonl")
        elif "jsonl" in formats:
            write_jsonl(lines, out / f"{name}.jsonl")
        if "parquet" in formats:
            write_parquet(session, lines, out / f"{name}.parquet")

    if provenance and result.documents:
        result.links, result.stories, result.names = _provenance(session, ordered, now)
    # Sites: one small record per document travels to the driver (no text), as in run_audit.
    result.site_docs = ordered.map(lambda kv: _site_doc_of(kv[1])).collect()
    result.sites, result.site_edges = sites_and_network(result)
    site_lines = [to_json(site_record(p)) for p in result.sites]
    if "jsonl" in formats:
        from newsdesk.audit.network_files import write_network

        write_network(out, result.sites, result.site_edges)
        _write_lines(out / "sites.jsonl", site_lines)
    if "parquet" in formats:
        write_local_parquet(session, site_lines, out / "sites.parquet")
    link_lines = [to_json(link_record(x, result.names)) for x in result.links]
    story_lines = [to_json(story_record(s, result.names)) for s in result.stories]
    for name, local_lines in (("links", link_lines), ("stories", story_lines)):
        if "jsonl" in formats:
            _write_lines(out / f"{name}.jsonl", local_lines)
        if "parquet" in formats:
            write_local_parquet(session, local_lines, out / f"{name}.parquet")

    if "sqlite" in formats:
        from newsdesk.audit.tables import write_tables

        write_tables(out, ["sqlite"])  # from the JSONL just written, as the local engine does
    if "html" in formats:
        from newsdesk.audit.report import write_report

        entries = report_docs(ordered, _entry_of)
        if not provenance:
            result.names = {e.document.article_id: e.document.name for e in entries}
        write_report(out / "report.html", result, entries, now)
    if stage_parts is not None:
        stage_parts.remove()
    for cached in (audited, ordered, rejections_sorted):
        cached.unpersist()
    log.info(
        "audit_done",
        engine="spark",
        documents=result.documents,
        findings=result.findings,
        rejected=result.rejected,
        links=len(result.links),
        stories=len(result.stories),
    )
    return result


def _first_rejections(
    parts: StageParts,
    summaries: Sequence[PartitionSummary],
    early: Sequence[tuple[Order, Rejection]],
) -> list[Rejection]:
    """The first rejections in corpus order: those the stage pickled (read only from the
    partitions that hold the first ones) with the inputs rejected before reading."""
    chunks: list[tuple[Order, Path | Rejection]] = list(early)
    wanted = set(rejection_partitions(summaries, REJECTIONS_KEPT))
    for s in summaries:
        if s.partition in wanted and s.first is not None:
            chunks.extend((s.first, p) for p in parts.parts(REJECTION_PICKLES, [s.partition]))
    kept: list[Rejection] = []
    for _, chunk in sorted(chunks, key=lambda c: c[0]):
        if len(kept) >= REJECTIONS_KEPT:
            break
        if isinstance(chunk, Rejection):
            kept.append(chunk)
        else:
            kept.extend(read_rejections([chunk], REJECTIONS_KEPT - len(kept)))
    return kept


def _concat_stage_parts(
    parts: StageParts,
    name: str,
    summaries: Sequence[PartitionSummary],
    early: Sequence[tuple[Order, Rejection]],
    path: Path,
) -> None:
    """One output from the stage's part files in partition (= corpus) order; the inputs
    rejected before reading are placed among them by their order."""
    chunks: list[tuple[Order, Path | str]] = []
    if name == "rejections":
        chunks = [(o, to_json(rejection_record(r))) for o, r in early]
    for s in summaries:
        if s.first is not None:
            chunks.extend((s.first, p) for p in parts.parts(name, [s.partition]))
    write_order = [chunk for _, chunk in sorted(chunks, key=lambda c: c[0])]
    concat_parts(write_order, path)


def _date_of(doc: DocResult) -> list[datetime]:
    published = doc.document.published
    return [] if published is None else [published]


def _name_of(doc: DocResult) -> tuple[str, str]:
    return doc.document.article_id, doc.document.name


def _entry_of(doc: DocResult) -> ReportEntry:
    return ReportEntry(doc.document, doc.findings)


def _write_lines(path: Path, lines: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")


def _provenance(
    session: SparkSession, ordered: RDD[tuple[int, DocResult]], now: datetime
) -> tuple[list[Link], list[Story], dict[str, str]]:
    """Links and stories of the documents, and the names of the documents they mention."""
    from pyspark import StorageLevel

    from newsdesk.audit.runner import story_doc
    from newsdesk.audit.spark.copies import copy_links
    from newsdesk.audit.spark.features import link_doc, link_rows
    from newsdesk.audit.spark.shared import quote_links, template_links
    from newsdesk.audit.spark.stories import cluster_stories, undated_time
    from newsdesk.audit.spark.translations import translation_links
    from newsdesk.link.docs import check_doc

    sc = session.sparkContext
    # A document whose id (url, title, text) was seen before is linked and clustered once,
    # as its first occurrence; the local engine names it after its last occurrence.
    repeated = (
        ordered.map(lambda kv: (kv[1].document.article_id, kv[0]))
        .groupByKey()
        .flatMap(lambda kv: sorted(kv[1])[1:])
        .collect()
    )
    drop = sc.broadcast(frozenset(repeated))
    firsts = ordered.filter(lambda kv: kv[0] not in drop.value)
    names = dict(
        ordered.map(lambda kv: (kv[1].document.article_id, (kv[0], kv[1].document.name)))
        .reduceByKey(max)
        .map(lambda kv: (kv[0], kv[1][1]))
        .collect()
    )

    linkable = firsts.map(lambda kv: (kv[0], link_doc(kv[1].document))).filter(
        lambda kv: check_doc(kv[1]) is None
    )
    linkable.persist(StorageLevel.MEMORY_AND_DISK)
    n_docs = linkable.count()
    rows = linkable.mapPartitions(link_rows)
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    meta = rows.map(lambda r: (r.row, r.meta()))
    meta.persist(StorageLevel.MEMORY_AND_DISK)

    copies, skip = copy_links(rows, meta, linkable)
    skip.persist(StorageLevel.MEMORY_AND_DISK)
    parts = [copies]
    # Same-language pairs are compared too (`rewrite-of`); cross-language ones need two languages.
    translated, compared = translation_links(rows, linkable, meta, skip, n_docs)
    parts.append(translated)
    info = rows.map(lambda r: (r.row, (r.meta(), r.quotes)))
    parts.append(quote_links(rows, info, skip, compared, n_docs))
    parts.append(template_links(rows, meta, skip))
    collected = sc.union(parts).collect()
    links = [
        link
        for _, _, link in sorted(
            ((_LINK_ORDER[link.type], pair, link) for pair, link in collected),
            key=lambda t: (t[0], t[1]),
        )
    ]
    log.info("corpus_linked", engine="spark", documents=n_docs, links=len(links))

    dated = firsts.flatMap(lambda kv: _date_of(kv[1]))
    assumed = undated_time(dated, now)
    stories = cluster_stories(firsts.map(lambda kv: story_doc(kv[1].document, assumed)))
    for r in (linkable, rows, meta, skip):
        r.unpersist()
    return links, stories, names
