"""Corpus order without a shuffle when the input already is in it.

The outputs must list documents in the local engine's reading order. Most inputs are read in
that order already: the splits of a JSONL file are partitions in byte order, and the inputs of
the command line are unioned in their order. Sorting would then move every document (with its
text) through a shuffle for nothing. So the per-document stage is summarised per partition in
the pass that computes it (counts, first and last order, whether it is sorted): when the
partitions follow each other in order, a document's position in the corpus is its partition's
offset plus its position in the partition, and the outputs are written straight from the
cached stage. Otherwise (folders and WARC files, which Spark lists in its own order) the engine
sorts, as before.

The summaries also give the counts of the result (documents, findings per class and severity)
and the partitions that hold the documents shown in the report, so no other pass is needed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsdesk.audit.spark.documents import Audited, DocResult
from newsdesk.audit.spark.inputs import Order


@dataclass
class PartitionSummary:
    """What the driver needs to know of one partition of the audited items."""

    partition: int
    documents: int = 0
    rejections: int = 0
    findings: int = 0
    flagged: int = 0  # documents with at least one finding
    by_class: Counter[str] = field(default_factory=Counter)
    docs_by_class: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    first: Order | None = None
    last: Order | None = None
    in_order: bool = True  # the items of the partition are sorted by corpus order


def summarise(partition: int, items: Iterable[Audited]) -> Iterator[PartitionSummary]:
    """The summary of one partition of `(order, DocResult | Rejection)` (one element)."""
    s = PartitionSummary(partition)
    for order, value in items:
        if s.first is None:
            s.first = order
        elif s.last is not None and order < s.last:
            s.in_order = False
        s.last = order
        if not isinstance(value, DocResult):
            s.rejections += 1
            continue
        s.documents += 1
        if value.findings:
            s.flagged += 1
            s.findings += len(value.findings)
            classes = Counter(f.category for f in value.findings)
            s.by_class.update(classes)
            s.docs_by_class.update(set(classes))
            s.by_severity.update(f.severity.value for f in value.findings)
    yield s


def in_corpus_order(summaries: Sequence[PartitionSummary]) -> bool:
    """Whether reading the partitions one after the other gives the items in corpus order."""
    previous: Order | None = None
    for s in sorted(summaries, key=lambda x: x.partition):
        if not s.in_order:
            return False
        if s.first is None or s.last is None:
            continue
        if previous is not None and s.first < previous:
            return False
        previous = s.last
    return True


def document_offsets(summaries: Sequence[PartitionSummary]) -> list[int]:
    """Corpus position of the first document of each partition (indexed by partition)."""
    offsets = [0] * (max((s.partition for s in summaries), default=-1) + 1)
    total = 0
    for s in sorted(summaries, key=lambda x: x.partition):
        offsets[s.partition] = total
        total += s.documents
    return offsets


def report_partitions(summaries: Sequence[PartitionSummary], first: int, limit: int) -> list[int]:
    """The partitions, in order, that hold the first `limit` documents that are among the
    `first` documents of the corpus or have findings (the documents the report shows)."""
    offsets = document_offsets(summaries)
    chosen: list[int] = []
    wanted = 0
    for s in sorted(summaries, key=lambda x: x.partition):
        if wanted >= limit:
            break
        head = min(s.documents, max(0, first - offsets[s.partition]))
        if head or s.flagged:
            chosen.append(s.partition)
            wanted += head + s.flagged
    return chosen


def rejection_partitions(summaries: Sequence[PartitionSummary], limit: int) -> list[int]:
    """The partitions, in order, that hold the first `limit` rejections."""
    chosen: list[int] = []
    wanted = 0
    for s in sorted(summaries, key=lambda x: x.partition):
        if wanted >= limit:
            break
        if s.rejections:
            chosen.append(s.partition)
            wanted += s.rejections
    return chosen


def number_documents(
    offsets: Sequence[int],
) -> Callable[[int, Iterable[Audited]], Iterator[tuple[int, DocResult]]]:
    """A `mapPartitionsWithIndex` function: each DocResult of a partition in corpus order,
    with its corpus position (rejections are left out)."""

    def numbered(partition: int, items: Iterable[Audited]) -> Iterator[tuple[int, DocResult]]:
        k = offsets[partition]
        for _, value in items:
            if isinstance(value, DocResult):
                yield k, value
                k += 1

    return numbered
