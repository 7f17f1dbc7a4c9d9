"""Folder and JSONL sources: local files, no fetcher."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.types import RawItem, Rejection, Source, SourceKind, Unchanged

from .datafiles import DATA, SAMPLES


def read(kind: SourceKind, location: Path | str, settings: FetchSettings | None = None) -> list:
    src = Source(kind=kind, location=str(location), publisher=None)
    return list(collect(src, None, InMemoryFetchMemory(), settings or FetchSettings()))


def by_name(items: list) -> dict[str, RawItem | Rejection]:
    out: dict[str, RawItem | Rejection] = {}
    for item in items:
        key = item.url if isinstance(item, RawItem) else item.item
        out[Path(key).name if "://" not in key else key] = item
    return out


def test_folder_with_metadata() -> None:
    items = read(SourceKind.FOLDER, DATA / "folder")
    found = by_name(items)
    page = found["https://fil.example/economie/secheresse-vendanges"]  # named by metadata's url
    assert isinstance(page, RawItem)
    assert page.media_type == "text/html" and page.encoding == "utf-8" and page.status is None
    assert page.hints.title == "La sécheresse menace les vendanges en Bourgogne"
    assert page.hints.published == datetime(2024, 7, 2, 7, 15, tzinfo=UTC)
    assert page.hints.author == "Claire Dumont" and page.hints.language == "fr"

    note = found["communique.txt"]
    assert isinstance(note, RawItem) and note.media_type == "text/plain"
    assert note.encoding == "cp1252"  # no declaration at all: detected
    assert "Communiqué de presse" in note.content.decode(note.encoding)
    assert note.hints.published == datetime(2024, 7, 1, tzinfo=UTC)  # a date alone: midnight UTC
    assert note.hints.publisher == "Préfecture de Côte-d'Or"

    analysis = found["analyse.md"]
    assert isinstance(analysis, RawItem) and analysis.media_type == "text/markdown"
    assert analysis.hints.published is None  # "period": "2023-07" is not a publication date
    assert analysis.hints.language == "fr"

    photo = found["photo.png"]
    assert isinstance(photo, Rejection) and photo.reason == "binary_content"
    table = found["tableau.csv"]
    assert isinstance(table, Rejection) and table.reason == "unsupported_file"
    assert "metadata.json" not in found
    assert len(items) == 5


def test_bundled_samples() -> None:
    items = read(SourceKind.FOLDER, SAMPLES)
    assert len(items) == 5 and all(isinstance(i, RawItem) for i in items)
    # Named by their metadata "url" when it gives one, by their path otherwise.
    by_number = {Path(i.url).name.split("_")[0].rsplit(":", 1)[-1]: i for i in items}
    assert by_number["000"].hints.published == datetime(2023, 5, 24, tzinfo=UTC)
    # A naive time in metadata.json is UTC.
    assert by_number["003"].hints.published == datetime(2024, 5, 31, 18, 41, tzinfo=UTC)
    # A "period" is not a date.
    assert by_number["001"].hints.published is None
    assert {i.hints.language for i in items} == {"fr"}
    assert by_number["001"].hints.publisher == "RT (republished)"


def test_single_file_and_missing_path(tmp_path: Path) -> None:
    (item,) = read(SourceKind.FOLDER, DATA / "folder" / "communique.txt")
    assert isinstance(item, RawItem) and item.hints.publisher == "Préfecture de Côte-d'Or"
    (missing,) = read(SourceKind.FOLDER, tmp_path / "nowhere")
    assert isinstance(missing, Rejection) and missing.reason == "not_found"


def test_undecodable_and_bad_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    # High bytes and control characters with no NUL: no charset makes text of this.
    (folder / "garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 8 + bytes(range(1, 9)) * 40)
    shutil.copy(DATA / "pages" / "article.html", folder / "a.html")
    (folder / "metadata.json").write_text(
        json.dumps({"a.html": {"published": "2024-07", "title": "Titre"}}), encoding="utf-8"
    )
    found = by_name(read(SourceKind.FOLDER, folder))
    assert found["garbage.txt"].reason == "decode_error"
    problem = next(
        i for i in found.values() if isinstance(i, Rejection) and i.reason == "bad_metadata"
    )
    assert "period" in problem.detail and problem.item.endswith("metadata.json#a.html")
    page = found["a.html"]
    assert (
        isinstance(page, RawItem) and page.hints.title == "Titre" and page.hints.published is None
    )


def test_folder_file_over_the_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("mot " * 1000, encoding="utf-8")
    (item,) = read(SourceKind.FOLDER, tmp_path, FetchSettings(max_bytes=1000))
    assert isinstance(item, Rejection) and item.reason == "too_large"


def test_jsonl_good_and_bad_lines() -> None:
    path = DATA / "articles.jsonl"
    items = read(SourceKind.JSONL, path)
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds == [
        ("RawItem", None),
        ("RawItem", None),
        ("Rejection", "invalid_json"),
        ("Rejection", "invalid_json"),
        ("Rejection", "missing_text"),
        ("Rejection", "bad_field"),
        ("RawItem", None),
        ("Rejection", "bad_field"),
        ("Rejection", "decode_error"),
    ]
    gas, festival, *_ = items
    assert gas.url == "https://fil.example/monde/gaz" and gas.media_type == "text/plain"
    assert gas.hints.published == datetime(2024, 6, 28, 15, 5, tzinfo=UTC)
    assert gas.hints.author == "Paul Martin" and gas.hints.language == "fr"
    assert festival.media_type == "text/html" and b"<article>" in festival.content
    assert festival.hints.published == datetime(2024, 6, 29, 20, 0, tzinfo=UTC)  # naive: UTC
    # Rejections name file:line (blank line 7 counts), items without url are path#line.
    assert items[2].item == f"{path}:3"
    assert items[6].url == f"{path}#8"
    assert items[8].item == f"{path}:10"


def test_jsonl_gz_and_known_items(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "Un article.", "url": "https://a.example/1"}\n'))
    src = Source(kind=SourceKind.JSONL, location=str(path))
    memory = InMemoryFetchMemory()
    (item,) = collect(src, None, memory, FetchSettings())
    assert isinstance(item, RawItem) and item.content == b"Un article."
    memory.mark_known(item.id)
    (again,) = collect(src, None, memory, FetchSettings())
    assert again == Unchanged(source_id=src.id, url="https://a.example/1", reason="already_stored")


@pytest.mark.parametrize("kind", [SourceKind.JSONL, SourceKind.WARC])
def test_missing_files(kind: SourceKind, tmp_path: Path) -> None:
    (item,) = read(kind, tmp_path / "absent")
    assert isinstance(item, Rejection) and item.reason == "not_found"
