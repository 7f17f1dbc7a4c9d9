"""Compressed files and WARC files inside folders: read as what they contain, or refused clearly."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import resource
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.compression import (
    CorruptArchive,
    TooLargeDecompressed,
    codec_of,
    decompress,
    inner_name,
)
from newsdesk.types import RawItem, Rejection, Source, SourceKind

from .test_warc_opml import two_pages, write_warc

PAGE = (
    "<html><head><meta charset='utf-8'><title>Crue de la Loire</title></head><body><article>"
    "<h1>Crue de la Loire</h1><p>La préfecture a déclenché l'alerte orange à Orléans.</p>"
    "</article></body></html>"
).encode()

COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}


def read(kind: SourceKind, location: Path, settings: FetchSettings | None = None) -> list:
    src = Source(kind=kind, location=str(location))
    return list(collect(src, None, InMemoryFetchMemory(), settings or FetchSettings()))


def test_names() -> None:
    assert codec_of("a.HTML.GZ") == "gzip" and codec_of("c.jsonl.zst") == "zstd"
    assert codec_of("page.html") is None and codec_of("archive.tgz") is None
    assert inner_name("a.html.xz") == "a.html" and inner_name("b.txt") == "b.txt"


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_compressed_page_in_a_folder(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"crue.html{suffix}").write_bytes(COMPRESSORS[suffix](PAGE))
    (tmp_path / f"note.txt{suffix}").write_bytes(COMPRESSORS[suffix]("Brève : café".encode()))
    items = {Path(i.url).name: i for i in read(SourceKind.FOLDER, tmp_path)}
    page, note = items[f"crue.html{suffix}"], items[f"note.txt{suffix}"]
    assert isinstance(page, RawItem) and page.media_type == "text/html"
    assert page.content == PAGE and page.encoding == "utf-8"
    assert isinstance(note, RawItem) and note.media_type == "text/plain"
    assert note.content.decode(note.encoding) == "Brève : café"


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_compressed_jsonl(tmp_path: Path, suffix: str) -> None:
    lines = b"".join(
        b'{"text": "Article %d.", "url": "https://a.example/%d"}\n' % (n, n) for n in range(3)
    )
    path = tmp_path / f"corpus.jsonl{suffix}"
    path.write_bytes(COMPRESSORS[suffix](lines))
    items = read(SourceKind.JSONL, path)
    assert [i.content for i in items] == [b"Article 0.", b"Article 1.", b"Article 2."]


def test_multi_frame_zstd_jsonl(tmp_path: Path) -> None:
    # zstd files written by streaming tools are often several frames back to back.
    frames = [zstandard.ZstdCompressor().compress(b'{"text": "T%d"}\n' % n) for n in range(2)]
    path = tmp_path / "parts.jsonl.zst"
    path.write_bytes(b"".join(frames))
    assert [i.content for i in read(SourceKind.JSONL, path)] == [b"T0", b"T1"]


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_damaged_archive_is_named_not_crashed(tmp_path: Path, suffix: str) -> None:
    good = COMPRESSORS[suffix](PAGE * 50)
    (tmp_path / f"cut.html{suffix}").write_bytes(good[: len(good) // 2])  # truncated
    (tmp_path / f"fake.html{suffix}").write_bytes(b"<html>not compressed at all</html>")
    (tmp_path / "fine.html").write_bytes(PAGE)
    items = {
        Path(getattr(i, "url", None) or i.item).name: i for i in read(SourceKind.FOLDER, tmp_path)
    }
    assert isinstance(items["fine.html"], RawItem)  # the rest of the folder is still read
    for name in (f"cut.html{suffix}", f"fake.html{suffix}"):
        item = items[name]
        assert isinstance(item, Rejection) and item.reason == "corrupt_archive", name
        assert codec_of(name) in item.detail


def test_damaged_jsonl_keeps_lines_before_the_damage(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Ligne %d."}\n' % n for n in range(2000))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = read(SourceKind.JSONL, path)
    assert isinstance(items[-1], Rejection) and items[-1].reason == "read_error"
    assert "stopped reading" in items[-1].detail
    kept = [i for i in items if isinstance(i, RawItem)]
    assert kept and kept[0].content == b"Ligne 0."


def test_decompression_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    # 200 MB of zeros compress to ~200 KB; reading it whole would hold 200 MB in memory.
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            out.write(chunk)
    assert bomb.stat().st_size < 1_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (item,) = read(SourceKind.FOLDER, tmp_path, FetchSettings(max_bytes=2_000_000))
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert isinstance(item, Rejection) and item.reason == "too_large"
    assert "expands beyond" in item.detail
    assert grown_kb < 100_000  # never near the 200 MB it would expand to
    with pytest.raises(TooLargeDecompressed):
        decompress(bomb.read_bytes(), "gzip", 2_000_000)


def test_compressed_file_of_an_unread_type_is_not_decompressed(tmp_path: Path) -> None:
    (tmp_path / "site.tar.gz").write_bytes(b"not even gzip")  # would be corrupt if opened
    (tmp_path / "table.csv.zst").write_bytes(zstandard.ZstdCompressor().compress(b"a,b\n"))
    items = read(SourceKind.FOLDER, tmp_path)
    assert {i.reason for i in items} == {"unsupported_file"}
    assert all("compressed" in i.detail for i in items)


def test_compressed_binary_payload_is_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + os.urandom(300)
    (tmp_path / "photo.html.gz").write_bytes(gzip.compress(png))
    (item,) = read(SourceKind.FOLDER, tmp_path)
    assert isinstance(item, Rejection) and item.reason == "binary_content"


def test_corrupt_archive_error_type() -> None:
    with pytest.raises(CorruptArchive, match="xz"):
        decompress(b"garbage", "xz", 1000)


def test_warc_inside_a_folder_is_read_record_by_record(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl-00001.warc.gz", True, two_pages())
    (tmp_path / "loose.html").write_bytes(PAGE)
    src = Source(kind=SourceKind.FOLDER, location=str(tmp_path))
    items = list(collect(src, None, InMemoryFetchMemory(), FetchSettings()))
    pages = {i.url: i for i in items if isinstance(i, RawItem)}
    assert set(pages) == {
        "https://fil.example/premier",
        "https://fil.example/second",
        str(tmp_path / "loose.html"),
    }
    # Records belong to the folder's source, so a later run of the folder recognises them.
    assert {i.source_id for i in items} == {src.id}
    assert pages["https://fil.example/second"].media_type.startswith("text/html")
