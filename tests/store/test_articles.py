"""Articles: upsert, get, list with filters; real French text round trips exactly."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from newsdesk.store import Store
from newsdesk.types import Article, Paragraph, RawItem

from .conftest import StepClock
from .factories import article, feed_source, raw_item


def test_upsert_and_get(store: Store) -> None:
    raw = raw_item(feed_source())
    art = article(raw)
    assert store.save_article(art) is True
    assert store.articles.get(art.id) == art
    assert store.save_article(art) is False
    assert store.articles.count() == 1
    assert store.articles.get("0000000000000000") is None


def test_upsert_refreshes_fields_but_keeps_first_stored_time(
    store: Store, clock: StepClock
) -> None:
    art = article(raw_item(feed_source()))
    store.save_article(art)
    first_listed = store.articles.list(since=datetime(2000, 1, 1, tzinfo=UTC))
    clock.now += timedelta(days=1)
    changed = replace(art, byline="Marie Curie", language_confidence=0.5)
    store.save_article(changed)
    assert store.articles.get(art.id) == changed
    # Still "stored before" a time between the two saves: created_at was kept.
    assert store.articles.list(since=clock.now - timedelta(hours=1)) == []
    assert len(first_listed) == 1


def test_list_filters(store: Store, clock: StepClock) -> None:
    fr_src, en_src = feed_source("https://fr.example/rss"), feed_source("https://en.example/rss")
    fr = article(raw_item(fr_src, url="https://fr.example/1"), title="Titre", language="fr")
    en = article(
        raw_item(en_src, url="https://en.example/1"),
        title="Title",
        language="en",
        published=datetime(2024, 6, 2, tzinfo=UTC),
    )
    store.save_article(fr)
    cut = clock.now
    clock.now += timedelta(minutes=5)
    store.save_article(en)
    assert store.list_articles() == [fr, en]
    assert store.list_articles(language="fr") == [fr]
    assert store.list_articles(source_id=en_src.id) == [en]
    assert store.list_articles(since=cut) == [en]
    assert store.articles.list(published_since=datetime(2024, 6, 1, tzinfo=UTC)) == [en]
    assert store.articles.list(limit=1) == [fr]
    assert store.articles.count(language="en") == 1
    assert store.articles.get_many([en.id, fr.id, "missing"]) == {fr.id: fr, en.id: en}


def test_published_time_keeps_its_instant(store: Store) -> None:
    tz = timezone(timedelta(hours=-7, minutes=-30))
    published = datetime(2024, 12, 31, 20, 15, 30, 123456, tzinfo=tz)
    art = article(raw_item(feed_source()), published=published)
    store.save_article(art)
    got = store.articles.get(art.id)
    assert got is not None and got.published is not None
    assert got.published == published
    assert got.published.utcoffset() == timedelta(0)
    assert got.published.isoformat() == "2025-01-01T03:45:30.123456+00:00"


def test_real_french_articles_round_trip(store: Store, bench_data: Path, clock: StepClock) -> None:
    """Professional French news nobody here wrote: accents, quotes, long text, exactly kept."""
    lines = (bench_data / "french-news-clean" / "articles_fr.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in lines.splitlines()[:60]]
    source = feed_source()
    saved: list[Article] = []
    for rec in records:
        raw = RawItem(
            source.id,
            f"https://news.example/{rec['id']}",
            clock(),
            rec["article"].encode("utf-8"),
            "text/plain",
        )
        store.save_raw(raw)
        art = Article(
            raw_id=raw.id,
            source_id=source.id,
            url=raw.url,
            title=rec["title"],
            paragraphs=(
                Paragraph(rec["abstract"], "fr", 0.98),
                Paragraph(rec["article"], "fr", 0.97),
            ),
            language="fr",
            language_confidence=0.98,
            published=datetime.fromisoformat(rec["date"]).replace(tzinfo=UTC),
        )
        store.save_article(art)
        saved.append(art)
    assert store.list_articles() == saved
    for art in saved:
        assert store.articles.get(art.id) == art
