"""Inputs that make Python's own parsers raise (found by tests/fuzz): JSON nested thousands deep
(RecursionError) and a WARC Content-Length of 10**20 (OverflowError in warcio) are rejections of
that one input; the reader goes on."""

from __future__ import annotations

from pathlib import Path

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.types import RawItem, Rejection, Source, SourceKind


def _read(kind: SourceKind, location: Path) -> list[RawItem | Rejection]:
    src = Source(kind=kind, location=str(location))
    return list(collect(src, None, InMemoryFetchMemory(), FetchSettings()))  # type: ignore[arg-type]


def test_jsonl_line_nested_too_deeply(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b'{"text": ' + b"[" * 5000 + b"}\n" + b'{"text": "Un article."}\n')
    deep, good = _read(SourceKind.JSONL, path)
    assert isinstance(deep, Rejection) and deep.reason == "invalid_json"
    assert deep.detail == "nested too deeply" and isinstance(good, RawItem)


def test_metadata_json_nested_too_deeply(tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_bytes(b"[" * 5000)
    (tmp_path / "note.txt").write_text("Titre\n\nUn article.", encoding="utf-8")
    problem, item = _read(SourceKind.FOLDER, tmp_path)
    assert isinstance(problem, Rejection) and problem.reason == "bad_metadata"
    assert isinstance(item, RawItem)


def test_warc_content_length_past_any_integer_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.warc"
    path.write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: 99999999999999999999\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>x</html>\r\n\r\n"
    )
    items = _read(SourceKind.WARC, path)
    assert [i.reason for i in items if isinstance(i, Rejection)][:1] == ["corrupt_record"]
