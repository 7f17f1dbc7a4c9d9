"""Write the audit's files from RDDs without bringing the documents to the driver.

Each output is written by Spark as part files into a staging folder next to the final file
(Hadoop's output committer keeps only the output of the attempt that succeeded, so a task
retried after a lost executor leaves no duplicate lines), then the parts are concatenated in
part order into one file. The RDDs are range-partitioned on corpus order before writing, so part
order is corpus order and the file is the same, line for line, as the local engine's.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

STAGING_PREFIX = "_spark_"
COPY_BUFFER = 1 << 20


def to_json(record: dict[str, Any]) -> str:
    """One JSONL line, encoded as `newsdesk.audit.outputs.JsonlWriter` encodes it."""
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(lines: RDD[str], path: Path) -> None:
    """Write `lines` (in partition order) to one JSONL file through staged part files."""
    staging = path.parent / f"{STAGING_PREFIX}{path.name}"
    shutil.rmtree(staging, ignore_errors=True)
    lines.saveAsTextFile(staging.resolve().as_uri())
    concat_parts(sorted(staging.glob("part-*")), path)
    shutil.rmtree(staging, ignore_errors=True)


def concat_parts(chunks: Sequence[Path | str], path: Path) -> None:
    """Write `path` from part files and lines held by the driver (a str is one line), in the
    order given; the file appears complete or not at all."""
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("wb") as out:
        for chunk in chunks:
            if isinstance(chunk, str):
                out.write((chunk + "\n").encode("utf-8"))
                continue
            with chunk.open("rb") as fh:
                shutil.copyfileobj(fh, out, COPY_BUFFER)
    tmp.replace(path)


def write_parquet(session: SparkSession, lines: RDD[str], path: Path) -> None:
    """Write JSON records as a Parquet folder (schema inferred from the records)."""
    if lines.isEmpty():
        return
    session.read.json(lines).write.mode("overwrite").parquet(path.resolve().as_uri())


def write_local_parquet(session: SparkSession, lines: Sequence[str], path: Path) -> None:
    """Write records held by the driver (links, stories) as a Parquet folder."""
    if not lines:
        return
    rdd = session.sparkContext.parallelize(list(lines), 1)
    write_parquet(session, rdd, path)
