"""Parts of the Spark engine that need no Spark: the local Parquet reader, the missing extra."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.audit.parquet_input import read_parquet
from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory
from newsdesk.types import Licence, RawItem, Rejection, Source, SourceKind

from .corpus import articles


def test_missing_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.audit.spark.session import require_pyspark
    from newsdesk.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(MissingExtraError, match=r"newsdesk\[spark\]"):
        require_pyspark()


def test_parquet_rows_are_items_named_like_jsonl_lines(tmp_path: Path, bench_data: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [
        {
            "url": f"https://actu.example/{a['id']}" if i % 2 else None,
            "title": a["title"],
            "text": a["article"],
            "published": datetime.fromisoformat(a["date"]).replace(tzinfo=UTC),
            "language": "fr",
        }
        for i, a in enumerate(articles(bench_data, 6))
    ]
    rows.append(
        {
            "url": "https://vide.example/",
            "title": "vide",
            "text": " ",
            "published": None,
            "language": None,
        }
    )
    folder = tmp_path / "parts"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(rows[:4]), folder / "part-0.parquet")
    pq.write_table(pa.Table.from_pylist(rows[4:]), folder / "part-1.parquet")
    source = Source(kind=SourceKind.JSONL, location=str(folder), licence=Licence.FULL)
    items = list(read_parquet(source, None, InMemoryFetchMemory(), FetchSettings()))
    assert [type(i).__name__ for i in items] == ["RawItem"] * 6 + ["Rejection"]
    raw = [i for i in items if isinstance(i, RawItem)]
    assert raw[0].url == f"{folder / 'part-0.parquet'}#1"
    assert raw[1].url == "https://actu.example/" + articles(bench_data, 2)[1]["id"]
    assert raw[4].url == f"{folder / 'part-1.parquet'}#1"
    assert raw[0].hints.published == rows[0]["published"]
    assert raw[0].hints.title == rows[0]["title"] and raw[0].media_type == "text/plain"
    bad = items[-1]
    assert isinstance(bad, Rejection) and bad.reason == "missing_text"
    assert bad.item == f"{folder / 'part-1.parquet'}:3"


def test_parquet_missing_path_is_a_rejection(tmp_path: Path) -> None:
    source = Source(kind=SourceKind.JSONL, location=str(tmp_path / "absent.parquet"))
    items = list(read_parquet(source, None, InMemoryFetchMemory(), FetchSettings()))
    assert len(items) == 1 and isinstance(items[0], Rejection) and items[0].reason == "not_found"


def test_jsonl_splits_are_a_multiple_of_the_partitions() -> None:
    from newsdesk.audit.spark.inputs import MAX_SPLIT_BYTES, MIN_SPLIT_BYTES, split_bytes

    for size in (11_000_000, 280_000_000, 3_000_000_000):
        for partitions in (1, 2, 3, 8):
            split = split_bytes(size, partitions)
            n = -(-size // split)
            assert n % partitions == 0 and MIN_SPLIT_BYTES <= split <= MAX_SPLIT_BYTES
    assert split_bytes(1000, 8) == MIN_SPLIT_BYTES  # a small file is one split
