"""WARC files written with warcio (good and damaged records), and OPML imports."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.config import FetchSettings
from newsdesk.errors import InputError
from newsdesk.ingest import InMemoryFetchMemory, collect, parse_opml
from newsdesk.types import RawItem, Rejection, Source, SourceKind, Unchanged

from .datafiles import DATA

GOOD = "<html><head><title>Deuxième</title></head><body><p>Le second article est intact.</p></body></html>"
BAD = "<html><head><title>Premier</title></head><body><p>Le premier article sera abîmé.</p></body></html>"


def write_warc(path: Path, gzip: bool, records: list[tuple[str, str, str, bytes]]) -> bytes:
    """records: (type, url, content type, payload) written as warcio writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for kind, url, content_type, payload in records:
        if kind == "response":
            status = "404 Not Found" if url.endswith("/missing") else "200 OK"
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-07-02T07:15:00Z"},
            )
        else:
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), warc_content_type=content_type
            )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def read(path: Path) -> list:
    return list(
        collect(
            Source(kind=SourceKind.WARC, location=str(path)),
            None,
            InMemoryFetchMemory(),
            FetchSettings(),
        )
    )


def two_pages() -> list[tuple[str, str, str, bytes]]:
    return [
        ("response", "https://fil.example/premier", "text/html; charset=utf-8", BAD.encode()),
        ("response", "https://fil.example/second", "text/html; charset=utf-8", GOOD.encode()),
    ]


@pytest.mark.parametrize("gzip", [False, True])
def test_good_warc(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gzip else "a.warc")
    write_warc(
        path,
        gzip,
        [
            ("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
            *two_pages(),
            (
                "request",
                "https://fil.example/second",
                "application/http; msgtype=request",
                b"GET /second HTTP/1.1\r\n\r\n",
            ),
            ("response", "https://fil.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("response", "https://fil.example/missing", "text/html", b"<p>Not found</p>"),
        ],
    )
    items = read(path)
    first, second, logo, missing = items
    assert isinstance(first, RawItem) and first.url == "https://fil.example/premier"
    assert first.fetched_at == datetime(2024, 7, 2, 7, 15, tzinfo=UTC)
    assert first.status == 200 and first.encoding == "utf-8"
    assert second.content.decode() == GOOD
    assert isinstance(logo, Rejection) and logo.reason == "not_html"
    assert isinstance(missing, Rejection) and missing.reason == "http_404"


def test_corrupt_record_wrong_length(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    data = write_warc(path, False, two_pages())
    # Damage the first record's Content-Length: it now ends in the middle of its payload.
    start = data.index(b"Content-Length: ")
    end = data.index(b"\r\n", start)
    path.write_bytes(data[:start] + b"Content-Length: 60" + data[end:])
    items = read(path)
    corrupt = [i for i in items if isinstance(i, Rejection)]
    good = [i for i in items if isinstance(i, RawItem)]
    assert [r.reason for r in corrupt] == ["corrupt_record"]  # one damaged stretch, one report
    assert [g.url for g in good] == ["https://fil.example/second"]
    assert good[0].content.decode() == GOOD


def test_corrupt_record_flipped_bytes(tmp_path: Path) -> None:
    path = tmp_path / "flipped.warc"
    data = write_warc(path, False, two_pages())
    path.write_bytes(data.replace("abîmé".encode(), "ABÎMÉ".encode()))  # same length, wrong digest
    first, second = read(path)
    assert isinstance(first, Rejection) and first.reason == "corrupt_record"
    assert first.item == "https://fil.example/premier" and "digest" in first.detail
    assert isinstance(second, RawItem) and second.url == "https://fil.example/second"


def test_corrupt_gzip_member(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    data = write_warc(path, True, two_pages())
    second_member = data.index(b"\x1f\x8b\x08", 1)
    damaged = bytearray(data)
    for i in range(30, min(80, second_member - 10)):
        damaged[i] ^= 0x5A  # scramble the deflate stream of the first record
    path.write_bytes(bytes(damaged))
    items = read(path)
    assert [type(i) for i in items] == [Rejection, RawItem]
    assert items[0].reason == "corrupt_record" and items[0].item.startswith(f"{path}@")
    assert items[1].content.decode() == GOOD


def test_revisit_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "revisit.warc"
    write_warc(
        path,
        False,
        [*two_pages(), ("revisit", "https://fil.example/second", "application/http", b"")],
    )
    assert isinstance(read(path)[-1], Unchanged)


@pytest.mark.parametrize("gzip", [False, True])
def test_truncated_anywhere(tmp_path: Path, gzip: bool) -> None:
    """A download cut at any byte: never an exception, never a silent loss, never a half record."""
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    data = write_warc(path, gzip, two_pages())
    second_start = data.index(b"\x1f\x8b\x08" if gzip else b"WARC/1.", 1)
    record_ends = (second_start, len(data))
    trailer = 12  # gzip CRC and length (8 bytes) or the blank lines closing a record (4)
    for cut in range(1, len(data), 7):
        path.write_bytes(data[:cut])
        items = read(path)
        pages = [i for i in items if isinstance(i, RawItem)]
        problems = [i.reason for i in items if isinstance(i, Rejection)]
        assert all(p.content in (BAD.encode(), GOOD.encode()) for p in pages), cut
        if cut < second_start - trailer:
            assert pages == [], cut  # the first record is incomplete: it is not an item
        if problems == []:
            # Only a record's gzip trailer or closing blank lines were cut: its payload is
            # whole (its digests passed), and nothing else was lost.
            assert any(end - trailer <= cut <= end for end in record_ends), cut
        else:
            assert problems == ["corrupt_record"], cut


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("Ceci n'est pas une archive.\n", encoding="utf-8")
    (item,) = read(path)
    assert isinstance(item, Rejection) and item.reason == "corrupt_record"


# -- OPML -------------------------------------------------------------------------------------


def test_opml_miniflux() -> None:
    sources = parse_opml(DATA / "opml" / "miniflux.opml")
    assert [s.location for s in sources] == [
        "https://www.lemonde.fr/international/rss_full.xml",
        "https://www.francetvinfo.fr/monde.rss",
        "https://feeds.bbci.co.uk/news/world/rss.xml",
    ]  # the feed listed in two categories is imported once
    assert all(s.kind == SourceKind.FEED and s.enabled for s in sources)
    assert sources[0].name == "Le Monde - International"


def test_opml_feedly_from_bytes() -> None:
    sources = parse_opml((DATA / "opml" / "feedly.opml").read_bytes())
    assert [s.name for s in sources] == ["Deutsche Welle", "Euronews FR", "Les Echos"]


def test_opml_freshrss_nested() -> None:
    sources = parse_opml(str(DATA / "opml" / "freshrss.opml"))
    by_name = {s.name: s for s in sources}
    assert set(by_name) == {"Courrier international", "El País", "Archive désactivée"}
    assert by_name["El País"].language == "es"  # two levels deep: Presse > Europe
    assert by_name["Archive désactivée"].enabled is False
    # Neither the HTML+XPath scraper nor the javascript: URL became a source.


def test_opml_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        parse_opml(b"<html><body>not opml</body></html>")
    with pytest.raises(InputError):
        parse_opml(tmp_path / "absent.opml")
    assert parse_opml(b'<opml version="2.0"><head/><body/></opml>') == []
