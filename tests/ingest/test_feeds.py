"""Feed sources end to end: the local server serves feeds and pages, `collect` reads them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.items import html_to_text
from newsdesk.types import RawItem, Rejection, Source, SourceKind, Unchanged

from .datafiles import sample_text, serve, serve_pages
from .httpserver import LocalServer

RSS = "application/rss+xml; charset=utf-8"


def feed_source(url: str, **kwargs: object) -> Source:
    return Source(kind=SourceKind.FEED, location=url, allow_private=True, **kwargs)  # type: ignore[arg-type]


def run(
    source: Source, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> list:
    return list(collect(source, fetcher, memory, settings))


def raws(items: list) -> list[RawItem]:
    return [i for i in items if isinstance(i, RawItem)]


def test_rss20_full_content_and_summary_entry(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    source = feed_source(serve(server, "feeds/rss20.xml", RSS))
    items = run(source, fetcher, memory, settings)
    assert [type(i) for i in items] == [RawItem, RawItem]
    full, page = items
    # Entry 1 carries the whole article: the item is that content, its page is never fetched.
    assert full.url == server.url("/articles/armes")
    assert "/articles/armes" not in server.paths()
    text = full.content.decode(full.encoding)
    assert "Dmitri Peskov, porte-parole du Kremlin" in text
    assert full.media_type == "text/html"
    assert full.hints.title == "Des armes de fabrication américaine utilisées contre la Russie"
    assert full.hints.published == datetime(2024, 5, 31, 16, 41, tzinfo=UTC)
    assert full.hints.author == "Rédaction"
    assert full.hints.publisher == "Le Fil de Test"
    assert full.hints.language == "fr"
    assert full.source_id == source.id
    # Entry 2 ends in "[…]": a summary, so the page was fetched and is the item.
    assert page.url == server.url("/pages/article.html")
    assert page.status == 200
    assert b"Jean-Marc Lef" in page.content
    assert page.hints.title == "La sécheresse menace les vendanges en Bourgogne"
    assert page.hints.summary.startswith("Les viticulteurs bourguignons")


def test_rss10(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    items = run(
        feed_source(serve(server, "feeds/rss10.rdf", "application/rdf+xml")),
        fetcher,
        memory,
        settings,
    )
    (page,) = raws(items)
    assert page.url == server.url("/pages/article.html")
    assert page.hints.author == "Claire Dumont"
    assert page.hints.published == datetime(2024, 7, 2, 7, 15, tzinfo=UTC)
    assert page.hints.language == "fr"
    assert page.hints.publisher == "Dépêches RDF"


def test_rss091_in_latin1(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    url = serve(server, "feeds/rss091.xml", "text/xml")
    (page,) = run(feed_source(url), fetcher, memory, settings)
    assert isinstance(page, RawItem)
    assert page.hints.title == "Sécheresse : vendanges précoces"
    assert page.hints.publisher == "Vieux flux"


def test_atom(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    items = run(
        feed_source(serve(server, "feeds/atom.xml", "application/atom+xml")),
        fetcher,
        memory,
        settings,
    )
    full, page = raws(items)
    assert full.hints.author == "Alexander Ward"
    assert full.hints.published == datetime(2023, 5, 24, 14, 0, tzinfo=UTC)
    assert "Washington enquête sur des informations" in full.content.decode("utf-8")
    assert full.hints.language == "fr"
    # The relative link "../pages/article.html" is resolved against the feed's URL.
    assert page.url == server.url("/pages/article.html")
    assert page.hints.published == datetime(2024, 7, 2, 7, 15, tzinfo=UTC)


def test_json_feed(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    url = serve(server, "feeds/feed.json", "application/feed+json")
    full, page = raws(run(feed_source(url), fetcher, memory, settings))
    assert full.url == server.url("/articles/conflit")
    opening = " ".join(sample_text("001").split())[:60]
    assert opening in html_to_text(full.content.decode("utf-8"))
    assert full.hints.author == "Rédaction JSON"  # the feed-level author
    assert full.hints.published == datetime(2023, 5, 26, 6, 30, tzinfo=UTC)
    assert full.hints.language == "fr"
    assert page.url == server.url("/pages/article.html")  # short content_text: page fetched
    assert page.hints.author == "Claire Dumont"


def test_summary_only_feed_fetches_pages(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    source = feed_source(serve(server, "feeds/summary_only.xml", RSS))
    article, nav, gone = run(source, fetcher, memory, settings)
    assert isinstance(article, RawItem) and b"Meursault" in article.content
    assert article.hints.author == "claire.dumont@example.org (Claire Dumont)"
    # A page without an article passes through: extraction judges it, not ingestion.
    assert isinstance(nav, RawItem) and nav.url.endswith("/pages/nav_only.html")
    assert isinstance(gone, Rejection)
    assert (gone.reason, gone.item, gone.source_id) == (
        "http_404",
        server.url("/pages/gone.html"),
        source.id,
    )


def test_duplicate_entries(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    first, same_guid, same_link = run(
        feed_source(serve(server, "feeds/duplicates.xml", RSS)), fetcher, memory, settings
    )
    assert isinstance(first, RawItem)
    assert isinstance(same_guid, Rejection) and same_guid.reason == "duplicate_entry"
    assert isinstance(same_link, Rejection) and same_link.reason == "duplicate_entry"
    assert server.paths().count("/pages/article.html") == 1


def test_malformed_and_empty_feeds(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    (bad,) = run(feed_source(serve(server, "feeds/malformed.xml", RSS)), fetcher, memory, settings)
    assert isinstance(bad, Rejection) and bad.reason == "malformed_feed"
    (empty,) = run(feed_source(serve(server, "feeds/empty.xml", RSS)), fetcher, memory, settings)
    assert isinstance(empty, Rejection) and empty.reason == "empty_feed"
    html_page = server.route("/not-a-feed", "<html><body><p>Bonjour</p></body></html>")
    (not_feed,) = run(feed_source(html_page), fetcher, memory, settings)
    assert isinstance(not_feed, Rejection) and not_feed.reason in ("malformed_feed", "empty_feed")


def test_feed_without_opt_in_is_refused(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    url = serve(server, "feeds/rss20.xml", RSS)
    (refused,) = run(Source(kind=SourceKind.FEED, location=url), fetcher, memory, settings)
    assert isinstance(refused, Rejection) and refused.reason == "private_address"
    assert server.requests == []


def test_feed_304_costs_nothing(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    url = serve(server, "feeds/summary_only.xml", RSS, etag='"feed-v1"')
    source = feed_source(url)
    first = run(source, fetcher, memory, settings)
    assert len(first) == 3
    assert memory.validators(url) == ('"feed-v1"', None)
    before = len(server.requests)
    second = run(source, fetcher, memory, settings)
    assert second == [Unchanged(source_id=source.id, url=url, reason="not_modified")]
    assert server.paths()[before:] == ["/feeds/summary_only.xml"]  # no page fetched


def test_validators_not_remembered_when_consumer_stops_early(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    url = serve(server, "feeds/summary_only.xml", RSS, etag='"feed-v1"')
    items = collect(feed_source(url), fetcher, memory, settings)
    next(items)  # the consumer crashes after the first item...
    items.close()
    assert memory.validators(url) == (None, None)  # ...so the next run fetches the feed again


def test_already_stored_items_are_unchanged(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    source = feed_source(serve(server, "feeds/rss20.xml", RSS))
    for item in run(source, fetcher, memory, settings):
        memory.mark_known(item.id)  # what the store does when it saves an item
    server.requests.clear()
    again = run(source, fetcher, memory, settings)
    # The entry carrying its content is recognised as stored; the page the summary entry
    # links to was fetched since the entry's date, so it is not even requested.
    assert [(type(i), i.reason) for i in again] == [
        (Unchanged, "already_stored"),
        (Unchanged, "already_fetched"),
    ]
    assert server.paths() == ["/feeds/rss20.xml"]


def test_items_capped_per_source(server: LocalServer, memory: InMemoryFetchMemory) -> None:
    serve_pages(server)
    settings = FetchSettings(timeout=2.0, per_host_interval=0, max_items_per_source=1)
    with Fetcher(settings) as fetcher:
        items = run(
            feed_source(serve(server, "feeds/summary_only.xml", RSS)), fetcher, memory, settings
        )
    assert len(items) == 1 and isinstance(items[0], RawItem)


def test_feed_without_fetcher(memory: InMemoryFetchMemory, settings: FetchSettings) -> None:
    (refused,) = list(collect(feed_source("https://example.org/feed"), None, memory, settings))
    assert refused.reason == "unsupported_source"


def _atom(server: LocalServer, entries: list[tuple[str, datetime]]) -> str:
    """An Atom feed of summary-only entries (path, updated), served without validators."""
    items = "".join(
        f"<entry><title>Article {path}</title><id>urn:{path}</id>"
        f'<link href="{server.url(path)}"/>'
        f"<published>2026-01-05T08:00:00Z</published><updated>{when.isoformat()}</updated>"
        "<summary>Deux phrases de résumé seulement.</summary></entry>"
        for path, when in entries
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Flux</title><id>urn:flux</id><updated>2026-01-05T08:00:00Z</updated>{items}</feed>"
    )
    return server.route("/atom.xml", feed, headers={"Content-Type": "application/atom+xml"})


def test_listed_pages_are_not_requested_again_unless_the_entry_changed(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    for path in ("/p/un", "/p/deux", "/p/trois"):
        server.route(path, f"<html><body><p>Page {path}</p></body></html>")
    old = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    source = feed_source(_atom(server, [("/p/un", old), ("/p/deux", old)]))
    first = run(source, fetcher, memory, settings)
    assert sorted(i.url for i in raws(first)) == [server.url("/p/deux"), server.url("/p/un")]

    # The feed changes: a new entry, and entry "deux" says it was updated after our fetch.
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    _atom(server, [("/p/un", old), ("/p/deux", later), ("/p/trois", old)])
    server.requests.clear()
    second = run(source, fetcher, memory, settings)
    requested = [r.path for r in server.requests]
    assert "/p/un" not in requested  # fetched since it last changed: no request at all
    assert "/p/deux" in requested and "/p/trois" in requested
    skipped = [i for i in second if isinstance(i, Unchanged)]
    assert [(i.url, i.reason) for i in skipped] == [(server.url("/p/un"), "already_fetched")]
    assert sorted(i.url for i in raws(second)) == [server.url("/p/deux"), server.url("/p/trois")]
