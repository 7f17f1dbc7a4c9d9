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


def test_a_fetch_without_validators_forgets_them_but_not_the_fetch(store: Store) -> None:
    memory = store.fetch_memory()
    assert memory.last_fetched("https://e.org/feed") is None
    memory.remember("https://e.org/feed", '"v1"', None)
    first = memory.last_fetched("https://e.org/feed")
    memory.remember("https://e.org/feed", None, None)
    assert memory.validators("https://e.org/feed") == (None, None)
    last = memory.last_fetched("https://e.org/feed")
    assert first is not None and last is not None and last >= first
    assert last.tzinfo is not None
    assert memory.last_fetched("https://e.org/other") is None


def test_it_is_the_ingest_stage_fetch_memory(store: Store) -> None:
    """Same methods and parameters as newsdesk.ingest.memory.FetchMemory."""
    import inspect

    import pytest

    memory_module = pytest.importorskip("newsdesk.ingest.memory")
    protocol = memory_module.FetchMemory
    for name in ("validators", "remember", "last_fetched", "known"):
        expected = list(inspect.signature(getattr(protocol, name)).parameters)
        actual = ["self", *inspect.signature(getattr(store.fetch_memory(), name)).parameters]
        assert actual == expected, name
