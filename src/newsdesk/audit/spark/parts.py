"""Part files written by the per-document stage itself, when its partitions are corpus order.

Writing `findings.jsonl` and `documents.jsonl` with Spark's writers takes one pass over the
audited documents per file, and the documents must be cached (with their texts) between the
passes. When the input is read in corpus order (JSONL: splits in byte order), the stage that
audits a partition can write that partition's lines as it goes: one pass, nothing cached. The
driver then concatenates the parts in partition order (`output.concat_parts`).

Each task writes into files named after its attempt and renames them to
``part-NNNNN`` only once the partition is complete, so a task retried after a failure (or a
partition computed twice) leaves exactly one copy of its lines: the stage is deterministic and
the rename replaces the same content. Rejections are also kept as pickles (the driver returns
the first ones as `Rejection` objects without reading the cache). Like Spark's own writers,
this needs `--out` on a file system the driver and the executors share.
"""

from __future__ import annotations

import os
import pickle
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsdesk.audit.outputs import document_record, finding_record, rejection_record
from newsdesk.audit.spark.documents import Audited, DocResult
from newsdesk.audit.spark.output import STAGING_PREFIX, to_json
from newsdesk.types import Rejection

#: The files the per-document stage writes (JSONL lines), and the pickled rejections.
LINE_OUTPUTS = ("findings", "documents", "rejections")
REJECTION_PICKLES = "rejections.pickle"


@dataclass(frozen=True)
class StageParts:
    """Where the per-document stage writes its parts (shipped to the tasks)."""

    out: str  # the audit's output folder (a path the executors can write)

    def folder(self, name: str) -> Path:
        suffix = "" if name == REJECTION_PICKLES else ".jsonl"
        return Path(self.out) / f"{STAGING_PREFIX}{name}{suffix}"

    def prepare(self) -> None:
        """Empty staging folders (driver side, before the stage runs)."""
        import shutil

        for name in (*LINE_OUTPUTS, REJECTION_PICKLES):
            folder = self.folder(name)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)

    def remove(self) -> None:
        """Remove the staging folders (driver side, once the outputs are written)."""
        import shutil

        for name in (*LINE_OUTPUTS, REJECTION_PICKLES):
            shutil.rmtree(self.folder(name), ignore_errors=True)

    def parts(self, name: str, partitions: Sequence[int]) -> list[Path]:
        """The part files of `name` for `partitions`, in that order (missing ones skipped)."""
        folder = self.folder(name)
        return [p for p in (folder / f"part-{i:05d}" for i in partitions) if p.exists()]


def write_through(parts: StageParts, partition: int, items: Iterable[Audited]) -> Iterator[Audited]:
    """Pass `items` through unchanged, writing their output lines to this partition's parts;
    the parts appear under their final names only when the whole partition has gone by."""
    tag = uuid.uuid4().hex
    names = (*LINE_OUTPUTS, REJECTION_PICKLES)
    tmp = {n: parts.folder(n) / f".part-{partition:05d}.{tag}.tmp" for n in names}
    handles: dict[str, IO[bytes]] = {n: tmp[n].open("wb") for n in names}
    try:
        for order, value in items:
            if isinstance(value, DocResult):
                name = value.document.name
                lines = [to_json(finding_record(name, f)) for f in value.findings]
                if lines:
                    handles["findings"].write(("\n".join(lines) + "\n").encode("utf-8"))
                doc_line = to_json(document_record(value.document, len(value.findings)))
                handles["documents"].write((doc_line + "\n").encode("utf-8"))
            elif isinstance(value, Rejection):
                line = to_json(rejection_record(value)) + "\n"
                handles["rejections"].write(line.encode("utf-8"))
                pickle.dump(value, handles[REJECTION_PICKLES], protocol=pickle.HIGHEST_PROTOCOL)
            yield order, value
    except BaseException:
        for n in names:
            handles[n].close()
            tmp[n].unlink(missing_ok=True)
        raise
    for n in names:
        handles[n].close()
        os.replace(tmp[n], parts.folder(n) / f"part-{partition:05d}")


def read_rejections(paths: Iterable[Path], limit: int) -> list[Rejection]:
    """The first `limit` rejections pickled in `paths` (in that order)."""
    kept: list[Rejection] = []
    for path in paths:
        with path.open("rb") as fh:
            while len(kept) < limit:
                try:
                    kept.append(pickle.load(fh))
                except EOFError:
                    break
        if len(kept) >= limit:
            break
    return kept
