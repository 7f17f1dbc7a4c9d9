"""The Spark engine against the local engine: same files, same rejections, retries without
duplicates. Every test runs a real local Spark (local[2,2]) on real articles."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk.audit.runner import run_audit
from newsdesk.config import Settings

from .corpus import build_records, write_jsonl, write_warc

NOW = datetime(2025, 1, 1, tzinfo=UTC)
# Every test here starts Spark jobs (~20-60 s each on a shared 2-core machine).
pytestmark = pytest.mark.slow
FILES = ("findings.jsonl", "documents.jsonl", "rejections.jsonl")


def run_spark(inputs: list[str], out: Path, provenance: bool = False, **kw: Any) -> Any:
    from newsdesk.audit.spark import run_audit_spark

    return run_audit_spark(
        inputs,
        out,
        Settings(),
        now=NOW,
        formats=kw.pop("formats", ("jsonl", "html")),
        provenance=provenance,
        master="local[2,2]",
        partitions=kw.pop("partitions", 4),
    )


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def assert_same_outputs(local: Path, spark: Path) -> None:
    """The per-document files, the sites and their network, and the SQLite tables are equal."""
    for name in (*FILES, "sites.jsonl", "network.json"):
        assert lines(spark / name) == lines(local / name), name
    assert lines(local / "sites.jsonl")
    for table in ("findings", "documents", "rejections"):
        query = f"SELECT * FROM {table} ORDER BY rowid"
        rows = [
            sqlite3.connect(folder / "audit.sqlite").execute(query).fetchall()
            for folder in (local, spark)
        ]
        assert rows[0] == rows[1] and rows[0], table


def test_jsonl_folder_warc_same_files_as_local(
    spark: Any, tmp_path: Path, bench_data: Path, samples_dir: Path
) -> None:
    """Findings, documents and rejections are the same files, line for line (no provenance)."""
    jsonl = write_jsonl(tmp_path / "articles.jsonl", build_records(bench_data, 40, 6, 0))
    warc = write_warc(tmp_path / "pages.warc", bench_data, 5)
    inputs = [str(samples_dir), str(jsonl), str(warc), str(tmp_path / "absent.jsonl")]
    formats = ("jsonl", "html", "sqlite")
    local = run_audit(
        inputs, tmp_path / "local", Settings(), now=NOW, provenance=False, formats=formats
    )
    result = run_spark(inputs, tmp_path / "spark", formats=formats)
    assert_same_outputs(tmp_path / "local", tmp_path / "spark")
    assert result.documents == local.documents > 45
    assert result.findings == local.findings
    assert result.by_class == local.by_class and result.docs_by_class == local.docs_by_class
    assert [r.reason for r in result.rejections] == [r.reason for r in local.rejections]
    assert (tmp_path / "spark" / "report.html").stat().st_size > 10_000
    # Staging folders are gone.
    assert sorted(p.name for p in (tmp_path / "spark").iterdir() if p.name.startswith("_")) == []


def test_damaged_warc_record_and_undecodable_page_are_counted(
    spark: Any, tmp_path: Path, bench_data: Path
) -> None:
    warc = write_warc(tmp_path / "pages.warc", bench_data, 6)
    result = run_spark([str(warc)], tmp_path / "out")
    reasons = Counter(r.reason for r in result.rejections)
    assert reasons["corrupt_record"] == 1
    assert reasons["binary_content"] == 1
    assert result.documents == 5  # the five intact pages: the job went on after the damage
    rejected = [json.loads(x) for x in lines(tmp_path / "out" / "rejections.jsonl")]
    assert {r["document"] for r in rejected} >= {"https://warc.example/binaire"}


def test_a_failed_task_is_retried_without_duplicated_output(
    spark: Any, tmp_path: Path, bench_data: Path
) -> None:
    """A Python worker killed in the middle of the per-document stage: Spark retries the task
    and the files hold each line once, as in a run without failure."""
    from newsdesk.audit.spark.session import FAIL_ONCE_CONF

    jsonl = write_jsonl(tmp_path / "articles.jsonl", build_records(bench_data, 30, 0, 0))
    clean = run_spark([str(jsonl)], tmp_path / "clean")
    marker = tmp_path / "failed-once"
    spark.conf.set(FAIL_ONCE_CONF, str(marker))
    try:
        retried = run_spark([str(jsonl)], tmp_path / "retried")
    finally:
        spark.conf.unset(FAIL_ONCE_CONF)
    assert marker.exists()  # the failure did happen
    for name in FILES:
        got = lines(tmp_path / "retried" / name)
        assert got == lines(tmp_path / "clean" / name), name
    docs = [json.loads(x)["document"] for x in lines(tmp_path / "retried" / "documents.jsonl")]
    assert len(docs) == len(set(docs)) == retried.documents == clean.documents


def test_parquet_input_reads_like_jsonl(spark: Any, tmp_path: Path, bench_data: Path) -> None:
    """Parquet rows give the documents and findings the same JSON lines give, named path#row;
    the local Parquet reader names and reads them alike."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsdesk.audit.parquet_input import read_parquet
    from newsdesk.config import FetchSettings
    from newsdesk.ingest import InMemoryFetchMemory
    from newsdesk.types import Licence, RawItem, Source, SourceKind

    records = [r for r in build_records(bench_data, 12, 0, 0) if isinstance(r, dict)]
    for r in records:
        r.pop("url", None)
    jsonl = write_jsonl(tmp_path / "a.jsonl", records)
    table = pa.Table.from_pylist(records)
    pq.write_table(table, tmp_path / "a.parquet", row_group_size=5)
    from_jsonl = run_spark([str(jsonl)], tmp_path / "j")
    from_parquet = run_spark([str(tmp_path / "a.parquet")], tmp_path / "p")
    assert from_parquet.documents == from_jsonl.documents > 10
    assert from_parquet.rejected == from_jsonl.rejected
    pj = [json.loads(x) for x in lines(tmp_path / "j" / "findings.jsonl")]
    pp = [json.loads(x) for x in lines(tmp_path / "p" / "findings.jsonl")]
    for x, y in zip(pj, pp, strict=True):
        assert x.pop("document").split("#")[1] == y.pop("document").split("#")[1]
        assert x == y
    source = Source(
        kind=SourceKind.JSONL, location=str(tmp_path / "a.parquet"), licence=Licence.FULL
    )
    items = list(read_parquet(source, None, InMemoryFetchMemory(), FetchSettings()))
    names = [i.url for i in items if isinstance(i, RawItem)]
    spark_names = [json.loads(x)["document"] for x in lines(tmp_path / "p" / "documents.jsonl")]
    assert set(spark_names) <= set(names) and len(names) == len(records) - 1
    assert all(n.startswith(f"{tmp_path / 'a.parquet'}#") for n in names)


def test_jsonl_split_in_order_same_files_and_links_as_local(
    spark: Any, tmp_path: Path, bench_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSONL file read in several splits is already in corpus order: the engine writes
    straight from the per-document stage (no sort) and the files are the local engine's,
    bad lines included; links (near-copies, mirrors) are the same set."""
    import newsdesk.audit.spark.inputs as spark_inputs
    import newsdesk.audit.spark.runner as spark_runner
    from newsdesk.audit.spark.ordering import in_corpus_order

    decisions: list[bool] = []

    def spy(summaries: Any) -> bool:
        decisions.append(in_corpus_order(summaries))
        decisions.append(len(summaries) > 1)
        return decisions[0]

    records = build_records(bench_data, 36, 6, 0)
    records.insert(9, "{broken")  # a rejection in the first split too
    jsonl = write_jsonl(tmp_path / "articles.jsonl", records)
    monkeypatch.setattr(spark_inputs, "MIN_SPLIT_BYTES", jsonl.stat().st_size // 5)
    monkeypatch.setattr(spark_runner, "in_corpus_order", spy)
    local = run_audit([str(jsonl)], tmp_path / "local", Settings(), now=NOW, provenance=True)
    result = run_spark([str(jsonl)], tmp_path / "spark", provenance=True, partitions=4)
    assert decisions == [True, True]  # several partitions, read in order without a sort
    for name in FILES:
        assert lines(tmp_path / "spark" / name) == lines(tmp_path / "local" / name), name
    assert result.rejected == len(local.rejections) == 3
    assert [r.item for r in result.rejections] == [r.item for r in local.rejections]
    assert result.by_severity == local.by_severity and result.findings == local.findings

    def link_set(path: Path) -> list[str]:
        return sorted(json.dumps(json.loads(x), sort_keys=True) for x in lines(path))

    links = link_set(tmp_path / "spark" / "links.jsonl")
    assert links == link_set(tmp_path / "local" / "links.jsonl") and len(links) >= 6
    assert (tmp_path / "spark" / "report.html").read_text().count("articles.jsonl#") > 0


def test_jsonl_outputs_written_by_the_stage_without_cache(
    spark: Any, tmp_path: Path, bench_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSONL only, no report, no provenance: the per-document stage writes the JSONL files
    itself in one pass (nothing cached); with two files split in several tasks and a missing
    input between them, the files are still the local engine's, rejections in their place."""
    import newsdesk.audit.spark.inputs as spark_inputs

    records = build_records(bench_data, 30, 0, 0)
    first = write_jsonl(tmp_path / "a.jsonl", records[:20] + ["{broken"] + records[20:25])
    second = write_jsonl(tmp_path / "b.jsonl", ["[1, 2]"] + records[25:])
    monkeypatch.setattr(spark_inputs, "MIN_SPLIT_BYTES", first.stat().st_size // 4)
    inputs = [str(first), str(tmp_path / "absent.jsonl"), str(second)]
    local = run_audit(inputs, tmp_path / "local", Settings(), now=NOW, provenance=False)
    persisted: list[object] = []
    monkeypatch.setattr("pyspark.RDD.persist", lambda self, *a: persisted.append(self) or self)
    result = run_spark(inputs, tmp_path / "spark", formats=("jsonl",))
    assert persisted == []  # one pass: nothing was cached
    for name in FILES:
        assert lines(tmp_path / "spark" / name) == lines(tmp_path / "local" / name), name
    assert [r.item for r in result.rejections] == [r.item for r in local.rejections]
    assert len(result.rejections) == result.rejected >= 4
    assert result.documents == local.documents and result.by_class == local.by_class
    assert [p.name for p in (tmp_path / "spark").iterdir() if p.name.startswith("_")] == []


def test_compressed_inputs_and_warc_in_a_folder_same_files_as_local(
    spark: Any, tmp_path: Path, bench_data: Path
) -> None:
    """A crawl folder of .html.gz pages and .warc files, and .jsonl.bz2/.zst corpora: Spark
    decompresses what Hadoop reads itself (.gz, .bz2) and hands the rest (.zst) to the local
    reader; both engines produce the same files, line for line."""
    import bz2
    import gzip

    import zstandard

    records = build_records(bench_data, 24, 3, 0)
    folder = tmp_path / "crawl"
    folder.mkdir()
    for i, rec in enumerate(records[:6]):
        page = f"<html><head><title>{rec['title']}</title></head><body><article>"
        page += (
            "".join(f"<p>{p}</p>" for p in rec["text"].split("\n\n")) + "</article></body></html>"
        )
        (folder / f"page-{i}.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (folder / "cut.html.gz").write_bytes(gzip.compress(b"<html>" * 4000)[:60])
    write_warc(folder / "crawl-00001.warc", bench_data, 4)
    plain = write_jsonl(tmp_path / "rest.jsonl", records[6:])
    bz = tmp_path / "rest.jsonl.bz2"
    bz.write_bytes(bz2.compress(plain.read_bytes()))
    zst = tmp_path / "rest.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress(plain.read_bytes()))
    inputs = [str(folder), str(bz), str(zst)]
    formats = ("jsonl", "html", "sqlite")
    local = run_audit(
        inputs, tmp_path / "local", Settings(), now=NOW, provenance=False, formats=formats
    )
    result = run_spark(inputs, tmp_path / "spark", formats=formats)
    assert_same_outputs(tmp_path / "local", tmp_path / "spark")
    reasons = Counter(r.reason for r in local.rejections)
    assert reasons["corrupt_archive"] == 1 and reasons["corrupt_record"] == 1
    # 6 pages, 3 of the WARC's 5 (one damaged, one binary), and the JSONL records twice,
    # less the two lines build_records makes unusable (bad JSON, no text).
    assert local.documents == result.documents == 6 + 3 + 2 * (len(records) - 6 - 2)


def test_jsonl_members_and_links_out_of_a_folder_same_files_as_local(
    spark: Any, tmp_path: Path, bench_data: Path
) -> None:
    """A folder holding JSONL corpora (plain and gzip) and symbolic links: Spark reads the JSONL
    members line by line and refuses a link that leads out of the folder, as the local reader
    does; nothing of the linked-out file reaches any output."""
    import gzip

    records = build_records(bench_data, 20, 2, 0)
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    plain = write_jsonl(folder / "part-1.jsonl", records[:8])
    (folder / "sub" / "part-2.ndjson.gz").write_bytes(
        gzip.compress(write_jsonl(tmp_path / "p2.jsonl", records[8:]).read_bytes())
    )
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET-TOKEN-4242 " * 80, encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "inside.jsonl").symlink_to(plain)  # a link that stays inside is read
    inputs = [str(folder)]
    formats = ("jsonl", "html", "sqlite")
    local = run_audit(
        inputs, tmp_path / "local", Settings(), now=NOW, provenance=False, formats=formats
    )
    result = run_spark(inputs, tmp_path / "spark", formats=formats)
    assert_same_outputs(tmp_path / "local", tmp_path / "spark")
    assert [r.reason for r in local.rejections].count("outside_folder") == 1
    assert result.documents == local.documents > len(records)
    for out in ("local", "spark"):
        for path in (tmp_path / out).iterdir():
            if path.is_file():
                assert "SECRET-TOKEN-4242" not in path.read_text(errors="replace"), path
