"""The fetcher's memory survives restarts (conditional GET, known items)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store import Store

from .factories import feed_source, raw_item


def test_validators_are_remembered_across_opens(db_url: str, data_dir: Path) -> None:
    url = "https://www.lemonde.fr/international/rss_full.xml?é=1"
    with Store.open(db_url, data_dir) as store:
        memory = store.fetch_memory()
        assert memory.validators(url) == (None, None)
        memory.remember(url, 'W/"5f3-abc"', "Fri, 31 May 2024 16:41:00 GMT")
        memory.remember(url, '"v2"', None)  # a later fetch replaces the validators
    with Store.open(db_url, data_dir) as store:
        assert store.fetch_memory().validators(url) == ('"v2"', None)
        assert store.fetch_memory().validators(url + "&other") == (None, None)


def test_very_long_urls_are_fine(store: Store) -> None:
    url = "https://example.org/search?q=" + "x" * 20_000
    store.fetch_memory().remember(url, "e", "lm")
    assert store.fetch_memory().validators(url) == ("e", "lm")


def test_known_tells_stored_items(store: Store) -> None:
    raw = raw_item(feed_source())
    assert store.fetch_memory().known(raw.id) is False
    store.save_raw(raw)
    assert store.fetch_memory().known(raw.id) is True
