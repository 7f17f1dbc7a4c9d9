"""Sources and their health."""

from __future__ import annotations

from dataclasses import replace

from newsdesk.store import Store
from newsdesk.types import Finding, Licence, Severity, Source, SourceKind, SourceRules

from .factories import article, feed_source, raw_item


def test_add_is_idempotent_and_returns_the_stored_source(store: Store) -> None:
    source = feed_source()
    assert store.add_source(source) == source
    store.sources.set_enabled(source.id, False)
    # Adding again (e.g. the configuration is read on every run) changes nothing.
    again = store.add_source(source)
    assert again == replace(source, enabled=False)
    assert store.list_sources() == [again]


def test_rules_and_every_field_round_trip(store: Store) -> None:
    source = Source(
        kind=SourceKind.FOLDER,
        location="/srv/archives/dépêches 2024",
        name="Archives « AFP »",
        publisher="Agence France-Presse",
        language="fr",
        licence=Licence.FULL,
        allow_private=True,
        enabled=True,
        rules=SourceRules(drop_selectors=("div.pub", "//aside[@class='x']"), title_suffix=" | AFP"),
    )
    store.add_source(source)
    assert store.sources.get(source.id) == source


def test_list_keeps_the_order_sources_were_added(store: Store) -> None:
    urls = [f"https://site{i}.example/feed" for i in (3, 1, 2)]
    for url in urls:
        store.add_source(feed_source(url))
    assert [s.location for s in store.list_sources()] == urls
    store.sources.set_enabled(feed_source(urls[1]).id, False)
    assert [s.location for s in store.list_sources(enabled_only=True)] == [urls[0], urls[2]]


def test_remove_by_id_or_location_keeps_items(store: Store) -> None:
    a, b = feed_source("https://a.example/rss"), feed_source("https://b.example/rss")
    store.add_source(a)
    store.add_source(b)
    raw = raw_item(a)
    store.save_raw(raw)
    assert store.remove_source(a.id) is True
    assert store.remove_source(b.location) is True
    assert store.remove_source("https://never.added/rss") is False
    assert store.list_sources() == []
    assert store.get_raw(raw.id) == raw  # what was fetched is never lost


def test_update_changes_the_description_but_keeps_health_and_enabled(store: Store) -> None:
    source = feed_source()
    store.add_source(source)
    store.sources.set_enabled(source.id, False)
    store.record_fetch(source.id, ok=False, error="http_500: server error")
    updated = store.sources.update(replace(source, publisher="Le Monde (édition Afrique)"))
    assert updated.publisher == "Le Monde (édition Afrique)"
    assert updated.enabled is False
    assert store.source_health()[0].consecutive_errors == 1


def test_set_enabled_on_an_unknown_source(store: Store) -> None:
    assert store.sources.set_enabled("ffffffffffffffff", True) is False


def test_health_counts_consecutive_errors_and_resets_on_success(store: Store) -> None:
    source = feed_source()
    store.add_source(source)
    (fresh,) = store.source_health()
    assert (fresh.last_fetch_at, fresh.consecutive_errors, fresh.items) == (None, 0, 0)

    store.record_fetch(
        source.id, ok=False, status="http_500", error="http_500: Internal Server Error"
    )
    store.record_fetch(source.id, ok=False, error="timeout: no answer in 15 s")
    (h,) = store.source_health()
    assert h.consecutive_errors == 2
    assert h.last_error == "timeout: no answer in 15 s"
    assert h.last_status == "error"
    assert h.last_ok_at is None
    assert h.last_fetch_at is not None and h.last_fetch_at.tzinfo is not None

    store.record_fetch(source.id, ok=True, status="304")
    (h,) = store.source_health()
    assert (h.consecutive_errors, h.last_error, h.last_status) == (0, None, "304")
    assert h.last_ok_at == h.last_fetch_at


def test_record_fetch_for_an_unknown_source_says_so(store: Store) -> None:
    assert store.record_fetch("0000000000000000", ok=True) is False


def test_health_counts_items_articles_and_findings_per_source(store: Store) -> None:
    a, b = feed_source("https://a.example/rss"), feed_source("https://b.example/rss")
    store.add_source(a)
    store.add_source(b)
    raws = [
        raw_item(a, url=f"https://a.example/{i}", content=f"<p>{i}</p>".encode()) for i in range(3)
    ]
    for raw in raws:
        store.save_raw(raw)
    arts = [article(r, title=f"Titre {i}") for i, r in enumerate(raws[:2])]
    for art in arts:
        store.save_article(art)
    finding = Finding("leaked-instruction", Severity.ERROR, 0, 5, "Titre", "t", "m")
    store.findings.replace_for(arts[0].id, [finding, finding])
    health = {h.source.id: h for h in store.source_health()}
    assert (health[a.id].items, health[a.id].articles, health[a.id].articles_with_findings) == (
        3,
        2,
        1,
    )
    assert health[a.id].findings_rate == 0.5
    assert (health[b.id].items, health[b.id].articles, health[b.id].findings_rate) == (0, 0, 0.0)
