"""`allow_private` lets a source's own host be private, and nothing else it leads to.

Host names are told apart by the fetcher's resolver hook: "own.test" and "other.test" both
resolve to the local server on 127.0.0.1 (a private address), so what differs is only whose host
it is. A request that is refused never reaches the server, which records every request's Host.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.fetcher import Fetcher, FetchResult, url_host
from newsdesk.types import RawItem, Rejection, Source, SourceKind

from .httpserver import LocalServer

NAMES = {"own.test": "127.0.0.1", "other.test": "127.0.0.1", "metadata.test": "169.254.169.254"}


def resolver(host: str, port: int) -> list[str]:
    if host in NAMES:
        return [NAMES[host]]
    raise OSError(f"unknown test host {host}")


@pytest.fixture
def named_fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchSettings(timeout=2.0, per_host_interval=0.0), resolver=resolver) as f:
        yield f


def hosts_asked(server: LocalServer) -> set[str]:
    return {r.headers["host"].split(":")[0] for r in server.requests}


def refused(result: FetchResult | Rejection) -> Rejection:
    assert isinstance(result, Rejection), result
    assert result.reason == "private_address", result
    return result


def test_own_host_may_be_private(server: LocalServer, named_fetcher: Fetcher) -> None:
    server.route("/page", "<p>chez nous</p>")
    url = server.url("/page", host="own.test")
    result = named_fetcher.fetch(url, allow_private=True, private_host="own.test")
    assert isinstance(result, FetchResult), result
    assert result.content == b"<p>chez nous</p>"


def test_another_host_is_refused_with_the_reason(
    server: LocalServer, named_fetcher: Fetcher
) -> None:
    server.route("/page", "<p>ailleurs</p>")
    url = server.url("/page", host="other.test")
    rejection = refused(named_fetcher.fetch(url, allow_private=True, private_host="own.test"))
    assert "other.test resolves to 127.0.0.1 is loopback" in rejection.detail
    assert "allow_private covers only own.test" in rejection.detail
    assert server.requests == []  # not even its robots.txt


def test_metadata_address_is_never_reached(server: LocalServer, named_fetcher: Fetcher) -> None:
    url = "http://metadata.test/latest/meta-data/"
    rejection = refused(named_fetcher.fetch(url, allow_private=True, private_host="own.test"))
    assert "169.254.169.254 is link-local" in rejection.detail


def test_redirect_from_own_host_to_another_is_refused(
    server: LocalServer, named_fetcher: Fetcher
) -> None:
    server.route("/go", status=302, headers={"Location": server.url("/page", host="other.test")})
    server.route("/page", "<p>ailleurs</p>")
    start = server.url("/go", host="own.test")
    refused(named_fetcher.fetch(start, allow_private=True, private_host="own.test"))
    assert hosts_asked(server) == {"own.test"}
    assert "/page" not in server.paths()


def test_without_a_named_host_the_requested_host_is_the_own_host(server: LocalServer) -> None:
    # fetch(url, allow_private=True) alone: url's host may be private, a redirect elsewhere not.
    server.route("/go", status=302, headers={"Location": server.url("/page", host="localhost")})
    server.route("/page", "<p>x</p>")
    with Fetcher(FetchSettings(timeout=2.0, per_host_interval=0.0)) as fetcher:
        refused(fetcher.fetch(server.url("/go"), allow_private=True))
        ok = fetcher.fetch(server.url("/page"), allow_private=True)
    assert isinstance(ok, FetchResult), ok
    assert "localhost" not in hosts_asked(server)


def test_robots_txt_redirected_to_another_host_is_refused(
    server: LocalServer, named_fetcher: Fetcher
) -> None:
    server.route(
        "/robots.txt", status=301, headers={"Location": server.url("/robots.txt", "other.test")}
    )
    page = server.url("/page", host="own.test")
    server.route("/page", "<p>x</p>")
    refused(named_fetcher.fetch(page, allow_private=True, private_host="own.test"))
    assert hosts_asked(server) == {"own.test"}


def test_feed_entries_on_other_hosts_are_refused(
    server: LocalServer, named_fetcher: Fetcher
) -> None:
    own_page = server.url("/articles/chez-nous", host="own.test")
    metadata = "http://metadata.test/latest/meta-data/iam/"
    other = server.url("/articles/ailleurs", host="other.test")
    items_xml = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>Bref.</description></item>"
        for title, link in (("Chez nous", own_page), ("Métadonnées", metadata), ("Ailleurs", other))
    )
    server.route(
        "/feed.xml",
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<link>http://own.test/</link><description>d</description>{items_xml}</channel></rss>",
        headers={"Content-Type": "application/rss+xml; charset=utf-8"},
    )
    server.route("/articles/chez-nous", "<html><body><p>Chez nous.</p></body></html>")
    server.route("/articles/ailleurs", "<html><body><p>Ailleurs.</p></body></html>")
    source = Source(
        kind=SourceKind.FEED, location=server.url("/feed.xml", host="own.test"), allow_private=True
    )
    settings = FetchSettings(timeout=2.0, per_host_interval=0.0)
    items = list(collect(source, named_fetcher, InMemoryFetchMemory(), settings))
    assert [i.url for i in items if isinstance(i, RawItem)] == [own_page]
    rejections = {i.item: i for i in items if isinstance(i, Rejection)}
    assert set(rejections) == {metadata, other}
    assert {r.reason for r in rejections.values()} == {"private_address"}
    assert all(r.source_id == source.id for r in rejections.values())
    assert hosts_asked(server) == {"own.test"}
    assert "/articles/ailleurs" not in server.paths()


def test_url_host_normalises() -> None:
    assert url_host("HTTP://Intranet.Example:8080/feed") == "intranet.example"
    assert url_host("/relative") is None
    assert url_host("file:///etc/passwd") is None


def test_sitemap_pages_and_child_sitemaps_on_other_hosts_are_refused(
    server: LocalServer, named_fetcher: Fetcher
) -> None:
    xml = {"Content-Type": "application/xml; charset=utf-8"}
    child_elsewhere = server.url("/child.xml", host="other.test")
    server.route(
        "/index.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{server.url('/own.xml', host='own.test')}</loc></sitemap>"
        f"<sitemap><loc>{child_elsewhere}</loc></sitemap></sitemapindex>",
        headers=xml,
    )
    own_page = server.url("/articles/chez-nous", host="own.test")
    other_page = server.url("/articles/ailleurs", host="other.test")
    server.route(
        "/own.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{own_page}</loc></url><url><loc>{other_page}</loc></url></urlset>",
        headers=xml,
    )
    server.route("/child.xml", "<urlset/>", headers=xml)
    server.route("/articles/chez-nous", "<html><body><p>Chez nous.</p></body></html>")
    server.route("/articles/ailleurs", "<html><body><p>Ailleurs.</p></body></html>")
    source = Source(
        kind=SourceKind.SITEMAP,
        location=server.url("/index.xml", host="own.test"),
        allow_private=True,
    )
    settings = FetchSettings(timeout=2.0, per_host_interval=0.0)
    items = list(collect(source, named_fetcher, InMemoryFetchMemory(), settings))
    assert [i.url for i in items if isinstance(i, RawItem)] == [own_page]
    refusals = {i.item: i.reason for i in items if isinstance(i, Rejection)}
    assert refusals == {child_elsewhere: "private_address", other_page: "private_address"}
    assert hosts_asked(server) == {"own.test"}
