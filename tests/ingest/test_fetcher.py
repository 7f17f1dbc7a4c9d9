"""The fetcher against a real HTTP server on 127.0.0.1: every gate and every bad case."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from newsdesk.config import FetchSettings
from newsdesk.ingest.addresses import check_host, forbidden_reason
from newsdesk.ingest.fetcher import Fetcher, FetchResult
from newsdesk.types import Rejection

from .httpserver import LocalServer, Route

FRENCH = "Élisabeth a reçu « un accueil chaleureux » à Besançon, où l’été fut très sec."


def ok(result: FetchResult | Rejection) -> FetchResult:
    assert isinstance(result, FetchResult), result
    return result


def rejected(result: FetchResult | Rejection, reason: str) -> Rejection:
    assert isinstance(result, Rejection), result
    assert result.reason == reason, result
    assert result.stage == "ingest"
    return result


# -- private addresses ------------------------------------------------------------------------


def test_loopback_refused_without_opt_in(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/page", "<p>hello</p>")
    refused = rejected(fetcher.fetch(url), "private_address")
    assert refused.item == url
    assert "loopback" in refused.detail
    assert server.requests == []  # nothing was sent, not even robots.txt
    assert ok(fetcher.fetch(url, allow_private=True)).content == b"<p>hello</p>"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_forbidden_addresses(address: str) -> None:
    assert forbidden_reason(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert forbidden_reason(address) is None


def test_every_resolved_address_is_checked() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.7"]

    refusal, error = check_host("news.example", 443, resolver)
    assert error is None
    assert refusal is not None and "10.0.0.7" in refusal


def test_connected_address_is_checked_again(server: LocalServer, settings: FetchSettings) -> None:
    # A resolver that lies: the pre-check sees a public address, but the URL names 127.0.0.1;
    # the connection is refused before a byte of the request is sent.
    url = server.route("/page", "<p>secret admin page</p>")
    with Fetcher(settings, resolver=lambda host, port: ["93.184.216.34"]) as fetcher:
        refused = rejected(fetcher.fetch(url), "private_address")
    assert "connection time" in refused.detail
    assert server.paths() == []


def test_dns_rebinding_never_reaches_the_private_address(
    server: LocalServer, settings: FetchSettings
) -> None:
    # DNS rebinding: every pre-check sees a public address, every look-up made to connect
    # sees 127.0.0.1 (the resolver tells them apart by who is asking: the fetcher names the
    # thread each lookup runs in, see pinning.bounded_resolver).
    server.route("/page", "<p>secret admin page</p>")

    def rebinding(host: str, port: int) -> list[str]:
        connecting = threading.current_thread().name.startswith("newsdesk-connect ")
        return ["127.0.0.1"] if connecting else ["93.184.216.34"]

    with Fetcher(settings, resolver=rebinding) as fetcher:
        url = f"http://rebind.example:{server.url('/').split(':')[2].split('/')[0]}/page"
        refused = rejected(fetcher.fetch(url), "private_address")
    assert "127.0.0.1" in refused.detail
    assert server.paths() == []  # nothing was sent, not even robots.txt


def test_the_connection_goes_to_the_checked_address(
    server: LocalServer, settings: FetchSettings
) -> None:
    # "pinned.example" exists only in this resolver: the page arrives, so the client connected
    # to the address the fetcher resolved and checked, not to one it looked up on its own.
    server.route("/page", "<p>hello</p>")
    port = server.url("/").split(":")[2].split("/")[0]
    with Fetcher(settings, resolver=lambda host, port: ["127.0.0.1"]) as fetcher:
        result = fetcher.fetch(f"http://pinned.example:{port}/page", allow_private=True)
    assert not isinstance(result, Rejection), result
    assert result.status == 200 and b"hello" in result.content


def test_invalid_urls(fetcher: Fetcher) -> None:
    for url in ("ftp://example.com/file", "not a url", "http://", "file:///etc/passwd"):
        rejected(fetcher.fetch(url, allow_private=True), "invalid_url")


def test_unresolvable_host_is_a_connection_error(fetcher: Fetcher) -> None:
    rejected(fetcher.fetch("http://no-such-host.invalid/"), "connection_error")


# -- robots.txt -------------------------------------------------------------------------------


def test_user_agent_and_robots_cached_per_origin(server: LocalServer, fetcher: Fetcher) -> None:
    server.route(
        "/robots.txt",
        "User-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    for path in ("/a", "/b"):
        ok(fetcher.fetch(server.route(path, "<p>x</p>"), allow_private=True))
    assert server.paths() == ["/robots.txt", "/a", "/b"]
    agent = server.requests[1].headers["user-agent"]
    assert agent == FetchSettings().user_agent and agent.startswith("newsdesk/")


def test_robots_disallow(server: LocalServer, fetcher: Fetcher) -> None:
    server.route(
        "/robots.txt",
        "User-agent: *\nAllow: /\n\nUser-agent: newsdesk\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    url = server.route("/private/page", "<p>x</p>")
    rejected(fetcher.fetch(url, allow_private=True), "robots_disallowed")
    assert "/private/page" not in server.paths()
    ok(fetcher.fetch(server.route("/public", "<p>y</p>"), allow_private=True))


def test_robots_404_allows_all_and_500_disallows(server: LocalServer) -> None:
    url = server.route("/page", "<p>x</p>")
    with Fetcher(FetchSettings(timeout=2.0, per_host_interval=0)) as fetcher:
        ok(fetcher.fetch(url, allow_private=True))  # no robots route: 404
    server.route("/robots.txt", "oops", status=503)
    with Fetcher(FetchSettings(timeout=2.0, per_host_interval=0)) as fetcher:
        rejected(fetcher.fetch(url, allow_private=True), "robots_unavailable")


def test_robots_ignored_when_disabled(server: LocalServer) -> None:
    server.route(
        "/robots.txt", "User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"}
    )
    url = server.route("/page", "<p>x</p>")
    settings = FetchSettings(timeout=2.0, per_host_interval=0, respect_robots=False)
    with Fetcher(settings) as fetcher:
        ok(fetcher.fetch(url, allow_private=True))
    assert "/robots.txt" not in server.paths()


# -- redirects --------------------------------------------------------------------------------


def test_redirect_followed(server: LocalServer, fetcher: Fetcher) -> None:
    final = server.route("/final", "<p>arrived</p>")
    start = server.route("/start", status=301, headers={"Location": "/middle"})
    server.route("/middle", status=302, headers={"Location": final})
    result = ok(fetcher.fetch(start, allow_private=True))
    assert result.url == final
    assert result.redirects == (start, server.url("/middle"))
    assert result.content == b"<p>arrived</p>"


def test_every_redirect_hop_is_checked(server: LocalServer, fetcher: Fetcher) -> None:
    server.route(
        "/robots.txt",
        "User-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    server.route("/private/x", "<p>hidden</p>")
    start = server.route("/go", status=302, headers={"Location": "/private/x"})
    rejected(fetcher.fetch(start, allow_private=True), "robots_disallowed")
    assert "/private/x" not in server.paths()
    server.route("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    rejected(fetcher.fetch(server.url("/to-file"), allow_private=True), "invalid_url")


def test_redirect_loop(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/a", status=302, headers={"Location": "/b"})
    server.route("/b", status=302, headers={"Location": "/a"})
    rejected(fetcher.fetch(server.url("/a"), allow_private=True), "redirect_loop")


def test_too_many_redirects(server: LocalServer, fetcher: Fetcher) -> None:
    for i in range(10):
        server.route(f"/r{i}", status=307, headers={"Location": f"/r{i + 1}"})
    server.route("/r10", "<p>end</p>")
    refused = rejected(fetcher.fetch(server.url("/r0"), allow_private=True), "too_many_redirects")
    assert "more than 5" in refused.detail
    assert "/r6" not in server.paths()  # gave up after the fifth redirect


# -- HTTP errors and timeouts -----------------------------------------------------------------


def test_http_errors(server: LocalServer, fetcher: Fetcher) -> None:
    rejected(
        fetcher.fetch(server.route("/boom", "error", status=500), allow_private=True), "http_500"
    )
    rejected(fetcher.fetch(server.url("/missing"), allow_private=True), "http_404")


def test_server_that_hangs(server: LocalServer) -> None:
    def hang(handler: BaseHTTPRequestHandler) -> None:
        server.stop.wait(10)

    server.routes["/slow"] = Route(handler=hang)
    with Fetcher(FetchSettings(timeout=0.3, per_host_interval=0)) as fetcher:
        started = time.monotonic()
        rejected(fetcher.fetch(server.url("/slow"), allow_private=True), "timeout")
    assert time.monotonic() - started < 5  # gave up on its own, long before the server


# -- size cap ---------------------------------------------------------------------------------

FIFTY_MB = 50 * 1024 * 1024


def _streamer(server: LocalServer, declare_length: bool):  # type: ignore[no-untyped-def]
    def stream(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            handler.send_header("Content-Length", str(FIFTY_MB))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = (b"<p>" + b"la mer " * 9000 + b"</p>\n")[:65536]
        sent = 0
        try:
            while sent < FIFTY_MB:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            server.bytes_sent[handler.path] = sent

    return stream


def test_fifty_megabyte_stream_is_cut_at_the_cap(server: LocalServer) -> None:
    server.routes["/huge"] = Route(handler=_streamer(server, declare_length=False))
    with Fetcher(FetchSettings(timeout=5.0, per_host_interval=0)) as fetcher:  # default 10 MB cap
        refused = rejected(fetcher.fetch(server.url("/huge"), allow_private=True), "too_large")
    assert "10000000" in refused.detail
    deadline = time.monotonic() + 5
    while "/huge" not in server.bytes_sent and time.monotonic() < deadline:
        time.sleep(0.01)
    # The client stopped reading at the cap: the server could not push the whole 50 MB.
    assert server.bytes_sent["/huge"] < FIFTY_MB // 2


def test_declared_length_over_the_cap_is_refused_before_reading(server: LocalServer) -> None:
    server.routes["/declared"] = Route(handler=_streamer(server, declare_length=True))
    with Fetcher(FetchSettings(timeout=5.0, per_host_interval=0, max_bytes=1_000_000)) as fetcher:
        refused = rejected(fetcher.fetch(server.url("/declared"), allow_private=True), "too_large")
    assert "Content-Length" in refused.detail


# -- binary content ---------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_binary_content(server: LocalServer, fetcher: Fetcher) -> None:
    typed = server.route("/img", PNG, headers={"Content-Type": "image/png"})
    rejected(fetcher.fetch(typed, allow_private=True), "binary_content")
    untyped = server.route("/blob", PNG * 10, headers={"Content-Type": "application/octet-stream"})
    rejected(fetcher.fetch(untyped, allow_private=True), "binary_content")
    lying = server.route(
        "/nul", b"<html>\x00\x01\x02\x00</html>", headers={"Content-Type": "text/html"}
    )
    rejected(fetcher.fetch(lying, allow_private=True), "binary_content")


def test_gzip_transfer_encoding_is_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    body = f"<p>{FRENCH}</p>".encode()
    url = server.route(
        "/gz",
        gzip.compress(body),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html"},
    )
    assert ok(fetcher.fetch(url, allow_private=True)).content == body


# -- charsets ---------------------------------------------------------------------------------


def _page(text: str) -> str:
    return f"<html><head><title>t</title></head><body><p>{text}</p><p>{text}</p></body></html>"


def test_header_says_utf8_but_bytes_are_cp1252(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route(
        "/liar",
        _page(FRENCH).encode("cp1252"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    result = ok(fetcher.fetch(url, allow_private=True))
    assert result.encoding != "utf-8"
    assert FRENCH in result.content.decode(result.encoding or "")


def test_header_says_latin1_but_bytes_are_utf8(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route(
        "/liar2",
        _page(FRENCH).encode("utf-8"),
        headers={"Content-Type": "text/html; charset=ISO-8859-1"},
    )
    result = ok(fetcher.fetch(url, allow_private=True))
    assert result.encoding == "utf-8"
    assert FRENCH in result.content.decode(result.encoding)


def test_meta_charset_when_the_header_has_none(server: LocalServer, fetcher: Fetcher) -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head><body><p>' + FRENCH + "</p></body></html>"
    )
    url = server.route("/meta", page.encode("cp1252"), headers={"Content-Type": "text/html"})
    result = ok(fetcher.fetch(url, allow_private=True))
    assert result.encoding == "cp1252"
    assert FRENCH in result.content.decode(result.encoding)


def test_content_is_kept_as_received(server: LocalServer, fetcher: Fetcher) -> None:
    raw = _page(FRENCH).encode("cp1252")
    url = server.route("/raw", raw, headers={"Content-Type": "text/html; charset=utf-8"})
    assert ok(fetcher.fetch(url, allow_private=True)).content == raw


# -- conditional GET --------------------------------------------------------------------------


def test_etag_round_trip(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/feed", "<rss/>", etag='"v1"')
    first = ok(fetcher.fetch(url, allow_private=True))
    assert first.etag == '"v1"' and not first.not_modified
    second = ok(fetcher.fetch(url, allow_private=True, etag=first.etag))
    assert second.not_modified and second.status == 304 and second.content == b""
    assert server.requests[-1].headers["if-none-match"] == '"v1"'


def test_last_modified_round_trip(server: LocalServer, fetcher: Fetcher) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    url = server.route("/page", "<p>x</p>", last_modified=stamp)
    first = ok(fetcher.fetch(url, allow_private=True))
    assert first.last_modified == stamp
    second = ok(fetcher.fetch(url, allow_private=True, last_modified=stamp))
    assert second.not_modified
    assert server.requests[-1].headers["if-modified-since"] == stamp


# -- rate limit -------------------------------------------------------------------------------


class FakeClock:
    """Time that only moves when the fetcher sleeps: the recorded times are exact."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_per_host_interval(server: LocalServer) -> None:
    clock = FakeClock()
    server.clock = clock  # the server stamps each request with the same clock
    settings = FetchSettings(timeout=2.0, per_host_interval=1.5)
    with Fetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        for path in ("/1", "/2", "/3"):
            ok(fetcher.fetch(server.route(path, "<p>x</p>"), allow_private=True))
        times = [r.at for r in server.requests]  # robots.txt, /1, /2, /3: all on one host
        assert [round(b - a, 6) for a, b in zip(times, times[1:], strict=False)] == [1.5, 1.5, 1.5]
        # Another host name is another host: its first request (robots.txt) does not wait.
        ok(fetcher.fetch(server.url("/1", host="localhost"), allow_private=True))
    other = [r.at for r in server.requests[4:]]
    assert [r.headers["host"].split(":")[0] for r in server.requests[4:]] == ["localhost"] * 2
    assert other[0] == times[-1]
    assert other[1] - other[0] == pytest.approx(1.5)


def test_crawl_delay_raises_the_interval(server: LocalServer) -> None:
    clock = FakeClock()
    server.clock = clock
    server.route(
        "/robots.txt", "User-agent: *\nCrawl-delay: 4\n", headers={"Content-Type": "text/plain"}
    )
    with Fetcher(
        FetchSettings(timeout=2.0, per_host_interval=1.0), clock=clock, sleep=clock.sleep
    ) as fetcher:
        ok(fetcher.fetch(server.route("/1", "<p>x</p>"), allow_private=True))
        ok(fetcher.fetch(server.route("/2", "<p>y</p>"), allow_private=True))
    times = [r.at for r in server.requests]
    assert times[2] - times[1] == pytest.approx(4.0)
