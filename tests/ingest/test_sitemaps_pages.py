"""Sitemap and single-page sources, against the local server."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.types import RawItem, Rejection, Source, SourceKind, Unchanged

from .datafiles import render, serve, serve_pages
from .httpserver import LocalServer

XML = "application/xml"


def source(kind: SourceKind, url: str) -> Source:
    return Source(kind=kind, location=url, allow_private=True)


def test_sitemap_index(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    for name in ("sitemap_index.xml", "sitemap_2023.xml", "sitemap_news.xml"):
        serve(server, f"sitemaps/{name}", XML)
    src = source(SourceKind.SITEMAP, server.url("/sitemaps/sitemap_index.xml"))
    items = list(collect(src, fetcher, memory, settings))
    # Newest first: the news page (2024), the 2023 page (gone: 404), then the undated page.
    news, armes, nav = items
    assert isinstance(news, RawItem) and news.url == server.url("/pages/article.html")
    assert news.hints.title == "La sécheresse menace les vendanges en Bourgogne"
    assert news.hints.published == datetime(2024, 7, 2, 7, 15, tzinfo=UTC)
    assert isinstance(armes, Rejection) and armes.reason == "http_404"
    assert isinstance(nav, RawItem) and nav.url.endswith("/pages/nav_only.html")
    # Children were read newest first too.
    assert server.paths().index("/sitemaps/sitemap_news.xml") < server.paths().index(
        "/sitemaps/sitemap_2023.xml"
    )


def test_sitemap_cap_and_304(server: LocalServer, memory: InMemoryFetchMemory) -> None:
    serve_pages(server)
    url = serve(server, "sitemaps/sitemap_2023.xml", XML, etag='"s1"')
    settings = FetchSettings(timeout=2.0, per_host_interval=0, max_items_per_source=1)
    with Fetcher(settings) as fetcher:
        items = list(collect(source(SourceKind.SITEMAP, url), fetcher, memory, settings))
        assert len(items) == 1  # the cap: only the newest URL
        again = list(collect(source(SourceKind.SITEMAP, url), fetcher, memory, settings))
    assert [type(i) for i in again] == [Unchanged]


def test_gzipped_sitemap(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    body = gzip.compress(render("sitemaps/sitemap_news.xml", server.url("")))
    url = server.route("/sitemap.xml.gz", body, headers={"Content-Type": "application/gzip"})
    (item,) = collect(source(SourceKind.SITEMAP, url), fetcher, memory, settings)
    assert isinstance(item, RawItem) and item.url.endswith("/pages/article.html")


def test_bad_sitemaps(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    broken = server.route(
        "/broken.xml", "<html><body>Not a sitemap</body></html>", headers={"Content-Type": XML}
    )
    (item,) = collect(source(SourceKind.SITEMAP, broken), fetcher, memory, settings)
    assert isinstance(item, Rejection) and item.reason == "malformed_sitemap"
    empty = server.route(
        "/empty.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
        headers={"Content-Type": XML},
    )
    (item,) = collect(source(SourceKind.SITEMAP, empty), fetcher, memory, settings)
    assert isinstance(item, Rejection) and item.reason == "empty_sitemap"
    hostile = server.route(
        "/entities.xml",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>',
        headers={"Content-Type": XML},
    )
    items = list(collect(source(SourceKind.SITEMAP, hostile), fetcher, memory, settings))
    assert all("root:" not in str(i) for i in items)  # the external entity was not resolved


def test_single_page_passes_through(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    serve_pages(server)
    src = source(SourceKind.PAGE, server.url("/pages/nav_only.html"))
    (item,) = collect(src, fetcher, memory, settings)
    assert isinstance(item, RawItem)
    assert item.media_type == "text/html" and item.encoding == "utf-8" and item.status == 200
    assert ("content-type", "text/html; charset=utf-8") in item.headers


def test_page_conditional_get_through_memory(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    stamp = "Tue, 02 Jul 2024 07:15:00 GMT"
    url = server.route("/p", "<p>Bonjour</p>", last_modified=stamp)
    (first,) = collect(source(SourceKind.PAGE, url), fetcher, memory, settings)
    assert isinstance(first, RawItem)
    assert memory.validators(url) == (None, stamp)
    (second,) = collect(source(SourceKind.PAGE, url), fetcher, memory, settings)
    assert second == Unchanged(source_id=first.source_id, url=url, reason="not_modified")


def test_page_rejections_name_the_source(
    server: LocalServer, fetcher: Fetcher, memory: InMemoryFetchMemory, settings: FetchSettings
) -> None:
    src = source(SourceKind.PAGE, server.route("/err", "boom", status=503))
    (item,) = collect(src, fetcher, memory, settings)
    assert isinstance(item, Rejection)
    assert (item.reason, item.source_id, item.stage) == ("http_503", src.id, "ingest")
