"""Raw items: bytes before the row, no duplicates, resumable extraction, exact round trips."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import Store
from newsdesk.types import ItemHints, RawItem, Rejection

from .conftest import StepClock
from .factories import article, feed_source, raw_item


def test_save_then_get_round_trips_every_field(store: Store) -> None:
    source = store.add_source(feed_source())
    raw = raw_item(source)
    assert store.save_raw(raw) is True
    got = store.get_raw(raw.id)
    assert got == raw
    assert got.fetched_at.tzinfo is not None and got.fetched_at.utcoffset().total_seconds() == 0
    assert got.hints.published == raw.hints.published


def test_bytes_are_on_disk_under_their_hash(store: Store, data_dir: Path) -> None:
    raw = raw_item(feed_source())
    store.save_raw(raw)
    digest = raw.content_hash
    assert (data_dir / "raw" / digest[:2] / digest[2:]).read_bytes() == raw.content


def test_raw_bytes_are_written_before_the_row(store: Store, data_dir: Path) -> None:
    """If the bytes cannot be written, no row may exist that points at them."""
    raw = raw_item(feed_source(), content=b"<html>bytes that cannot be written</html>")
    digest = raw.content_hash
    (data_dir / "raw" / digest[:2]).write_bytes(b"a file where the blob folder should be")
    with pytest.raises(StoreError, match="cannot write raw bytes"):
        store.save_raw(raw)
    assert not store.fetch_memory().known(raw.id)
    assert store.pending_raw_ids() == []
    assert store.raw.count() == 0


def test_duplicate_raw_is_not_duplicated(store: Store, data_dir: Path) -> None:
    source = feed_source()
    raw = raw_item(source)
    assert store.save_raw(raw) is True
    assert store.save_raw(raw) is False
    # Fetched again later: same source, URL and bytes → same item.
    assert store.save_raw(replace(raw, fetched_at=datetime(2025, 1, 1, tzinfo=UTC))) is False
    assert store.raw.count() == 1
    assert store.pending_raw_ids() == [raw.id]
    # The same bytes at another URL are another item, but one blob.
    other = replace(raw, url="https://example.org/mirror.html")
    assert store.save_raw(other) is True
    assert store.raw.count() == 2
    blobs = [p for p in (data_dir / "raw").rglob("*") if p.is_file()]
    assert len(blobs) == 1


def test_extraction_resumes_after_a_crash(db_url: str, data_dir: Path) -> None:
    source = feed_source()
    items = [
        raw_item(source, url=f"https://example.org/{i}", content=f"<p>{i}</p>".encode())
        for i in range(4)
    ]
    with Store.open(db_url, data_dir) as store:
        for item in items:
            store.save_raw(item)
        first = store.pending_raw_ids()[0]
        extracted = article(store.get_raw(first))
        store.save_article(extracted)
        store.mark_extracted(first, article_id=extracted.id)
        # …the process dies here, before the other items are extracted.
    with Store.open(db_url, data_dir) as store:
        pending = store.pending_raw_ids()
        assert sorted(pending) == sorted(i.id for i in items if i.id != first)
        store.mark_extracted(pending[0], article_id=None)  # rejected by extraction: also done
        assert len(store.pending_raw_ids()) == 2
        assert store.raw.article_of(first) == extracted.id
        assert store.raw.article_of(pending[0]) is None
        assert store.raw.reset_extraction() == 2
        assert len(store.pending_raw_ids()) == 4


def test_pending_items_come_oldest_first(store: Store) -> None:
    source = feed_source()
    late = raw_item(source, url="https://e.org/late", fetched_at=datetime(2024, 6, 2, tzinfo=UTC))
    early = raw_item(source, url="https://e.org/early", fetched_at=datetime(2024, 6, 1, tzinfo=UTC))
    store.save_raw(late)
    store.save_raw(early)
    assert store.pending_raw_ids() == [early.id, late.id]


def test_marking_an_unknown_item_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no such item"):
        store.mark_extracted("0123456789abcdef", article_id=None)
    with pytest.raises(StoreError, match="no raw item"):
        store.get_raw("0123456789abcdef")


def test_unicode_and_odd_bytes_round_trip(store: Store) -> None:
    source = feed_source("https://例え.jp/フィード.xml")
    raw = RawItem(
        source_id=source.id,
        url="https://例え.jp/記事?q=«guillemets»&emoji=🗞️",
        fetched_at=datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC),
        content="Ligne en latin-1 : déjà vu".encode("latin-1") + b"\x00\xff\xfe",
        media_type="text/plain",
        status=None,
        headers=(("x-titre", "Été 🌞"),),
        encoding="latin-1",
        hints=ItemHints(title="Ελληνικά « et » עברית", summary="a\u2028b\u00a0c\ttab\n"),
    )
    store.save_raw(raw)
    assert store.get_raw(raw.id) == raw


def test_real_pages_in_many_languages_round_trip(
    store: Store, bench_data: Path, clock: StepClock
) -> None:
    """HTML pages nobody here wrote (many languages and encodings) come back byte for byte."""
    pages = sorted((bench_data / "extraction-trafilatura-multilingual" / "html").iterdir())[:40]
    assert pages
    source = feed_source()
    saved = []
    for path in pages:
        raw = RawItem(
            source_id=source.id,
            url=path.as_uri(),
            fetched_at=clock(),
            content=path.read_bytes(),
            media_type="text/html",
        )
        assert store.save_raw(raw)
        saved.append(raw)
    for raw in saved:
        assert store.get_raw(raw.id).content == raw.content


def test_nul_characters_round_trip_on_every_database(store: Store) -> None:
    """PostgreSQL refuses U+0000 in text and JSONB; a broken feed must not stop a run there."""
    source = feed_source("https://broken.example/feed\x00")
    store.add_source(source)
    raw = replace(
        raw_item(source, url="https://broken.example/a\x00b"),
        hints=ItemHints(title="Titre\x00 avec NUL et \uffff noncaractère", author="\uffff0"),
    )
    store.save_raw(raw)
    assert store.get_raw(raw.id) == raw
    assert store.sources.get(source.id) == source
    art = article(raw, title="a\x00b", paragraphs=("\x00", "\uffff\uffff0", "fin\x00"))
    store.save_article(art)
    assert store.articles.get(art.id) == art
    store.add_rejection(
        store.start_run(datetime(2024, 1, 1, tzinfo=UTC)),
        Rejection(raw.url, "extract", "binary", "octet \x00 trouvé"),
    )
    assert store.rejections.list()[0].detail == "octet \x00 trouvé"
