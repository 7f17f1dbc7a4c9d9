"""What the Spark engine reads: every input as an RDD of ``(order, RawItem | Rejection)``.

Inputs are read with Spark's own readers, so a local path, ``hdfs://`` or ``s3a://`` URI works
without code changes: JSONL with Hadoop's line reader (split across tasks; line numbers are
rebuilt from byte offsets), WARC files and folders of HTML/text with ``binaryFile`` (one WARC
file per task), Parquet with Spark's Parquet reader. The records are turned into RawItems by
the local readers' own functions (`newsdesk.ingest`), and named exactly as the local engine
names them (the path as the user typed it, ``path#line``, ``path@offset``, the WARC target URI),
so the outputs of both engines are the same.

`order` is a tuple that sorts items in the order the local engine reads them: the input's
position on the command line, then the file's position in the folder walk (files of a folder
before its sub-folders, by name), then the record's position in the file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from newsdesk.audit.parquet_input import COLUMNS, PARQUET_SUFFIXES, row_item
from newsdesk.config import FetchSettings
from newsdesk.errors import EngineError
from newsdesk.ingest import reasons
from newsdesk.ingest.compression import CODECS, codec_of
from newsdesk.ingest.containment import Outside, contained, real_root
from newsdesk.ingest.files import (
    METADATA_FILE,
    WARC_SUFFIXES,
    file_item,
    hints_from_metadata,
    is_warc_name,
    load_metadata,
)
from newsdesk.ingest.items import raw_from_local, reject, source_hints
from newsdesk.ingest.jsonl import JSONL_SUFFIXES, is_jsonl_name, parse_line, read_jsonl
from newsdesk.ingest.memory import InMemoryFetchMemory
from newsdesk.ingest.warc import read_warc
from newsdesk.log import get_logger
from newsdesk.types import Licence, RawItem, Rejection, Source, SourceKind, Unchanged

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

log = get_logger(__name__)

Order = tuple[Any, ...]
Item = tuple[Order, RawItem | Rejection]

#: JSONL compressions Hadoop's TextInputFormat reads (and splits, for bzip2) by itself; other
#: compressed JSONL files (.xz, .zst) are read whole by one task with the local reader.
HADOOP_JSONL_CODECS = (None, "gzip", "bzip2")
#: Files inside a folder that are read as several items, as the local folder reader does: WARC
#: files (a crawl is a folder of them) and JSONL files, compressed or not. They are never cut by
#: the single-file size cap, since their readers cap each record or line.
MEMBER_PATTERN = (
    r"(?i)("
    + "|".join(re.escape(s) for s in WARC_SUFFIXES)
    + "|("
    + "|".join(re.escape(s) for s in JSONL_SUFFIXES)
    + ")("
    + "|".join(re.escape(c) for c in CODECS)
    + ")?)$"
)
# A JSONL split smaller than this costs more in task start-up than it gains in parallelism.
MIN_SPLIT_BYTES = 1 << 20
# Hadoop never makes a split larger than a block (fs.local.block.size is 32 MiB; HDFS blocks are
# 128 MiB): a file is cut in a multiple of `partitions` splits no larger than this, so that the
# tasks of a wave end together (9 splits on 2 cores leave one core idle for the last one).
MAX_SPLIT_BYTES = 32 << 20


def split_bytes(size: int, partitions: int) -> int:
    """The split size that cuts `size` bytes into a multiple of `partitions` equal splits of
    at most MAX_SPLIT_BYTES (at least MIN_SPLIT_BYTES)."""
    partitions = max(1, partitions)
    rounds = max(1, -(-size // (partitions * MAX_SPLIT_BYTES)))
    return max(MIN_SPLIT_BYTES, -(-size // (partitions * rounds)) + 1)


@dataclass(frozen=True)
class InputSpec:
    """One command-line input, resolved on the driver."""

    index: int  # position on the command line
    location: str  # as given (names documents for local paths)
    uri: str  # what Spark reads
    kind: str  # "jsonl" | "warc" | "folder" | "file" | "parquet"
    local: bool
    source: Source  # the same Source the local engine builds (same ids, licence)


def hadoop(session: SparkSession) -> tuple[Any, Any]:
    """The session's JVM view and Hadoop configuration (py4j proxies, untyped), to ask the
    inputs' file systems (local, HDFS, S3...) what a path is."""
    sc = session.sparkContext
    jvm = sc._jvm
    if jvm is None:
        raise EngineError("the Spark context is stopped")
    return jvm, sc._jsc.hadoopConfiguration()


def _is_uri(location: str) -> bool:
    scheme = urlparse(location).scheme
    return len(scheme) > 1 and scheme != "file"


def _kind_of(name: str, is_dir: bool) -> str:
    lowered = name.lower().rstrip("/")
    if lowered.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if is_dir:
        return "folder"
    if is_jsonl_name(lowered):
        return "jsonl"
    if is_warc_name(lowered):
        return "warc"
    return "file"


_SOURCE_KIND = {
    "jsonl": SourceKind.JSONL,
    "warc": SourceKind.WARC,
    "folder": SourceKind.FOLDER,
    "file": SourceKind.FOLDER,
    "parquet": SourceKind.JSONL,  # no SourceKind for Parquet yet: rows are JSONL-like items
}


def resolve_inputs(
    session: SparkSession, inputs: Sequence[str]
) -> tuple[list[InputSpec], list[tuple[Order, Rejection]]]:
    """Each input's kind (asked of its file system, local or not), or why it cannot be read."""
    jvm, conf = hadoop(session)
    specs: list[InputSpec] = []
    rejected: list[tuple[Order, Rejection]] = []
    for index, location in enumerate(inputs):
        order: Order = (index, (), -1)
        if location.startswith(("http://", "https://")):
            rejected.append(
                (
                    order,
                    Rejection(
                        item=location,
                        stage="audit",
                        reason="unsupported_input",
                        detail="the Spark engine reads files; fetch URLs with the local engine",
                    ),
                )
            )
            continue
        local = not _is_uri(location)
        uri = Path(location).expanduser().resolve().as_uri() if local else location
        hpath = jvm.org.apache.hadoop.fs.Path(uri)
        fs = hpath.getFileSystem(conf)
        if not fs.exists(hpath):
            rejected.append(
                (
                    order,
                    Rejection(
                        item=location,
                        stage="audit",
                        reason="not_found",
                        detail="no such file or folder",
                    ),
                )
            )
            continue
        is_dir = bool(fs.getFileStatus(hpath).isDirectory())
        kind = _kind_of(location, is_dir)
        shown = str(Path(location)) if local else location
        source = Source(kind=_SOURCE_KIND[kind], location=shown, licence=Licence.FULL)
        specs.append(InputSpec(index, shown, uri, kind, local, source))
    return specs, rejected


def display_name(spec: InputSpec, spark_path: str) -> str:
    """How the local engine names a file that Spark lists as `spark_path` (a URI)."""
    if not spec.local:
        return spark_path
    absolute = unquote(urlparse(spark_path).path)
    root = unquote(urlparse(spec.uri).path)
    if spec.kind in ("jsonl", "warc", "file") or absolute == root:
        return str(Path(spec.location).expanduser())
    relative = PurePosixPath(absolute).relative_to(root)
    return str(Path(spec.location).expanduser() / relative)


def walk_key(relative: PurePosixPath) -> tuple[tuple[int, str], ...]:
    """Sort key of a file in `os.walk` order with sorted names: a folder's files come before
    its sub-folders (the order of `newsdesk.ingest.files` and so of the local engine)."""
    parts = relative.parts
    return tuple((1, p) for p in parts[:-1]) + ((0, parts[-1]),)


# ------------------------------------------------------------------------------- JSONL


def jsonl_line_item(
    spec: InputSpec, number: int, line: str, settings: FetchSettings, read_at: datetime
) -> RawItem | Rejection | None:
    """The item of one JSONL line (None for a blank line), as `read_jsonl` makes it."""
    path = str(Path(spec.location).expanduser()) if spec.local else spec.location
    where = f"{path}:{number}"
    data = line.encode("utf-8") + b"\n"
    if len(data) > settings.max_bytes:
        return reject(spec.source, where, reasons.TOO_LARGE, "line exceeds fetch.max_bytes")
    if not data.strip():
        return None
    parsed = parse_line(data, where, spec.source)
    if isinstance(parsed, Rejection):
        return parsed
    fields, hints = parsed
    page = fields.get("html")
    content = (page if page else fields["text"]).encode("utf-8")
    return raw_from_local(
        spec.source,
        fields.get("url") or f"{path}#{number}",
        content,
        "text/html" if page else "text/plain",
        "utf-8",
        hints,
        read_at,
    )


def _jsonl_items(
    session: SparkSession, spec: InputSpec, settings: FetchSettings, partitions: int
) -> RDD[Item]:
    """Lines of one JSONL file, split across tasks; line numbers from per-split line counts."""
    sc = session.sparkContext
    jvm, conf = hadoop(session)
    hpath = jvm.org.apache.hadoop.fs.Path(spec.uri)
    size = int(hpath.getFileSystem(conf).getFileStatus(hpath).getLen())
    split = split_bytes(size, partitions)
    lines: RDD[tuple[int, str]] = sc.newAPIHadoopFile(
        spec.uri,
        "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
        conf={"mapreduce.input.fileinputformat.split.maxsize": str(split)},
    )
    # Splits of one file are partitions in byte order: count lines per split, then number them.
    counts = dict(lines.mapPartitionsWithIndex(lambda i, it: [(i, sum(1 for _ in it))]).collect())
    first: dict[int, int] = {}
    total = 0
    for i in sorted(counts):
        first[i] = total
        total += counts[i]
    read_at = datetime.now(UTC)

    def items(i: int, it: Iterable[tuple[int, str]]) -> Iterator[Item]:
        for k, (_, line) in enumerate(it):
            number = first[i] + k + 1
            item = jsonl_line_item(spec, number, line, settings, read_at)
            if item is not None:
                yield (spec.index, (), number), item

    return lines.mapPartitionsWithIndex(items)


def _jsonl_copy_items(session: SparkSession, spec: InputSpec, settings: FetchSettings) -> RDD[Item]:
    """A compressed JSONL file Hadoop cannot read (.xz, .zst): one task, the local reader."""
    df = _binary_files(session, spec, None)

    def items(row: Any) -> Iterator[Item]:
        shown = display_name(spec, row["path"])
        content = bytes(row["content"])
        for k, item in local_copy_items(spec, shown, content, settings, read_jsonl):
            yield (spec.index, (), k), item

    return df.rdd.flatMap(items)


# ------------------------------------------------------------------------------- WARC


def _renamed(item: RawItem | Rejection, tmp: str, shown: str, source: Source) -> Any:
    """An item read from a temporary copy, named after the real file."""
    if isinstance(item, Rejection):
        return replace(item, item=item.item.replace(tmp, shown), source_id=source.id)
    return replace(item, url=item.url.replace(tmp, shown), source_id=source.id)


def warc_file_items(
    spec: InputSpec, shown: str, content: bytes, settings: FetchSettings
) -> Iterator[tuple[int, RawItem | Rejection]]:
    """The items of one WARC file given as bytes, read by the local WARC reader (damaged
    records are `corrupt_record` Rejections and reading goes on)."""
    yield from local_copy_items(spec, shown, content, settings, read_warc)


def local_copy_items(
    spec: InputSpec,
    shown: str,
    content: bytes,
    settings: FetchSettings,
    reader: Callable[..., Iterator[RawItem | Unchanged | Rejection]],
) -> Iterator[tuple[int, RawItem | Rejection]]:
    """The items a local reader finds in a file given as bytes, named after the real file."""
    suffix = "".join(PurePosixPath(shown).suffixes[-2:]) or ".warc"
    fd, tmp = tempfile.mkstemp(prefix="newsdesk-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        tmp_source = replace(spec.source, location=tmp)
        k = 0
        for item in reader(tmp_source, None, InMemoryFetchMemory(), settings):
            if isinstance(item, Unchanged):
                continue
            yield k, _renamed(item, tmp, shown, spec.source)
            k += 1
    finally:
        os.unlink(tmp)


def _binary_files(session: SparkSession, spec: InputSpec, max_bytes: int | None) -> Any:
    """A DataFrame (path, length, content) of every file under the input; `content` is null
    for files larger than `max_bytes` (they are rejected without being read)."""
    from pyspark.sql import functions as F

    df = (
        session.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(spec.uri)
        .select("path", "length", "content")
    )
    if max_bytes is not None:
        df = df.withColumn(
            "content",
            F.when(
                (F.col("length") <= max_bytes) | F.col("path").rlike(MEMBER_PATTERN),
                F.col("content"),
            ).otherwise(None),
        )
    return df


def _warc_items(session: SparkSession, spec: InputSpec, settings: FetchSettings) -> RDD[Item]:
    df = _binary_files(session, spec, None)

    def items(row: Any) -> Iterator[Item]:
        shown = display_name(spec, row["path"])
        for k, item in warc_file_items(spec, shown, bytes(row["content"]), settings):
            yield (spec.index, (), k), item

    return df.rdd.flatMap(items)


# ------------------------------------------------------------------------------- folders


def _folder_metadata(
    session: SparkSession, spec: InputSpec, folder_uri: str, folder_shown: str
) -> tuple[dict[str, dict[str, Any]], list[Rejection]]:
    """metadata.json of the folder (read through Spark, checked by the local loader)."""
    jvm, conf = hadoop(session)
    meta_uri = f"{folder_uri.rstrip('/')}/{METADATA_FILE}"
    hpath = jvm.org.apache.hadoop.fs.Path(meta_uri)
    if not hpath.getFileSystem(conf).exists(hpath):
        return {}, []
    raw = session.sparkContext.binaryFiles(meta_uri).values().first()
    with tempfile.TemporaryDirectory(prefix="newsdesk-meta-") as tmp:
        (Path(tmp) / METADATA_FILE).write_bytes(bytes(raw))
        entries, problems = load_metadata(Path(tmp), spec.source)
    shown_meta = str(Path(folder_shown) / METADATA_FILE)
    tmp_meta = str(Path(tmp) / METADATA_FILE)
    return entries, [replace(p, item=p.item.replace(tmp_meta, shown_meta)) for p in problems]


def _folder_items(
    session: SparkSession, spec: InputSpec, settings: FetchSettings, partitions: int
) -> RDD[Item]:
    """Every file of a folder (or one file), one item each, hinted by the folder's metadata."""
    sc = session.sparkContext
    if spec.kind == "file":
        folder_uri = spec.uri.rsplit("/", 1)[0]
        folder_shown = str(Path(spec.location).expanduser().parent) if spec.local else ""
        root = urlparse(folder_uri).path
    else:
        folder_uri = spec.uri
        folder_shown = str(Path(spec.location).expanduser()) if spec.local else spec.location
        root = urlparse(spec.uri).path
    entries, problems = _folder_metadata(session, spec, folder_uri, folder_shown)
    head = sc.parallelize(
        [((spec.index, (), -len(problems) + i), p) for i, p in enumerate(problems)], 1
    )
    df = _binary_files(session, spec, settings.max_bytes)
    rows = df.rdd
    if rows.getNumPartitions() < partitions:
        rows = rows.repartition(partitions)
    read_at = datetime.now(UTC)
    meta_where = f"{folder_shown}/{METADATA_FILE}" if folder_shown else METADATA_FILE
    # A local folder is read as the local reader reads it: a file whose real path leads out of
    # the folder (a symbolic link) is `outside_folder`. Hadoop's listing follows links.
    inside = real_root(Path(root)) if spec.local and spec.kind == "folder" else None

    def items(row: Any) -> Iterator[Item]:
        path = unquote(urlparse(row["path"]).path)
        relative = PurePosixPath(path).relative_to(root)
        if any(p.startswith(".") for p in relative.parts):
            return
        if relative.as_posix() == METADATA_FILE:
            return
        name = display_name(spec, row["path"]) if spec.local else row["path"]
        key = walk_key(relative) if spec.kind == "folder" else ()
        real = contained(Path(path), inside) if inside is not None else None
        if isinstance(real, Outside):
            yield (
                (spec.index, key, 1),
                reject(spec.source, name, reasons.OUTSIDE_FOLDER, real.detail),
            )
            return
        content = None if row["content"] is None else bytes(row["content"])
        if content is not None and is_warc_name(relative.name):
            for k, member_item in warc_file_items(spec, name, content, settings):
                yield (spec.index, key, k), member_item
            return
        if content is not None and is_jsonl_name(relative.name):
            for k, member_item in local_copy_items(spec, name, content, settings, read_jsonl):
                yield (spec.index, key, k), member_item
            return
        entry = entries.get(relative.as_posix()) or entries.get(relative.name)
        hints, url = source_hints(spec.source), None
        if entry is not None:
            hints, url, problem = hints_from_metadata(
                entry, spec.source, f"{meta_where}#{relative.as_posix()}"
            )
            if problem is not None:
                yield (spec.index, key, 0), problem
        item = file_item(
            name, int(row["length"]), content, spec.source, settings, hints, url, read_at
        )
        yield (spec.index, key, 1), item

    return head.union(rows.flatMap(items))


# ------------------------------------------------------------------------------- Parquet


def _parquet_items(session: SparkSession, spec: InputSpec, partitions: int) -> RDD[Item]:
    """Rows of Parquet files, numbered per file by Spark's row index (as the local reader)."""
    from pyspark.sql import functions as F

    df = session.read.parquet(spec.uri)
    present = [c for c in COLUMNS if c in df.columns]
    df = df.select(
        *present,
        F.col("_metadata.file_path").alias("_file"),
        F.col("_metadata.row_index").alias("_row"),
    )
    rows = df.rdd
    if rows.getNumPartitions() < partitions:
        rows = rows.repartition(partitions)
    read_at = datetime.now(UTC)
    root = urlparse(spec.uri).path

    def items(row: Any) -> Iterator[Item]:
        data = row.asDict()
        file_uri, number = data.pop("_file"), int(data.pop("_row")) + 1
        shown = display_name(spec, file_uri) if spec.local else file_uri
        absolute = PurePosixPath(unquote(urlparse(file_uri).path))
        key = () if absolute.as_posix() == root else walk_key(absolute.relative_to(root))
        yield (spec.index, key, number), row_item(data, shown, number, spec.source, read_at)

    return rows.flatMap(items)


def read_items(
    session: SparkSession,
    specs: Sequence[InputSpec],
    settings: FetchSettings,
    partitions: int,
) -> RDD[Item]:
    """Every item of every input, unordered (each carries its `order`)."""
    sc = session.sparkContext
    parts: list[RDD[Item]] = []
    for spec in specs:
        if spec.kind == "jsonl" and codec_of(spec.location) in HADOOP_JSONL_CODECS:
            parts.append(_jsonl_items(session, spec, settings, partitions))
        elif spec.kind == "jsonl":
            parts.append(_jsonl_copy_items(session, spec, settings))
        elif spec.kind == "warc":
            parts.append(_warc_items(session, spec, settings))
        elif spec.kind == "parquet":
            parts.append(_parquet_items(session, spec, partitions))
        else:
            parts.append(_folder_items(session, spec, settings, partitions))
    if not parts:
        return sc.parallelize([], 1)
    return sc.union(parts) if len(parts) > 1 else parts[0]
